import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { newId } from '../../shared/ids';
import { addNote } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteKind, type NoteView } from '../../shared/schema';
import type { Principal } from '../../shared/protocol';
import { useT } from '../i18n';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { useNotes } from '../sync/useNotes';
import type { Peer } from '../sync/usePresence';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { RemoteCursors } from './RemoteCursors';
import { StickyNote } from './StickyNote';
import './CanvasBoard.css';

export interface CanvasTransform {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 3;
const GRID = 28;
/** The dot grid never gets denser than this on screen. */
const MIN_GRID_PX = 16;
const CURSOR_INTERVAL_MS = 33;

export const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** Zooming by `factor` around the screen point (px, py) keeps that point under the pointer. */
export function zoomAround(v: CanvasTransform, factor: number, px: number, py: number): CanvasTransform {
  const scale = clampScale(v.scale * factor);
  const k = scale / v.scale;
  return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
}

const GAP = 16;

/**
 * The free slot nearest to (cx, cy) on a grid of note-sized cells, so "add a note" never hides an
 * existing one; gives up after a few rings and cascades instead.
 */
export function freeSpot(cx: number, cy: number, notes: ReadonlyArray<{ x: number; y: number }>): { x: number; y: number } {
  const w = NOTE_WIDTH + GAP;
  const h = NOTE_HEIGHT + GAP;
  const x0 = Math.round(cx - NOTE_WIDTH / 2);
  const y0 = Math.round(cy - NOTE_HEIGHT / 2);
  const free = (x: number, y: number) => !notes.some((n) => Math.abs(n.x - x) < w && Math.abs(n.y - y) < h);
  for (let ring = 0; ring <= 4; ring++) {
    const cells: Array<[number, number]> = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) cells.push([i, j]);
    }
    cells.sort((a, b) => Math.hypot(a[0] * w, a[1] * h) - Math.hypot(b[0] * w, b[1] * h));
    for (const [i, j] of cells) if (free(x0 + i * w, y0 + j * h)) return { x: x0 + i * w, y: y0 + j * h };
  }
  return cascade(x0, y0, notes);
}

function cascade(x: number, y: number, notes: ReadonlyArray<{ x: number; y: number }>): { x: number; y: number } {
  while (notes.some((n) => Math.abs(n.x - x) < 4 && Math.abs(n.y - y) < 4)) {
    x += 24;
    y += 24;
  }
  return { x, y };
}

/** Stands in for the drafts document when private writing is off (hooks cannot be conditional). */
const NO_DRAFTS = new Y.Doc();

const isInsideNote = (target: EventTarget | null) => target instanceof Element && target.closest('.note') !== null;

// ---- virtualisation ----------------------------------------------------------------------------

/** The rendered window extends the visible area by this fraction of its size on every side. */
const WINDOW_MARGIN = 0.5;
/** A window this many times larger than the visible area (after zooming in) is recomputed. */
const WINDOW_MAX_RATIO = 9;
/** Below this zoom, notes are drawn as light tiles (colour and text) instead of editable notes. */
export const LITE_BELOW_SCALE = 0.45;
/** Below this zoom, tiles drop their text too (it would be a few pixels high): one element per note. */
const BARE_BELOW_SCALE = 0.3;
/** Zoomed out, the margin shrinks: the visible area already holds many notes. */
const LITE_WINDOW_MARGIN = 0.15;
/** While a gesture lasts, the view is handed to React (cursors, follow-me) at most this often. */
const COMMIT_INTERVAL_MS = 200;

/** A rectangle in canvas units. */
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface RenderWindow extends Rect {
  lite: boolean;
  bare: boolean;
}

function visibleRect(v: CanvasTransform, w: number, h: number): Rect {
  return { x0: -v.x / v.scale, y0: -v.y / v.scale, x1: (w - v.x) / v.scale, y1: (h - v.y) / v.scale };
}

function makeWindow(v: CanvasTransform, w: number, h: number): RenderWindow {
  const r = visibleRect(v, w, h);
  const lite = v.scale < LITE_BELOW_SCALE;
  const margin = lite ? LITE_WINDOW_MARGIN : WINDOW_MARGIN;
  const mx = (r.x1 - r.x0) * margin;
  const my = (r.y1 - r.y0) * margin;
  return { x0: r.x0 - mx, y0: r.y0 - my, x1: r.x1 + mx, y1: r.y1 + my, lite, bare: v.scale < BARE_BELOW_SCALE };
}

