import { MessageSquare } from 'lucide-react';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { ThreadView } from '../../shared/comments';
import type { Principal } from '../../shared/protocol';
import { noteAuthorLabel, type NoteView } from '../../shared/schema';
import type { TagView } from '../../shared/taxonomy';
import { CommentThread } from '../components/CommentThread';
import { NoteVote, type NoteVoteProps } from '../components/NoteVote';
import { useT } from '../i18n';
import { labelOf, useTagLang } from '../sync/useContent';

interface Props {
  doc: Y.Doc;
  note: NoteView;
  me: Principal;
  taxonomy: TagView[];
  tags: string[];
  commentCount: number;
  thread: ThreadView | null;
  vote: NoteVoteProps | null;
  /** A private draft: only its author sees it, no comments or votes until revealed. */
  draft: boolean;
}

/** One note in the phone list: its kind's colour, text, author and tags, its vote, its comments. */
export function PhoneNoteCard({ doc, note, me, taxonomy, tags, commentCount, thread, vote, draft }: Props) {
  const t = useT();
  const lang = useTagLang();
  const [open, setOpen] = useState(false);
  const labels = tags.flatMap((id) => taxonomy.find((tag) => tag.id === id) ?? []).map((tag) => labelOf(tag, lang));
  const threadId = `pthread-${note.id}`;
  return (
    <li className={`phone-note note-${note.kind}${draft ? ' is-draft' : ''}`} data-testid="phone-note" data-note-id={note.id}>
      <p className="phone-note-kind">{t(`kind.${note.kind}`)}</p>
      <p className="phone-note-text" data-testid="phone-note-text">
        {note.text.trim() || <span className="muted">{t('comments.emptyNote')}</span>}
      </p>
      {labels.length > 0 && (
        <ul className="phone-note-tags" aria-label={t('tags.heading')}>
          {labels.map((l) => (
            <li key={l} className="tag-chip">
              {l}
            </li>
          ))}
        </ul>
      )}
      <div className="phone-note-foot">
        <span className="phone-note-author">{noteAuthorLabel(note, t('note.anonymous')) || '—'}</span>
        {!draft && (
          <button
            type="button"
            className={`phone-note-comments${open ? ' is-on' : ''}`}
            data-testid="phone-note-comments"
            aria-expanded={open}
            aria-controls={threadId}
            onClick={() => setOpen(!open)}
          >
            <MessageSquare size={20} aria-hidden="true" />
            {commentCount}
            <span className="visually-hidden"> {t('phone.comments')}</span>
          </button>
        )}
        {vote && <NoteVote {...vote} noteId={note.id} />}
      </div>
      {open && (
        <div id={threadId} className="phone-note-thread">
          <CommentThread doc={doc} target={{ type: 'note', id: note.id }} thread={thread} me={me} />
        </div>
      )}
    </li>
  );
}
