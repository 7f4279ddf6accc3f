import type * as Y from 'yjs';
import type { ClusterView } from '../../shared/clusters';
import type { ChallengeView } from '../../shared/challenges';
import { unlink } from '../../shared/challenges';
import { canWrite, type Principal } from '../../shared/protocol';
import type { NoteView } from '../../shared/schema';
import { toggleNoteTag, type TagView } from '../../shared/taxonomy';
import { useT } from '../i18n';
import { labelOf, useTagLang, userOrigin } from '../sync/useContent';
import type { LazyDocs } from '../sync/useLazyProjectDocs';
import { LinkNoteToChallenge } from './ChallengesPanel';
import { ClusterSelect } from './ClusterSelect';
import { SimilarSuggestions } from './SimilarSuggestions';
import './CanvasSidePanel.css';
import './NoteDetails.css';

interface Props {
  workshopId: string;
  doc: Y.Doc;
  workshopDoc: Y.Doc;
  projectId: string;
  note: NoteView;
  tags: string[];
  clusterId: string | null;
  taxonomy: TagView[];
  clusters: ClusterView[];
  challenges: ChallengeView[];
  me: Principal;
  readOnly: boolean;
  lazy: LazyDocs;
  projectName: (id: string) => string;
  onCreateChallenge: () => void;
  onOpenComments: () => void;
}

/** The side panel for one note: its tags (taxonomy), cluster, common challenges and similar notes elsewhere. */
export function NoteDetails(props: Props) {
  const { workshopId, doc, workshopDoc, projectId, note, tags, clusterId, taxonomy, clusters, challenges, me, readOnly, lazy, projectName } = props;
  const t = useT();
  const lang = useTagLang();
  const origin = userOrigin(me.userId);
  const linked = challenges.filter((c) => c.links.some((l) => l.projectId === projectId && l.noteId === note.id));
  const writable = canWrite(me.role);
  return (
    <div className="note-details" data-testid="note-details-panel" data-note-id={note.id}>
      <blockquote className="note-quote">{note.text || t('comments.emptyNote')}</blockquote>
      <fieldset className="field checks tag-picker" disabled={readOnly}>
        <legend className="field-label">{t('tags.heading')}</legend>
        {taxonomy.length === 0 && <p className="muted small">{t('tags.none')}</p>}
        <div className="tag-options">
          {taxonomy.map((tag) => (
            <label key={tag.id} className={`tag-option${tags.includes(tag.id) ? ' is-on' : ''}`}>
              <input
                type="checkbox"
                data-testid="tag-option"
                data-tag-id={tag.id}
                checked={tags.includes(tag.id)}
                onChange={() => toggleNoteTag(doc, note.id, tag.id, origin)}
              />
              {labelOf(tag, lang)}
            </label>
          ))}
        </div>
      </fieldset>
      <ClusterSelect doc={doc} noteId={note.id} clusterId={clusterId} clusters={clusters} disabled={readOnly} origin={origin} testId="note-cluster" />
      <section aria-labelledby="note-challenges-heading">
        <h3 id="note-challenges-heading" className="side-subheading">
          {t('challenges.ofNote')}
        </h3>
        {linked.length === 0 ? (
          <p className="muted small">{t('challenges.noneForNote')}</p>
        ) : (
          <ul className="backlinks" data-testid="note-backlinks">
            {linked.map((c) => (
              <li key={c.id} data-testid="note-backlink">
                <span>⚑ {c.title}</span>
                {writable && (
                  <button type="button" className="link-button small" onClick={() => unlink(workshopDoc, c.id, { projectId, noteId: note.id }, origin)}>
                    {t('challenges.unlink')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {writable && (
          <>
            <LinkNoteToChallenge workshopDoc={workshopDoc} challenges={challenges} projectId={projectId} noteId={note.id} me={me} />
            <button
              type="button"
              className="button small"
              data-testid="details-create-challenge"
              onClick={props.onCreateChallenge}
              disabled={!note.text.trim()}
            >
              {t('challenges.createFromNote')}
            </button>
          </>
        )}
      </section>
      <button type="button" className="button small" onClick={props.onOpenComments}>
        {t('comments.openThread')}
      </button>
      <SimilarSuggestions workshopId={workshopId} query={note.text} excludeProjectId={projectId} lazy={lazy} projectName={projectName} />
    </div>
  );
}
