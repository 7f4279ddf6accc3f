import { clampScale, type CanvasTransform } from './viewMath';

export interface Point2 {
  x: number;
  y: number;
}

/**
 * The view during a two-finger pinch: the scale follows the change of distance between the fingers,
 * and the board point that was under their midpoint at the start stays under their midpoint now
 * (so pinching also pans, as in any map). Points are in board-element pixels.
 */
export function pinchView(start: CanvasTransform, a0: Point2, b0: Point2, a1: Point2, b1: Point2): CanvasTransform {
  const d0 = Math.hypot(b0.x - a0.x, b0.y - a0.y);
  const d1 = Math.hypot(b1.x - a1.x, b1.y - a1.y);
  const scale = d0 > 0 ? clampScale(start.scale * (d1 / d0)) : start.scale;
  const m0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
  const m1 = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
  const px = (m0.x - start.x) / start.scale;
  const py = (m0.y - start.y) / start.scale;
  return { scale, x: m1.x - px * scale, y: m1.y - py * scale };
}
