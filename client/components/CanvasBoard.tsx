import { memo, useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { newId } from '../../shared/ids';
import { addNote } from '../../shared/operations';
import { Occupancy, freeSpotAround } from '../../shared/placement';
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteKind, type NoteView, noteAuthorLabel } from '../../shared/schema';
import type { Principal } from '../../shared/protocol';
import { KeptTiles } from '../canvas/keptTiles';
import { noteIntersects } from '../canvas/renderWindow';
import { tileText } from '../canvas/tileText';
import { zoomToScale, type CanvasTransform } from '../canvas/viewMath';
import { useT } from '../i18n';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { useNotes } from '../sync/useNotes';
import type { Peer } from '../sync/usePresence';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { useBoardGestures, type CanvasTool } from './canvas/useBoardGestures';
import { useLiveView } from './canvas/useLiveView';
import { RemoteCursors } from './RemoteCursors';
import { StickyNote } from './StickyNote';
import './CanvasBoard.css';

export type { CanvasTransform } from '../canvas/viewMath';

const CURSOR_INTERVAL_MS = 33;

/** Stands in for the drafts document when private writing is off (hooks cannot be conditional). */
const NO_DRAFTS = new Y.Doc();

/**
 * A note seen from far away: its colour and the start of its text, nothing interactive. Cheap
 * enough to show a thousand at once; double-click zooms in to edit.
 */
