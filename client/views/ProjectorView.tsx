import type * as Y from 'yjs';
import { Hand } from 'lucide-react';
import type { ProjectView, ThemeView } from '../../shared/schema';
import { joinAdvertised, wallView, type WallView } from '../../shared/wallModes';
import { FloatingReactions } from '../components/FloatingReactions';
import { ProjectorCanvas } from '../components/ProjectorCanvas';
import { ProjectorChallenges } from '../components/ProjectorChallenges';
import { ProjectorJoin } from '../components/ProjectorJoin';
import { ProjectorQuestions } from '../components/ProjectorQuestions';
import { ProjectorRanking } from '../components/ProjectorRanking';
import { ProjectorSummary } from '../components/ProjectorSummary';
import { QrCode } from '../components/QrCode';
import { TimerDisplay } from '../components/TimerDisplay';
import { WallAttachment } from '../components/WallAttachment';
import { useT } from '../i18n';
import { paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';
import { useWakeLock } from '../sync/useWakeLock';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from './useDocumentTitle';
import './ProjectorView.css';
import { communeLabel } from '../../shared/communeLabel';

interface Props {
  workshopId: string;
  workshopDoc: Y.Doc;
  token: string;
  joinCode: string | null;
  title: string;
}

/**
 * The projector wall: read-only and always live. It shows what the facilitator means (`wallView`):
 * the presenter's exact view, the whole board, the vote ranking, the common challenges, a project's
 * summary, the audience question, the timer or how to join; with the stage, the timer and (unless
 * joining is locked or the workshop closed) the QR code + code beside it.
 */
export function ProjectorView({ workshopId, workshopDoc, token, joinCode, title }: Props) {
  const t = useT();
  const { state, status, viewport } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  useWakeLock();
  const workshopTitle = workshop.title || title;
  useDocumentTitle(workshopTitle ? `${t('projector.title')} · ${workshopTitle}` : t('projector.title'));

  const projectById = new Map(workshop.projects.map((p) => [p.id, p]));
  const projectName = (id: string) => projectById.get(id)?.name || t('project.untitled');
  const wall: WallView = state ? wallView(state, viewport, (id) => projectById.has(id)) : { kind: 'overview' };
  const shownId = 'projectId' in wall ? wall.projectId : (state?.projectId ?? null);
  const focus = shownId ? (projectById.get(shownId) ?? null) : null;
  const theme = focus?.themeId ? workshop.themes.find((th) => th.id === focus.themeId) : undefined;
  const joinLink = joinCode ? `${location.origin}${paths.join(joinCode)}` : null;
  const hands = state ? [...state.hands].sort((a, b) => a.raisedAt - b.raisedAt) : [];
  const showJoin = state !== null && joinAdvertised(state) && wall.kind !== 'join';

  return (
    <div className={`projector is-mode-${wall.kind}`} data-testid="projector-view" data-mode={wall.kind} data-requested-mode={state?.projector ?? 'overview'}>
      <header className="projector-head">
        <div className="projector-head-main">
          <span className={`projector-stage stage-${state?.stage ?? 'lobby'}`} data-testid="projector-stage" data-stage={state?.stage}>
            {state ? t(`stage.${state.stage}`) : '…'}
          </span>
          {focus ? (
            <h1 className="projector-project" data-testid="projector-project">
              {focus.name || t('project.untitled')}
              {communeLabel(focus) && <span className="projector-commune">{communeLabel(focus)}</span>}
              {theme && <span className="projector-theme">{theme.name}</span>}
            </h1>
          ) : (
            <h1 className="projector-workshop">{workshopTitle}</h1>
          )}
        </div>
        {status !== 'connected' && (
          <span className="projector-offline" role="status">
            {t('projector.reconnecting')}
          </span>
        )}
      </header>

      <main className="projector-main">
        {wall.kind === 'overview' && <Overview title={workshopTitle} themes={workshop.themes} projects={workshop.projects} focusId={focus?.id ?? null} />}
        {wall.kind === 'presenter' && <ProjectorCanvas key={wall.projectId} projectId={wall.projectId} presenter={wall.view} />}
        {wall.kind === 'board' && <ProjectorCanvas key={wall.projectId} projectId={wall.projectId} presenter={null} />}
        {wall.kind === 'question' && <ProjectorQuestions key={wall.projectId} projectId={wall.projectId} />}
        {wall.kind === 'ranking' && <ProjectorRanking projectName={projectName} />}
        {wall.kind === 'challenges' && <ProjectorChallenges workshopDoc={workshopDoc} projects={workshop.projects} />}
        {wall.kind === 'summary' && focus && <ProjectorSummary key={focus.id} project={focus} workshopDoc={workshopDoc} />}
        {wall.kind === 'join' && <ProjectorJoin joinLink={joinLink} joinCode={joinCode} />}
        {wall.kind === 'timer' && (
          <div className="projector-bigtimer">
            <span className="projector-bigtimer-stage">{state ? t(`stage.${state.stage}`) : ''}</span>
            <TimerDisplay className="timer-huge" testId="projector-timer" />
          </div>
        )}
        {/* A commune's slides on the wall (reverse pitch) cover the mode until the facilitator takes them off. */}
        {state?.shownAttachment && <WallAttachment workshopId={workshopId} token={token} shown={state.shownAttachment} />}
      </main>

      <aside className="projector-side">
        {wall.kind !== 'timer' && (
          <div className="projector-timer-box">
            <TimerDisplay className="timer-side" testId="projector-timer" />
          </div>
        )}
        {showJoin && (
          <div className="projector-join" data-testid="projector-join">
            <span className="projector-join-label">{t('projector.join')}</span>
            {joinLink && joinCode ? (
              <>
                <QrCode value={joinLink} label={t('share.qrLabel', { code: joinCode })} className="projector-qr" testId="projector-qr" />
                <span className="projector-join-url">{joinLink.replace(/^https?:\/\//, '').replace(/\/join\/.*$/, '')}</span>
                <span className="projector-join-code" data-testid="projector-join-code">
                  {joinCode}
                </span>
              </>
            ) : (
              <span className="projector-join-missing">{t('projector.noCode')}</span>
            )}
          </div>
        )}
        {hands.length > 0 && (
          <div className="projector-hands" data-testid="projector-hands">
            <span className="projector-hands-title">
              <Hand size="1em" aria-hidden="true" /> {t('hands.heading')}
            </span>
            <ol>
              {hands.slice(0, 6).map((h) => (
                <li key={h.userId}>{h.name}</li>
              ))}
            </ol>
            {hands.length > 6 && <span className="projector-hands-more">+{hands.length - 6}</span>}
          </div>
        )}
      </aside>
      <FloatingReactions big />
    </div>
  );
}

function Overview({ title, themes, projects, focusId }: { title: string; themes: ThemeView[]; projects: ProjectView[]; focusId: string | null }) {
  const t = useT();
  const known = new Set(themes.map((th) => th.id));
  const groups = [
    ...themes.map((theme) => ({ id: theme.id, name: theme.name, projects: projects.filter((p) => p.themeId === theme.id) })),
    { id: 'none', name: t('workshop.noTheme'), projects: projects.filter((p) => !p.themeId || !known.has(p.themeId)) },
  ].filter((g) => g.projects.length > 0);
  return (
    <div className="projector-overview">
      <h2 className="projector-overview-title">{title}</h2>
      <div className="projector-themes">
        {groups.map((g) => (
          <section key={g.id} className="projector-theme-col">
            <h3>{g.name}</h3>
            <ul>
              {g.projects.map((p) => (
                <li
                  key={p.id}
                  className={p.id === focusId ? 'is-focus' : undefined}
                  data-testid="projector-overview-project"
                  data-focus={p.id === focusId ? 'true' : 'false'}
                >
                  <span className="projector-card-name">{p.name || t('project.untitled')}</span>
                  {communeLabel(p) && <span className="projector-card-commune">{communeLabel(p)}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
