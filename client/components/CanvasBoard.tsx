import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { newId } from '../../shared/ids';
import { addNote } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import type { Principal } from '../../shared/protocol';
import { useT } from '../i18n';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { useNotes } from '../sync/useNotes';
import type { Peer } from '../sync/usePresence';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { RemoteCursors } from './RemoteCursors';
import { StickyNote } from './StickyNote';

export interface CanvasTransform {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 3;
const GRID = 28;
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

interface Props {
  doc: Y.Doc;
  projectId: string;
  /** The author's private drafts document while private writing is on: new notes go there. */
  draftDoc: Y.Doc | null;
  awareness: Awareness;
  peers: Peer[];
  me: Principal;
  readOnly: boolean;
  view: CanvasTransform;
  setView: (update: (v: CanvasTransform) => CanvasTransform) => void;
  /** Receives a function that adds a note in the middle of the visible area. */
  registerAddAtCentre: (add: (() => void) | null) => void;
  loading: boolean;
}

export function CanvasBoard({ doc, projectId, draftDoc, awareness, peers, me, readOnly, view, setView, registerAddAtCentre, loading }: Props) {
  const t = useT();
  const shared = useNotes(doc);
  const drafts = useNotes(draftDoc ?? NO_DRAFTS);
  const notes = useMemo(() => (drafts.length ? [...shared, ...drafts] : shared), [shared, drafts]);
  const targetDoc = draftDoc ?? doc;
  const canAdd = !readOnly || draftDoc !== null;
  const decor = useNoteDecorations(doc, projectId, me);
  const canvasRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef(view);
  viewRef.current = view;
  const notesRef = useRef(notes);
  notesRef.current = notes;
  const pan = useRef<{ pointerId: number; startX: number; startY: number; viewX: number; viewY: number } | null>(null);
  const [panning, setPanning] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const getScale = useCallback(() => viewRef.current.scale, []);

  const toCanvas = useCallback((clientX: number, clientY: number) => {
    const rect = canvasRef.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const v = viewRef.current;
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
      setView((v) => zoomAround(v, factor, e.clientX - rect.left, e.clientY - rect.top));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [setView]);

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
      setView((v) => ({ ...v, x: v.x - dx, y: v.y - dy }));
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, [setView]);

  const publishCursor = useThrottledCallback((cursor: { x: number; y: number } | null) => {
    awareness.setLocalStateField('cursor', cursor);
  }, CURSOR_INTERVAL_MS);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || isInsideNote(e.target)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    pan.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, viewX: view.x, viewY: view.y };
    setPanning(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = pan.current;
    if (p && p.pointerId === e.pointerId) {
      const x = p.viewX + e.clientX - p.startX;
      const y = p.viewY + e.clientY - p.startY;
      setView((v) => ({ ...v, x, y }));
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
  };
  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    if (!canAdd || isInsideNote(e.target)) return;
    const c = toCanvas(e.clientX, e.clientY);
    addNoteAt(c.x, c.y, true);
  };

  const gridSize = GRID * view.scale;
  return (
    <div
      ref={canvasRef}
      className={`canvas${panning ? ' is-panning' : ''}${decor.spotlightId ? ' has-spotlight' : ''}`}
      data-testid="canvas"
      aria-label={t('canvas.label')}
      role="region"
      style={{
        backgroundSize: `${gridSize}px ${gridSize}px`,
        backgroundPosition: `${view.x}px ${view.y}px`,
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endPan}
      onPointerCancel={endPan}
      onPointerLeave={() => publishCursor(null)}
      onDoubleClick={onDoubleClick}
    >
      <div
        className="canvas-layer"
        data-testid="canvas-layer"
        style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
      >
        {shared.map((n) => (
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
            spotlighted={n.id === decor.spotlightId}
            onSpotlight={decor.onSpotlight}
            vote={decor.voteOf(n.id)}
          />
        ))}
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
      <RemoteCursors peers={peers} view={view} />
      {notes.length === 0 && !loading && <p className="canvas-empty">{t(canAdd ? 'canvas.empty' : 'canvas.emptyReadOnly')}</p>}
    </div>
  );
}

