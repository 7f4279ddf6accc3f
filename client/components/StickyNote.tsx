import { memo, type CSSProperties, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type * as Y from 'yjs';
import { Flag, FlagTriangleRight, MessageSquare, Sparkles, Tags, Trash2 } from 'lucide-react';
import { deleteNote, moveNote, setNoteKind } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_KINDS, NOTE_WIDTH, isNoteKind, type NoteKind } from '../../shared/schema';
import { estimateNoteFont, fitFontStep } from '../canvas/noteFont';
import { useT } from '../i18n';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { DRAG_THRESHOLD_PX } from './canvas/useBoardGestures';
import { NoteText } from './NoteText';
import { NoteVote, type NoteVoteProps } from './NoteVote';
import { useNoteExtras } from './noteExtras';
import './StickyNote.css';

interface Props {
  doc: Y.Doc;
  id: string;
  x: number;
  y: number;
  kind: NoteKind;
  authorName: string;
  /** The note's text, for the font size that makes it fit (the textarea itself is bound to the Y.Text). */
  text: string;
  readOnly: boolean;
  autoFocus: boolean;
  /** Current zoom, read at drag time so zooming does not re-render every note. */
  getScale: () => number;
  /** A private draft (private writing): only its author sees it until the facilitator reveals. */
  draft?: boolean;
  spotlighted?: boolean;
  /** Facilitators: toggles the spotlight on this note (stable callback). */
  onSpotlight?: (id: string) => void;
  /** Dot voting on this note, when a round is open or closed for the project. */
  vote?: NoteVoteProps | null;
}

/** Presses on these do their own thing; anywhere else on the note starts a drag. */
const CONTROLS = 'button, select, input, a, .note-toolbar';
const ICON = { size: 16, strokeWidth: 2, 'aria-hidden': true } as const;

const textareaOf = (root: HTMLElement | null) => root?.querySelector<HTMLTextAreaElement>('[data-testid="note-text"]') ?? null;

/** Puts the caret at the end of the note's text: editing starts where people expect to continue. */
function startEditing(root: HTMLElement | null) {
  const ta = textareaOf(root);
  if (!ta || ta.readOnly) return;
  ta.focus({ preventScroll: true });
  ta.setSelectionRange(ta.value.length, ta.value.length);
}

/**
 * A sticky note, FigJam-style: press anywhere on it to select and drag it (with the rest of the
 * selection), double-click or Enter to edit its text, Escape to stop editing. Its controls live in
 * one contextual toolbar shown on hover, focus or selection; the text's font shrinks to fit.
 */
