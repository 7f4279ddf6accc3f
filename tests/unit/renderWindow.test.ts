import { describe, expect, it } from 'vitest';
import { LITE_BELOW_SCALE, makeWindow, noteIntersects, windowStale } from '../../client/canvas/renderWindow';
import { visibleBox } from '../../client/canvas/viewMath';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';

const W = 1920;
const H = 1080;
const area = (b: { x0: number; y0: number; x1: number; y1: number }) => (b.x1 - b.x0) * (b.y1 - b.y0);
/** Notes a window holds on a dense board (one every 230 × 180 units, as in the benchmark). */
const notesIn = (b: { x0: number; y0: number; x1: number; y1: number }) => {
  let count = 0;
  for (let x = -20_000; x < 20_000; x += 230) for (let y = -20_000; y < 20_000; y += 180) if (noteIntersects({ x, y }, b)) count++;
  return count;
};

describe('the render window of a big board', () => {
  it('covers the visible area with a margin, editable notes from the tile zoom up', () => {
    for (const scale of [0.46, 0.6, 1, 2]) {
      const v = { x: 137, y: -42, scale };
      const win = makeWindow(v, W, H);
      const seen = visibleBox(v, W, H);
      expect(win.lite).toBe(false);
      expect(win.x0 < seen.x0 && win.y0 < seen.y0 && win.x1 > seen.x1 && win.y1 > seen.y1).toBe(true);
      expect(windowStale(win, v, W, H)).toBe(false);
    }
  });

  it('just above the tile zoom, mounts about as many editable notes as the screen shows, not four times as many', () => {
    const v = { x: 0, y: 0, scale: LITE_BELOW_SCALE + 0.01 };
    const win = makeWindow(v, W, H);
    const onScreen = notesIn(visibleBox(v, W, H));
    expect(area(win) / area(visibleBox(v, W, H))).toBeLessThan(1.8);
    expect(notesIn(win)).toBeLessThan(onScreen * 2);
    // At 100 % the full margin: a pan of half a screen needs no re-render.
    const at100 = { x: 0, y: 0, scale: 1 };
    expect(area(makeWindow(at100, W, H)) / area(visibleBox(at100, W, H))).toBeCloseTo(4, 5);
    expect(windowStale(makeWindow(at100, W, H), { ...at100, x: -W / 2 + 10 }, W, H)).toBe(false);
  });

  it('is stale once the view leaves it, when the zoom crosses the tile threshold, or when it is far too large', () => {
    const v = { x: 0, y: 0, scale: 1 };
    const win = makeWindow(v, W, H);
    expect(windowStale(win, { ...v, x: -W }, W, H)).toBe(true);
    expect(windowStale(win, { ...v, scale: LITE_BELOW_SCALE - 0.01 }, W, H)).toBe(true);
    expect(windowStale(win, { ...v, scale: 4 }, W, H)).toBe(true);
    const far = makeWindow({ x: 0, y: 0, scale: 0.35 }, W, H);
    expect(far.lite).toBe(true);
    expect(far.bare).toBe(false);
    expect(makeWindow({ x: 0, y: 0, scale: 0.25 }, W, H).bare).toBe(true);
  });

  it('a note touching the window edge counts as inside', () => {
    const box = { x0: 0, y0: 0, x1: 100, y1: 100 };
    expect(noteIntersects({ x: -NOTE_WIDTH, y: 0 }, box)).toBe(true);
    expect(noteIntersects({ x: -NOTE_WIDTH - 1, y: 0 }, box)).toBe(false);
    expect(noteIntersects({ x: 0, y: 100 + 1 }, box)).toBe(false);
    expect(noteIntersects({ x: 0, y: -NOTE_HEIGHT }, box)).toBe(true);
  });
});
