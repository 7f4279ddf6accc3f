import { ChevronRight } from 'lucide-react';
import type * as Y from 'yjs';
import type { Principal } from '../../shared/protocol';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Link } from '../components/Link';
import { useT } from '../i18n';
import { paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';
import type { ConnectionState } from '../sync/useRoomDoc';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from '../views/useDocumentTitle';
import { LayoutSwitch } from './LayoutSwitch';
import { PhoneBar } from './PhoneBar';
import { communeLabel } from '../../shared/communeLabel';

interface Props {
  workshopId: string;
  doc: Y.Doc;
  loaded: boolean;
  status: ConnectionState;
  me: Principal;
  fallbackTitle: string;
}

/** The phone's workshop page: the projects, the one in focus first, each one tap from its ideas. */
export function PhoneWorkshopView({ workshopId, doc, loaded, status, me, fallbackTitle }: Props) {
  const t = useT();
  const workshop = useWorkshop(doc);
  const { state } = useFacilitation();
  const title = workshop.title || fallbackTitle;
  useDocumentTitle(title);
  const focus = state?.projectId ?? null;
  const projects = [...workshop.projects].sort((a, b) => Number(b.id === focus) - Number(a.id === focus));
  const themeOf = (id: string | null) => workshop.themes.find((th) => th.id === id)?.name ?? null;
  const focusProject = workshop.projects.find((p) => p.id === focus) ?? null;

  return (
    <div className="phone-page" data-testid="phone-workshop">
      <header className="phone-header">
        <div className="phone-header-main">
          <h1 className="phone-title" data-testid="workshop-title">
            {title || '…'}
          </h1>
          <p className="phone-subtitle">
            {me.name} · {t(`roleShort.${me.role}`)}
            {me.community ? ` · ${t(`community.${me.community}`)}` : ''}
          </p>
        </div>
        <ConnectionStatus status={status} />
      </header>
      <main id="main" className="phone-main">
        <h2 className="phone-section-title">{t('workshop.projects')}</h2>
        {!loaded && projects.length === 0 ? (
          <p className="loading">{t('workshop.loading')}</p>
        ) : projects.length === 0 ? (
          <p className="muted">{t('workshop.empty')}</p>
        ) : (
          <ul className="phone-projects">
            {projects.map((p) => (
              <li key={p.id}>
                <Link
                  className={`phone-project${p.id === focus ? ' is-focus' : ''}`}
                  data-testid="phone-project"
                  data-project-id={p.id}
                  href={paths.canvas(workshopId, p.id)}
                >
                  <span className="phone-project-text">
                    {p.id === focus && (
                      <span className="phone-focus-pill" data-testid="phone-focus-pill">
                        {t('phone.inFocus')}
                      </span>
                    )}
                    <span className="phone-project-name">{p.name || t('project.untitled')}</span>
                    <span className="phone-project-meta">{[communeLabel(p), themeOf(p.themeId)].filter(Boolean).join(' · ')}</span>
                  </span>
                  <ChevronRight size={24} aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ul>
        )}
        <div className="phone-footer">
          <LanguageSwitch />
          <LayoutSwitch />
        </div>
      </main>
      <PhoneBar questionsProject={focusProject ? { id: focusProject.id, name: focusProject.name || t('project.untitled') } : null} />
    </div>
  );
}
