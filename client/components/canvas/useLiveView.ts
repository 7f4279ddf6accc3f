import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { makeWindow, windowStale, type RenderWindow } from '../../canvas/renderWindow';
import { sameView, toCanvasPoint, type CanvasTransform } from '../../canvas/viewMath';

const GRID = 28;
/** The dot grid never gets denser than this on screen. */
const MIN_GRID_PX = 16;
/** While a gesture lasts, the view is handed to React (cursors, follow-me, minimap) at most this often. */
const COMMIT_INTERVAL_MS = 200;

export interface LiveView {
  /** What is on screen now, ahead of React during gestures. */
  live: RefObject<CanvasTransform>;
  size: RefObject<{ w: number; h: number }>;
  win: RenderWindow;
  /** Moves the view: painted next frame, handed to React throttled. */
  moveTo: (next: CanvasTransform) => void;
  /** Hands the live view to React now (end of a gesture). */
  commitNow: () => void;
  /** Client coordinates → canvas units. */
  toCanvas: (clientX: number, clientY: number) => { x: number; y: number };
}

interface Refs {
  canvas: RefObject<HTMLDivElement | null>;
  layer: RefObject<HTMLDivElement | null>;
  grid: RefObject<HTMLDivElement | null>;
  cursors: RefObject<HTMLDivElement | null>;
}

/**
 * The pan/zoom of the board. During a gesture the layer is moved directly (one style write per
 * frame, no React render); the render window is re-checked once per frame and re-rendered only
 * when the view leaves it; React hears about the view at most every COMMIT_INTERVAL_MS.
 */
export function useLiveView(
  view: CanvasTransform,
  setView: (update: (v: CanvasTransform) => CanvasTransform) => void,
  refs: Refs,
  /** Hears every move as it is painted, ahead of React (the presenter's view reaches the wall at once). */
  onMove?: (v: CanvasTransform) => void,
): LiveView {
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  const live = useRef(view);
  const committed = useRef(view);
  /** The view the last render used (remote cursors are positioned from it). */
  const rendered = useRef(view);
  const size = useRef({ w: typeof window === 'undefined' ? 0 : window.innerWidth, h: typeof window === 'undefined' ? 0 : window.innerHeight });
  const [win, setWin] = useState<RenderWindow>(() => makeWindow(view, size.current.w, size.current.h));
  // A view set from outside (first-open fit, zoom buttons, follow-me, search) gets its render window
  // in the same render: found only in the layout effect below, the notes would be rendered once in
  // the old window, then again (on a 5,000-note board, the first open would pay two full renders).
  const [outsideView, setOutsideView] = useState(view);
  if (outsideView !== view) {
    setOutsideView(view);
    const { w, h } = size.current;
    if (view !== committed.current && !sameView(view, live.current) && windowStale(win, view, w, h)) setWin(makeWindow(view, w, h));
  }
  const winRef = useRef(win);
  winRef.current = win;

  const paint = useCallback(() => {
    const v = live.current;
    // Each style is written only when it differs from what the element has (read back from its
    // inline style: no layout): a write, even of the same value, restyles the element's subtree.
    const layer = refs.layer.current;
    if (layer) {
      setStyle(layer, 'transform', `translate(${v.x}px, ${v.y}px) scale(${v.scale})`);
      // Controls drawn on the canvas (note toolbar, cluster titles) keep a readable size at any
      // zoom. Changes only with the zoom: an inherited custom property restyles every note under
      // the layer, which would turn each frame of a pan into a full repaint.
      setStyle(layer, '--inv-scale', String(1 / v.scale));
    }
    const grid = refs.grid.current;
    if (grid) {
      // Zoomed out, every other dot goes (and again): a dense grid costs a full repaint per frame.
      let g = GRID * v.scale;
      while (g < MIN_GRID_PX) g *= 2;
      const ox = (((v.x % g) + g) % g) - g;
      const oy = (((v.y % g) + g) % g) - g;
      setStyle(grid, 'width', `${size.current.w + 2 * g}px`);
      setStyle(grid, 'height', `${size.current.h + 2 * g}px`);
      setStyle(grid, 'background-size', `${g}px ${g}px`);
      setStyle(grid, 'transform', `translate(${ox}px, ${oy}px)`);
    }
    const cursors = refs.cursors.current;
    if (cursors) {
      const c = rendered.current;
      const k = v.scale / c.scale;
      setStyle(cursors, 'transform', sameView(v, c) ? '' : `translate(${v.x - c.x * k}px, ${v.y - c.y * k}px) scale(${k})`);
    }
  }, [refs]);

  const checkWindow = useCallback(() => {
    const { w, h } = size.current;
    if (windowStale(winRef.current, live.current, w, h)) {
      const next = makeWindow(live.current, w, h);
      winRef.current = next;
      setWin(next);
    }
  }, []);

  const frame = useRef(0);
  const requestFrame = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      paint();
      checkWindow();
    });
  }, [paint, checkWindow]);

  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const commitNow = useCallback(() => {
    if (commitTimer.current) clearTimeout(commitTimer.current);
    commitTimer.current = null;
    const v = live.current;
    if (v === committed.current) return;
    committed.current = v;
    setView(() => v);
  }, [setView]);
  const requestCommit = useCallback(() => {
    if (commitTimer.current) return;
    commitTimer.current = setTimeout(commitNow, COMMIT_INTERVAL_MS);
  }, [commitNow]);

  const moveTo = useCallback(
    (next: CanvasTransform) => {
      live.current = next;
      requestFrame();
      requestCommit();
      onMoveRef.current?.(next);
    },
    [requestFrame, requestCommit],
  );

  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      if (commitTimer.current) clearTimeout(commitTimer.current);
    },
    [],
  );

  // A view set from outside (zoom buttons, fit, follow-me, minimap, search) replaces the live one.
  useLayoutEffect(() => {
    rendered.current = view;
    if (view !== committed.current && !sameView(view, live.current)) {
      live.current = view;
      committed.current = view;
      checkWindow();
    } else {
      committed.current = view;
    }
    paint();
  });

  // The canvas size, for the visible area.
  useLayoutEffect(() => {
    const el = refs.canvas.current;
    if (!el) return;
    const measure = () => {
      size.current = { w: el.clientWidth || window.innerWidth, h: el.clientHeight || window.innerHeight };
      paint();
      checkWindow();
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [refs, paint, checkWindow]);

  // Focusing a note outside the view (Tab) makes the browser scroll the clipped canvas; turn that
  // scroll into a pan so the transform stays the only source of truth.
  useEffect(() => {
    const el = refs.canvas.current;
    if (!el) return;
    const onScroll = () => {
      const dx = el.scrollLeft;
      const dy = el.scrollTop;
      if (!dx && !dy) return;
      el.scrollLeft = 0;
      el.scrollTop = 0;
      const v = live.current;
      live.current = { ...v, x: v.x - dx, y: v.y - dy };
      paint();
      checkWindow();
      commitNow();
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, [refs, paint, checkWindow, commitNow]);

  const toCanvas = useCallback(
    (clientX: number, clientY: number) => {
      const rect = refs.canvas.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
      return toCanvasPoint(live.current, clientX - rect.left, clientY - rect.top);
    },
    [refs],
  );

  return { live, size, win, moveTo, commitNow, toCanvas };
}

/** Writes one inline style property unless the element already has that value. */
function setStyle(el: HTMLElement, property: string, value: string) {
  if (el.style.getPropertyValue(property) !== value) el.style.setProperty(property, value);
}
