import { describe, expect, it } from 'vitest';
import { pinchView } from '../../client/canvas/pinchView';
import { MAX_SCALE } from '../../client/canvas/viewMath';

describe('pinchView', () => {
  const start = { x: 10, y: 20, scale: 1 };

  it('doubles the scale when the fingers move twice as far apart, keeping the midpoint fixed', () => {
    const v = pinchView(start, { x: 100, y: 100 }, { x: 200, y: 100 }, { x: 50, y: 100 }, { x: 250, y: 100 });
    expect(v.scale).toBe(2);
    // The board point under the midpoint (150,100) before is still under it after.
    expect((150 - v.x) / v.scale).toBeCloseTo((150 - start.x) / start.scale);
    expect((100 - v.y) / v.scale).toBeCloseTo((100 - start.y) / start.scale);
  });

  it('pans with the midpoint when the distance does not change', () => {
    const v = pinchView(start, { x: 100, y: 100 }, { x: 200, y: 100 }, { x: 130, y: 140 }, { x: 230, y: 140 });
    expect(v).toEqual({ x: 40, y: 60, scale: 1 });
  });

  it('stays within the zoom limits and survives fingers on the same spot', () => {
    expect(pinchView(start, { x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 0 }, { x: 1000, y: 0 }).scale).toBe(MAX_SCALE);
    expect(pinchView(start, { x: 5, y: 5 }, { x: 5, y: 5 }, { x: 9, y: 9 }, { x: 9, y: 9 }).scale).toBe(1);
  });
});
