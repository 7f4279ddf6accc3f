import { useState } from 'react';
import type * as Y from 'yjs';
import { canFacilitate, type Principal } from '../../shared/protocol';
import type { ProjectView, ThemeView } from '../../shared/schema';
import { AddProjectForm } from '../components/AddProjectForm';
import { AddThemeForm } from '../components/AddThemeForm';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { JoinCodePanel } from '../components/JoinCodePanel';
import { ProgrammeStatus } from '../components/ProgrammeStatus';
import { ProjectCard } from '../components/ProjectCard';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import type { ConnectionState } from '../sync/useRoomDoc';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from './useDocumentTitle';
import { challengeCountsPerProject } from '../../shared/challenges';
import { DeleteWorkshop } from '../components/DeleteWorkshop';
import { Link } from '../components/Link';
import { PartnerDirectory } from '../components/PartnerDirectory';
import { ReportsMenu } from '../components/ReportsMenu';
import { SearchBox } from '../components/SearchBox';
import { TaxonomyEditor } from '../components/TaxonomyEditor';
import { LayoutSwitch } from '../phone/LayoutSwitch';
import { paths } from '../router';
import { useChallenges } from '../sync/useContent';
import { useDocValue } from '../sync/useDocValue';
import { ProjectRecordPanel } from '../components/ProjectRecordPanel';
import { ThemeControls, ThemeNameInput } from '../components/ThemeControls';
import './WorkshopView.css';

interface Props {
  workshopId: string;
  doc: Y.Doc;
  loaded: boolean;
  status: ConnectionState;
  me: Principal;
  fallbackTitle: string;
  joinCode: string | null;
  token: string;
}

interface Group {
  id: string;
  theme: ThemeView | null;
  projects: ProjectView[];
}

const NO_THEME = 'none';

function groupByTheme(themes: ThemeView[], projects: ProjectView[]): Group[] {
  const known = new Set(themes.map((th) => th.id));
  const groups: Group[] = themes.map((theme) => ({
    id: theme.id,
    theme,
    projects: projects.filter((p) => p.themeId === theme.id),
  }));
  const orphans = projects.filter((p) => p.themeId === null || !known.has(p.themeId));
  if (orphans.length > 0) groups.push({ id: NO_THEME, theme: null, projects: orphans });
  return groups;
}

export function WorkshopView({ workshopId, doc, loaded, status, me, fallbackTitle, joinCode, token }: Props) {
  const t = useT();
  const workshop = useWorkshop(doc);
  const facilitator = canFacilitate(me.role);
  const title = workshop.title || fallbackTitle;
  useDocumentTitle(title);
  const groups = groupByTheme(workshop.themes, workshop.projects);
  const role = t(`roleShort.${me.role}`);
  const counts = useDocValue(doc, challengeCountsPerProject);
  const challengeCount = useChallenges(doc).length;
  const [recordOf, setRecordOf] = useState<string | null>(null);
  const recordProject = workshop.projects.find((p) => p.id === recordOf) ?? null;

  return (
    <div className="page">
      <TopBar
        end={
          <>
            <SearchBox workshopId={workshopId} token={token} />
            <ConnectionStatus status={status} />
          </>
        }
      />
      <main id="main" className="page-main">
        <header className="workshop-header">
          <div>
            <h1 data-testid="workshop-title">{title || '…'}</h1>
            <p className="muted">
              {t('workshop.you', { name: me.name, role })}
              {me.community ? ` · ${t(`community.${me.community}`)}` : ''}
            </p>
          </div>
          <div className="button-row">
            <Link className="button" data-testid="open-challenges-view" href={paths.challenges(workshopId)}>
              <span aria-hidden="true">⚑</span> {t('challenges.heading')}
              <span className="count">{challengeCount}</span>
            </Link>
            <ReportsMenu workshopId={workshopId} token={token} me={me} workshopTitle={title} />
          </div>
        </header>

        <ProgrammeStatus workshopId={workshopId} workshopDoc={doc} me={me} />

        {facilitator && joinCode && <JoinCodePanel workshopId={workshopId} joinCode={joinCode} facilitatorToken={token} />}

        <section className="projects" aria-labelledby="projects-heading">
          <h2 id="projects-heading" className="section-heading">
            {t('workshop.projects')}
          </h2>
          {!loaded && workshop.projects.length === 0 && workshop.themes.length === 0 ? (
            <p className="loading">{t('workshop.loading')}</p>
          ) : (
            <>
              {workshop.projects.length === 0 && <p className="muted empty-hint">{t(facilitator ? 'workshop.emptyFacilitator' : 'workshop.empty')}</p>}
              <div className="theme-groups">
                {groups.map((g) => (
                  <section
                    key={g.id}
                    className={g.theme ? 'theme-group' : 'theme-group no-theme'}
                    data-testid="theme-group"
                    data-theme-id={g.id}
                    aria-labelledby={`theme-${g.id}`}
                  >
                    <div className="theme-heading">
                      <h3 id={`theme-${g.id}`} className="theme-name">
                        {g.theme ? facilitator ? <ThemeNameInput doc={doc} theme={g.theme} /> : g.theme.name : t('workshop.noTheme')}
                        <span className="count">{g.projects.length}</span>
                      </h3>
                      {facilitator && g.theme && (
                        <ThemeControls
                          doc={doc}
                          theme={g.theme}
                          first={g.theme.id === workshop.themes[0]?.id}
                          last={g.theme.id === workshop.themes.at(-1)?.id}
                        />
                      )}
                    </div>
                    {g.projects.length === 0 ? (
                      <p className="muted small">{t('workshop.noProjects')}</p>
                    ) : (
                      <ul className="project-list">
                        {g.projects.map((p) => (
                          <ProjectCard
                            key={p.id}
                            doc={doc}
                            workshopId={workshopId}
                            project={p}
                            themes={workshop.themes}
                            editable={facilitator}
                            onOpenRecord={() => setRecordOf(p.id)}
                          />
                        ))}
                      </ul>
                    )}
                    {g.projects.some((p) => counts[p.id]) && (
                      <ul className="challenge-counts" aria-label={t('challenges.perProject')}>
                        {g.projects
                          .filter((p) => counts[p.id])
                          .map((p) => (
                            <li key={p.id} data-testid="project-challenge-count">
                              {t('challenges.projectCount', { name: p.name || t('project.untitled'), count: counts[p.id] })}
                            </li>
                          ))}
                      </ul>
                    )}
                  </section>
                ))}
              </div>
            </>
          )}
          {facilitator ? (
            <>
              <div className="facilitator-tools">
                <AddProjectForm doc={doc} themes={workshop.themes} />
                <AddThemeForm doc={doc} />
              </div>
              <TaxonomyEditor doc={doc} userId={me.userId} />
              <DeleteWorkshop workshopId={workshopId} token={token} title={title} />
            </>
          ) : (
            <p className="muted small">{t('workshop.readOnly')}</p>
          )}
        </section>
        <PartnerDirectory workshopId={workshopId} token={token} projects={workshop.projects} />
        <LayoutSwitch />
      </main>
      {recordProject && <ProjectRecordPanel key={recordProject.id} doc={doc} project={recordProject} role={me.role} onClose={() => setRecordOf(null)} />}
    </div>
  );
}
