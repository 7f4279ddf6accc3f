import { useState } from 'react';
import type { PartnerInterestView } from '../../shared/partners';
import type { ProjectView } from '../../shared/schema';
import { useT } from '../i18n';
import { Link } from './Link';
import { paths } from '../router';
import { usePartnersCsv } from './usePartnersCsv';
import './Attachments.css';
import { communeLabel } from '../../shared/communeLabel';

type Entry = PartnerInterestView & { projectId: string };

/**
 * The networking day's partner directory: who declared interest in which project across the
 * workshop, what they bring, and their contact where they consented. Read from the server (every
 * project's interests in one request) when opened; exportable as CSV.
 */
export function PartnerDirectory({ workshopId, token, projects }: { workshopId: string; token: string; projects: ProjectView[] }) {
  const t = useT();
  const saveCsv = usePartnersCsv();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [failed, setFailed] = useState(false);
  const nameOf = (id: string) => {
    const p = projects.find((x) => x.id === id);
    return p ? [p.name || t('project.untitled'), communeLabel(p)].filter(Boolean).join(' · ') : id;
  };
  const load = () => {
    setFailed(false);
    fetch(`/api/workshops/${encodeURIComponent(workshopId)}/partners`, { headers: { Authorization: `Bearer ${token}` } })
      .then((res) => (res.ok ? (res.json() as Promise<{ partners: Entry[] }>) : Promise.reject(new Error(String(res.status)))))
      .then((body) => setEntries(body.partners))
      .catch(() => setFailed(true));
  };

  return (
    <details className="panel partner-directory" data-testid="partner-directory" onToggle={(e) => (e.currentTarget.open ? load() : undefined)}>
      <summary className="section-heading">{t('partners.directory.heading')}</summary>
      <p className="muted small">{t('partners.directory.intro')}</p>
      {failed && <p className="form-error">{t('attachments.failed')}</p>}
      {entries && entries.length === 0 && <p className="muted">{t('partners.directory.empty')}</p>}
      {entries && entries.length > 0 && (
        <>
          <button
            type="button"
            className="button small"
            data-testid="directory-csv"
            onClick={() =>
              saveCsv(
                entries.map((e) => ({ ...e, projectName: nameOf(e.projectId) })),
                'partenaires.csv',
              )
            }
          >
            {t('partners.exportCsv')}
          </button>
          <table className="directory-table">
            <thead>
              <tr>
                <th scope="col">{t('partners.name')}</th>
                <th scope="col">{t('partners.typeLabel')}</th>
                <th scope="col">{t('partners.project')}</th>
                <th scope="col">{t('partners.offers')}</th>
                <th scope="col">{t('partners.contact')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.projectId}-${e.id}`} data-testid="directory-entry">
                  <td>
                    <strong>{e.name}</strong>
                    {e.organisation && <span className="muted"> · {e.organisation}</span>}
                  </td>
                  <td>{t(`partners.type.${e.partnerType}`)}</td>
                  <td>
                    <Link href={paths.canvas(workshopId, e.projectId)}>{nameOf(e.projectId)}</Link>
                  </td>
                  <td>{e.offers.map((o) => t(`partners.offer.${o}`)).join(', ')}</td>
                  <td>{e.consent && e.contact ? e.contact : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
}
