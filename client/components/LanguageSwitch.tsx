import { LANGUAGES, isLang, useLang, useT } from '../i18n';
import './LanguageSwitch.css';

export function LanguageSwitch() {
  const t = useT();
  const [lang, setLang] = useLang();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('lang.label')}</span>
      <svg className="lang-switch-icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
      </svg>
      <select
        data-testid="lang-switch"
        value={lang}
        onChange={(e) => {
          if (isLang(e.target.value)) setLang(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
