import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';

/** Pan and zoom of the canvas: screen = canvas × scale + (x, y). */
export interface CanvasTransform {
  x: number;
  y: number;
  scale: number;
}

/** A rectangle in canvas units. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 4;
/** Fitting never zooms in past 100 %: a board of three notes should not fill the screen with them. */
export const FIT_MAX_SCALE = 1;
/**
 * A first open never zooms out further than this: a 5,000-note board shows its middle as light
 * tiles (a few hundred elements) instead of every note at once; Shift+1 still fits everything.
 */
export const FIRST_OPEN_MIN_SCALE = 0.3;
/** Screen pixels left around fitted content. */
export const FIT_MARGIN_PX = 48;
export const ZOOM_STEP = 1.25;
export const DEFAULT_VIEW: CanvasTransform = { x: 0, y: 0, scale: 1 };

export const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** Zooming by `factor` around the screen point (px, py) keeps that point under the pointer. */
export function zoomAround(v: CanvasTransform, factor: number, px: number, py: number): CanvasTransform {
  const scale = clampScale(v.scale * factor);
  const k = scale / v.scale;
  return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
}

/** Zoom to an exact scale around the screen point (px, py). */
export const zoomToScale = (v: CanvasTransform, scale: number, px: number, py: number) => zoomAround(v, clampScale(scale) / v.scale, px, py);

export const panBy = (v: CanvasTransform, dx: number, dy: number): CanvasTransform => ({ ...v, x: v.x + dx, y: v.y + dy });

/** The canvas area a screen of w×h shows. */
export function visibleBox(v: CanvasTransform, w: number, h: number): Box {
  return { x0: -v.x / v.scale, y0: -v.y / v.scale, x1: (w - v.x) / v.scale, y1: (h - v.y) / v.scale };
}

export const toCanvasPoint = (v: CanvasTransform, sx: number, sy: number) => ({ x: (sx - v.x) / v.scale, y: (sy - v.y) / v.scale });

/** The box around note-sized items at the given positions, or null when there are none. */
export function notesBox(notes: Iterable<{ x: number; y: number }>): Box | null {
  let box: Box | null = null;
  for (const n of notes) {
    if (!box) box = { x0: n.x, y0: n.y, x1: n.x + NOTE_WIDTH, y1: n.y + NOTE_HEIGHT };
    else {
      box.x0 = Math.min(box.x0, n.x);
      box.y0 = Math.min(box.y0, n.y);
      box.x1 = Math.max(box.x1, n.x + NOTE_WIDTH);
      box.y1 = Math.max(box.y1, n.y + NOTE_HEIGHT);
    }
  }
  return box;
}

export const unionBox = (a: Box | null, b: Box | null): Box | null =>
  !a ? b : !b ? a : { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };

/** Whether `inner` lies wholly inside `outer`. */
export const boxWithin = (inner: Box, outer: Box) => inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;

/**
 * The view that shows `box` whole and centred on a w×h screen, never zoomed in past `maxScale`.
 * With nothing to show, the origin at 100 %. Held at `minScale`, content wider (or taller) than
 * the screen starts at its left (top) edge, where one reads from, rather than showing its middle
 * with both ends cut (a wide board on a phone).
 */
export function fitView(box: Box | null, w: number, h: number, maxScale = FIT_MAX_SCALE, minScale = MIN_SCALE): CanvasTransform {
  if (!box || w <= 0 || h <= 0) return DEFAULT_VIEW;
  const bw = Math.max(1, box.x1 - box.x0);
  const bh = Math.max(1, box.y1 - box.y0);
  const scale = Math.max(minScale, clampScale(Math.min(maxScale, (w - 2 * FIT_MARGIN_PX) / bw, (h - 2 * FIT_MARGIN_PX) / bh)));
  const place = (screen: number, start: number, size: number) =>
    Math.round(size * scale > screen - 2 * FIT_MARGIN_PX ? FIT_MARGIN_PX - start * scale : screen / 2 - (start + size / 2) * scale);
  return { scale, x: place(w, box.x0, bw), y: place(h, box.y0, bh) };
}

/** The view centred on canvas point (cx, cy) at the given scale. */
export const centreOn = (cx: number, cy: number, scale: number, w: number, h: number): CanvasTransform => ({
  scale,
  x: Math.round(w / 2 - cx * scale),
  y: Math.round(h / 2 - cy * scale),
});

export const sameView = (a: CanvasTransform, b: CanvasTransform) => a.x === b.x && a.y === b.y && a.scale === b.scale;

/** A stored view, parsed defensively (localStorage is user-editable). */
export function parseStoredView(raw: string | null): CanvasTransform | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<CanvasTransform>;
    if ([v.x, v.y, v.scale].every((n) => typeof n === 'number' && Number.isFinite(n)) && v.scale! > 0) {
      return { x: v.x!, y: v.y!, scale: clampScale(v.scale!) };
    }
  } catch {
    /* a corrupt entry is ignored: the board fits its content instead */
  }
  return null;
}

export type WheelGesture = { kind: 'zoom'; factor: number } | { kind: 'pan'; dx: number; dy: number };

const LINE_PX = 16;

/**
 * What a wheel event means, as in FigJam and Miro: a trackpad pinch (the browser reports it as a
 * wheel event with ctrlKey) or Ctrl/⌘+wheel zooms; anything else pans — two-finger scroll in both
 * directions, a mouse wheel vertically, Shift+wheel horizontally.
 */
export function wheelGesture(e: { deltaX: number; deltaY: number; deltaMode: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): WheelGesture {
  const unit = e.deltaMode === 1 ? LINE_PX : e.deltaMode === 2 ? 400 : 1;
  const dx = e.deltaX * unit;
  const dy = e.deltaY * unit;
  if (e.ctrlKey || e.metaKey) {
    // Pinches send small deltas, wheels ~100 per notch: both map to a smooth exponential factor,
    // capped so one notch never more than doubles.
    const step = Math.max(-100, Math.min(100, dy));
    return { kind: 'zoom', factor: Math.exp(-step * 0.01) };
  }
  if (e.shiftKey && dx === 0) return { kind: 'pan', dx: -dy, dy: 0 };
  return { kind: 'pan', dx: -dx, dy: -dy };
}

/**
 * The canvas rectangle a presenter sees: centred on their view centre, as wide and high as their
 * board showed (older clients sent only the zoom: then what a board of `w`×`h` shows at that zoom).
 */
export function presenterBox(view: { x: number; y: number; zoom: number; width?: number; height?: number }, w: number, h: number): Box {
  const bw = view.width ?? w / view.zoom;
  const bh = view.height ?? h / view.zoom;
  return { x0: view.x - bw / 2, y0: view.y - bh / 2, x1: view.x + bw / 2, y1: view.y + bh / 2 };
}

/**
 * The view that shows exactly `box` on a w×h screen: scaled to fit (aspect ratio kept, no margin,
 * no zoom limit but the canvas's own), centred, so every note the presenter sees is on the wall.
 */
export function fitBoxExactly(box: Box, w: number, h: number): CanvasTransform {
  if (w <= 0 || h <= 0) return DEFAULT_VIEW;
  const bw = Math.max(1, box.x1 - box.x0);
  const bh = Math.max(1, box.y1 - box.y0);
  const scale = Math.min(MAX_SCALE, Math.max(0.01, Math.min(w / bw, h / bh)));
  return { scale, x: w / 2 - ((box.x0 + box.x1) / 2) * scale, y: h / 2 - ((box.y0 + box.y1) / 2) * scale };
}
