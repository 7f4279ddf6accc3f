import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type * as Y from 'yjs';
import { deleteNote, moveNote, setNoteKind } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_KINDS, NOTE_WIDTH, isNoteKind, type NoteKind } from '../../shared/schema';
import { useT } from '../i18n';
import { CommentIcon } from './CommentIcon';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { NoteText } from './NoteText';
import { NoteVote, type NoteVoteProps } from './NoteVote';
import { useNoteExtras } from './noteExtras';

interface Props {
  doc: Y.Doc;
  id: string;
  x: number;
  y: number;
  kind: NoteKind;
  authorName: string;
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

const KEY_STEP = 10;
const KEY_STEP_LARGE = 50;

export const StickyNote = memo(function StickyNote({ doc, id, x, y, kind, authorName, readOnly, autoFocus, getScale, draft = false, spotlighted = false, onSpotlight, vote }: Props) {
  const t = useT();
  const context = useNoteExtras();
  const extras = draft ? null : context;
  const drag = useRef<{ pointerId: number; startX: number; startY: number; group: Array<{ id: string; x: number; y: number }> } | null>(null);
  const [dragging, setDragging] = useState(false);
  const move = useThrottledCallback((dx: number, dy: number) => {
    const group = drag.current?.group ?? [{ id, x, y }];
    const apply = () => {
      for (const n of group) moveNote(doc, n.id, n.x + dx, n.y + dy);
    };
    if (extras) extras.runLocal(() => doc.transact(apply));
    else doc.transact(apply);
  }, 'frame');

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (readOnly || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    if (extras) extras.select(id, e.shiftKey);
    if (e.shiftKey) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, group: extras ? extras.dragGroup(id) : [{ id, x, y }] };
    setDragging(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const scale = getScale();
    move(Math.round((e.clientX - d.startX) / scale), Math.round((e.clientY - d.startY) / scale));
  };
  const endDrag = (e: PointerEvent<HTMLButtonElement>) => {
    if (!drag.current || drag.current.pointerId !== e.pointerId) return;
    move.flush();
    const ids = drag.current.group.map((n) => n.id);
    drag.current = null;
    setDragging(false);
    extras?.dropped(ids);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = delta[e.key];
    if (!d || readOnly) return;
    e.preventDefault();
    e.stopPropagation();
    if (extras) {
      const group = extras.dragGroup(id);
      extras.runLocal(() => doc.transact(() => group.forEach((n) => moveNote(doc, n.id, n.x + d[0], n.y + d[1]))));
      extras.dropped(group.map((n) => n.id));
    } else moveNote(doc, id, x + d[0], y + d[1]);
  };
  const filter = extras?.filterState(id) ?? null;
  const selected = extras?.isSelected(id) ?? false;
  const highlighted = extras?.highlightedId === id;
  const chips = extras?.tagsOf(id) ?? [];
  const comments = extras?.commentCount(id) ?? 0;
  const challenges = extras?.challengesOf(id) ?? [];

  return (
    <div
      className={`note note-${kind}${dragging ? ' is-dragging' : ''}${draft ? ' note-draft' : ''}${spotlighted ? ' is-spotlighted spotlighted' : ''}${filter === 'dim' ? ' is-dimmed' : ''}${filter === 'match' ? ' is-match' : ''}${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`}
      data-testid="note"
      data-note-id={id}
      data-kind={kind}
      data-draft={draft ? 'true' : undefined}
      data-spotlighted={spotlighted ? 'true' : 'false'}
      data-selected={selected ? 'true' : undefined}
      data-filter={filter ?? undefined}
      style={{ left: x, top: y, width: NOTE_WIDTH, height: NOTE_HEIGHT }}
    >
      <div className="note-header">
        {readOnly ? (
          <span className="note-grip-static" aria-hidden="true" />
        ) : (
          <button
            type="button"
            className="note-handle"
            data-testid="note-handle"
            aria-label={t('note.move')}
            title={t('note.move')}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
            onKeyDown={onKeyDown}
          >
            <span className="note-grip" aria-hidden="true" />
          </button>
        )}
        <select
          className="note-kind"
          data-testid="note-kind"
          aria-label={t('note.kind')}
          value={kind}
          disabled={readOnly}
          onChange={(e) => {
            if (isNoteKind(e.target.value)) setNoteKind(doc, id, e.target.value);
          }}
        >
          {NOTE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
        {draft && (
          <span className="draft-badge" data-testid="draft-badge" title={t('note.draftHint')}>
            {t('note.draft')}
          </span>
        )}
        {onSpotlight && !draft && (
          <button
            type="button"
            className={`note-spotlight${spotlighted ? ' is-on' : ''}`}
            data-testid="spotlight-button"
            aria-pressed={spotlighted}
            aria-label={t(spotlighted ? 'note.spotlightOff' : 'note.spotlight')}
            title={t(spotlighted ? 'note.spotlightOff' : 'note.spotlight')}
            onClick={() => onSpotlight(id)}
          >
            <span aria-hidden="true">✦</span>
          </button>
        )}
        {extras && (
          <button
            type="button"
            className="note-more"
            data-testid="note-details"
            aria-label={t('note.details')}
            title={t('note.details')}
            onClick={() => extras.openDetails(id)}
          >
            <span aria-hidden="true">⋯</span>
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className="note-delete"
            data-testid="note-delete"
            aria-label={t('note.delete')}
            title={t('note.delete')}
            onClick={() => (extras ? extras.runLocal(() => deleteNote(doc, id)) : deleteNote(doc, id))}
          >
            <span aria-hidden="true">×</span>
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
        {authorName && <div className="note-author">{t('note.by', { name: authorName })}</div>}
        {extras && (
          <div className="note-badges">
            {challenges.length > 0 && (
              <button
                type="button"
                className="note-badge badge-challenge"
                data-testid="note-challenge-badge"
                aria-label={t('challenges.backlinksLabel', { count: challenges.length, titles: challenges.map((c) => c.label).join(' ; ') })}
                title={challenges.map((c) => c.label).join('\n')}
                onClick={() => extras.openDetails(id)}
              >
                <span aria-hidden="true">⚑</span> {challenges.length}
              </button>
            )}
            <button
              type="button"
              className={`note-badge badge-comments${comments > 0 ? ' has-open' : ''}`}
              data-testid="note-comments"
              data-count={comments}
              aria-label={t('comments.openOnNote', { count: comments })}
              title={t('comments.openOnNote', { count: comments })}
              onClick={() => extras.openComments(id)}
            >
              <CommentIcon />
              {comments > 0 ? ` ${comments}` : ''}
            </button>
            {extras.createChallenge && (
              <button
                type="button"
                className="note-badge"
                data-testid="note-create-challenge"
                aria-label={t('challenges.createFromNote')}
                title={t('challenges.createFromNote')}
                onClick={() => extras.createChallenge?.(id)}
              >
                <span aria-hidden="true">⚑+</span>
              </button>
            )}
          </div>
        )}
        {vote && <NoteVote {...vote} noteId={id} />}
      </div>
    </div>
  );
});
