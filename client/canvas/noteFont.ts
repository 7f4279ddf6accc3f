/**
 * Text always fits its sticky note, as in FigJam: short text is large, longer text gets a smaller
 * font instead of being clipped or scrolling. A first guess from the length (no layout read); the
 * note then steps down while its text still overflows (fitFontStep).
 */
export const NOTE_FONT_MAX = 20;
export const NOTE_FONT_MIN = 9;

/** Text area of a note in canvas units (note minus padding, kind label and footer). */
const TEXT_W = 176;
const TEXT_H = 92;
const LINE_HEIGHT = 1.25;
/** Average glyph width of the UI font relative to its size. */
const GLYPH = 0.52;

export function estimateNoteFont(text: string, height = TEXT_H): number {
  if (!text) return NOTE_FONT_MAX;
  for (let size = NOTE_FONT_MAX; size > NOTE_FONT_MIN; size--) {
    const perLine = Math.max(1, Math.floor(TEXT_W / (GLYPH * size)));
    const lines = text.split('\n').reduce((sum, para) => sum + Math.max(1, Math.ceil(para.length / perLine)), 0);
    if (lines * LINE_HEIGHT * size <= height) return size;
  }
  return NOTE_FONT_MIN;
}

/** The next smaller size while the text overflows, or null when it fits (or cannot shrink further). */
export const fitFontStep = (size: number, overflows: boolean): number | null => (overflows && size > NOTE_FONT_MIN ? size - 1 : null);
