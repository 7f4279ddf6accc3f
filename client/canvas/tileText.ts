/**
 * The text a far-away tile shows: the start of its note's text, cut to what fits the tile's box at
 * the tile's font (200×150, 15 px, six lines). Tiles do not clip their content — each clip is a
 * paint property node of its own, and hundreds of them made every frame of a pan re-layerize the
 * board — so the text must never be taller than the note.
 */
export const TILE_TEXT_CHARS = 110;
export const TILE_TEXT_LINES = 6;

export function tileText(text: string): string {
  const lines = text.split('\n');
  let cut = lines.length > TILE_TEXT_LINES ? lines.slice(0, TILE_TEXT_LINES).join('\n') : text;
  if (cut.length > TILE_TEXT_CHARS) cut = cut.slice(0, TILE_TEXT_CHARS);
  return cut === text ? text : `${cut.trimEnd()}…`;
}
