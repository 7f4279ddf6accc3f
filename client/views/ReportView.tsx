import { useMemo } from 'react';
import type * as Y from 'yjs';
import { exportWorkshop } from '../../shared/report/exportJson';
import { projectMarkdown } from '../../shared/report/projectMarkdown';
import { workshopMarkdown } from '../../shared/report/workshopMarkdown';
import { REPORT_LABELS } from '../../shared/report/reportLabels';
import { Link } from '../components/Link';
import { useLang, useT } from '../i18n';
import { paths } from '../router';
import { MarkdownView } from '../reports/markdownHtml';
import { useLazyProjectDocs } from '../sync/useLazyProjectDocs';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from './useDocumentTitle';

interface Props {
  workshopId: string;
  /** A project report, or the workshop report when null. */
  projectId: string | null;
  workshopDoc: Y.Doc;
  token: string;
}

/**
 * The printable report: the same content as the Markdown report, as clean HTML with print CSS
 * (A4). "Télécharger en PDF" opens the browser's print dialog (save as PDF).
 */
export function ReportView({ workshopId, projectId, workshopDoc, token }: Props) {
  const t = useT();
  const [lang] = useLang();
  const workshop = useWorkshop(workshopDoc);
  const ids = projectId ? [projectId] : workshop.projects.map((p) => p.id);
  // Fresh: a report opened right after editing elsewhere must hold what the server has, not only
  // what this device's cache caught before the other page closed.
  const lazy = useLazyProjectDocs(workshopId, token, ids, true, { fresh: true });
  const labels = REPORT_LABELS[lang];
  const markdown = useMemo(() => {
    if (!lazy.complete || (projectId && !workshop.projects.some((p) => p.id === projectId))) return null;
    const exp = exportWorkshop(workshopDoc, lazy.docs, projectId ? { projectIds: [projectId] } : {});
    return projectId ? projectMarkdown(exp, projectId, labels) : workshopMarkdown(exp, labels);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lazy.complete, lazy.docs, lazy.version, workshop, projectId, labels, workshopDoc]);
  const project = projectId ? workshop.projects.find((p) => p.id === projectId) : null;
  useDocumentTitle(project ? `${project.name} · ${t('report.title')}` : `${workshop.title} · ${t('report.title')}`);
  const back = projectId ? paths.canvas(workshopId, projectId) : paths.workshop(workshopId);

  return (
    <div className="report-page">
      <div className="report-toolbar no-print">
        <Link className="back-link" href={back}>
          <span aria-hidden="true">←</span> {t('report.back')}
        </Link>
        <button type="button" className="button primary" data-testid="report-print" onClick={() => window.print()} disabled={!markdown}>
          {t('report.pdf')}
        </button>
      </div>
      <main id="main" className="report" data-testid="report" data-ready={markdown ? 'true' : 'false'}>
        {markdown ? (
          <>
            <p className="report-eyebrow">
              {workshop.title} · {new Date().toLocaleDateString(lang)}
            </p>
            <MarkdownView markdown={markdown} />
          </>
        ) : (
          <p className="loading">{t('report.loading')}</p>
        )}
      </main>
    </div>
  );
}
