import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { addNote, deleteNote, moveNote } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_WIDTH, notesMap, readNote, type NoteView } from '../../shared/schema';
import type { Principal } from '../../shared/protocol';
import { canWrite } from '../../shared/protocol';
import { addCluster, assignNotes, noteClusterId, unassignNotes, CLUSTER_HEADER, CLUSTER_PADDING, MIN_CLUSTER_HEIGHT, MIN_CLUSTER_WIDTH } from '../../shared/clusters';
import { createChallengeFromNote } from '../../shared/challenges';
import { filterNotes, readFilterableNotes, setNoteTags, type AuthorProfile } from '../../shared/taxonomy';
import { type CommentTarget } from '../../shared/comments';
import { runAs } from '../../shared/undo';
import type { CanvasTransform } from '../components/CanvasBoard';
import { ChallengesPanel } from '../components/ChallengesPanel';
import { ClusterLayer } from '../components/ClusterLayer';
import { CommentsPanel } from '../components/CommentsPanel';
import { EMPTY_FILTER, FilterBar, filterActive, toNoteFilter, type FilterState } from '../components/FilterBar';
import { NoteDetails } from '../components/NoteDetails';
import type { NoteExtras } from '../components/noteExtras';
import { PartnersPanel } from '../components/PartnersPanel';
import { useT } from '../i18n';
import { useSearch } from '../router';
import { useChallenges, useClusters, useNoteTags, useOpenCounts, useTaxonomy, useUndoManager, labelOf, useTagLang, userOrigin } from '../sync/useContent';
import { useDocValue } from '../sync/useDocValue';
import { useFacilitation } from '../sync/useFacilitation';
import { useLazyProjectDocs } from '../sync/useLazyProjectDocs';
import { useNotes } from '../sync/useNotes';
import { useWorkshop } from '../sync/useWorkshop';
import type { RoomDoc } from '../sync/useRoomDoc';

type Tab = 'details' | 'comments' | 'challenges' | 'partners';
interface PanelState {
  tab: Tab;
  noteId?: string;
  target?: CommentTarget | null;
  challengeId?: string | null;
}

interface Args {
  room: RoomDoc;
  me: Principal;
  workshopId: string;
  projectId: string;
  token: string;
  workshopDoc: Y.Doc;
  readOnly: boolean;
  view: CanvasTransform;
  setView: (v: CanvasTransform) => void;
  boardRef: RefObject<HTMLDivElement | null>;
}

