import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { PARTNER_OFFERS, PARTNER_TYPES, declareInterest, withdrawInterest, type PartnerOffer, type PartnerType } from '../../shared/partners';
import { canWrite, type Principal } from '../../shared/protocol';
import { useT } from '../i18n';
import { usePartners, userOrigin } from '../sync/useContent';
import { loadPartnerProfile } from '../partnerProfile';
import { usePartnersCsv } from './usePartnersCsv';
import './CanvasSidePanel.css';
import './ChallengesPanel.css';
import './PartnersPanel.css';

/** "Partenaires intéressés": companies, experts and funders declaring interest in the project. */
export function PartnersPanel({ doc, me, workshopId, projectName }: { doc: Y.Doc; me: Principal; workshopId: string; projectName: string }) {
  const t = useT();
  const partners = usePartners(doc);
  const origin = userOrigin(me.userId);
  // A partner who joined as such starts with what they said at join.
  const [profile] = useState(() => (me.role === 'partner' ? loadPartnerProfile(workshopId) : null));
  const [name, setName] = useState(me.role === 'partner' ? me.name : '');
  const [organisation, setOrganisation] = useState(profile?.organisation ?? '');
  const [partnerType, setPartnerType] = useState<PartnerType>(profile?.partnerType ?? 'company');
  const [consentMissing, setConsentMissing] = useState(false);
  const saveCsv = usePartnersCsv();
  const [offers, setOffers] = useState<PartnerOffer[]>([]);
  const [description, setDescription] = useState('');
  const [contact, setContact] = useState('');
  const [consent, setConsent] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A contact typed without consent would not be stored: say so rather than drop it silently.
    if (contact.trim() && !consent) {
      setConsentMissing(true);
      return;
    }
    setConsentMissing(false);
    const ok = declareInterest(
      doc,
      {
        id: newId(),
        name,
        organisation,
        partnerType,
        offers,
        description,
        consent,
        contact: consent ? contact : undefined,
        declaredBy: me.userId,
        createdAt: Date.now(),
      },
      origin,
    );
    if (!ok) return;
    setName('');
    setOrganisation('');
    setOffers([]);
    setDescription('');
    setContact('');
    setConsent(false);
  };
  return (
    <div className="partners" data-testid="partners-panel">
      {partners.length === 0 ? (
        <p className="muted">{t('partners.empty')}</p>
      ) : (
        <ul className="partner-list">
          {partners.map((p) => (
            <li key={p.id} className="partner" data-testid="partner">
              <p className="partner-name">
                <strong>{p.name}</strong>
                {p.organisation && <span>, {p.organisation}</span>}
                <span className="badge">{t(`partners.type.${p.partnerType}`)}</span>
              </p>
              {p.offers.length > 0 && <p className="small">{t('partners.brings', { offers: p.offers.map((o) => t(`partners.offer.${o}`)).join(', ') })}</p>}
              {p.description && <p className="small">{p.description}</p>}
              {p.contact && (
                <p className="small" data-testid="partner-contact">
                  {t('partners.contact')} : {p.contact}
                </p>
              )}
              {(p.declaredBy === me.userId || me.role === 'facilitator') && (
                <button type="button" className="link-button small" onClick={() => withdrawInterest(doc, p.id, origin)}>
                  {t('partners.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {partners.length > 0 && (
        <button
          type="button"
          className="button small"
          data-testid="partners-csv"
          onClick={() =>
            saveCsv(
              partners.map((p) => ({ ...p, projectName })),
              `${projectName || 'projet'}-partenaires.csv`.replace(/[^\p{L}\p{N}.-]+/gu, '-'),
            )
          }
        >
          {t('partners.exportCsv')}
        </button>
      )}
      {canWrite(me.role) && (
        <form className="partner-form" onSubmit={submit} aria-labelledby="partner-form-heading">
          <h3 id="partner-form-heading" className="side-subheading">
            {t('partners.declare')}
          </h3>
          <label className="field">
            <span className="field-label">{t('partners.name')}</span>
            <input data-testid="partner-name" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('partners.organisation')}</span>
            <input data-testid="partner-organisation" value={organisation} maxLength={120} onChange={(e) => setOrganisation(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('partners.typeLabel')}</span>
            <select data-testid="partner-type" value={partnerType} onChange={(e) => setPartnerType(e.target.value as PartnerType)}>
              {PARTNER_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`partners.type.${ty}`)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field checks">
            <legend className="field-label">{t('partners.offers')}</legend>
            {PARTNER_OFFERS.map((o) => (
              <label key={o} className="check">
                <input
                  type="checkbox"
                  checked={offers.includes(o)}
                  onChange={() => setOffers(offers.includes(o) ? offers.filter((x) => x !== o) : [...offers, o])}
                />
                {t(`partners.offer.${o}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('partners.description')}</span>
            <textarea value={description} rows={2} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('partners.contactLabel')}</span>
            <input
              data-testid="partner-contact-input"
              value={contact}
              maxLength={200}
              aria-describedby="partner-contact-hint"
              aria-invalid={consentMissing || undefined}
              onChange={(e) => setContact(e.target.value)}
            />
            <span id="partner-contact-hint" className="hint">
              {t('partners.contactHint')}
            </span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="partner-consent"
              checked={consent}
              onChange={(e) => {
                setConsent(e.target.checked);
                if (e.target.checked) setConsentMissing(false);
              }}
            />
            {t('partners.consent')}
          </label>
          {consentMissing && (
            <p className="form-error" role="alert" data-testid="partner-consent-missing">
              {t('partners.contactNeedsConsent')}
            </p>
          )}
          <button type="submit" className="button primary small" data-testid="partner-submit" disabled={!name.trim()}>
            {t('partners.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
