import { useEffect, useState } from 'react';
import type { WorkshopSettingsBody } from '../../shared/protocol';
import { getSettings, putSettings } from '../api';
import { useT } from '../i18n';
import './FacilitatorPanel.css';

/** Lifetimes a facilitator picks from (hours); null: links never expire. */
const LIFETIMES: readonly (number | null)[] = [null, 4, 12, 24, 72, 168, 720];

/** Facilitators: how long links stay valid, and whether external Yjs clients must use tickets. */
export function LinkSettings({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT();
  const [settings, setSettings] = useState<WorkshopSettingsBody | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    getSettings(workshopId, token).then(
      (s) => !cancelled && setSettings(s),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [workshopId, token]);
  if (!settings) return failed ? <p className="form-error small">{t('settings.failed')}</p> : null;

  const save = async (next: WorkshopSettingsBody) => {
    const before = settings;
    setSettings(next);
    setFailed(false);
    try {
      setSettings(await putSettings(workshopId, token, next));
    } catch {
      setSettings(before);
      setFailed(true);
    }
  };
  const label = (h: number | null) =>
    h === null ? t('settings.never') : h % 24 === 0 && h >= 72 ? t('settings.days', { n: h / 24 }) : t('settings.hours', { n: h });
  const options = LIFETIMES.includes(settings.tokenLifetimeHours) ? LIFETIMES : [...LIFETIMES, settings.tokenLifetimeHours];
  return (
    <div className="link-maker link-settings" data-testid="link-settings">
      <label className="mini-field">
        <span>{t('settings.lifetime')}</span>
        <select
          data-testid="link-lifetime"
          value={settings.tokenLifetimeHours ?? ''}
          onChange={(e) => void save({ ...settings, tokenLifetimeHours: e.target.value === '' ? null : Number(e.target.value) })}
        >
          {options.map((h) => (
            <option key={h ?? 'never'} value={h ?? ''}>
              {label(h)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">{t('settings.lifetimeHint')}</p>
      <label className="check small">
        <input
          type="checkbox"
          data-testid="tickets-only"
          checked={settings.ticketsOnly}
          onChange={(e) => void save({ ...settings, ticketsOnly: e.target.checked })}
        />
        {t('settings.ticketsOnly')}
      </label>
      {failed && <p className="form-error small">{t('settings.failed')}</p>}
    </div>
  );
}
