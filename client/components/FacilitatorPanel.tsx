import { X } from 'lucide-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { STAGES, WRITERS, type Stage, type Writers } from '../../shared/facilitation';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { usePendingValue } from '../sync/usePendingValue';
import { useWorkshop } from '../sync/useWorkshop';
import { AgendaNow, AgendaPanel } from './AgendaPanel';
import { ConnectionStatus } from './ConnectionStatus';
import { DraftCounts } from './DraftCounts';
import { HandsList } from './HandsList';
import { ExpertPanels } from './ExpertPanels';
import { PeoplePanel } from './PeoplePanel';
import { QuestionModeration } from './QuestionModeration';
import { ShareLinks } from './ShareLinks';
import { TimerControls } from './TimerControls';
import { VoteControls } from './VoteControls';
import { VoteStatus } from './VoteStatus';
import { WallControls } from './WallControls';
import './FacilitatorPanel.css';
import { scrollIntoPanel } from './scrollInPanel';

const OPEN_KEY = 'croisee.facilitatorPanel';
const NONE = '';

function storedOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) !== 'closed';
  } catch {
    return true;
  }
}

interface Props {
  workshopId: string;
  /** The canvas on screen, if any: the default target of reveal and vote. */
  projectId: string | null;
  workshopDoc: Y.Doc;
  joinCode: string | null;
  token: string;
  /** Shown in a phone's full-screen sheet: always open, and its close button closes the sheet. */
  onClose?: () => void;
}

/**
 * Everything a facilitator runs the session with, in a collapsible side panel: a cockpit on top
 * (stage and focus, timer, raised hands, vote status — visible together, never scrolled away), then
 * the sections (wall, canvas, vote, people, sharing) behind quick links.
 */
