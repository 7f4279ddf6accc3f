import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { deleteNote } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_WIDTH, notesMap, readNote } from '../../shared/schema';
import type { Principal } from '../../shared/protocol';
import { canWrite } from '../../shared/protocol';
import { addCluster, assignNotes, noteClusterId, unassignNotes, clusterFrameFor, fitClusters } from '../../shared/clusters';
import { createChallengeFromNote } from '../../shared/challenges';
import { filterNotes, readFilterableNotes, type AuthorProfile } from '../../shared/taxonomy';
import { type CommentTarget } from '../../shared/comments';
import { runAs } from '../../shared/undo';
import { caretState, remoteCaretsOf } from '../sync/remoteCarets';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { EMPTY_FILTER, filterActive, toNoteFilter, type FilterState } from '../components/FilterBar';
import type { NoteExtras } from '../components/noteExtras';
import { useT } from '../i18n';
import { useSearch } from '../router';
import { useChallenges, useClusters, useNoteTags, useOpenCounts, useTaxonomy, useUndoManager, labelOf, useTagLang, userOrigin } from '../sync/useContent';
import { useDocValue } from '../sync/useDocValue';
import { useFacilitation } from '../sync/useFacilitation';
import { useLazyProjectDocs } from '../sync/useLazyProjectDocs';
import { notesStoreOf } from '../sync/notesStore';
import { useWorkshop } from '../sync/useWorkshop';
import type { RoomDoc } from '../sync/useRoomDoc';
import type { Peer } from '../sync/usePresence';
import { deletedNotesOf } from '../sync/deletedNotes';
import { nextNoteAfterDelete } from '../canvas/noteNavigation';

const NO_EDITORS: Array<{ name: string; color: string }> = [];

export type PanelTab = 'details' | 'comments' | 'challenges' | 'partners' | 'attachments';
export interface PanelState {
  tab: PanelTab;
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
  /** Everyone on this board (awareness): who edits which note. */
  peers: Peer[];
  /** Centres the view on a canvas point (search results, comment links). */
  centreOn: (x: number, y: number) => void;
  boardRef: RefObject<HTMLDivElement | null>;
}

/**
 * The state the ideation content adds to a project canvas — selection, filters, side panel, tags,
 * clusters, comment counts, challenges — and the actions on it. Returns data and callbacks only:
 * CanvasToolbar, CanvasSidePanel and the board render them.
 */