export const StickyNote = memo(function StickyNote({
  doc,
  id,
  x,
  y,
  kind,
  authorName,
  text,
  readOnly,
  autoFocus,
  getScale,
  draft = false,
  spotlighted = false,
  onSpotlight,
  vote,
}: Props) {
  const t = useT();
  const context = useNoteExtras();
  const extras = draft ? null : context;
  const root = useRef<HTMLDivElement>(null);
  const drag = useRef<{
    pointerId: number;
    startX: number;
    startY: number;
    wasSelected: boolean;
    onText: boolean;
    group: Array<{ id: string; x: number; y: number }> | null;
  } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [editing, setEditing] = useState(false);

  // ---- text that fits ------------------------------------------------------------------------
  const [fitted, setFitted] = useState<{ text: string; size: number } | null>(null);
  const fontSize = fitted?.text === text ? fitted.size : estimateNoteFont(text);
  useLayoutEffect(() => {
    const ta = textareaOf(root.current);
    if (!ta) return;
    const next = fitFontStep(fontSize, ta.scrollHeight > ta.clientHeight + 1);
    if (next !== null) setFitted({ text, size: next });
  }, [text, fontSize]);

  // ---- drag from anywhere --------------------------------------------------------------------
  const move = useThrottledCallback((dx: number, dy: number) => {
    const group = drag.current?.group ?? [{ id, x, y }];
    const apply = () => {
      for (const n of group) moveNote(doc, n.id, n.x + dx, n.y + dy);
    };
    if (extras) extras.runLocal(() => doc.transact(apply));
    else doc.transact(apply);
  }, 'frame');

  const pressStartsDrag = (target: EventTarget) => {
    if (!(target instanceof Element) || target.closest(CONTROLS)) return false;
    // While editing, pressing the text places the caret and selects text.
    return !(editing && target.closest('[data-testid="note-text"]'));
  };
  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    // Keeps a press on the text from focusing it (editing starts on double-click or Enter).
    if (e.button === 0 && pressStartsDrag(e.target)) e.preventDefault();
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !pressStartsDrag(e.target)) return;
    // The press is ours (not the board's marquee); onMouseDown keeps it from focusing the text.
    e.stopPropagation();
    const wasSelected = extras?.isSelected(id) ?? false;
    if (editing) textareaOf(root.current)?.blur();
    if (extras) extras.select(id, e.shiftKey || e.metaKey || e.ctrlKey);
    root.current?.focus({ preventScroll: true });
    if (readOnly || e.shiftKey || e.metaKey || e.ctrlKey) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const onText = e.target instanceof Element && e.target.closest('[data-testid="note-text"]') !== null;
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, wasSelected, onText, group: null };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.group) {
      if (Math.hypot(e.clientX - d.startX, e.clientY - d.startY) < DRAG_THRESHOLD_PX) return;
      d.group = extras ? extras.dragGroup(id) : [{ id, x, y }];
      setDragging(true);
    }
    const scale = getScale();
    move(Math.round((e.clientX - d.startX) / scale), Math.round((e.clientY - d.startY) / scale));
  };
  const endDrag = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    if (!d.group) {
      // A click on the text of a note that was already selected edits it, as in FigJam.
      if (d.wasSelected && d.onText && !readOnly) startEditing(root.current);
      return;
    }
    move.flush();
    setDragging(false);
    extras?.dropped(d.group.map((n) => n.id));
  };

  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.target instanceof Element && e.target.closest(CONTROLS)) return;
    e.stopPropagation();
    if (!readOnly) startEditing(root.current);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target === root.current && e.key === 'Enter' && !readOnly) {
      e.preventDefault();
      startEditing(root.current);
    } else if (e.key === 'Escape' && editing) {
      // Escape leaves the text first; the note stays selected (a second Escape clears that).
      e.preventDefault();
      e.stopPropagation();
      root.current?.focus({ preventScroll: true });
    }
  };
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLTextAreaElement) {
      setEditing(true);
      extras?.setEditing(id);
    } else if (e.target === root.current && extras && !extras.isSelected(id)) extras.select(id, false);
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLTextAreaElement) {
      setEditing(false);
      extras?.setEditing(null);
    }
  };

  const filter = extras?.filterState(id) ?? null;
  const selected = extras?.isSelected(id) ?? false;
  const highlighted = extras?.highlightedId === id;
  const chips = extras?.tagsOf(id) ?? [];
  const comments = extras?.commentCount(id) ?? 0;
  const challenges = extras?.challengesOf(id) ?? [];
  const kindLabel = t(`kind.${kind}`);
  const editors = extras?.editorsOf(id) ?? [];
  const remove = () => (extras ? extras.removeNote(id) : deleteNote(doc, id));

  return (
    <div
      ref={root}
      className={`note note-${kind}${editors.length ? ' is-co-edited' : ''}${dragging ? ' is-dragging' : ''}${editing ? ' is-editing' : ''}${draft ? ' note-draft' : ''}${spotlighted ? ' is-spotlighted spotlighted' : ''}${filter === 'dim' ? ' is-dimmed' : ''}${filter === 'match' ? ' is-match' : ''}${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`}
      data-testid="note"
      data-note-id={id}
      data-kind={kind}
      data-draft={draft ? 'true' : undefined}
      data-spotlighted={spotlighted ? 'true' : 'false'}
      data-selected={selected ? 'true' : undefined}
      data-filter={filter ?? undefined}
      tabIndex={extras?.tabIndexOf(id) ?? 0}
      role="group"
      aria-roledescription={t('note.role')}
      aria-label={`${kindLabel}${authorName ? ` — ${t('note.by', { name: authorName })}` : ''}`}
      data-co-edited={editors.length > 0 ? 'true' : undefined}
      style={{ left: x, top: y, width: NOTE_WIDTH, height: NOTE_HEIGHT, ...(editors.length ? { '--editor-color': editors[0].color } : {}) } as CSSProperties}
      onMouseDown={onMouseDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={onDoubleClick}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      {editors.length > 0 && (
        <span className="note-editors" data-testid="note-editor" style={{ background: editors[0].color }}>
          {t('note.editing', { names: editors.map((e) => e.name).join(', ') })}
        </span>
      )}
      <div className="note-top">
        <span className="note-kind-label" data-testid="note-kind-label">
          {kindLabel}
        </span>
        {draft && (
          <span className="draft-badge" data-testid="draft-badge" title={t('note.draftHint')}>
            {t('note.draft')}
          </span>
        )}
        {challenges.length > 0 && (
          <button
            type="button"
            className="note-badge badge-challenge"
            data-testid="note-challenge-badge"
            aria-label={t('challenges.backlinksLabel', { count: challenges.length, titles: challenges.map((c) => c.label).join(' ; ') })}
            title={challenges.map((c) => c.label).join('\n')}
            onClick={() => extras?.openDetails(id)}
          >
            <Flag size={12} aria-hidden="true" /> {challenges.length}
          </button>
        )}
        {comments > 0 && extras && (
          <button
            type="button"
            className="note-badge has-open"
            data-testid="note-comment-count"
            aria-label={t('comments.openOnNote', { count: comments })}
            title={t('comments.openOnNote', { count: comments })}
            onClick={() => extras.openComments(id)}
          >
            <MessageSquare size={12} aria-hidden="true" /> {comments}
          </button>
        )}
      </div>
      <NoteText
        doc={doc}
        noteId={id}
        readOnly={readOnly}
        autoFocus={autoFocus}
        label={t('note.text')}
        placeholder={t('note.placeholder')}
        fontSize={fontSize}
        tabIndex={editing ? 0 : -1}
        carets={extras?.remoteCarets}
        onSelection={extras ? (selection) => extras.setCaret(id, selection) : undefined}
      />
      {chips.length > 0 && (
        <ul className="note-tags" data-testid="note-tags" aria-label={t('tags.onNote')}>
          {chips.map((c) => (
            <li key={c.id} className="tag-chip" data-testid="note-tag" title={c.label}>
              {c.label}
            </li>
          ))}
        </ul>
      )}
      <div className="note-footer">
        {authorName && (
          <span className="note-author" title={t('note.by', { name: authorName })}>
            {authorName}
          </span>
        )}
        {vote && <NoteVote {...vote} noteId={id} />}
      </div>
      <div className="note-toolbar" role="toolbar" aria-label={t('note.actions')} data-testid="note-toolbar">
        <select
          className="note-kind"
          data-testid="note-kind"
          aria-label={t('note.kind')}
          title={t('note.kind')}
          value={kind}
          disabled={readOnly}
          onChange={(e) => {
            if (!isNoteKind(e.target.value)) return;
            const k = e.target.value;
            if (extras) extras.runLocal(() => setNoteKind(doc, id, k));
            else setNoteKind(doc, id, k);
          }}
        >
          {NOTE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
        {extras && (
          <>
            <button
              type="button"
              className="note-tool"
              data-testid="note-details"
              aria-label={t('note.details')}
              title={t('note.details')}
              onClick={() => extras.openDetails(id)}
            >
              <Tags {...ICON} />
            </button>
            <button
              type="button"
              className={`note-tool${comments > 0 ? ' has-open' : ''}`}
              data-testid="note-comments"
              data-count={comments}
              aria-label={t('comments.openOnNote', { count: comments })}
              title={t('comments.openOnNote', { count: comments })}
              onClick={() => extras.openComments(id)}
            >
              <MessageSquare {...ICON} />
            </button>
            {extras.createChallenge && (
              <button
                type="button"
                className="note-tool"
                data-testid="note-create-challenge"
                aria-label={t('challenges.createFromNote')}
                title={t('challenges.createFromNote')}
                onClick={() => extras.createChallenge?.(id)}
              >
                <FlagTriangleRight {...ICON} />
              </button>
            )}
          </>
        )}
        {onSpotlight && !draft && (
          <button
            type="button"
            className={`note-tool${spotlighted ? ' is-on' : ''}`}
            data-testid="spotlight-button"
            aria-pressed={spotlighted}
            aria-label={t(spotlighted ? 'note.spotlightOff' : 'note.spotlight')}
            title={t(spotlighted ? 'note.spotlightOff' : 'note.spotlight')}
            onClick={() => onSpotlight(id)}
          >
            <Sparkles {...ICON} />
          </button>
        )}
        {!readOnly && (
          <button type="button" className="note-tool danger" data-testid="note-delete" aria-label={t('note.delete')} title={t('note.delete')} onClick={remove}>
            <Trash2 {...ICON} />
          </button>
        )}
      </div>
    </div>
  );
});
