import { BackLink } from '../components/BackLink';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { addNote, deleteNote, setNoteKind } from '../../shared/operations';
import { canWrite, type Principal } from '../../shared/protocol';
import { NOTE_KINDS, isNoteKind, noteAuthorLabel, type NoteView } from '../../shared/schema';
import { assignNotes, type ClusterView } from '../../shared/clusters';
import { ClusterSelect } from '../components/ClusterSelect';
import { toggleNoteTag, type TagView } from '../../shared/taxonomy';
import { CommentThread } from '../components/CommentThread';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Link } from '../components/Link';
import { NoteText } from '../components/NoteText';
import { NoteVote, type NoteVoteProps } from '../components/NoteVote';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { SearchBox } from '../components/SearchBox';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import { paths } from '../router';
import { labelOf, useClusters, useNoteTags, useTagLang, useTaxonomy, useThreads, userOrigin } from '../sync/useContent';
import { useClusterSections } from '../sync/useClusterSections';
import { useNotes } from '../sync/useNotes';
import { type ProjectPageProps, useProjectRoom } from '../sync/useProjectRoom';
import type { ThreadView } from '../../shared/comments';
import { useDocumentTitle } from './useDocumentTitle';
import './CanvasView.css';
import './OutlineView.css';

/**
 * The project as nested lists — clusters → notes → comments — equal to the canvas and live with it,
 * usable entirely by keyboard and screen reader.
 */
export function OutlineView({ workshopId, projectId, workshopDoc, me, token }: ProjectPageProps) {
  const t = useT();
  const { room, workshop, project } = useProjectRoom({ workshopId, projectId, workshopDoc, token });
  const name = project?.name || t('project.untitled');
  useDocumentTitle(`${name} · ${t('outline.title')}`);

  return (
    <div className="page">
      <TopBar
        start={<BackLink href={paths.workshop(workshopId)} label={workshop.title || t('canvas.back')} />}
        end={
          <>
            <SearchBox workshopId={workshopId} token={token} />
            <ConnectionStatus status={room?.status ?? 'connecting'} />
          </>
        }
      >
        <div className="canvas-title">
          <span className="theme-tag">{t('outline.title')}</span>
        </div>
      </TopBar>
      <main id="main" className="page-main outline" data-testid="outline">
        <div className="outline-head">
          <h1 data-testid="project-name">{name}</h1>
          <Link className="button small" data-testid="canvas-toggle" href={paths.canvas(workshopId, projectId)}>
            {t('outline.toCanvas')}
          </Link>
        </div>
        {room?.loaded ? (
          <OutlineBody doc={room.doc} workshopDoc={workshopDoc} me={me} projectId={projectId} />
        ) : (
          <p className="loading">{t('canvas.loading')}</p>
        )}
      </main>
    </div>
  );
}

function OutlineBody({ doc, workshopDoc, me, projectId }: { doc: Y.Doc; workshopDoc: Y.Doc; me: Principal; projectId: string }) {
  const t = useT();
  // Dot voting works here too: the outline is a full alternative to the canvas.
  const { voteOf } = useNoteDecorations(doc, projectId, me);
  const notes = useNotes(doc);
  const clusters = useClusters(doc);
  const taxonomy = useTaxonomy(workshopDoc);
  const tags = useNoteTags(doc);
  const threads = useThreads(doc);
  const writable = canWrite(me.role);
  const threadOf = (key: string) => threads.find((th) => th.target === key) ?? null;
  const sections = useClusterSections(doc, notes, clusters);
  const add = (clusterId: string | null) => {
    const id = newId();
    const origin = userOrigin(me.userId);
    const c = clusters.find((x) => x.id === clusterId);
    const count = sections.find((s) => (s.cluster?.id ?? null) === clusterId)?.notes.length ?? 0;
    const x = c ? c.x + 20 + (count % 3) * 220 : -240;
    const y = c ? c.y + 60 + Math.floor(count / 3) * 170 : count * 170;
    doc.transact(() => {
      addNote(doc, {
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
      if (clusterId) assignNotes(doc, clusterId, [id], origin);
    }, origin);
    requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`[data-outline-note="${id}"] textarea`)?.focus());
  };

  return (
    <>
      {sections.map(({ cluster, notes: list }) => {
        const headingId = `outline-${cluster?.id ?? 'none'}`;
        if (!cluster && list.length === 0 && clusters.length > 0) return null;
        return (
          <section key={cluster?.id ?? 'none'} className="outline-section" aria-labelledby={headingId} data-testid="outline-section">
            <h2 id={headingId}>
              {cluster ? cluster.name || t('clusters.untitled') : clusters.length > 0 ? t('outline.unclustered') : t('outline.notes')}
              <span className="count">{list.length}</span>
            </h2>
            {cluster && (
              <ThreadDisclosure
                doc={doc}
                me={me}
                target={{ type: 'cluster', id: cluster.id }}
                thread={threadOf(`cluster:${cluster.id}`)}
                label={cluster.name}
              />
            )}
            {list.length === 0 ? (
              <p className="muted small">{t('outline.emptySection')}</p>
            ) : (
              <ul className="outline-notes">
                {list.map((n) => (
                  <OutlineNote
                    key={n.id}
                    doc={doc}
                    note={n}
                    me={me}
                    writable={writable}
                    taxonomy={taxonomy}
                    tags={tags[n.id] ?? []}
                    clusters={clusters}
                    clusterId={cluster?.id ?? null}
                    thread={threadOf(`note:${n.id}`)}
                    vote={voteOf(n.id)}
                  />
                ))}
              </ul>
            )}
            {writable && (
              <button type="button" className="button small" data-testid="outline-add-note" onClick={() => add(cluster?.id ?? null)}>
                <span aria-hidden="true">+</span> {cluster ? t('outline.addNoteIn', { name: cluster.name || t('clusters.untitled') }) : t('canvas.addNote')}
              </button>
            )}
          </section>
        );
      })}
      <section className="outline-section" aria-labelledby="outline-project-comments">
        <h2 id="outline-project-comments">{t('comments.onProject')}</h2>
        <CommentThread doc={doc} target={{ type: 'project' }} thread={threadOf('project')} me={me} />
      </section>
    </>
  );
}

