/**
 * Turns "the textarea now says X" into the smallest single splice, so a local keystroke becomes a
 * character-level Y.Text change instead of replacing the whole text (which would clobber what
 * others type at the same time).
 */
export interface Splice {
  index: number;
  remove: number;
  insert: string;
}

export function diffText(before: string, after: string): Splice | null {
  if (before === after) return null;
  let start = 0;
  const maxStart = Math.min(before.length, after.length);
  while (start < maxStart && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a surrogate pair (emoji share their first half): widen the splice to whole characters.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Cuts `text` to at most `max` UTF-16 units without splitting an emoji. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** A Yjs text delta, as in `YTextEvent.delta`. */
export type TextDelta = Array<{ retain?: number; insert?: unknown; delete?: number }>;

/**
 * Where a caret at `index` ends up after a remote change described by `delta`: text inserted before
 * it pushes it right, text deleted before it pulls it left. Keeps the cursor of someone typing in
 * place while another person edits the same note.
 */
export function transformIndex(index: number, delta: TextDelta): number {
  let pos = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (pos > index) break;
    if (op.retain !== undefined) {
      pos += op.retain;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (pos <= index) shift += len;
    } else if (op.delete !== undefined) {
      const removed = Math.min(op.delete, Math.max(0, index - pos));
      shift -= removed;
      pos += op.delete;
    }
  }
  return Math.max(0, index + shift);
}
