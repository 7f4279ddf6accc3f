import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { paths } from '../router';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import './TopBar.css';

/** The bar on top of every page: brand (or a back link), page-specific content, language switch. */
export function TopBar({ start, children, end }: { start?: ReactNode; children?: ReactNode; end?: ReactNode }) {
  const t = useT();
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="topbar-start">
        {start ?? (
          <Link className="brand" href={paths.lobby()}>
            <span className="brand-mark" aria-hidden="true">
              ✕
            </span>
            {t('app.name')}
          </Link>
        )}
      </div>
      <div className="topbar-main">{children}</div>
      <div className="topbar-end">
        {end}
        <LanguageSwitch />
      </div>
    </header>
  );
}