/** Whether the rendered window no longer covers the visible area (or is far too large for it). */
function windowStale(win: RenderWindow, v: CanvasTransform, w: number, h: number): boolean {
  if (win.lite !== v.scale < LITE_BELOW_SCALE || win.bare !== v.scale < BARE_BELOW_SCALE) return true;
  const r = visibleRect(v, w, h);
  if (r.x0 < win.x0 || r.y0 < win.y0 || r.x1 > win.x1 || r.y1 > win.y1) return true;
  return (win.x1 - win.x0) * (win.y1 - win.y0) > WINDOW_MAX_RATIO * (r.x1 - r.x0) * (r.y1 - r.y0);
}

const intersects = (n: { x: number; y: number }, r: Rect) => n.x + NOTE_WIDTH >= r.x0 && n.x <= r.x1 && n.y + NOTE_HEIGHT >= r.y0 && n.y <= r.y1;

const sameView = (a: CanvasTransform, b: CanvasTransform) => a.x === b.x && a.y === b.y && a.scale === b.scale;

const LITE_TEXT_CHARS = 180;

/**
 * A note seen from far away: its colour and the start of its text, nothing interactive. Cheap
 * enough to show a thousand at once; double-click zooms in to edit.
 */
const NoteTile = memo(function NoteTile({ id, x, y, kind, text, title, spotlighted }: { id: string; x: number; y: number; kind: NoteKind; text: string | null; title: string; spotlighted: boolean }) {
  return (
    <div
      className={`note note-lite note-${kind}${spotlighted ? ' is-spotlighted spotlighted' : ''}`}
      data-testid="note"
      data-note-id={id}
      data-kind={kind}
      data-lite="true"
      title={title}
      style={{ left: x, top: y, width: NOTE_WIDTH, height: NOTE_HEIGHT }}
    >
      {text !== null && (
        <>
          <div className="note-lite-strip" />
          <p className="note-lite-text">{text.length > LITE_TEXT_CHARS ? `${text.slice(0, LITE_TEXT_CHARS)}…` : text}</p>
        </>
      )}
    </div>
  );
});

interface Props {
  doc: Y.Doc;
  projectId: string;
  /** The author's private drafts document while private writing is on: new notes go there. */
  draftDoc: Y.Doc | null;
  awareness: Awareness;
  peers: Peer[];
  me: Principal;
  readOnly: boolean;
  /**
   * The committed pan/zoom. During a gesture the board moves its layer itself, every frame, and
   * hands the result back through `setView` at the end (and at most every COMMIT_INTERVAL_MS).
   */
  view: CanvasTransform;
  setView: (update: (v: CanvasTransform) => CanvasTransform) => void;
  /** Receives a function that adds a note in the middle of the visible area. */
  registerAddAtCentre: (add: (() => void) | null) => void;
  loading: boolean;
  /** Rendered inside the transformed layer, below the notes (cluster frames). */
  underlay?: ReactNode;
}

/**
 * The canvas. Built for big boards (5,000 notes):
 * - only the notes inside a window around the visible area are rendered (plus the focused and the
 *   just-added note), and below LITE_BELOW_SCALE they are drawn as light tiles;
 * - pan and zoom move the layer directly (one style write per frame, no React render); the window
 *   is re-checked at most once per frame and only re-rendered when the view leaves it;
 * - notes come from an incremental store (useNotes), and StickyNote is memoised, so a keystroke in
 *   one note re-renders that note only.
 */
