import { CreateWorkshopForm } from '../components/CreateWorkshopForm';
import { ImportWorkshop } from '../components/ImportWorkshop';
import { JoinForm } from '../components/JoinForm';
import { MyWorkshops } from '../components/MyWorkshops';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import { useHistoryState } from '../router';
import { useDocumentTitle } from './useDocumentTitle';
import './LobbyView.css';

export type LobbyNotice = 'noSession' | 'sessionInvalid' | 'expired' | 'workshopNotFound' | 'removed' | 'deleted';
const NOTICES: readonly LobbyNotice[] = ['noSession', 'sessionInvalid', 'expired', 'workshopNotFound', 'removed', 'deleted'];

function readNotice(state: unknown): LobbyNotice | null {
  const notice = state && typeof state === 'object' ? (state as { notice?: unknown }).notice : null;
  return NOTICES.find((n) => n === notice) ?? null;
}

export function LobbyView({ joinCode }: { joinCode: string | null }) {
  const t = useT();
  const notice = readNotice(useHistoryState());
  useDocumentTitle('');
  // A join link or QR code: only joining — the person scanning never needs to create or import.
  if (joinCode) {
    return (
      <div className="page joiner-page">
        <TopBar />
        <main id="main" className="page-main joiner">
          {notice && (
            <p className="notice" role="alert" data-testid="lobby-notice">
              {t(`notice.${notice}`)}
            </p>
          )}
          <JoinForm initialCode={joinCode} joiner />
        </main>
      </div>
    );
  }
  return (
    <div className="page">
      <TopBar />
      <main id="main" className="page-main lobby">
        <header className="hero">
          <h1>{t('app.name')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </header>
        {notice && (
          <p className="notice" role="alert" data-testid="lobby-notice">
            {t(`notice.${notice}`)}
          </p>
        )}
        <MyWorkshops />
        <div className="lobby-grid">
          <JoinForm initialCode={joinCode} />
          <CreateWorkshopForm />
        </div>
        <ImportWorkshop />
      </main>
    </div>
  );
}
