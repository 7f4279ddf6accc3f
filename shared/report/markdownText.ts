/**
 * User text inside the Markdown reports: one line, shown as written, never markup. Everything
 * someone typed (note, comment, name, title, theme, tag) goes through `inline` or `excerpt`, so it
 * cannot open a heading, list, quote or code block, emphasis, a link or image, raw HTML, or an
 * autolink (`https://…`, `www.…`, `name@host`, `host.tld`). Characters are backslash-escaped
 * (CommonMark), not removed: the rendered report shows exactly what was typed, and the raw file
 * stays readable.
 */

/** Whitespace (line breaks included) collapsed to single spaces: user text never spans lines. */
export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Inline punctuation that opens Markdown or HTML syntax anywhere in a line (& only before an entity). */
const INLINE_SPECIAL = /[\\`*_[\]<>~|]|&(?=#?[A-Za-z0-9]+;)/g;
/** Block syntax when the text starts a line or a list item: heading, list, quote, rule, setext, fence. */
const BLOCK_START = /^([#+\-=>]|\d{1,9}(?=[.)]))/;

export function escapeMarkdown(text: string): string {
  let s = text.replace(INLINE_SPECIAL, '\\$&');
  // Autolinks of extended Markdown (GFM, linkify): a scheme's "://", "www.", e-mail "@", "host.tld".
  s = s.replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, '$1\\:');
  s = s.replace(/([\p{L}\p{N}])\.(?=\p{L})/gu, '$1\\.');
  s = s.replace(/@/g, '\\@');
  const block = BLOCK_START.exec(s);
  if (block) s = /^\d/.test(block[1]) ? `${block[1]}\\${s.slice(block[1].length)}` : `\\${s}`;
  return s;
}

/** One line of Markdown from any user text: whitespace collapsed, syntax escaped. */
export const inline = (text: string) => escapeMarkdown(collapse(text));

/** A short quote of user text for references ("sur « … »"), escaped after cutting. */
export const excerpt = (text: string, max = 60) => {
  const t = collapse(text);
  return escapeMarkdown(t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`);
};
