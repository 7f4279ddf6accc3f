import { describe, expect, it } from 'vitest';
import {
  FIT_MARGIN_PX,
  MAX_SCALE,
  boxWithin,
  fitBoxExactly,
  fitView,
  notesBox,
  parseStoredView,
  presenterBox,
  visibleBox,
  wheelGesture,
  zoomAround,
} from '../../client/canvas/viewMath';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';

const wheel = (o: Partial<Parameters<typeof wheelGesture>[0]>) =>
  wheelGesture({ deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false, ...o });

describe('canvas view math', () => {
  it('pans on a two-finger scroll and a mouse wheel, sideways with Shift; zooms on pinch or Ctrl+wheel', () => {
    expect(wheel({ deltaX: 30, deltaY: -12 })).toEqual({ kind: 'pan', dx: -30, dy: 12 });
    expect(wheel({ deltaY: 100, shiftKey: true })).toEqual({ kind: 'pan', dx: -100, dy: 0 });
    expect(wheel({ deltaY: 3, deltaMode: 1 })).toEqual({ kind: 'pan', dx: -0, dy: -48 });
    const pinchOut = wheel({ deltaY: -8, ctrlKey: true });
    expect(pinchOut.kind).toBe('zoom');
    expect(pinchOut.kind === 'zoom' && pinchOut.factor).toBeGreaterThan(1);
    const wheelIn = wheel({ deltaY: 500, metaKey: true });
    expect(wheelIn.kind === 'zoom' && wheelIn.factor).toBeCloseTo(Math.exp(-1));
  });

  it('zooms around the pointer: the canvas point under it stays put', () => {
    const v = { x: 100, y: 50, scale: 1 };
    const z = zoomAround(v, 2, 300, 200);
    expect((300 - z.x) / z.scale).toBeCloseTo((300 - v.x) / v.scale);
    expect((200 - z.y) / z.scale).toBeCloseTo((200 - v.y) / v.scale);
    expect(zoomAround(v, 1000, 0, 0).scale).toBe(MAX_SCALE);
  });

  it('fits far-away content on screen, centred, never above 100 %', () => {
    const notes = [
      { x: 5000, y: 4000 },
      { x: 7000, y: 5200 },
    ];
    const box = notesBox(notes)!;
    const v = fitView(box, 1366, 600);
    const seen = visibleBox(v, 1366, 600);
    expect(seen.x0).toBeLessThanOrEqual(5000);
    expect(seen.y0).toBeLessThanOrEqual(4000);
    expect(seen.x1).toBeGreaterThanOrEqual(7000 + NOTE_WIDTH);
    expect(seen.y1).toBeGreaterThanOrEqual(5200 + NOTE_HEIGHT);
    expect(fitView(notesBox([{ x: 10, y: 10 }]), 1366, 600).scale).toBe(1);
    // The fitted content touches the margin on its tighter side.
    expect(Math.min((1366 - 2 * FIT_MARGIN_PX) / (box.x1 - box.x0), (600 - 2 * FIT_MARGIN_PX) / (box.y1 - box.y0))).toBeCloseTo(v.scale);
    expect(fitView(null, 800, 600)).toEqual({ x: 0, y: 0, scale: 1 });
  });

  it('held at its smallest zoom, shows a board too wide for the screen from its left edge, centred the other way', () => {
    // A 4,000-unit-wide strip on a phone at 30 %: 1,200 px of content on a 390 px screen.
    const box = { x0: 500, y0: 100, x1: 4500, y1: 400 };
    const v = fitView(box, 390, 700, 1, 0.3);
    expect(v.scale).toBe(0.3);
    const seen = visibleBox(v, 390, 700);
    expect(box.x0 * v.scale + v.x).toBe(FIT_MARGIN_PX);
    expect(seen.x1).toBeLessThan(box.x1);
    // Vertically it fits: centred.
    expect((box.y0 + box.y1) / 2).toBeCloseTo((seen.y0 + seen.y1) / 2, 0);
    // Too tall as well: starts at the top-left corner.
    const tall = fitView({ x0: 0, y0: -3000, x1: 4000, y1: 3000 }, 390, 700, 1, 0.3);
    expect([tall.x, tall.y]).toEqual([FIT_MARGIN_PX, FIT_MARGIN_PX + 900]);
  });

  it('tells whether one box lies wholly inside another', () => {
    const outer = { x0: 0, y0: 0, x1: 100, y1: 100 };
    expect(boxWithin({ x0: 0, y0: 10, x1: 100, y1: 90 }, outer)).toBe(true);
    expect(boxWithin({ x0: -1, y0: 10, x1: 50, y1: 90 }, outer)).toBe(false);
    expect(boxWithin({ x0: 10, y0: 10, x1: 50, y1: 101 }, outer)).toBe(false);
  });

  it('reads a stored view defensively', () => {
    expect(parseStoredView('{"x":1,"y":2,"scale":0.5}')).toEqual({ x: 1, y: 2, scale: 0.5 });
    expect(parseStoredView('{"x":"a","y":2,"scale":0.5}')).toBeNull();
    expect(parseStoredView('not json')).toBeNull();
    expect(parseStoredView(null)).toBeNull();
  });
});

describe('the presenter’s area on the wall', () => {
  it('the area a presenter sees, from its centre and size (or, from older clients, the zoom)', () => {
    expect(presenterBox({ x: 500, y: 300, zoom: 1, width: 1000, height: 600 }, 1920, 1080)).toEqual({ x0: 0, y0: 0, x1: 1000, y1: 600 });
    expect(presenterBox({ x: 0, y: 0, zoom: 2 }, 800, 400)).toEqual({ x0: -200, y0: -100, x1: 200, y1: 100 });
  });

  it('shows exactly that area on any wall: whole, centred, aspect ratio kept', () => {
    const box = { x0: 0, y0: 0, x1: 1000, y1: 600 };
    for (const [w, h] of [
      [1920, 1080],
      [1280, 720],
      [1000, 1000],
    ]) {
      const v = fitBoxExactly(box, w, h);
      const seen = visibleBox(v, w, h);
      // Every corner of the presenter's area is on the wall…
      expect(seen.x0).toBeLessThanOrEqual(box.x0 + 1e-9);
      expect(seen.y0).toBeLessThanOrEqual(box.y0 + 1e-9);
      expect(seen.x1).toBeGreaterThanOrEqual(box.x1 - 1e-9);
      expect(seen.y1).toBeGreaterThanOrEqual(box.y1 - 1e-9);
      // …and it fills the wall in one direction (no margin beyond the aspect ratio's).
      expect(Math.min(w / (box.x1 - box.x0), h / (box.y1 - box.y0))).toBeCloseTo(v.scale, 9);
      expect((seen.x0 + seen.x1) / 2).toBeCloseTo(500, 6);
      expect((seen.y0 + seen.y1) / 2).toBeCloseTo(300, 6);
    }
  });
});
