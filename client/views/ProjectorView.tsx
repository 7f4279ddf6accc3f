import type * as Y from 'yjs';
import type { ProjectorMode } from '../../shared/facilitation';
import type { ProjectView, ThemeView } from '../../shared/schema';
import { FloatingReactions } from '../components/FloatingReactions';
import { ProjectorCanvas } from '../components/ProjectorCanvas';
import { ProjectorQuestions } from '../components/ProjectorQuestions';
import { QrCode } from '../components/QrCode';
import { TimerDisplay } from '../components/TimerDisplay';
import { WallAttachment } from '../components/WallAttachment';
import { useT } from '../i18n';
import { paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';
import { useWakeLock } from '../sync/useWakeLock';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from './useDocumentTitle';

interface Props {
  workshopId: string;
  workshopDoc: Y.Doc;
  token: string;
  joinCode: string | null;
  title: string;
}

/**
 * The projector wall: read-only and always live. It shows what the facilitation state asks for
 * (overview, the canvas in focus, the audience questions, or a big timer), with the stage, the timer,
 * and how to join (QR code + code) always visible.
 */
export function ProjectorView({ workshopId, workshopDoc, token, joinCode, title }: Props) {
  const t = useT();
  const { state, status } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  useWakeLock();
  const workshopTitle = workshop.title || title;
  useDocumentTitle(workshopTitle ? `${t('projector.title')} · ${workshopTitle}` : t('projector.title'));

  const focus = state?.projectId ? (workshop.projects.find((p) => p.id === state.projectId) ?? null) : null;
  const requested: ProjectorMode = state?.projector ?? 'overview';
  // Canvas and questions need a project in focus; without one the overview is the useful fallback.
  const mode: ProjectorMode = (requested === 'canvas' || requested === 'questions') && !focus ? 'overview' : requested;
  const theme = focus?.themeId ? workshop.themes.find((th) => th.id === focus.themeId) : undefined;
  const joinLink = joinCode ? `${location.origin}${paths.join(joinCode)}` : null;
  const hands = state ? [...state.hands].sort((a, b) => a.raisedAt - b.raisedAt) : [];

  return (
    <div className={`projector is-mode-${mode}`} data-testid="projector-view" data-mode={mode} data-requested-mode={requested}>
      <header className="projector-head">
        <div className="projector-head-main">
          <span className={`projector-stage stage-${state?.stage ?? 'lobby'}`} data-testid="projector-stage" data-stage={state?.stage}>
            {state ? t(`stage.${state.stage}`) : '…'}
          </span>
          {focus ? (
            <h1 className="projector-project" data-testid="projector-project">
              {focus.name || t('project.untitled')}
              {focus.commune && focus.commune !== focus.name && <span className="projector-commune">{focus.commune}</span>}
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
        {mode === 'overview' && <Overview title={workshopTitle} themes={workshop.themes} projects={workshop.projects} focusId={focus?.id ?? null} />}
        {mode === 'canvas' && focus && <ProjectorCanvas key={focus.id} projectId={focus.id} />}
        {mode === 'questions' && focus && <ProjectorQuestions key={focus.id} projectId={focus.id} />}
        {mode === 'timer' && (
          <div className="projector-bigtimer">
            <span className="projector-bigtimer-stage">{state ? t(`stage.${state.stage}`) : ''}</span>
            <TimerDisplay className="timer-huge" testId="projector-timer" />
          </div>
        )}
        {/* A commune's slides on the wall (reverse pitch) cover the mode until the facilitator takes them off. */}
        {state?.shownAttachment && <WallAttachment workshopId={workshopId} token={token} shown={state.shownAttachment} />}
      </main>

      <aside className="projector-side">
        {mode !== 'timer' && (
          <div className="projector-timer-box">
            <TimerDisplay className="timer-side" testId="projector-timer" />
          </div>
        )}
        <div className="projector-join">
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
        {hands.length > 0 && (
          <div className="projector-hands" data-testid="projector-hands">
            <span className="projector-hands-title">✋ {t('hands.heading')}</span>
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
                <li key={p.id} className={p.id === focusId ? 'is-focus' : undefined} data-testid="projector-overview-project" data-focus={p.id === focusId ? 'true' : 'false'}>
                  <span className="projector-card-name">{p.name || t('project.untitled')}</span>
                  {p.commune && p.commune !== p.name && <span className="projector-card-commune">{p.commune}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
