import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { addComment, deleteComment, reopenThread, resolveThread, type CommentTarget, type ThreadView } from '../../shared/comments';
import type { Principal } from '../../shared/protocol';
import { canWrite } from '../../shared/protocol';
import { useLang, useT } from '../i18n';
import { userOrigin } from '../sync/useContent';
import './CommentThread.css';

/** The author line of a comment: name, role and, for experts, their community (colour + label). */
export function CommentAuthor({ name, role, community }: { name: string; role: Principal['role']; community: Principal['community'] }) {
  const t = useT();
  return (
    <span className="comment-author">
      <strong>{name}</strong>
      <span className="comment-role">{t(`roleShort.${role}`)}</span>
      {community && (
        <span className={`community-tag community-${community}`} data-testid="comment-community" data-community={community}>
          {t(`community.${community}`)}
        </span>
      )}
    </span>
  );
}

interface Props {
  doc: Y.Doc;
  target: CommentTarget;
  thread: ThreadView | null;
  me: Principal;
  /** Heading level for the thread title in the surrounding outline. */
  title?: string;
  autoFocus?: boolean;
}

/** One thread: comments oldest first, a reply box, resolve / reopen. */
export function CommentThread({ doc, target, thread, me, title, autoFocus }: Props) {
  const t = useT();
  const [lang] = useLang();
  const [text, setText] = useState('');
  const writable = canWrite(me.role);
  const origin = userOrigin(me.userId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const ok = addComment(
      doc,
      {
        id: newId(),
        target,
        text,
        authorId: me.userId,
        authorName: me.name,
        authorRole: me.role,
        authorCommunity: me.community,
        createdAt: Date.now(),
      },
      origin,
    );
    if (ok) setText('');
  };
  const resolved = thread?.resolved ?? false;
  return (
    <div className={`thread${resolved ? ' is-resolved' : ''}`} data-testid="thread" data-target={thread?.target}>
      {title && <p className="thread-title">{title}</p>}
      {resolved && (
        <p className="thread-state" data-testid="thread-resolved">
          {t('comments.resolved')}
        </p>
      )}
      {thread && thread.comments.length > 0 ? (
        <ol className="comment-list">
          {thread.comments.map((c) => (
            <li key={c.id} className={`comment${c.authorCommunity ? ` comment-${c.authorCommunity}` : ''}`} data-testid="comment">
              <div className="comment-head">
                <CommentAuthor name={c.authorName} role={c.authorRole} community={c.authorCommunity} />
                <time className="comment-time" dateTime={new Date(c.createdAt).toISOString()}>
                  {new Date(c.createdAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })}
                </time>
              </div>
              <p className="comment-text" data-testid="comment-text">
                {c.text}
              </p>
              {(c.authorId === me.userId || me.role === 'facilitator') && (
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => deleteComment(doc, { id: c.id, userId: me.userId, moderator: me.role === 'facilitator' }, origin)}
                >
                  {t('comments.delete')}
                </button>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">{t('comments.none')}</p>
      )}
      {writable && (
        <form className="comment-form" onSubmit={submit}>
          <label className="field inline">
            <span className="visually-hidden">{thread ? t('comments.reply') : t('comments.add')}</span>
            <textarea
              data-testid="comment-input"
              value={text}
              rows={2}
              maxLength={2000}
              autoFocus={autoFocus}
              placeholder={thread ? t('comments.replyPlaceholder') : t('comments.addPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
              }}
            />
          </label>
          <div className="button-row">
            <button type="submit" className="button small primary" data-testid="comment-submit" disabled={!text.trim()}>
              {thread ? t('comments.reply') : t('comments.add')}
            </button>
            {thread && (
              <button
                type="button"
                className="button small"
                data-testid="thread-resolve"
                onClick={() => (resolved ? reopenThread : resolveThread)(doc, target, me.userId, Date.now(), origin)}
              >
                {resolved ? t('comments.reopen') : t('comments.resolve')}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
