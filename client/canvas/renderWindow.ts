import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { visibleBox, type Box, type CanvasTransform } from './viewMath';

/**
 * Virtualisation of big boards: only the notes inside a window around the visible area are
 * rendered, and far away they are drawn as light tiles. Pure functions of the view.
 */

/**
 * The rendered window extends the visible area by this fraction of its size on every side (at
 * 100 % and closer): panning a screen's width rarely needs a re-render.
 */
const WINDOW_MARGIN = 0.5;
/**
 * Just above the tile zoom the screen already holds hundreds of editable notes, and a full margin
 * would mount four times as many (a 5,000-note board: ~940 at 46 %, a frame of several hundred ms
 * when a zoom crosses the threshold). The margin shrinks with the zoom down to this.
 */
const MIN_WINDOW_MARGIN = 0.15;
/** A window this many times larger than the visible area (after zooming in) is recomputed. */
const WINDOW_MAX_RATIO = 9;
/** Below this zoom, notes are drawn as light tiles (colour and text) instead of editable notes. */
export const LITE_BELOW_SCALE = 0.45;
/** Below this zoom, tiles drop their text too (it would be a few pixels high): one element per note. */
const BARE_BELOW_SCALE = 0.3;
/** Zoomed out, the margin shrinks: the visible area already holds many notes. */
const LITE_WINDOW_MARGIN = 0.15;

export interface RenderWindow extends Box {
  lite: boolean;
  bare: boolean;
}

export function makeWindow(v: CanvasTransform, w: number, h: number): RenderWindow {
  const r = visibleBox(v, w, h);
  const lite = v.scale < LITE_BELOW_SCALE;
  const margin = lite ? LITE_WINDOW_MARGIN : windowMargin(v.scale);
  const mx = (r.x1 - r.x0) * margin;
  const my = (r.y1 - r.y0) * margin;
  return { x0: r.x0 - mx, y0: r.y0 - my, x1: r.x1 + mx, y1: r.y1 + my, lite, bare: v.scale < BARE_BELOW_SCALE };
}

/** The margin of editable notes' window at this zoom: the full margin from 80 %, less below. */
export const windowMargin = (scale: number) => Math.min(WINDOW_MARGIN, Math.max(MIN_WINDOW_MARGIN, scale - 0.3));

/** Whether the rendered window no longer covers the visible area (or is far too large for it). */
export function windowStale(win: RenderWindow, v: CanvasTransform, w: number, h: number): boolean {
  if (win.lite !== v.scale < LITE_BELOW_SCALE || win.bare !== v.scale < BARE_BELOW_SCALE) return true;
  const r = visibleBox(v, w, h);
  if (r.x0 < win.x0 || r.y0 < win.y0 || r.x1 > win.x1 || r.y1 > win.y1) return true;
  return (win.x1 - win.x0) * (win.y1 - win.y0) > WINDOW_MAX_RATIO * (r.x1 - r.x0) * (r.y1 - r.y0);
}

export const noteIntersects = (n: { x: number; y: number }, r: Box) => n.x + NOTE_WIDTH >= r.x0 && n.x <= r.x1 && n.y + NOTE_HEIGHT >= r.y0 && n.y <= r.y1;
