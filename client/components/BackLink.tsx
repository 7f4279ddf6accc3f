import { useT } from '../i18n';
import { Link } from './Link';

/**
 * "← Workshop title" in a top bar. Its text can shorten down to the arrow when the bar is short of
 * room (it says so on hover), while screen readers always hear where it leads.
 */
export function BackLink({ href, label, testId }: { href: string; label: string; testId?: string }) {
  const t = useT();
  return (
    <Link className="back-link" data-testid={testId} href={href} title={label}>
      <span aria-hidden="true">←</span>
      <span className="back-link-text">
        <span className="visually-hidden">{t('canvas.backLabel')} : </span>
        {label}
      </span>
    </Link>
  );
}