const NoteTile = memo(function NoteTile({
  id,
  x,
  y,
  kind,
  text,
  title,
  spotlighted,
}: {
  id: string;
  x: number;
  y: number;
  kind: NoteKind;
  text: string | null;
  title: string;
  spotlighted: boolean;
}) {
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
      {text !== null && <p className="note-lite-text">{tileText(text)}</p>}
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
   * hands the result back through `setView` at the end (and at most every 200 ms).
   */
  view: CanvasTransform;
  setView: (update: (v: CanvasTransform) => CanvasTransform) => void;
  tool: CanvasTool;
  /** Receives a function that adds a note in the middle of the visible area. */
  registerAddAtCentre: (add: (() => void) | null) => void;
  /** A selection rectangle was drawn over these notes. */
  onSelectBox: (ids: string[], additive: boolean) => void;
  onBackgroundClick: () => void;
  /** A note was added here (it is selected and its text takes the focus). */
  onNoteAdded?: (id: string) => void;
  loading: boolean;
  /** The view is about to be fitted to the content (first open): no notes are rendered for this pass. */
  fitPending?: boolean;
  /** Rendered inside the transformed layer, below the notes (cluster frames). */
  underlay?: ReactNode;
  /** Every pan or zoom as it happens, before React hears of it (a presenter's view for the wall). */
  onLiveMove?: (v: CanvasTransform) => void;
}

/**
 * The canvas. Built for big boards (5,000 notes): only the notes inside a window around the visible
 * area are rendered (plus the focused and the just-added note), light tiles when zoomed out; pan
 * and zoom move the layer directly (useLiveView); notes come from an incremental store and are
 * memoised, so a keystroke in one note re-renders that note only.
 */
export function CanvasBoard({
  doc,
  projectId,
  draftDoc,
  awareness,
  peers,
  me,
  readOnly,
  view,
  setView,
  tool,
  registerAddAtCentre,
  onSelectBox,
  onBackgroundClick,
  onNoteAdded,
  loading,
  fitPending = false,
  underlay,
  onLiveMove,
}: Props) {
  const t = useT();
  const shared = useNotes(doc);
  const drafts = useNotes(draftDoc ?? NO_DRAFTS);
  const notes = useMemo(() => (drafts.length ? [...shared, ...drafts] : shared), [shared, drafts]);
  const targetDoc = draftDoc ?? doc;
  const canAdd = !readOnly || draftDoc !== null;
  const decor = useNoteDecorations(doc, projectId, me);
  const refs = {
    canvas: useRef<HTMLDivElement>(null),
    layer: useRef<HTMLDivElement>(null),
    grid: useRef<HTMLDivElement>(null),
    cursors: useRef<HTMLDivElement>(null),
  };
  const stableRefs = useRef(refs).current;
  const marqueeRef = useRef<HTMLDivElement>(null);
  const notesRef = useRef<ReadonlyArray<NoteView>>(notes);
  notesRef.current = notes;
  const [focusId, setFocusId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);

  const liveView = useLiveView(view, setView, stableRefs, onLiveMove);
  const { live, win, moveTo, commitNow, toCanvas } = liveView;
  const getScale = useCallback(() => live.current.scale, [live]);
  const gestures = useBoardGestures({ canvasRef: stableRefs.canvas, marqueeRef, view: liveView, tool, notes: notesRef, onSelectBox, onBackgroundClick });

  /**
   * A new note centred on (cx, cy), or at the free spot nearest to it: notes never pile up. When
   * that spot is (partly) off screen, the view slides just enough to show it.
   */
  const addNoteAt = useCallback(
    (cx: number, cy: number) => {
      const { x, y } = freeSpotAround(cx, cy, new Occupancy(notesRef.current));
      const id = newId();
      addNote(targetDoc, {
        id,
        x,
        y,
        kind: 'idea',
        authorId: me.userId,
        authorName: me.name,
        authorRole: me.role,
        authorCommunity: me.community,
        createdAt: Date.now(),
      });
      setFocusId(id);
      onNoteAdded?.(id);
      const v = live.current;
      const { w, h } = liveView.size.current;
      const margin = 24;
      const top = 64; // below the floating toolbar
      const sx0 = x * v.scale + v.x;
      const sy0 = y * v.scale + v.y;
      const sx1 = (x + NOTE_WIDTH) * v.scale + v.x;
      const sy1 = (y + NOTE_HEIGHT) * v.scale + v.y;
      const dx = sx0 < margin ? margin - sx0 : sx1 > w - margin ? w - margin - sx1 : 0;
      const dy = sy0 < top ? top - sy0 : sy1 > h - margin ? h - margin - sy1 : 0;
      if (dx || dy) {
        moveTo({ ...v, x: v.x + dx, y: v.y + dy });
        commitNow();
      }
    },
    [targetDoc, me.userId, me.name, onNoteAdded, live, liveView.size, moveTo, commitNow],
  );

  useEffect(() => {
    if (!canAdd) return registerAddAtCentre(null);
    registerAddAtCentre(() => {
      const el = stableRefs.canvas.current;
      if (!el) return;
      const rect = el.getBoundingClientRect();
      const c = toCanvas(rect.left + rect.width / 2, rect.top + rect.height / 2);
      addNoteAt(c.x, c.y);
    });
    return () => registerAddAtCentre(null);
  }, [canAdd, registerAddAtCentre, toCanvas, addNoteAt, stableRefs]);

  const publishCursor = useThrottledCallback((cursor: { x: number; y: number } | null) => {
    awareness.setLocalStateField('cursor', cursor);
  }, CURSOR_INTERVAL_MS);

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    gestures.handlers.onPointerMove(e);
    if (canAdd) {
      const c = toCanvas(e.clientX, e.clientY);
      publishCursor({ x: Math.round(c.x), y: Math.round(c.y) });
    }
  };
  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('.note-lite')) {
      // Zoom in on a far-away note so it can be read and edited.
      const rect = stableRefs.canvas.current?.getBoundingClientRect() ?? { left: 0, top: 0 };
      moveTo(zoomToScale(live.current, 1, e.clientX - rect.left, e.clientY - rect.top));
      commitNow();
      return;
    }
    if (!canAdd || target?.closest('.note, .cluster-header, button, input, select, textarea')) return;
    const c = toCanvas(e.clientX, e.clientY);
    addNoteAt(c.x, c.y);
  };

  // The note holding the keyboard focus stays rendered even when panned out of the window.
  const onFocusIn = (e: FocusEvent<HTMLDivElement>) => {
    const id = e.target instanceof Element ? e.target.closest('[data-note-id]')?.getAttribute('data-note-id') : null;
    setActiveId(id ?? null);
  };
  const onFocusOut = (e: FocusEvent<HTMLDivElement>) => {
    if (!(e.relatedTarget instanceof Node) || !e.currentTarget.contains(e.relatedTarget)) setActiveId(null);
  };

  const keptTiles = useRef<KeptTiles | null>(null);
  keptTiles.current ??= new KeptTiles();
  const visible = useMemo(() => {
    if (fitPending) return [];
    const inWindow = (n: NoteView) => noteIntersects(n, win) || n.id === focusId || n.id === activeId;
    if (!win.lite) {
      keptTiles.current?.clear();
      return shared.filter(inWindow);
    }
    return keptTiles.current!.select(shared, inWindow, win.bare);
  }, [fitPending, shared, win, focusId, activeId]);
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
            authorName={noteAuthorLabel(n, t('note.anonymous'))}
            text={n.text}
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
      ref={stableRefs.canvas}
      className={`canvas canvas-virtual${gestures.panning ? ' is-panning' : ''}${gestures.grabbing ? ' is-grab' : ''}${spotlightId ? ' has-spotlight' : ''}${win.lite ? ' is-far' : ''}`}
      data-testid="canvas"
      data-rendered={visible.length}
      data-tool={tool}
      aria-label={t('canvas.label')}
      role="region"
      {...gestures.handlers}
      onPointerMove={onPointerMove}
      onPointerLeave={() => publishCursor(null)}
      onDoubleClick={onDoubleClick}
    >
      <div ref={stableRefs.grid} className="canvas-grid" aria-hidden="true" />
      <div ref={stableRefs.layer} className="canvas-layer" data-testid="canvas-layer" onFocus={onFocusIn} onBlur={onFocusOut}>
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
              authorName={noteAuthorLabel(n, t('note.anonymous'))}
              text={n.text}
              readOnly={false}
              autoFocus={n.id === focusId}
              getScale={getScale}
              draft
            />
          ))}
      </div>
      <div ref={marqueeRef} className="select-rect" data-testid="select-rect" style={{ display: 'none' }} />
      <div ref={stableRefs.cursors} className="canvas-cursors-frame">
        <RemoteCursors peers={peers} view={view} />
      </div>
      {notes.length === 0 && !loading && (
        <p className="canvas-empty">
          {canAdd ? (
            // A touch screen has no double-click to speak of: it is told about the add button.
            <>
              <span className="for-mouse">{t('canvas.empty')}</span>
              <span className="for-touch">{t('canvas.emptyTouch')}</span>
            </>
          ) : (
            t('canvas.emptyReadOnly')
          )}
        </p>
      )}
    </div>
  );
}
