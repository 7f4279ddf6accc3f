import { useState } from 'react';
import type * as Y from 'yjs';
import { parseTargetKey, type CommentTarget } from '../../shared/comments';
import type { ClusterView } from '../../shared/clusters';
import type { Principal } from '../../shared/protocol';
import type { NoteView } from '../../shared/schema';
import { useT } from '../i18n';
import { useThreads } from '../sync/useContent';
import { CommentThread } from './CommentThread';
import './CanvasSidePanel.css';
import './CommentsPanel.css';
import './CommentThread.css';

interface Props {
  doc: Y.Doc;
  me: Principal;
  notes: NoteView[];
  clusters: ClusterView[];
  /** The thread asked for (a note's or cluster's badge), shown first with its reply box focused. */
  focus: CommentTarget | null;
  onShowNote: (noteId: string) => void;
}

const excerpt = (s: string, max = 70) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
};

/** Every comment thread of the project (the project's own, and those on notes and clusters). */
export function CommentsPanel({ doc, me, notes, clusters, focus, onShowNote }: Props) {
  const t = useT();
  const threads = useThreads(doc);
  const [show, setShow] = useState<'open' | 'all'>('open');
  const focusKey = focus ? (focus.type === 'project' ? 'project' : `${focus.type}:${focus.id}`) : null;
  const targetLabel = (key: string) => {
    const target = parseTargetKey(key);
    if (target?.type === 'note') return t('comments.onNote', { text: excerpt(notes.find((n) => n.id === target.id)?.text || t('comments.emptyNote')) });
    if (target?.type === 'cluster') return t('comments.onCluster', { name: clusters.find((c) => c.id === target.id)?.name || t('clusters.untitled') });
    return t('comments.onProject');
  };
  const focused = focus ? (threads.find((th) => th.target === focusKey) ?? null) : null;
  const others = threads.filter((th) => th.target !== focusKey && (show === 'all' || !th.resolved));
  const projectThread = threads.find((th) => th.target === 'project') ?? null;
  return (
    <div className="comments-panel" data-testid="comments-panel">
      {focus && (
        <section className="thread-focus" aria-label={targetLabel(focusKey!)}>
          <h3 className="side-subheading">{targetLabel(focusKey!)}</h3>
          {focus.type === 'note' && (
            <button type="button" className="link-button small" onClick={() => onShowNote(focus.id)}>
              {t('comments.showNote')}
            </button>
          )}
          <CommentThread key={focusKey} doc={doc} target={focus} thread={focused} me={me} autoFocus />
        </section>
      )}
      <div className="panel-row">
        <h3 className="side-subheading">{t('comments.allThreads')}</h3>
        <select aria-label={t('comments.show')} value={show} onChange={(e) => setShow(e.target.value as 'open' | 'all')}>
          <option value="open">{t('comments.showOpen')}</option>
          <option value="all">{t('comments.showAll')}</option>
        </select>
      </div>
      {others.length === 0 && <p className="muted small">{t('comments.noThreads')}</p>}
      {others.map((th) => {
        const target = parseTargetKey(th.target);
        if (!target) return null;
        return (
          <section key={th.target} className="thread-card" aria-label={targetLabel(th.target)}>
            <h4 className="thread-heading">{targetLabel(th.target)}</h4>
            {target.type === 'note' && (
              <button type="button" className="link-button small" onClick={() => onShowNote(target.id)}>
                {t('comments.showNote')}
              </button>
            )}
            <CommentThread doc={doc} target={target} thread={th} me={me} />
          </section>
        );
      })}
      {focusKey !== 'project' && !projectThread && (
        <section className="thread-card" aria-label={t('comments.onProject')}>
          <h4 className="thread-heading">{t('comments.onProject')}</h4>
          <CommentThread doc={doc} target={{ type: 'project' }} thread={null} me={me} />
        </section>
      )}
    </div>
  );
}
