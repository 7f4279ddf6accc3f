import { Link } from '../components/Link';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import { paths } from '../router';

export function NotFoundView() {
  const t = useT();
  return (
    <div className="page">
      <TopBar />
      <main id="main" className="page-main narrow">
        <div className="panel message-panel">
          <h1>{t('notFound.heading')}</h1>
          <p>{t('notFound.body')}</p>
          <Link className="button primary" href={paths.lobby()}>
            {t('gate.backToLobby')}
          </Link>
        </div>
      </main>
    </div>
  );
}
