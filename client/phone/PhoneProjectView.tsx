import { ArrowLeft, LayoutGrid, Plus } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { mayWriteCanvas } from '../../shared/facilitation';
import { canEditBoard, type Principal } from '../../shared/protocol';
import type { NoteView } from '../../shared/schema';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Link } from '../components/Link';
import { useT } from '../i18n';
import { paths } from '../router';
import { useClusters, useNoteTags, useTaxonomy, useThreads } from '../sync/useContent';
import { useClusterSections } from '../sync/useClusterSections';
import { useFacilitation } from '../sync/useFacilitation';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { useNotes } from '../sync/useNotes';
import { usePrivateDrafts } from '../sync/usePrivateDrafts';
import { type ProjectPageProps, useProjectRoom } from '../sync/useProjectRoom';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from '../views/useDocumentTitle';
import { AddIdeaSheet } from './AddIdeaSheet';
import { PhoneBanners } from './PhoneBanners';
import { PhoneBar } from './PhoneBar';
import { PhoneNoteCard } from './PhoneNoteCard';
import { communeLabel } from '../../shared/communeLabel';

/**
 * A project on a phone: its notes as a readable list grouped by cluster, live with the board, with
 * one primary action (add an idea), voting while a round is open, comments, and the board one tap away.
 */
export function PhoneProjectView({ workshopId, projectId, workshopDoc, me, token }: ProjectPageProps) {
  const t = useT();
  const { room, workshop, project } = useProjectRoom({ workshopId, projectId, workshopDoc, token });
  const name = project ? project.name || t('project.untitled') : '…';
  useDocumentTitle(project ? `${name} · ${workshop.title}` : workshop.title);
  return (
    <div className="phone-page" data-testid="phone-project">
      <header className="phone-header">
        <Link className="phone-back icon-button" data-testid="back-link" href={paths.workshop(workshopId)} aria-label={t('canvas.backLabel')}>
          <ArrowLeft size={22} aria-hidden="true" />
        </Link>
        <div className="phone-header-main">
          <h1 className="phone-title" data-testid="project-name">
            {name}
          </h1>
          {project && communeLabel(project) && <p className="phone-subtitle">{communeLabel(project)}</p>}
        </div>
        <ConnectionStatus status={room?.status ?? 'connecting'} />
        <Link className="button phone-board-link" data-testid="open-board" href={paths.board(workshopId, projectId)}>
          <LayoutGrid size={20} aria-hidden="true" />
          {t('phone.board')}
        </Link>
      </header>
      {room?.loaded ? (
        <ProjectBody doc={room.doc} workshopDoc={workshopDoc} me={me} workshopId={workshopId} projectId={projectId} token={token} />
      ) : (
        <main id="main" className="phone-main">
          <p className="loading">{t('canvas.loading')}</p>
        </main>
      )}
      <PhoneBar questionsProject={{ id: projectId, name }} />
    </div>
  );
}

interface BodyProps {
  doc: Y.Doc;
  workshopDoc: Y.Doc;
  me: Principal;
  workshopId: string;
  projectId: string;
  token: string;
}

function ProjectBody({ doc, workshopDoc, me, workshopId, projectId, token }: BodyProps) {
  const t = useT();
  const { state } = useFacilitation();
  const notes = useNotes(doc);
  const clusters = useClusters(doc);
  const taxonomy = useTaxonomy(workshopDoc);
  const tags = useNoteTags(doc);
  const threads = useThreads(doc);
  const { voteOf } = useNoteDecorations(doc, projectId, me);
  // Private writing: new ideas go to the author's own drafts until the facilitator reveals them.
  const { privateWriting, draftDoc } = usePrivateDrafts(state, me, workshopId, projectId, token);
  const policyReadOnly = state !== null && !mayWriteCanvas(me.role, state);
  const canAdd = canEditBoard(me.role) && (draftDoc !== null || !policyReadOnly);
  const [adding, setAdding] = useState(false);
  const votingHere = state?.vote?.status === 'open' && state.vote.projectId === projectId;
  const workshop = useWorkshop(workshopDoc);
  const projectName = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');
  const commentCount = (noteId: string) => threads.find((th) => th.target === `note:${noteId}`)?.comments.length ?? 0;
  const threadOf = (noteId: string) => threads.find((th) => th.target === `note:${noteId}`) ?? null;

  const sections = useClusterSections(doc, notes, clusters).filter((s) => s.notes.length > 0 || s.cluster);

  const card = (n: NoteView, d: Y.Doc, isDraft: boolean) => (
    <PhoneNoteCard
      key={n.id}
      doc={d}
      note={n}
      me={me}
      taxonomy={taxonomy}
      tags={isDraft ? [] : (tags[n.id] ?? [])}
      commentCount={isDraft ? 0 : commentCount(n.id)}
      thread={isDraft ? null : threadOf(n.id)}
      vote={isDraft ? null : voteOf(n.id)}
      draft={isDraft}
    />
  );

  return (
    <>
      <main id="main" className="phone-main has-fab">
        <PhoneBanners projectId={projectId} projectName={projectName} privateWriting={privateWriting} readOnly={policyReadOnly && !draftDoc} />
        {draftDoc && <DraftSection doc={draftDoc} card={card} />}
        {notes.length === 0 && !draftDoc && <p className="muted phone-empty">{t('phone.noIdeas')}</p>}
        {sections.map(({ cluster, notes: list }) => (
          <section key={cluster?.id ?? 'none'} className="phone-section" aria-labelledby={`ps-${cluster?.id ?? 'none'}`} data-testid="phone-section">
            <h2 id={`ps-${cluster?.id ?? 'none'}`} className="phone-section-title">
              {cluster ? cluster.name || t('clusters.untitled') : clusters.length > 0 ? t('outline.unclustered') : t('outline.notes')}
              <span className="count">{list.length}</span>
            </h2>
            {list.length === 0 ? (
              <p className="muted small">{t('outline.emptySection')}</p>
            ) : (
              <ul className="phone-notes">{list.map((n) => card(n, doc, false))}</ul>
            )}
          </section>
        ))}
      </main>
      {canAdd && (
        // While a vote is open here, voting is the main thing to do: adding stays possible, quieter.
        <button
          type="button"
          className={`phone-fab button ${votingHere ? 'is-secondary' : 'primary'}`}
          data-testid="phone-add-idea"
          onClick={() => setAdding(true)}
        >
          <Plus size={22} aria-hidden="true" />
          {t(draftDoc ? 'phone.addDraft' : 'phone.addIdea')}
        </button>
      )}
      {adding && (
        <AddIdeaSheet
          doc={draftDoc ?? doc}
          isDraft={draftDoc !== null}
          me={me}
          taxonomy={taxonomy}
          clusters={draftDoc ? [] : clusters}
          onClose={() => setAdding(false)}
        />
      )}
      {!canEditBoard(me.role) && <p className="muted small phone-readonly-note">{t('workshop.readOnly')}</p>}
    </>
  );
}

function DraftSection({ doc, card }: { doc: Y.Doc; card: (n: NoteView, d: Y.Doc, isDraft: boolean) => ReactNode }) {
  const t = useT();
  const drafts = useNotes(doc);
  return (
    <section className="phone-section phone-drafts" aria-labelledby="ps-drafts" data-testid="phone-drafts">
      <h2 id="ps-drafts" className="phone-section-title">
        {t('phone.myDrafts')}
        <span className="count">{drafts.length}</span>
      </h2>
      {drafts.length > 0 && <ul className="phone-notes">{drafts.map((n) => card(n, doc, true))}</ul>}
    </section>
  );
}