const PASTE_OFFSET = 20;
const isEditable = (el: Element | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

let clipboard: Array<Omit<NoteView, 'id'> & { tags: string[] }> = [];

/**
 * Everything the ideation content adds to a project canvas: tags and filters, clusters, selection
 * and keyboard shortcuts with per-user undo, comment threads, common challenges and partners.
 */
export function useCanvasContent({ room, me, workshopId, projectId, token, workshopDoc, readOnly, view, setView, boardRef }: Args) {
  const t = useT();
  const doc = room.doc;
  const origin = userOrigin(me.userId);
  const lang = useTagLang();
  const { presence } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  const taxonomy = useTaxonomy(workshopDoc);
  const clusters = useClusters(doc);
  const notes = useNotes(doc);
  const noteTags = useNoteTags(doc);
  const openCounts = useOpenCounts(doc);
  const challenges = useChallenges(workshopDoc);
  const undo = useUndoManager(doc, me.userId);
  const [filter, setFilter] = useState<FilterState>(EMPTY_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [panel, setPanel] = useState<PanelState | null>(null);
  const [rect, setRect] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const writable = !readOnly && canWrite(me.role);

  const viewRef = useRef(view);
  viewRef.current = view;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const lazy = useLazyProjectDocs(
    workshopId,
    token,
    workshop.projects.map((p) => p.id).filter((id) => id !== projectId),
    panel?.tab === 'details' || panel?.tab === 'challenges',
  );
  const projectName = useCallback((id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled'), [workshop, t]);

  // Author profiles for the role/community filter: people present, plus comment authors.
  const profiles = useMemo(() => {
    const out: Record<string, AuthorProfile> = {};
    for (const p of presence) out[p.userId] = { role: p.role, community: p.community };
    return out;
  }, [presence]);
  const profilesRef = useRef(profiles);
  profilesRef.current = profiles;
  const active = filterActive(filter);
  const matching = useDocValue(
    doc,
    (d) => (active ? filterNotes(readFilterableNotes(d, profilesRef.current), toNoteFilter(filter)).map((n) => n.id).join(',') : ''),
    JSON.stringify(filter), // a new filter must be applied at once, not at the next edit
  );
  const matchSet = useMemo(() => new Set(matching.split(',').filter(Boolean)), [matching]);

  // Search results and backlinks open the canvas with ?note=<id>: centre it and highlight it.
  const search = useSearch();
  const highlightedId = new URLSearchParams(search).get('note');
  const centred = useRef<string | null>(null);
  useEffect(() => {
    if (!highlightedId || centred.current === highlightedId) return;
    const n = notes.find((x) => x.id === highlightedId);
    const box = boardRef.current?.getBoundingClientRect();
    if (!n || !box) return;
    centred.current = highlightedId;
    setView({ scale: 1, x: Math.round(box.width / 2 - n.x - NOTE_WIDTH / 2), y: Math.round(box.height / 2 - n.y - NOTE_HEIGHT / 2) });
  }, [highlightedId, notes, boardRef, setView]);

  const clusterAt = useCallback(
    (x: number, y: number) => {
      const hits = clusters.filter((c) => x >= c.x && x <= c.x + c.width && y >= c.y && y <= c.y + c.height);
      return hits.sort((a, b) => a.width * a.height - b.width * b.height)[0] ?? null;
    },
    [clusters],
  );

  const dropped = useCallback(
    (ids: string[]) => {
      runAs(doc, origin, () => {
        for (const id of ids) {
          const m = notesMap(doc).get(id);
          if (!m) continue;
          const n = readNote(m);
          const target = clusterAt(n.x + NOTE_WIDTH / 2, n.y + NOTE_HEIGHT / 2);
          const current = noteClusterId(doc, m);
          if (target && target.id !== current) assignNotes(doc, target.id, [id], origin);
          else if (!target && current) unassignNotes(doc, [id], origin);
        }
      });
    },
    [doc, origin, clusterAt],
  );

  const createChallenge = useCallback(
    (noteId: string) => {
      const m = notesMap(doc).get(noteId);
      const text = m ? readNote(m).text.replace(/\s+/g, ' ').trim() : '';
      if (!text) {
        setPanel({ tab: 'challenges' });
        return;
      }
      const id = newId();
      const themeId = workshop.projects.find((p) => p.id === projectId)?.themeId ?? null;
      createChallengeFromNote(workshopDoc, { id, title: text.slice(0, 200), themeId, createdBy: me.userId, createdAt: Date.now(), projectId, noteId }, origin);
      setPanel({ tab: 'challenges', challengeId: id });
    },
    [doc, workshopDoc, workshop, projectId, me.userId, origin],
  );

  const extras = useMemo<NoteExtras>(() => {
    const tagLabels = new Map(taxonomy.map((tag) => [tag.id, labelOf(tag, lang)]));
    const backlinks = new Map<string, Array<{ id: string; label: string }>>();
    for (const c of challenges) {
      for (const l of c.links) {
        if (l.projectId !== projectId || !l.noteId) continue;
        backlinks.set(l.noteId, [...(backlinks.get(l.noteId) ?? []), { id: c.id, label: c.title }]);
      }
    }
    return {
      tagsOf: (id) => (noteTags[id] ?? []).flatMap((tagId) => (tagLabels.has(tagId) ? [{ id: tagId, label: tagLabels.get(tagId)! }] : [])),
      filterState: (id) => (active ? (matchSet.has(id) ? 'match' : 'dim') : null),
      isSelected: (id) => selected.has(id),
      highlightedId,
      commentCount: (id) => openCounts[`note:${id}`] ?? 0,
      challengesOf: (id) => backlinks.get(id) ?? [],
      select: (id, additive) =>
        setSelected((prev) => {
          if (additive) {
            const next = new Set(prev);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          }
          return prev.has(id) ? prev : new Set([id]);
        }),
      dragGroup: (id) => {
        const sel = selectedRef.current;
        const ids = sel.has(id) && sel.size > 1 ? [...sel] : [id];
        return ids.flatMap((nid) => {
          const m = notesMap(doc).get(nid);
          return m ? [{ id: nid, x: readNote(m).x, y: readNote(m).y }] : [];
        });
      },
      dropped,
      openComments: (id) => setPanel({ tab: 'comments', target: { type: 'note', id } }),
      openDetails: (id) => setPanel({ tab: 'details', noteId: id }),
      createChallenge: writable ? createChallenge : null,
      runLocal: (fn) => runAs(doc, origin, fn),
    };
  }, [taxonomy, lang, challenges, projectId, noteTags, active, matchSet, selected, highlightedId, openCounts, doc, dropped, writable, createChallenge, origin]);

  // ---- keyboard shortcuts -------------------------------------------------------------------
  const addCentre = () => {
    const box = boardRef.current?.getBoundingClientRect();
    const v = viewRef.current;
    return { x: ((box?.width ?? 800) / 2 - v.x) / v.scale, y: ((box?.height ?? 600) / 2 - v.y) / v.scale };
  };
  const newCluster = () => {
    const sel = [...selectedRef.current].flatMap((id) => {
      const m = notesMap(doc).get(id);
      return m ? [readNote(m)] : [];
    });
    const id = newId();
    let frame;
    if (sel.length > 0) {
      const x = Math.min(...sel.map((n) => n.x)) - CLUSTER_PADDING;
      const y = Math.min(...sel.map((n) => n.y)) - CLUSTER_PADDING - CLUSTER_HEADER;
      frame = { x, y, width: Math.max(...sel.map((n) => n.x + NOTE_WIDTH)) + CLUSTER_PADDING - x, height: Math.max(...sel.map((n) => n.y + NOTE_HEIGHT)) + CLUSTER_PADDING - y };
    } else {
      const c = addCentre();
      const width = 2 * NOTE_WIDTH + 3 * CLUSTER_PADDING;
      frame = { x: Math.round(c.x - width / 2), y: Math.round(c.y - MIN_CLUSTER_HEIGHT / 2), width: Math.max(width, MIN_CLUSTER_WIDTH), height: MIN_CLUSTER_HEIGHT };
    }
    runAs(doc, origin, () => {
      addCluster(doc, { id, name: t('clusters.defaultName', { n: clusters.length + 1 }), ...frame, createdAt: Date.now() }, origin);
      if (sel.length > 0) assignNotes(doc, id, sel.map((n) => n.id), origin);
    });
  };

  const shortcuts = useRef<(e: KeyboardEvent) => void>(() => undefined);
  shortcuts.current = (e: KeyboardEvent) => {
    if (!writable || isEditable(document.activeElement)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const sel = [...selectedRef.current].filter((id) => notesMap(doc).has(id));
    if (mod && key === 'z') {
      e.preventDefault();
      if (e.shiftKey) undo.manager?.redo();
      else undo.manager?.undo();
    } else if (mod && key === 'y') {
      e.preventDefault();
      undo.manager?.redo();
    } else if (mod && key === 'c' && sel.length > 0) {
      clipboard = sel.map((id) => {
        const { id: _id, ...n } = readNote(notesMap(doc).get(id)!);
        return { ...n, tags: noteTags[id] ?? [] };
      });
    } else if (mod && key === 'v' && clipboard.length > 0) {
      e.preventDefault();
      const ids: string[] = [];
      runAs(doc, origin, () => {
        for (const n of clipboard) {
          const id = newId();
          ids.push(id);
          addNote(doc, { ...n, id, x: n.x + PASTE_OFFSET, y: n.y + PASTE_OFFSET, authorId: me.userId, authorName: me.name, createdAt: Date.now() });
          if (n.tags.length) setNoteTags(doc, id, n.tags, origin);
        }
      });
      clipboard = clipboard.map((n) => ({ ...n, x: n.x + PASTE_OFFSET, y: n.y + PASTE_OFFSET }));
      setSelected(new Set(ids));
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && sel.length > 0) {
      e.preventDefault();
      runAs(doc, origin, () => sel.forEach((id) => deleteNote(doc, id)));
      setSelected(new Set());
    } else if (e.key.startsWith('Arrow') && sel.length > 0) {
      e.preventDefault();
      const step = e.shiftKey ? 50 : 10;
      const [dx, dy] = ({ ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] } as Record<string, [number, number]>)[e.key] ?? [0, 0];
      runAs(doc, origin, () =>
        sel.forEach((id) => {
          const n = readNote(notesMap(doc).get(id)!);
          moveNote(doc, id, n.x + dx, n.y + dy);
        }),
      );
      dropped(sel);
    } else if (e.key === 'Escape') setSelected(new Set());
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => shortcuts.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // ---- drag-rectangle selection (shift + drag on the background) -----------------------------
  const onPointerDownCapture = (e: ReactPointerEvent<HTMLElement>) => {
    const target = e.target as Element;
    if (target.closest('.note, .cluster-header, .cluster-resize, .zoom-controls, button, input, select, textarea')) return;
    if (!target.closest('.canvas')) return;
    if (!e.shiftKey) {
      if (selectedRef.current.size) setSelected(new Set());
      return;
    }
    e.stopPropagation();
    e.preventDefault();
    const box = e.currentTarget.getBoundingClientRect();
    const x0 = e.clientX - box.left;
    const y0 = e.clientY - box.top;
    setRect({ x0, y0, x1: x0, y1: y0 });
    const move = (ev: PointerEvent) => setRect({ x0, y0, x1: ev.clientX - box.left, y1: ev.clientY - box.top });
    const up = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setRect(null);
      const v = viewRef.current;
      const toC = (px: number, py: number) => ({ x: (px - v.x) / v.scale, y: (py - v.y) / v.scale });
      const a = toC(Math.min(x0, ev.clientX - box.left), Math.min(y0, ev.clientY - box.top));
      const b = toC(Math.max(x0, ev.clientX - box.left), Math.max(y0, ev.clientY - box.top));
      const hit = readFilterableNotes(doc).filter((n) => n.x < b.x && n.x + NOTE_WIDTH > a.x && n.y < b.y && n.y + NOTE_HEIGHT > a.y);
      setSelected((prev) => new Set([...prev, ...hit.map((n) => n.id)]));
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const getScale = useCallback(() => viewRef.current.scale, []);
  const openClusterComments = useCallback((id: string) => setPanel({ tab: 'comments', target: { type: 'cluster', id } }), []);
  const clusterCount = useCallback((id: string) => openCounts[`cluster:${id}`] ?? 0, [openCounts]);
  const projectOpen = openCounts.project ?? 0;
  const totalOpen = Object.values(openCounts).reduce((s, n) => s + n, 0);

  const tabButton = (tab: Tab, label: string, testId: string, extra?: number) => (
    <button
      type="button"
      className={`button small${panel?.tab === tab ? ' is-active' : ''}`}
      data-testid={testId}
      aria-pressed={panel?.tab === tab}
      onClick={() => setPanel(panel?.tab === tab ? null : { tab, target: tab === 'comments' ? null : undefined })}
    >
      {label}
      {extra ? <span className="count">{extra}</span> : null}
    </button>
  );

  const toolbar = (
    <>
      {writable && (
        <button type="button" className="button small" data-testid="add-cluster" onClick={newCluster}>
          <span aria-hidden="true">▭</span> {selected.size > 0 ? t('clusters.newFromSelection', { count: selected.size }) : t('clusters.new')}
        </button>
      )}
      {writable && (
        <span className="button-group" role="group" aria-label={t('undo.group')}>
          <button type="button" className="icon-button small" data-testid="undo" disabled={!undo.canUndo} aria-label={t('undo.undo')} title={t('undo.undoHint')} onClick={() => undo.manager?.undo()}>
            <span aria-hidden="true">↶</span>
          </button>
          <button type="button" className="icon-button small" data-testid="redo" disabled={!undo.canRedo} aria-label={t('undo.redo')} title={t('undo.redoHint')} onClick={() => undo.manager?.redo()}>
            <span aria-hidden="true">↷</span>
          </button>
        </span>
      )}
      {selected.size > 0 && (
        <span className="badge" role="status" data-testid="selection-count">
          {t('selection.count', { count: selected.size })}
        </span>
      )}
      {tabButton('comments', t('comments.tab'), 'open-comments', totalOpen || projectOpen)}
      {tabButton('challenges', t('challenges.tab'), 'open-challenges')}
      {tabButton('partners', t('partners.tab'), 'open-partners')}
    </>
  );

  const filterBar = <FilterBar taxonomy={taxonomy} filter={filter} onChange={setFilter} matching={matchSet.size} total={notes.length} />;

  const underlay = (
    <ClusterLayer doc={doc} clusters={clusters} origin={origin} readOnly={!writable} getScale={getScale} commentCount={clusterCount} onOpenComments={openClusterComments} />
  );

  const overlay = rect && (
    <div
      className="select-rect"
      data-testid="select-rect"
      style={{ left: Math.min(rect.x0, rect.x1), top: Math.min(rect.y0, rect.y1), width: Math.abs(rect.x1 - rect.x0), height: Math.abs(rect.y1 - rect.y0) }}
    />
  );

  const detailNote = panel?.tab === 'details' && panel.noteId ? notes.find((n) => n.id === panel.noteId) : undefined;
  const panelTitle: Record<Tab, string> = {
    details: t('details.heading'),
    comments: t('comments.heading'),
    challenges: t('challenges.heading'),
    partners: t('partners.heading'),
  };
  const sidePanel = panel && (
    <aside className="side-panel" aria-labelledby="side-panel-heading" data-testid="side-panel" data-tab={panel.tab}>
      <div className="side-panel-head">
        <h2 id="side-panel-heading">{panelTitle[panel.tab]}</h2>
        <button type="button" className="icon-button" data-testid="side-panel-close" aria-label={t('panel.close')} onClick={() => setPanel(null)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="side-panel-body">
        {lazy.loaders}
        {panel.tab === 'details' &&
          (detailNote ? (
            <NoteDetails
              workshopId={workshopId}
              doc={doc}
              workshopDoc={workshopDoc}
              projectId={projectId}
              note={detailNote}
              tags={noteTags[detailNote.id] ?? []}
              clusterId={(() => {
                const m = notesMap(doc).get(detailNote.id);
                return m ? noteClusterId(doc, m) : null;
              })()}
              taxonomy={taxonomy}
              clusters={clusters}
              challenges={challenges}
              me={me}
              readOnly={!writable}
              lazy={lazy}
              projectName={projectName}
              onCreateChallenge={() => createChallenge(detailNote.id)}
              onOpenComments={() => setPanel({ tab: 'comments', target: { type: 'note', id: detailNote.id } })}
            />
          ) : (
            <p className="muted">{t('details.gone')}</p>
          ))}
        {panel.tab === 'comments' && (
          <CommentsPanel
            doc={doc}
            me={me}
            notes={notes}
            clusters={clusters}
            focus={panel.target ?? null}
            onShowNote={(id) => {
              const n = notes.find((x) => x.id === id);
              const box = boardRef.current?.getBoundingClientRect();
              if (n && box) setView({ scale: 1, x: Math.round(box.width / 2 - n.x - NOTE_WIDTH / 2), y: Math.round(box.height / 2 - n.y - NOTE_HEIGHT / 2) });
              setSelected(new Set([id]));
            }}
          />
        )}
        {panel.tab === 'challenges' && (
          <ChallengesPanel
            workshopId={workshopId}
            workshopDoc={workshopDoc}
            workshop={workshop}
            me={me}
            projectId={projectId}
            projectDoc={doc}
            lazy={lazy}
            focusId={panel.challengeId ?? null}
          />
        )}
        {panel.tab === 'partners' && <PartnersPanel doc={doc} me={me} />}
      </div>
    </aside>
  );

  return { toolbar, filterBar, underlay, overlay, sidePanel, extras, mainProps: { onPointerDownCapture } };
}
