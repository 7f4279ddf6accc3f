import { useEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { noteIntersects } from '../../canvas/renderWindow';
import { pinchView, type Point2 } from '../../canvas/pinchView';
import { panBy, wheelGesture, zoomAround, type CanvasTransform } from '../../canvas/viewMath';
import type { LiveView } from './useLiveView';

export type CanvasTool = 'select' | 'hand';

/** Below this many screen pixels a press is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 3;

const isEditable = (el: Element | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

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
  | { kind: 'pinch'; ids: [number, number]; start: [Point2, Point2]; view: CanvasTransform }
  | { kind: 'marquee'; pointerId: number; startX: number; startY: number; additive: boolean; moved: boolean };

/**
 * Navigation and selection on the board, as in FigJam: wheel/trackpad pans, pinch or Ctrl+wheel
 * zooms around the pointer; Space+drag, the hand tool and the middle button pan from anywhere;
 * dragging the background draws a selection rectangle, clicking it clears the selection.
 * On a touch screen one finger on the background pans and two fingers pinch-zoom (anywhere).
 */
export function useBoardGestures({ canvasRef, marqueeRef, view, tool, notes, onSelectBox, onBackgroundClick }: Args) {
  const gesture = useRef<Gesture | null>(null);
  const [panning, setPanning] = useState(false);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const space = useRef(false);
  const { live, moveTo, commitNow } = view;
  /** Fingers on the board (touch pointers only), in board-element pixels. */
  const touches = useRef(new Map<number, Point2>());
  const local = (e: PointerEvent<HTMLDivElement>): Point2 => {
    const rect = canvasRef.current?.getBoundingClientRect();
    return { x: e.clientX - (rect?.left ?? 0), y: e.clientY - (rect?.top ?? 0) };
  };

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
      if (e.code !== 'Space' || e.repeat || isEditable(document.activeElement) || document.activeElement instanceof HTMLButtonElement) return;
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
    if (e.pointerType === 'touch') {
      touches.current.set(e.pointerId, local(e));
      if (touches.current.size === 2) {
        // A second finger: whatever the first one started becomes a pinch.
        e.preventDefault();
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        if (marqueeRef.current) marqueeRef.current.style.display = 'none';
        const [[ia, a], [ib, b]] = [...touches.current.entries()];
        gesture.current = { kind: 'pinch', ids: [ia, ib], start: [a, b], view: { ...live.current } };
        setPanning(true);
        return;
      }
    }
    if (e.button === 1 || (e.button === 0 && (space.current || tool === 'hand'))) startPan(e);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || gesture.current) return;
    if (e.target instanceof Element && e.target.closest(OWN_GESTURE)) return;
    // One finger on the background moves the board, as in any map; the rectangle is for mice and pens.
    if (e.pointerType === 'touch') return startPan(e);
    // No preventDefault: it would cost the double-click that adds a note (text selection is off by CSS).
    (document.activeElement as HTMLElement | null)?.blur?.();
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = {
      kind: 'marquee',
      pointerId: e.pointerId,
      startX: e.clientX,
      startY: e.clientY,
      additive: e.shiftKey || e.metaKey || e.ctrlKey,
      moved: false,
    };
  };

  const marqueeBox = (g: { startX: number; startY: number }, x: number, y: number) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { left: Math.min(g.startX, x) - rect.left, top: Math.min(g.startY, y) - rect.top, width: Math.abs(x - g.startX), height: Math.abs(y - g.startY) };
  };

  /**
   * Capture phase, while two fingers pinch: the moves and the lifts are the board's alone — a finger
   * that first landed on a note must not drag it (or open it for editing) once the pinch began.
   */
  const onPointerMoveCapture = (e: PointerEvent<HTMLDivElement>) => {
    if (e.pointerType === 'touch' && touches.current.has(e.pointerId)) touches.current.set(e.pointerId, local(e));
    const g = gesture.current;
    if (g?.kind !== 'pinch' || !g.ids.includes(e.pointerId)) return;
    e.stopPropagation();
    const a = touches.current.get(g.ids[0]);
    const b = touches.current.get(g.ids[1]);
    if (a && b) moveTo(pinchView(g.view, g.start[0], g.start[1], a, b));
  };
  const onPointerUpCapture = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (g?.kind === 'pinch' && g.ids.includes(e.pointerId)) {
      e.stopPropagation();
      onPointerUp(e);
    } else if (e.pointerType === 'touch' && !g) touches.current.delete(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!g || g.kind === 'pinch' || g.pointerId !== e.pointerId) return;
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
    touches.current.delete(e.pointerId);
    const g = gesture.current;
    if (g?.kind === 'pinch') {
      if (!g.ids.includes(e.pointerId)) return;
      // Lifting one finger ends the pinch; the other does nothing until it is lifted too.
      gesture.current = null;
      setPanning(false);
      commitNow();
      return;
    }
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
    handlers: {
      onPointerDownCapture,
      onPointerDown,
      onPointerMoveCapture,
      onPointerMove,
      onPointerUpCapture,
      onPointerUp,
      onPointerCancelCapture: onPointerUpCapture,
      onPointerCancel: onPointerUp,
    },
  };
}
