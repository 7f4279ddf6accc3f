import { BackLink } from '../components/BackLink';
import type * as Y from 'yjs';
import type { Principal } from '../../shared/protocol';
import { ChallengesPanel } from '../components/ChallengesPanel';
import { SearchBox } from '../components/SearchBox';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';
import { paths, useSearch } from '../router';
import { useLazyProjectDocs } from '../sync/useLazyProjectDocs';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from './useDocumentTitle';
import '../components/ChallengesPanel.css';
import './ChallengesView.css';

/** The workshop's common challenges on a page of their own (from the overview). */
export function ChallengesView({ workshopId, workshopDoc, me, token }: { workshopId: string; workshopDoc: Y.Doc; me: Principal; token: string }) {
  const t = useT();
  const workshop = useWorkshop(workshopDoc);
  useDocumentTitle(`${t('challenges.heading')} · ${workshop.title}`);
  const lazy = useLazyProjectDocs(
    workshopId,
    token,
    workshop.projects.map((p) => p.id),
    true,
  );
  const focus = new URLSearchParams(useSearch()).get('challenge');
  return (
    <div className="page">
      <TopBar
        start={<BackLink href={paths.workshop(workshopId)} label={workshop.title || t('canvas.back')} />}
        end={<SearchBox workshopId={workshopId} token={token} />}
      />
      <main id="main" className="page-main narrow-wide">
        <h1>{t('challenges.heading')}</h1>
        <p className="muted">{t('challenges.intro')}</p>
        <ChallengesPanel
          workshopId={workshopId}
          workshopDoc={workshopDoc}
          workshop={workshop}
          me={me}
          projectId={null}
          projectDoc={null}
          lazy={lazy}
          focusId={focus}
          token={token}
        />
      </main>
    </div>
  );
}
