import type { PartnerInterestView } from '../../shared/partners';
import { partnersCsv } from '../../shared/partnersCsv';
import { useLang, useT } from '../i18n';
import { saveBlob } from '../reports/download';

/** Saves a partner list as CSV in the UI's language (`;` for French, Dutch, German; `,` for English). */
export function usePartnersCsv(): (rows: ReadonlyArray<PartnerInterestView & { projectName: string }>, fileName: string) => void {
  const t = useT();
  const [lang] = useLang();
  return (rows, fileName) => {
    const csv = partnersCsv(
      rows,
      {
        headers: [
          t('partners.project'),
          t('partners.name'),
          t('partners.organisation'),
          t('partners.typeLabel'),
          t('partners.offers'),
          t('partners.description'),
          t('partners.contact'),
        ],
        type: (ty) => t(`partners.type.${ty}`),
        offer: (o) => t(`partners.offer.${o}`),
      },
      lang === 'en' ? ',' : ';',
    );
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
  };
}
