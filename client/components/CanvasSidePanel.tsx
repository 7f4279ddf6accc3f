import { useEffect, useRef } from 'react';
import { X } from 'lucide-react';
import { notesMap } from '../../shared/schema';
import { noteClusterId } from '../../shared/clusters';
import type { Principal } from '../../shared/protocol';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { useT } from '../i18n';
import { notesStoreOf } from '../sync/notesStore';
import { useNotes } from '../sync/useNotes';
import type { CanvasContent, PanelTab } from '../views/useCanvasContent';
import { AttachmentsPanel } from './AttachmentsPanel';
import { ChallengesPanel } from './ChallengesPanel';
import { CommentsPanel } from './CommentsPanel';
import { NoteDetails } from './NoteDetails';
import { PartnersPanel } from './PartnersPanel';
import './CanvasSidePanel.css';

interface Props {
  content: CanvasContent;
  me: Principal;
  workshopId: string;
  projectId: string;
  workshopDoc: import('yjs').Doc;
  token: string;
  /** The centre of the visible board in canvas units (where a placed image lands). */
  viewCentre: () => { x: number; y: number };
}

/**
 * The panel docked over the right of the board (details, comments, challenges, partners). It takes
 * the focus when it opens and gives it back to where it came from when it closes (Escape or ×).
 */
export function CanvasSidePanel({ content, me, workshopId, projectId, workshopDoc, token, viewCentre }: Props) {
  const t = useT();
  const { panel, setPanel } = content;
  const ref = useRef<HTMLElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const tab = panel?.tab ?? null;

  useEffect(() => {
    if (!tab) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!ref.current?.contains(opener)) returnTo.current = opener;
    ref.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [tab, panel?.noteId, panel?.target]);

  const close = () => {
    setPanel(null);
    const back = returnTo.current;
    returnTo.current = null;
    requestAnimationFrame(() => {
      if (back?.isConnected) back.focus({ preventScroll: true });
    });
  };

  if (!panel) return null;
  const titles: Record<PanelTab, string> = {
    details: t('details.heading'),
    comments: t('comments.heading'),
    challenges: t('challenges.heading'),
    partners: t('partners.heading'),
    attachments: t('attachments.heading'),
  };
  return (
    <aside
      ref={ref}
      className="side-panel"
      aria-labelledby="side-panel-heading"
      data-testid="side-panel"
      data-tab={panel.tab}
      onKeyDown={(e) => {
        // Escape closes the panel — unless something inside it (a menu, a field) handled it first.
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <div className="side-panel-head">
        <h2 id="side-panel-heading" tabIndex={-1}>
          {titles[panel.tab]}
        </h2>
        <button type="button" className="icon-button" data-testid="side-panel-close" aria-label={t('panel.close')} title={t('panel.close')} onClick={close}>
          <X size={18} aria-hidden="true" />
        </button>
      </div>
      <div className="side-panel-body">
        <PanelBody content={content} me={me} workshopId={workshopId} projectId={projectId} workshopDoc={workshopDoc} token={token} viewCentre={viewCentre} />
      </div>
    </aside>
  );
}

function PanelBody({ content, me, workshopId, projectId, workshopDoc, token, viewCentre }: Props) {
  const t = useT();
  const { panel, setPanel, doc, lazy } = content;
  const notes = useNotes(doc);
  if (!panel) return null;
  if (panel.tab === 'details') {
    const note = panel.noteId ? notesStoreOf(doc).get(panel.noteId) : undefined;
    if (!note) return <p className="muted">{t('details.gone')}</p>;
    const m = notesMap(doc).get(note.id);
    return (
      <NoteDetails
        workshopId={workshopId}
        doc={doc}
        workshopDoc={workshopDoc}
        projectId={projectId}
        note={note}
        tags={content.noteTags[note.id] ?? []}
        clusterId={m ? noteClusterId(doc, m) : null}
        taxonomy={content.taxonomy}
        clusters={content.clusters}
        challenges={content.challenges}
        me={me}
        readOnly={!content.writable}
        lazy={lazy}
        projectName={content.projectName}
        onCreateChallenge={() => content.createChallenge(note.id)}
        onOpenComments={() => setPanel({ tab: 'comments', target: { type: 'note', id: note.id } })}
      />
    );
  }
  if (panel.tab === 'comments') {
    return (
      <CommentsPanel
        doc={doc}
        me={me}
        notes={notes}
        clusters={content.clusters}
        focus={panel.target ?? null}
        onShowNote={(id) => {
          const n = notesStoreOf(doc).get(id);
          if (n) content.centreOn(n.x + NOTE_WIDTH / 2, n.y + NOTE_HEIGHT / 2);
          content.setSelected(new Set([id]));
        }}
      />
    );
  }
  if (panel.tab === 'challenges') {
    return (
      <ChallengesPanel
        workshopId={workshopId}
        workshopDoc={workshopDoc}
        workshop={content.workshop}
        me={me}
        projectId={projectId}
        projectDoc={doc}
        lazy={lazy}
        focusId={panel.challengeId ?? null}
      />
    );
  }
  if (panel.tab === 'attachments') {
    return (
      <AttachmentsPanel workshopId={workshopId} token={token} projectId={projectId} me={me} doc={doc} writable={content.writable} viewCentre={viewCentre} />
    );
  }
  return <PartnersPanel doc={doc} me={me} workshopId={workshopId} projectName={content.projectName(projectId)} />;
}
