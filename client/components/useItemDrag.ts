import { type KeyboardEvent, type PointerEvent, useRef, useState } from 'react';
import { useThrottledCallback } from '../sync/useThrottledCallback';

interface Options<Mode extends string, From> {
  readOnly: boolean;
  /** The board's zoom, to turn screen pixels into canvas units. */
  getScale: () => number;
  /**
   * Writes one step of a drag: `from` is the item as it stood at pointer-down, `dx`/`dy` the
   * pointer's travel since then in canvas units. Called at most once a frame, and once more at
   * the end so the final position is never dropped.
   */
  apply: (mode: Mode, from: From, dx: number, dy: number) => void;
}

/**
 * Pointer-dragging a board item (an image, a cluster frame) by a grip: the grip captures the
 * pointer, so the drag follows it off the item; the press never reaches the board (no marquee).
 * `start(mode, from)` is the grip's pointerdown handler; `handlers` go on the same grip.
 */
export function useItemDrag<Mode extends string, From>({ readOnly, getScale, apply }: Options<Mode, From>) {
  const drag = useRef<{ pointerId: number; sx: number; sy: number; mode: Mode; from: From } | null>(null);
  const [active, setActive] = useState(false);
  const write = useThrottledCallback(apply, 'frame');

  const start = (mode: Mode, from: From) => (e: PointerEvent<HTMLElement>) => {
    e.stopPropagation();
    if (readOnly || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { pointerId: e.pointerId, sx: e.clientX, sy: e.clientY, mode, from };
    setActive(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const s = getScale();
    write(d.mode, d.from, (e.clientX - d.sx) / s, (e.clientY - d.sy) / s);
  };
  const end = (e: PointerEvent<HTMLElement>) => {
    if (drag.current?.pointerId !== e.pointerId) return;
    write.flush();
    drag.current = null;
    setActive(false);
  };
  return { active, start, handlers: { onPointerMove, onPointerUp: end, onPointerCancel: end } };
}

/** The canvas-unit step an arrow key moves a focused board item by (Shift: a larger one), or null. */
export function arrowKeyDelta(e: KeyboardEvent<HTMLElement>): [number, number] | null {
  const step = e.shiftKey ? 50 : 10;
  const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  return moves[e.key] ?? null;
}