export function useCanvasContent({ room, me, workshopId, projectId, token, workshopDoc, readOnly, peers, centreOn, boardRef }: Args) {
  const t = useT();
  const doc = room.doc;
  const origin = userOrigin(me.userId);
  const lang = useTagLang();
  const workshop = useWorkshop(workshopDoc);
  const taxonomy = useTaxonomy(workshopDoc);
  const clusters = useClusters(doc);
  const noteTags = useNoteTags(doc);
  const openCounts = useOpenCounts(doc);
  const challenges = useChallenges(workshopDoc);
  const undo = useUndoManager(doc, me.userId);
  const [filter, setFilter] = useState<FilterState>(EMPTY_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [panel, setPanel] = useState<PanelState | null>(null);
  const writable = !readOnly && canWrite(me.role);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const lazy = useLazyProjectDocs(
    workshopId,
    token,
    workshop.projects.map((p) => p.id).filter((id) => id !== projectId),
    panel?.tab === 'details' || panel?.tab === 'challenges',
  );
  const projectName = useCallback((id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled'), [workshop, t]);

  // Notes record their author's role and community; for older notes, what is known of the people present.
  const { presence } = useFacilitation();
  const profiles = useMemo(() => {
    const out: Record<string, AuthorProfile> = {};
    for (const p of presence) out[p.userId] = { role: p.role, community: p.community };
    return out;
  }, [presence]);
  const active = filterActive(filter);
  const matching = useDocValue(
    doc,
    (d) =>
      active
        ? filterNotes(readFilterableNotes(d, profiles), toNoteFilter(filter))
            .map((n) => n.id)
            .join(',')
        : '',
    JSON.stringify(filter), // a new filter must be applied at once, not at the next edit
  );
  const matchSet = useMemo(() => new Set(matching.split(',').filter(Boolean)), [matching]);

  // Search results and backlinks open the canvas with ?note=<id>: centre it and highlight it.
  const search = useSearch();
  const highlightedId = new URLSearchParams(search).get('note');

  const clusterAt = useCallback(
    (x: number, y: number) => {
      const hits = clusters.filter((c) => x >= c.x && x <= c.x + c.width && y >= c.y && y <= c.y + c.height);
      return hits.sort((a, b) => a.width * a.height - b.width * b.height)[0] ?? null;
    },
    [clusters],
  );

  /** After a drag or nudge: a note whose centre is inside a frame joins it; dragged out, it leaves. */
  const dropped = useCallback(
    (ids: string[]) => {
      runAs(doc, origin, () => {
        const touched = new Set<string>();
        for (const id of ids) {
          const m = notesMap(doc).get(id);
          if (!m) continue;
          const n = readNote(m);
          const current = noteClusterId(doc, m);
          // A note dragged by its cluster's edge stays in it; only its centre leaving the frame takes it out.
          const target = clusterAt(n.x + NOTE_WIDTH / 2, n.y + NOTE_HEIGHT / 2);
          if (current) touched.add(current);
          if (target && target.id !== current) assignNotes(doc, target.id, [id], origin);
          else if (!target && current) unassignNotes(doc, [id], origin);
          if (target) touched.add(target.id);
        }
        // Frames fit their notes exactly: they grow to take a note in and shrink when one leaves.
        fitClusters(doc, touched, origin);
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

  /** Focus after a delete goes to the nearest remaining note, or to the board when none is left. */
  const focusAfterDelete = useCallback(
    (deleted: ReadonlyArray<{ x: number; y: number }>) => {
      const next = nextNoteAfterDelete(deleted, notesStoreOf(doc).getSnapshot());
      requestAnimationFrame(() => {
        const el = next ? boardRef.current?.querySelector<HTMLElement>(`[data-testid="note"][data-note-id="${next.id}"]`) : null;
        if (next) setSelected(new Set([next.id]));
        if (el) return el.focus({ preventScroll: true });
        // No note left: the board itself takes the focus (focusable for this moment only, so a
        // click on it never steals the focus).
        const board = boardRef.current?.querySelector<HTMLElement>('[data-testid="canvas"]');
        if (!board) return;
        board.tabIndex = -1;
        board.addEventListener('blur', () => board.removeAttribute('tabindex'), { once: true });
        board.focus({ preventScroll: true });
      });
    },
    [doc, boardRef],
  );

  // My caret for the others: a few updates a second while typing are enough to follow it.
  const publishCaret = useThrottledCallback((noteId: string, selection: { start: number; end: number } | null) => {
    room.provider.awareness.setLocalStateField('caret', selection ? caretState(doc, noteId, selection.start, selection.end) : null);
  }, 80);

  // Who edits which note, from awareness; a stable key so cursor moves do not re-render the notes.
  const editingKey = peers
    .filter((p) => !p.isSelf && p.editing)
    .map((p) => `${p.editing}\u0001${p.user.name}\u0001${p.user.color}`)
    .sort()
    .join('\u0002');
  const editors = useMemo(() => {
    const out = new Map<string, Array<{ name: string; color: string }>>();
    for (const entry of editingKey ? editingKey.split('\u0002') : []) {
      const [noteId, name, color] = entry.split('\u0001');
      out.set(noteId, [...(out.get(noteId) ?? []), { name, color }]);
    }
    return out;
  }, [editingKey]);
  const editorsRef = useRef(editors);
  editorsRef.current = editors;
  deletedNotesOf(doc); // starts recording deletions (by anyone) for the "recently deleted" list

  const removeNotes = useCallback(
    (ids: string[]) => {
      const gone = ids.flatMap((id) => {
        const m = notesMap(doc).get(id);
        return m ? [readNote(m)] : [];
      });
      if (gone.length === 0) return;
      // Someone is typing in one of them: ask first (it can still be restored afterwards).
      const busy = [...new Set(gone.flatMap((n) => (editorsRef.current.get(n.id) ?? []).map((e) => e.name)))];
      if (busy.length && !window.confirm(t('note.deleteWhileEditing', { names: busy.join(', ') }))) return;
      runAs(doc, origin, () => {
        const touched = gone.flatMap((n) => {
          const m = notesMap(doc).get(n.id);
          const c = m ? noteClusterId(doc, m) : null;
          return c ? [c] : [];
        });
        gone.forEach((n) => deleteNote(doc, n.id));
        fitClusters(doc, touched, origin);
      });
      setSelected(new Set());
      focusAfterDelete(gone);
    },
    [doc, origin, focusAfterDelete, t],
  );

  const selectBox = useCallback((ids: string[], additive: boolean) => setSelected((prev) => new Set(additive ? [...prev, ...ids] : ids)), []);
  const clearSelection = useCallback(() => setSelected((prev) => (prev.size ? new Set() : prev)), []);

  const newCluster = useCallback(
    (centre: { x: number; y: number }) => {
      const sel = [...selectedRef.current].flatMap((id) => {
        const m = notesMap(doc).get(id);
        return m ? [readNote(m)] : [];
      });
      const id = newId();
      runAs(doc, origin, () => {
        // Regrouping notes takes them out of their clusters: those shrink, and vanish once empty
        // (never an invisible frame left under the new one).
        const previous = sel.flatMap((n) => {
          const m = notesMap(doc).get(n.id);
          const c = m ? noteClusterId(doc, m) : null;
          return c ? [c] : [];
        });
        addCluster(doc, { id, name: t('clusters.defaultName', { n: clusters.length + 1 }), ...clusterFrameFor(sel, centre), createdAt: Date.now() }, origin);
        if (sel.length > 0)
          assignNotes(
            doc,
            id,
            sel.map((n) => n.id),
            origin,
          );
        fitClusters(doc, previous, origin, { removeEmpty: true });
      });
    },
    [doc, origin, clusters.length, t],
  );

  const rovingId = useMemo(() => {
    const first = [...selected][0];
    return first ?? notesStoreOf(doc).getSnapshot()[0]?.id ?? null;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, doc, clusters]);

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
      removeNote: (id) => removeNotes([id]),
      editorsOf: (id) => editors.get(id) ?? NO_EDITORS,
      setEditing: (id) => room.provider.awareness.setLocalStateField('editing', id),
      remoteCarets: remoteCaretsOf(room.provider.awareness),
      setCaret: publishCaret,
      tabIndexOf: (id) => (id === rovingId ? 0 : -1),
      runLocal: (fn) => runAs(doc, origin, fn),
    };
  }, [
    taxonomy,
    lang,
    challenges,
    projectId,
    noteTags,
    active,
    matchSet,
    selected,
    highlightedId,
    openCounts,
    doc,
    dropped,
    writable,
    createChallenge,
    origin,
    removeNotes,
    rovingId,
    editors,
    room.provider.awareness,
    publishCaret,
  ]);

  const totalOpen = Object.values(openCounts).reduce((s, n) => s + n, 0);

  return {
    doc,
    origin,
    writable,
    workshop,
    taxonomy,
    clusters,
    noteTags,
    openCounts,
    totalOpen,
    challenges,
    undo,
    filter,
    setFilter,
    filterOn: active,
    matchCount: matchSet.size,
    selected,
    selectedRef,
    setSelected,
    selectBox,
    clearSelection,
    removeNotes,
    panel,
    setPanel,
    lazy,
    projectName,
    highlightedId,
    centreOn,
    extras,
    newCluster,
    dropped,
    createChallenge,
  };
}

export type CanvasContent = ReturnType<typeof useCanvasContent>;
