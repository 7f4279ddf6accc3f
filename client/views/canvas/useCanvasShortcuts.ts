import { useEffect, useRef } from 'react';
import type { Principal } from '../../../shared/protocol';
import { newId } from '../../../shared/ids';
import { addNote, moveNote } from '../../../shared/operations';
import { Occupancy, placeGroup } from '../../../shared/placement';
import { notesMap, readNote, type NoteView } from '../../../shared/schema';
import { setNoteTags } from '../../../shared/taxonomy';
import { runAs } from '../../../shared/undo';
import { noteInDirection, type Direction } from '../../canvas/noteNavigation';
import { notesBox } from '../../canvas/viewMath';
import type { CanvasTool } from '../../components/canvas/useBoardGestures';
import { notesStoreOf } from '../../sync/notesStore';
import type { CanvasContent } from '../useCanvasContent';
import type { CanvasNavigation } from './useCanvasNavigation';

const isEditable = (el: Element | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
const NUDGE = 10;
const NUDGE_LARGE = 50;

/** Copied notes, shared by the canvases of this page (paste into another project works too). */
let clipboard: Array<Omit<NoteView, 'id'> & { tags: string[] }> = [];

interface Args {
  content: CanvasContent;
  nav: CanvasNavigation;
  me: Pick<Principal, 'userId' | 'name' | 'role' | 'community'>;
  setTool: (tool: CanvasTool) => void;
  addAtCentre: () => void;
  /** Closes the innermost open popover or panel; false when none was open. */
  closeInnermost: () => boolean;
}

/**
 * The canvas keyboard, as in FigJam: V/H tools, N new note, Shift+1 fit, Shift+2 selection,
 * Shift+0 100 %, +/− zoom; on the selection: arrows nudge (Shift: further), Delete, Ctrl+C/V/Z/Y,
 * Ctrl+A; Alt+arrows move to the nearest note in that direction; Escape closes the innermost
 * popover or panel, then clears the selection. Keys typed into a field are left alone.
 */
export function useCanvasShortcuts(args: Args) {
  const ref = useRef(args);
  ref.current = args;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { content, nav, me, setTool, addAtCentre, closeInnermost } = ref.current;
      if (e.defaultPrevented) return;
      if (e.key === 'Escape') {
        if (isEditable(document.activeElement) && !(document.activeElement instanceof HTMLSelectElement)) return;
        if (closeInnermost()) e.preventDefault();
        else if (content.selected.size) {
          e.preventDefault();
          content.clearSelection();
        }
        return;
      }
      if (isEditable(document.activeElement)) return;
      const { doc, origin, writable } = content;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const sel = [...content.selectedRef.current].filter((id) => notesMap(doc).has(id));
      const focusNote = (id: string) => {
        content.setSelected(new Set([id]));
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="note"][data-note-id="${id}"]`)?.focus({ preventScroll: false }));
      };

      // ---- view ----
      if (e.shiftKey && !mod && e.code === 'Digit1') return void (e.preventDefault(), nav.fitAll());
      if (e.shiftKey && !mod && e.code === 'Digit2') {
        e.preventDefault();
        return void nav.fitBox(notesBox(sel.map((id) => readNote(notesMap(doc).get(id)!))));
      }
      if (e.shiftKey && !mod && e.code === 'Digit0') return void (e.preventDefault(), nav.zoomTo100());
      if (key === '+' || key === '=') return void (e.preventDefault(), nav.zoomIn());
      if (key === '-' || key === '_') return void (e.preventDefault(), nav.zoomOut());
      if (!mod && !e.altKey && key === 'v') return setTool('select');
      if (!mod && !e.altKey && key === 'h') return setTool('hand');
      if (e.altKey && ARROWS[e.key]) {
        e.preventDefault();
        const all = notesStoreOf(doc).getSnapshot();
        const from = sel.length ? notesStoreOf(doc).get(sel[0]) : undefined;
        const next = from ? noteInDirection(from, ARROWS[e.key], all) : all[0];
        if (next) focusNote(next.id);
        return;
      }
      if (mod && key === 'a') {
        e.preventDefault();
        content.setSelected(
          new Set(
            notesStoreOf(doc)
              .getSnapshot()
              .map((n) => n.id),
          ),
        );
        return;
      }
      if (!writable) return;

      // ---- editing ----
      if (!mod && !e.altKey && key === 'n') return void (e.preventDefault(), addAtCentre());
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) content.undo.manager?.redo();
        else content.undo.manager?.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        content.undo.manager?.redo();
      } else if (mod && key === 'c' && sel.length > 0) {
        clipboard = sel.map((id) => {
          const { id: _id, ...n } = readNote(notesMap(doc).get(id)!);
          return { ...n, tags: content.noteTags[id] ?? [] };
        });
      } else if (mod && key === 'v' && clipboard.length > 0) {
        e.preventDefault();
        // The copied layout, centred in the view, moved as a whole to the nearest spot where it covers nothing.
        const box = notesBox(clipboard)!;
        const { w, h } = nav.size();
        const v = nav.view;
        const cx = (w / 2 - v.x) / v.scale;
        const cy = (h / 2 - v.y) / v.scale;
        const dx = cx - (box.x0 + box.x1) / 2;
        const dy = cy - (box.y0 + box.y1) / 2;
        const spots = placeGroup(
          clipboard.map((n) => ({ x: n.x + dx, y: n.y + dy })),
          new Occupancy(notesStoreOf(doc).getSnapshot()),
        );
        const ids: string[] = [];
        runAs(doc, origin, () => {
          clipboard.forEach((n, i) => {
            const id = newId();
            ids.push(id);
            addNote(doc, {
              ...n,
              id,
              x: spots[i].x,
              y: spots[i].y,
              authorId: me.userId,
              authorName: me.name,
              authorRole: me.role,
              authorCommunity: me.community,
              createdAt: Date.now() + i,
            });
            if (n.tags.length) setNoteTags(doc, id, n.tags, origin);
          });
        });
        content.setSelected(new Set(ids));
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && sel.length > 0) {
        e.preventDefault();
        content.removeNotes(sel);
      } else if (ARROWS[e.key] && sel.length > 0) {
        e.preventDefault();
        const step = e.shiftKey ? NUDGE_LARGE : NUDGE;
        const [dx, dy] = ({ left: [-step, 0], right: [step, 0], up: [0, -step], down: [0, step] } as const)[ARROWS[e.key]];
        runAs(doc, origin, () =>
          sel.forEach((id) => {
            const n = readNote(notesMap(doc).get(id)!);
            moveNote(doc, id, n.x + dx, n.y + dy);
          }),
        );
        content.dropped(sel);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