export function FacilitatorPanel({ workshopId, projectId, workshopDoc, joinCode, token, onClose }: Props) {
  const t = useT();
  const { state, run, status } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  const [open, setOpenState] = useState(storedOpen);
  const setOpen = (next: boolean) => {
    setOpenState(next);
    try {
      localStorage.setItem(OPEN_KEY, next ? 'open' : 'closed');
    } catch {
      // lasts for this page
    }
  };
  const [stage, setStage] = useState<Stage>(state?.stage ?? 'lobby');
  const [focus, setFocus] = useState<string>(state?.projectId ?? NONE);
  const [anonymous, setAnonymous] = useState(false);
  const [writers, setWriters] = usePendingValue<Writers>(
    state?.writers ?? 'everyone',
    useCallback((v) => run({ type: 'policy.set', writers: v }), [run]),
  );
  const [privateMode, setPrivateMode] = usePendingValue(
    state?.privateMode ?? false,
    useCallback((v) => run({ type: 'policy.set', privateMode: v }), [run]),
  );
  // The selects follow the server whenever it changes (another facilitator, or our own apply).
  const serverStage = state?.stage;
  const serverFocus = state ? (state.projectId ?? NONE) : null;
  useEffect(() => {
    if (serverStage) setStage(serverStage);
  }, [serverStage]);
  useEffect(() => {
    if (serverFocus !== null) setFocus(serverFocus);
  }, [serverFocus]);

  if (!open && !onClose) {
    return (
      <aside className="fac-panel is-collapsed" data-testid="facilitator-panel" data-open="false" aria-label={t('panel.heading')}>
        <button type="button" className="fac-panel-tab" data-testid="facilitator-panel-toggle" aria-expanded={false} onClick={() => setOpen(true)}>
          <span aria-hidden="true">‹</span>
          <span className="fac-panel-tab-label">{t('panel.heading')}</span>
        </button>
      </aside>
    );
  }

  const projectName = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');
  const target = projectId ?? state?.projectId ?? null;
  const spotlight = state?.spotlight ?? null;

  /**
   * The sections below the cockpit, in order, each reachable from the quick links. A feature plugs in
   * with one entry here (e.g. the agenda, the questions moderation).
   */
  const sections: PanelSection[] = [
    { id: 'agenda', title: t('panel.agenda'), body: <AgendaPanel workshopDoc={workshopDoc} /> },
    { id: 'wall', title: t('panel.projector'), body: <WallControls /> },
    {
      id: 'canvas',
      title: t('panel.canvas'),
      body: (
        <>
          <label className="mini-field">
            <span>{t('panel.writers')}</span>
            <select data-testid="writers-select" value={writers} onChange={(e) => setWriters(e.target.value as Writers)}>
              {WRITERS.map((w) => (
                <option key={w} value={w}>
                  {t(`writers.${w}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" data-testid="private-toggle" checked={privateMode} onChange={(e) => setPrivateMode(e.target.checked)} />
            {t('panel.private')}
          </label>
          <div className="reveal-row">
            <label className="check">
              <input type="checkbox" data-testid="reveal-anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
              {t('panel.anonymous')}
            </label>
            <button
              type="button"
              className="button small primary"
              data-testid="reveal-button"
              disabled={!target}
              onClick={() => target && void run({ type: 'private.reveal', projectId: target, anonymous })}
            >
              {t('panel.reveal')}
            </button>
          </div>
          <p className="muted small">{target ? t('panel.revealHint', { name: projectName(target) }) : t('panel.needProject')}</p>
          {target && <DraftCounts workshopId={workshopId} token={token} projectId={target} live={privateMode} />}
          {spotlight && (
            <div className="spotlight-row">
              <span className="small">✦ {t('panel.spotlightOn', { name: projectName(spotlight.projectId) })}</span>
              <button
                type="button"
                className="button small ghost"
                data-testid="spotlight-clear"
                onClick={() => void run({ type: 'spotlight.set', spotlight: null })}
              >
                {t('panel.spotlightClear')}
              </button>
            </div>
          )}
        </>
      ),
    },
    { id: 'vote', title: t('panel.vote'), body: <VoteControls projectId={target} projectName={projectName} /> },
    { id: 'questions', title: t('panel.questions'), body: <QuestionModeration workshopDoc={workshopDoc} /> },
    { id: 'panels', title: t('panel.expertPanels'), body: <ExpertPanels workshopDoc={workshopDoc} workshopId={workshopId} token={token} /> },
    { id: 'people', title: t('panel.people'), body: <PeoplePanel workshopId={workshopId} token={token} /> },
    { id: 'share', title: t('panel.share'), body: <ShareLinks workshopId={workshopId} token={token} joinCode={joinCode} /> },
  ];

  return (
    <aside className="fac-panel" data-testid="facilitator-panel" data-open="true" aria-labelledby="fac-panel-heading">
      <header className="fac-panel-head">
        <h2 id="fac-panel-heading">{t('panel.heading')}</h2>
        <ConnectionStatus status={status} showUnsynced={false} />
        <button
          type="button"
          className="icon-button"
          data-testid="facilitator-panel-toggle"
          aria-expanded
          aria-label={t(onClose ? 'phone.close' : 'panel.collapse')}
          title={t(onClose ? 'phone.close' : 'panel.collapse')}
          onClick={() => (onClose ? onClose() : setOpen(false))}
          // As a phone's sheet it is a dialog: the focus starts on its close button.
          autoFocus={Boolean(onClose)}
        >
          {onClose ? <X size={20} aria-hidden="true" /> : '›'}
        </button>
      </header>
      {!state ? (
        <p className="muted small fac-panel-body">{t('facilitation.loading')}</p>
      ) : (
        <>
          {/* The cockpit: what a facilitator watches all session long, never scrolled away. The
              agenda's "next step" belongs at its top, beside (or instead of) the stage block. */}
          <div className="fac-cockpit" data-testid="fac-cockpit">
            <AgendaNow workshopDoc={workshopDoc} />
            <div className="cockpit-stage">
              <div className="cockpit-selects">
                <label className="mini-field">
                  <span>{t('panel.stage')}</span>
                  <select data-testid="stage-select" value={stage} onChange={(e) => setStage(e.target.value as Stage)}>
                    {STAGES.map((s) => (
                      <option key={s} value={s}>
                        {t(`stage.${s}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="mini-field">
                  <span>{t('panel.focus')}</span>
                  <select data-testid="focus-select" value={focus} onChange={(e) => setFocus(e.target.value)}>
                    <option value={NONE}>{t('panel.noFocus')}</option>
                    {workshop.projects.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name || t('project.untitled')}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <div className="button-row tight">
                <button
                  type="button"
                  className="button small primary"
                  data-testid="stage-apply"
                  title={t('panel.stageHint')}
                  onClick={() => void run({ type: 'stage.set', stage, projectId: focus || null })}
                >
                  {t('panel.apply')}
                </button>
                <button
                  type="button"
                  className="button small"
                  data-testid="focus-apply"
                  disabled={(state.projectId ?? NONE) === focus}
                  onClick={() => void run({ type: 'focus.set', projectId: focus || null })}
                >
                  {t('panel.focusOnly')}
                </button>
              </div>
            </div>
            <TimerControls />
            <HandsList />
            <VoteStatus projectName={projectName} />
          </div>
          <nav className="fac-quicklinks" aria-label={t('panel.sections')}>
            {sections.map((sec) => (
              <a
                key={sec.id}
                href={`#fac-${sec.id}`}
                data-testid={`fac-link-${sec.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  const section = document.getElementById(`fac-${sec.id}`);
                  if (section) scrollIntoPanel(section, 'start');
                }}
              >
                {sec.title}
              </a>
            ))}
          </nav>
          <div className="fac-panel-body">
            {sections.map((sec) => (
              <Section key={sec.id} id={sec.id} title={sec.title}>
                {sec.body}
              </Section>
            ))}
          </div>
        </>
      )}
    </aside>
  );
}

interface PanelSection {
  id: string;
  title: string;
  body: ReactNode;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="fac-section" id={`fac-${id}`} data-testid={`fac-section-${id}`}>
      <h3 className="fac-section-title">{title}</h3>
      {children}
    </section>
  );
}
