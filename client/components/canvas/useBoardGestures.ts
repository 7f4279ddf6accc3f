import { useEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { noteIntersects } from '../../canvas/renderWindow';
import { panBy, wheelGesture, zoomAround } from '../../canvas/viewMath';
import type { LiveView } from './useLiveView';

export type CanvasTool = 'select' | 'hand';

/** Below this many screen pixels a press is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 3;

const isEditable = (el: Element | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** Pressing these starts their own interaction, never a marquee. */
const OWN_GESTURE = '.note, .cluster-header, .cluster-resize, button, input, select, textarea, a';

interface Args {
  canvasRef: RefObject<HTMLDivElement | null>;
  marqueeRef: RefObject<HTMLDivElement | null>;
  view: LiveView;
  tool: CanvasTool;
  notes: RefObject<ReadonlyArray<{ id: string; x: number; y: number }>>;
  onSelectBox: (ids: string[], additive: boolean) => void;
  onBackgroundClick: () => void;
}

type Gesture =
  | { kind: 'pan'; pointerId: number; startX: number; startY: number; viewX: number; viewY: number }
  | { kind: 'marquee'; pointerId: number; startX: number; startY: number; additive: boolean; moved: boolean };

/**
 * Navigation and selection on the board, as in FigJam: wheel/trackpad pans, pinch or Ctrl+wheel
 * zooms around the pointer; Space+drag, the hand tool and the middle button pan from anywhere;
 * dragging the background draws a selection rectangle, clicking it clears the selection.
 */
export function useBoardGestures({ canvasRef, marqueeRef, view, tool, notes, onSelectBox, onBackgroundClick }: Args) {
  const gesture = useRef<Gesture | null>(null);
  const [panning, setPanning] = useState(false);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const space = useRef(false);
  const { live, moveTo, commitNow } = view;

  // Wheel needs a non-passive listener to keep the page from scrolling or zooming.
  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const g = wheelGesture(e);
      if (g.kind === 'pan') moveTo(panBy(live.current, g.dx, g.dy));
      else {
        const rect = el.getBoundingClientRect();
        moveTo(zoomAround(live.current, g.factor, e.clientX - rect.left, e.clientY - rect.top));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [canvasRef, live, moveTo]);

  // Space held (outside text fields) turns any drag into a pan.
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || isEditable(document.activeElement) || (document.activeElement instanceof HTMLButtonElement)) return;
      e.preventDefault();
      space.current = true;
      setSpaceHeld(true);
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== 'Space') return;
      space.current = false;
      setSpaceHeld(false);
    };
    const blur = () => {
      space.current = false;
      setSpaceHeld(false);
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, []);

  const startPan = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = { kind: 'pan', pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, viewX: live.current.x, viewY: live.current.y };
    setPanning(true);
  };

  /** Capture phase: panning wins over whatever is under the pointer, notes included. */
  const onPointerDownCapture = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button === 1 || (e.button === 0 && (space.current || tool === 'hand'))) startPan(e);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || gesture.current) return;
    if (e.target instanceof Element && e.target.closest(OWN_GESTURE)) return;
    // No preventDefault: it would cost the double-click that adds a note (text selection is off by CSS).
    (document.activeElement as HTMLElement | null)?.blur?.();
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = { kind: 'marquee', pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, additive: e.shiftKey || e.metaKey || e.ctrlKey, moved: false };
  };

  const marqueeBox = (g: { startX: number; startY: number }, x: number, y: number) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { left: Math.min(g.startX, x) - rect.left, top: Math.min(g.startY, y) - rect.top, width: Math.abs(x - g.startX), height: Math.abs(y - g.startY) };
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!g || g.pointerId !== e.pointerId) return;
    if (g.kind === 'pan') {
      moveTo({ ...live.current, x: g.viewX + e.clientX - g.startX, y: g.viewY + e.clientY - g.startY });
      return;
    }
    if (!g.moved && Math.hypot(e.clientX - g.startX, e.clientY - g.startY) < DRAG_THRESHOLD_PX) return;
    g.moved = true;
    const el = marqueeRef.current;
    if (el) {
      const b = marqueeBox(g, e.clientX, e.clientY);
      Object.assign(el.style, { display: 'block', left: `${b.left}px`, top: `${b.top}px`, width: `${b.width}px`, height: `${b.height}px` });
    }
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!g || g.pointerId !== e.pointerId) return;
    gesture.current = null;
    if (g.kind === 'pan') {
      setPanning(false);
      commitNow();
      return;
    }
    if (marqueeRef.current) marqueeRef.current.style.display = 'none';
    if (!g.moved) {
      if (!g.additive) onBackgroundClick();
      return;
    }
    const a = view.toCanvas(Math.min(g.startX, e.clientX), Math.min(g.startY, e.clientY));
    const b = view.toCanvas(Math.max(g.startX, e.clientX), Math.max(g.startY, e.clientY));
    const box = { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
    onSelectBox(
      notes.current.filter((n) => noteIntersects(n, box)).map((n) => n.id),
      g.additive,
    );
  };

  return {
    panning,
    grabbing: spaceHeld || tool === 'hand',
    handlers: { onPointerDownCapture, onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
  };
}
