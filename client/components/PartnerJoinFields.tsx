import { PARTNER_TYPES, type PartnerType } from '../../shared/partners';
import { useT } from '../i18n';
import type { PartnerProfile } from '../partnerProfile';

/**
 * The join form's extra fields for a partner or funder (networking day): their organisation and
 * what kind of partner they are. Self-contained so the join form only mounts it.
 */
export function PartnerJoinFields({ value, onChange }: { value: PartnerProfile; onChange: (next: PartnerProfile) => void }) {
  const t = useT();
  return (
    <>
      <label className="field">
        <span className="field-label">{t('partners.organisation')}</span>
        <input
          data-testid="join-organisation"
          value={value.organisation}
          maxLength={200}
          autoComplete="organization"
          onChange={(e) => onChange({ ...value, organisation: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('partners.typeLabel')}</span>
        <select data-testid="join-partner-type" value={value.partnerType} onChange={(e) => onChange({ ...value, partnerType: e.target.value as PartnerType })}>
          {PARTNER_TYPES.filter((ty) => ty !== 'expert').map((ty) => (
            <option key={ty} value={ty}>
              {t(`partners.type.${ty}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