export function CanvasBoard({ doc, projectId, draftDoc, awareness, peers, me, readOnly, view, setView, registerAddAtCentre, loading, underlay }: Props) {
  const t = useT();
  const shared = useNotes(doc);
  const drafts = useNotes(draftDoc ?? NO_DRAFTS);
  const notes = useMemo(() => (drafts.length ? [...shared, ...drafts] : shared), [shared, drafts]);
  const targetDoc = draftDoc ?? doc;
  const canAdd = !readOnly || draftDoc !== null;
  const decor = useNoteDecorations(doc, projectId, me);
  const canvasRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const cursorsRef = useRef<HTMLDivElement>(null);
  const notesRef = useRef(notes);
  notesRef.current = notes;
  const pan = useRef<{ pointerId: number; startX: number; startY: number; viewX: number; viewY: number } | null>(null);
  const [panning, setPanning] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);

  // ---- the live view: what is on screen, ahead of React during gestures ----------------------
  const live = useRef(view);
  const committed = useRef(view);
  /** The view the last render used (RemoteCursors are positioned from it). */
  const rendered = useRef(view);
  const size = useRef({ w: typeof window === 'undefined' ? 0 : window.innerWidth, h: typeof window === 'undefined' ? 0 : window.innerHeight });
  const [win, setWin] = useState<RenderWindow>(() => makeWindow(view, size.current.w, size.current.h));
  const winRef = useRef(win);
  winRef.current = win;
  const getScale = useCallback(() => live.current.scale, []);

  /** Writes the live view to the DOM: layer transform, grid, and the cursors' offset from the committed view. */
  const paint = useCallback(() => {
    const v = live.current;
    const layer = layerRef.current;
    if (layer) layer.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
    const grid = gridRef.current;
    if (grid) {
      // Zoomed out, every other dot goes (and again): a dense grid costs a full repaint per frame.
      let g = GRID * v.scale;
      while (g < MIN_GRID_PX) g *= 2;
      const ox = (((v.x % g) + g) % g) - g;
      const oy = (((v.y % g) + g) % g) - g;
      grid.style.width = `${size.current.w + 2 * g}px`;
      grid.style.height = `${size.current.h + 2 * g}px`;
      grid.style.backgroundSize = `${g}px ${g}px`;
      grid.style.transform = `translate(${ox}px, ${oy}px)`;
    }
    const cursors = cursorsRef.current;
    if (cursors) {
      const c = rendered.current;
      const k = v.scale / c.scale;
      cursors.style.transform = sameView(v, c) ? '' : `translate(${v.x - c.x * k}px, ${v.y - c.y * k}px) scale(${k})`;
    }
  }, []);

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
  /** Throttled: during a gesture React hears about the view every COMMIT_INTERVAL_MS, and once more at the end. */
  const requestCommit = useCallback(() => {
    if (commitTimer.current) return;
    commitTimer.current = setTimeout(commitNow, COMMIT_INTERVAL_MS);
  }, [commitNow]);

  const moveTo = useCallback(
    (next: CanvasTransform) => {
      live.current = next;
      requestFrame();
      requestCommit();
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

  // A view set from outside (zoom buttons, follow-me, reset, search) replaces the live one.
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
    const el = canvasRef.current;
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
  }, [paint, checkWindow]);

  const toCanvas = useCallback((clientX: number, clientY: number) => {
    const rect = canvasRef.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const v = live.current;
    return { x: (clientX - rect.left - v.x) / v.scale, y: (clientY - rect.top - v.y) / v.scale };
  }, []);

  /** `exact`: the person pointed at this spot (double-click); otherwise find room near it. */
  const addNoteAt = useCallback(
    (cx: number, cy: number, exact: boolean) => {
      const { x, y } = exact
        ? cascade(Math.round(cx - NOTE_WIDTH / 2), Math.round(cy - NOTE_HEIGHT / 2), notesRef.current)
        : freeSpot(cx, cy, notesRef.current);
      const id = newId();
      addNote(targetDoc, { id, x, y, kind: 'idea', authorId: me.userId, authorName: me.name, createdAt: Date.now() });
      setFocusId(id);
    },
    [targetDoc, me.userId, me.name],
  );

  useEffect(() => {
    if (!canAdd) return registerAddAtCentre(null);
    registerAddAtCentre(() => {
      const el = canvasRef.current;
      if (!el) return;
      const rect = el.getBoundingClientRect();
      const c = toCanvas(rect.left + rect.width / 2, rect.top + rect.height / 2);
      addNoteAt(c.x, c.y, false);
    });
    return () => registerAddAtCentre(null);
  }, [canAdd, registerAddAtCentre, toCanvas, addNoteAt]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0015;
      const factor = Math.exp(-e.deltaY * unit);
      moveTo(zoomAround(live.current, factor, e.clientX - rect.left, e.clientY - rect.top));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [moveTo]);

  // Focusing a note outside the view (Tab) makes the browser scroll the clipped canvas; turn that
  // scroll into a pan so the transform stays the only source of truth.
  useEffect(() => {
    const el = canvasRef.current;
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
  }, [paint, checkWindow, commitNow]);

  const publishCursor = useThrottledCallback((cursor: { x: number; y: number } | null) => {
    awareness.setLocalStateField('cursor', cursor);
  }, CURSOR_INTERVAL_MS);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || isInsideNote(e.target)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    pan.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, viewX: live.current.x, viewY: live.current.y };
    setPanning(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = pan.current;
    if (p && p.pointerId === e.pointerId) {
      moveTo({ ...live.current, x: p.viewX + e.clientX - p.startX, y: p.viewY + e.clientY - p.startY });
    }
    if (!readOnly || draftDoc) {
      const c = toCanvas(e.clientX, e.clientY);
      publishCursor({ x: Math.round(c.x), y: Math.round(c.y) });
    }
  };
  const endPan = (e: PointerEvent<HTMLDivElement>) => {
    if (pan.current?.pointerId !== e.pointerId) return;
    pan.current = null;
    setPanning(false);
    commitNow();
  };
  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const tile = e.target instanceof Element ? e.target.closest('.note-lite') : null;
    if (tile) {
      // Zoom in on a far-away note so it can be read and edited.
      const rect = canvasRef.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
      moveTo(zoomAround(live.current, 1 / live.current.scale, e.clientX - rect.left, e.clientY - rect.top));
      commitNow();
      return;
    }
    if (!canAdd || isInsideNote(e.target)) return;
    const c = toCanvas(e.clientX, e.clientY);
    addNoteAt(c.x, c.y, true);
  };

  // The note holding the keyboard focus stays rendered even when panned out of the window.
  const onFocusIn = (e: FocusEvent<HTMLDivElement>) => {
    const id = e.target instanceof Element ? e.target.closest('[data-note-id]')?.getAttribute('data-note-id') : null;
    setActiveId(id ?? null);
  };
  const onFocusOut = (e: FocusEvent<HTMLDivElement>) => {
    if (!(e.relatedTarget instanceof Node) || !e.currentTarget.contains(e.relatedTarget)) setActiveId(null);
  };

  const visible = useMemo(
    () => shared.filter((n) => intersects(n, win) || n.id === focusId || n.id === activeId),
    [shared, win, focusId, activeId],
  );
  const tileTitle = t('canvas.zoomToEdit');
  const { spotlightId, onSpotlight, voteOf } = decor;
  const noteElements = useMemo(
    () =>
      visible.map((n: NoteView) =>
        win.lite && n.id !== activeId && n.id !== focusId ? (
          <NoteTile key={n.id} id={n.id} x={n.x} y={n.y} kind={n.kind} text={win.bare ? null : n.text} title={tileTitle} spotlighted={n.id === spotlightId} />
        ) : (
          <StickyNote
            key={n.id}
            doc={doc}
            id={n.id}
            x={n.x}
            y={n.y}
            kind={n.kind}
            authorName={n.authorName}
            readOnly={readOnly}
            autoFocus={n.id === focusId}
            getScale={getScale}
            spotlighted={n.id === spotlightId}
            onSpotlight={onSpotlight}
            vote={voteOf(n.id)}
          />
        ),
      ),
    [visible, win.lite, win.bare, activeId, focusId, tileTitle, spotlightId, doc, readOnly, getScale, onSpotlight, voteOf],
  );

  return (
    <div
      ref={canvasRef}
      className={`canvas canvas-virtual${panning ? ' is-panning' : ''}${spotlightId ? ' has-spotlight' : ''}${win.lite ? ' is-far' : ''}`}
      data-testid="canvas"
      data-rendered={visible.length}
      aria-label={t('canvas.label')}
      role="region"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endPan}
      onPointerCancel={endPan}
      onPointerLeave={() => publishCursor(null)}
      onDoubleClick={onDoubleClick}
    >
      <div ref={gridRef} className="canvas-grid" aria-hidden="true" />
      <div ref={layerRef} className="canvas-layer" data-testid="canvas-layer" onFocus={onFocusIn} onBlur={onFocusOut}>
        {underlay}
        {noteElements}
        {draftDoc &&
          drafts.map((n) => (
            <StickyNote
              key={`draft-${n.id}`}
              doc={draftDoc}
              id={n.id}
              x={n.x}
              y={n.y}
              kind={n.kind}
              authorName={n.authorName}
              readOnly={false}
              autoFocus={n.id === focusId}
              getScale={getScale}
              draft
            />
          ))}
      </div>
      <div ref={cursorsRef} className="canvas-cursors-frame">
        <RemoteCursors peers={peers} view={view} />
      </div>
      {notes.length === 0 && !loading && <p className="canvas-empty">{t(canAdd ? 'canvas.empty' : 'canvas.emptyReadOnly')}</p>}
    </div>
  );
}
