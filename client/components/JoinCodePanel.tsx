import { ChevronRight } from 'lucide-react';
import { useT } from '../i18n';
import { paths } from '../router';
import { CopyButton } from './CopyButton';
import './JoinCodePanel.css';

/** What the facilitator hands out (code + link) and keeps (the facilitator link). */
export function JoinCodePanel({ workshopId, joinCode, facilitatorToken }: { workshopId: string; joinCode: string; facilitatorToken: string }) {
  const t = useT();
  const joinLink = `${location.origin}${paths.join(joinCode)}`;
  const facilitatorLink = `${location.origin}${paths.workshop(workshopId)}#token=${encodeURIComponent(facilitatorToken)}`;
  return (
    <section className="panel join-panel" aria-labelledby="join-code-heading">
      <div className="join-code-block">
        <h2 id="join-code-heading" className="eyebrow">
          {t('workshop.joinCode')}
        </h2>
        <div className="join-code-row">
          <output className="join-code" data-testid="join-code-display" aria-label={t('workshop.joinCode')}>
            {joinCode}
          </output>
          <CopyButton text={joinCode} label={t('workshop.copyCode')} testId="copy-join-code" />
        </div>
      </div>
      <div className="join-links">
        <div className="link-row">
          <span className="eyebrow">{t('workshop.joinLink')}</span>
          <div className="link-line">
            <a href={joinLink} className="mono" data-testid="join-link">
              {joinLink}
            </a>
            <CopyButton text={joinLink} label={t('workshop.copyLink')} />
          </div>
        </div>
        <details className="link-row">
          <summary className="eyebrow">
            <ChevronRight size={14} aria-hidden="true" className="disclosure-chevron" />
            {t('workshop.facilitatorLink')}
          </summary>
          <div className="link-line">
            <code className="mono secret">{facilitatorLink}</code>
            <CopyButton text={facilitatorLink} label={t('workshop.copyFacilitatorLink')} />
          </div>
        </details>
      </div>
    </section>
  );
}
