import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type * as Y from 'yjs';
import { deleteNote, moveNote, setNoteKind } from '../../shared/operations';
import { NOTE_HEIGHT, NOTE_KINDS, NOTE_WIDTH, isNoteKind, type NoteKind } from '../../shared/schema';
import { useT } from '../i18n';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { NoteText } from './NoteText';
import { NoteVote, type NoteVoteProps } from './NoteVote';

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
  const drag = useRef<{ pointerId: number; startX: number; startY: number; noteX: number; noteY: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const move = useThrottledCallback((nx: number, ny: number) => moveNote(doc, id, nx, ny), 'frame');

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (readOnly || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, noteX: x, noteY: y };
    setDragging(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const scale = getScale();
    move(Math.round(d.noteX + (e.clientX - d.startX) / scale), Math.round(d.noteY + (e.clientY - d.startY) / scale));
  };
  const endDrag = (e: PointerEvent<HTMLButtonElement>) => {
    if (!drag.current || drag.current.pointerId !== e.pointerId) return;
    move.flush();
    drag.current = null;
    setDragging(false);
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
    moveNote(doc, id, x + d[0], y + d[1]);
  };

  return (
    <div
      className={`note note-${kind}${dragging ? ' is-dragging' : ''}${draft ? ' note-draft' : ''}${spotlighted ? ' is-spotlighted spotlighted' : ''}`}
      data-testid="note"
      data-note-id={id}
      data-kind={kind}
      data-draft={draft ? 'true' : undefined}
      data-spotlighted={spotlighted ? 'true' : 'false'}
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
        {!readOnly && (
          <button
            type="button"
            className="note-delete"
            data-testid="note-delete"
            aria-label={t('note.delete')}
            title={t('note.delete')}
            onClick={() => deleteNote(doc, id)}
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
      <div className="note-footer">
        {authorName && <div className="note-author">{t('note.by', { name: authorName })}</div>}
        {vote && <NoteVote {...vote} noteId={id} />}
      </div>
    </div>
  );
});
