import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { PROJECTOR_MODES, STAGES, WRITERS, type ProjectorMode, type Stage, type Writers } from '../../shared/facilitation';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { usePendingValue } from '../sync/usePendingValue';
import { useWorkshop } from '../sync/useWorkshop';
import { AgendaPanel } from './AgendaPanel';
import { ConnectionStatus } from './ConnectionStatus';
import { DraftCounts } from './DraftCounts';
import { ExpertPanels } from './ExpertPanels';
import { PeoplePanel } from './PeoplePanel';
import { QuestionModeration } from './QuestionModeration';
import { ShareLinks } from './ShareLinks';
import { TimerControls } from './TimerControls';
import { VoteControls } from './VoteControls';

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
}

/** Everything a facilitator runs the session with, in a collapsible side panel. */
export function FacilitatorPanel({ workshopId, projectId, workshopDoc, joinCode, token }: Props) {
  const t = useT();
  const { state, run, status, broadcasting, setBroadcasting } = useFacilitation();
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
  const [writers, setWriters] = usePendingValue<Writers>(state?.writers ?? 'everyone', useCallback((v) => run({ type: 'policy.set', writers: v }), [run]));
  const [privateMode, setPrivateMode] = usePendingValue(state?.privateMode ?? false, useCallback((v) => run({ type: 'policy.set', privateMode: v }), [run]));
  const [projector, setProjector] = usePendingValue<ProjectorMode>(state?.projector ?? 'overview', useCallback((v) => run({ type: 'policy.set', projector: v }), [run]));
  // The selects follow the server whenever it changes (another facilitator, or our own apply).
  const serverStage = state?.stage;
  const serverFocus = state ? (state.projectId ?? NONE) : null;
  useEffect(() => {
    if (serverStage) setStage(serverStage);
  }, [serverStage]);
  useEffect(() => {
    if (serverFocus !== null) setFocus(serverFocus);
  }, [serverFocus]);

  if (!open) {
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

  return (
    <aside className="fac-panel" data-testid="facilitator-panel" data-open="true" aria-labelledby="fac-panel-heading">
      <header className="fac-panel-head">
        <h2 id="fac-panel-heading">{t('panel.heading')}</h2>
        <ConnectionStatus status={status} showUnsynced={false} />
        <button type="button" className="icon-button" data-testid="facilitator-panel-toggle" aria-expanded aria-label={t('panel.collapse')} title={t('panel.collapse')} onClick={() => setOpen(false)}>
          ›
        </button>
      </header>
      {!state ? (
        <p className="muted small fac-panel-body">{t('facilitation.loading')}</p>
      ) : (
        <div className="fac-panel-body">
          <Section title={t('panel.agenda')}>
            <AgendaPanel workshopDoc={workshopDoc} />
          </Section>

          <Section title={t('panel.stage')}>
            <label className="mini-field">
              <span>{t('panel.stageLabel')}</span>
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
            <div className="button-row tight">
              <button
                type="button"
                className="button small primary"
                data-testid="stage-apply"
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
            <p className="muted small">{t('panel.stageHint')}</p>
          </Section>

          <Section title={t('panel.timer')}>
            <TimerControls />
          </Section>

          <Section title={t('panel.canvas')}>
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
            <label className="check">
              <input type="checkbox" data-testid="broadcast-toggle" checked={broadcasting} onChange={(e) => setBroadcasting(e.target.checked)} />
              {t('panel.broadcast')}
            </label>
            {spotlight && (
              <div className="spotlight-row">
                <span className="small">✦ {t('panel.spotlightOn', { name: projectName(spotlight.projectId) })}</span>
                <button type="button" className="button small ghost" data-testid="spotlight-clear" onClick={() => void run({ type: 'spotlight.set', spotlight: null })}>
                  {t('panel.spotlightClear')}
                </button>
              </div>
            )}
          </Section>

          <Section title={t('panel.projector')}>
            <label className="mini-field">
              <span>{t('panel.projectorMode')}</span>
              <select data-testid="projector-mode" value={projector} onChange={(e) => setProjector(e.target.value as ProjectorMode)}>
                {PROJECTOR_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`projector.mode.${m}`)}
                  </option>
                ))}
              </select>
            </label>
          </Section>

          <Section title={t('panel.vote')}>
            <VoteControls projectId={target} projectName={projectName} />
          </Section>

          <Section title={t('panel.questions')}>
            <QuestionModeration workshopDoc={workshopDoc} />
          </Section>

          <Section title={t('panel.expertPanels')}>
            <ExpertPanels workshopDoc={workshopDoc} workshopId={workshopId} token={token} />
          </Section>

          <Section title={t('panel.people')}>
            <PeoplePanel workshopId={workshopId} token={token} />
          </Section>

          <Section title={t('panel.share')}>
            <ShareLinks workshopId={workshopId} token={token} joinCode={joinCode} />
          </Section>
        </div>
      )}
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="fac-section">
      <h3 className="fac-section-title">{title}</h3>
      {children}
    </section>
  );
}
