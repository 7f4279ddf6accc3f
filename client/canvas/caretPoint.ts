/**
 * Where a character index of a textarea is drawn, in the textarea's own layout pixels (before any CSS
 * transform of the board), by laying the text out again in a hidden copy with the same box and font —
 * a textarea has no API for it. Used to draw other people's carets over a note's text.
 */
const COPIED = [
  'boxSizing',
  'width',
  'height',
  'overflowX',
  'overflowY',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderStyle',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'fontStretch',
  'fontSize',
  'fontSizeAdjust',
  'lineHeight',
  'fontFamily',
  'textAlign',
  'textTransform',
  'textIndent',
  'letterSpacing',
  'wordSpacing',
  'tabSize',
  'overflowWrap',
  'wordBreak',
] as const;

export interface CaretPoint {
  /** From the textarea's top-left corner (its border box), in CSS pixels of its own layout. */
  left: number;
  top: number;
  height: number;
}

export function caretPoint(textarea: HTMLTextAreaElement, index: number): CaretPoint {
  const style = getComputedStyle(textarea);
  const mirror = document.createElement('div');
  for (const prop of COPIED) mirror.style[prop] = style[prop];
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.overflow = 'hidden';
  const value = textarea.value;
  const at = Math.max(0, Math.min(index, value.length));
  mirror.textContent = value.slice(0, at);
  const marker = document.createElement('span');
  // Something to lay out even at the very end of the text.
  marker.textContent = value.slice(at) || '.';
  mirror.appendChild(marker);
  document.body.appendChild(mirror);
  const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.25;
  const point = { left: marker.offsetLeft, top: marker.offsetTop - textarea.scrollTop, height: lineHeight };
  mirror.remove();
  return point;
}