function ThreadDisclosure({
  doc,
  me,
  target,
  thread,
  label,
}: {
  doc: Y.Doc;
  me: Principal;
  target: { type: 'note' | 'cluster'; id: string };
  thread: ThreadView | null;
  label: string;
}) {
  const t = useT();
  const open = thread && !thread.resolved ? thread.comments.length : 0;
  return (
    <details className="outline-thread">
      <summary data-testid="outline-comments">
        {t('outline.comments', { count: thread?.comments.length ?? 0 })}
        {open > 0 && <span className="visually-hidden">{t('comments.openCount', { count: open })}</span>}
        <span className="visually-hidden"> — {label}</span>
      </summary>
      <CommentThread doc={doc} target={target} thread={thread} me={me} />
    </details>
  );
}

function OutlineNote({
  doc,
  note,
  me,
  writable,
  taxonomy,
  tags,
  clusters,
  clusterId,
  thread,
  vote,
}: {
  doc: Y.Doc;
  note: NoteView;
  me: Principal;
  writable: boolean;
  taxonomy: TagView[];
  tags: string[];
  clusters: ClusterView[];
  clusterId: string | null;
  thread: ThreadView | null;
  vote: NoteVoteProps | null;
}) {
  const t = useT();
  const lang = useTagLang();
  const origin = userOrigin(me.userId);
  const labelId = `outline-note-${note.id}`;
  const excerpt = note.text.trim().slice(0, 40) || t('comments.emptyNote');
  return (
    <li className={`outline-note note-${note.kind}`} data-testid="outline-note" data-outline-note={note.id} aria-labelledby={labelId}>
      <p id={labelId} className="visually-hidden">
        {t('outline.noteLabel', { kind: t(`kind.${note.kind}`), author: noteAuthorLabel(note, t('note.anonymous')) || '—' })}
      </p>
      <div className="outline-note-main">
        <NoteText
          doc={doc}
          noteId={note.id}
          readOnly={!writable}
          autoFocus={false}
          label={t('outline.noteText', { text: excerpt })}
          placeholder={t('note.placeholder')}
        />
      </div>
      <div className="outline-note-fields">
        {vote && <NoteVote {...vote} noteId={note.id} />}
        <label className="field inline">
          <span className="field-label">{t('note.kind')}</span>
          <select
            data-testid="outline-kind"
            value={note.kind}
            disabled={!writable}
            onChange={(e) => isNoteKind(e.target.value) && doc.transact(() => setNoteKind(doc, note.id, e.target.value as typeof note.kind), origin)}
          >
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <ClusterSelect
          doc={doc}
          noteId={note.id}
          clusterId={clusterId}
          clusters={clusters}
          disabled={!writable}
          origin={origin}
          testId="outline-cluster"
          className="field inline"
        />
        <details className="outline-tags">
          <summary>{t('outline.tags', { count: tags.filter((id) => taxonomy.some((x) => x.id === id)).length })}</summary>
          <fieldset className="checks" disabled={!writable}>
            <legend className="visually-hidden">{t('tags.heading')}</legend>
            {taxonomy.map((tag) => (
              <label key={tag.id} className="check">
                <input type="checkbox" checked={tags.includes(tag.id)} onChange={() => toggleNoteTag(doc, note.id, tag.id, origin)} />
                {labelOf(tag, lang)}
              </label>
            ))}
          </fieldset>
        </details>
        {writable && (
          <button
            type="button"
            className="button small danger-ghost"
            aria-label={t('outline.deleteNote', { text: excerpt })}
            onClick={() => doc.transact(() => deleteNote(doc, note.id), origin)}
          >
            {t('note.delete')}
          </button>
        )}
      </div>
      <ThreadDisclosure doc={doc} me={me} target={{ type: 'note', id: note.id }} thread={thread} label={excerpt} />
    </li>
  );
}
