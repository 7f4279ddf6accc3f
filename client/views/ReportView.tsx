import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { exportWorkshop } from '../../shared/report/exportJson';
import { projectDossier } from '../../shared/report/projectDossier';
import { workshopSynthesis } from '../../shared/report/workshopSynthesis';
import type { PersonInfo } from '../../shared/protocol';
import { listPeople } from '../api';
import { Link } from '../components/Link';
import { formatDate } from '../../shared/words';
import { useLang, useT } from '../i18n';
import { paths } from '../router';
import { ReportBoardImage } from '../reports/ReportBoardImage';
import { ReportDocView } from '../reports/ReportDocView';
import { useLazyProjectDocs } from '../sync/useLazyProjectDocs';
import { useWorkshop } from '../sync/useWorkshop';
import { useDocumentTitle } from './useDocumentTitle';
import './ReportView.css';

interface Props {
  workshopId: string;
  /** A project report, or the workshop report when null. */
  projectId: string | null;
  workshopDoc: Y.Doc;
  token: string;
}

/**
 * The printable report — a project's application dossier, or the organisers' synthesis — from the
 * same blocks as the Word and Markdown files, as clean HTML with print CSS (A4). "Télécharger en
 * PDF" opens the browser's print dialog (save as PDF): the browser lays out and embeds the fonts,
 * so the server needs no PDF engine, and the page is what the commune sees before printing.
 */
export function ReportView({ workshopId, projectId, workshopDoc, token }: Props) {
  const t = useT();
  const [lang] = useLang();
  const workshop = useWorkshop(workshopDoc);
  const ids = projectId ? [projectId] : workshop.projects.map((p) => p.id);
  // Fresh: a report opened right after editing elsewhere must hold what the server has, not only
  // what this device's cache caught before the other page closed.
  const lazy = useLazyProjectDocs(workshopId, token, ids, true, { fresh: true });
  // The workshop's page is the organisers' synthesis; its participation table needs who joined as what
  // (facilitators may list people; for anyone else the table counts no one).
  const [people, setPeople] = useState<PersonInfo[] | null>(null);
  useEffect(() => {
    if (projectId) return;
    let cancelled = false;
    listPeople(workshopId, token).then(
      (res) => !cancelled && setPeople(res.people),
      () => !cancelled && setPeople([]),
    );
    return () => {
      cancelled = true;
    };
  }, [workshopId, token, projectId]);
  // A project's page is its application dossier; the workshop's, the report across projects.
  const content = useMemo(() => {
    if (!lazy.complete || (projectId && !workshop.projects.some((p) => p.id === projectId)) || (!projectId && people === null)) return null;
    const exp = exportWorkshop(workshopDoc, lazy.docs, projectId ? { projectIds: [projectId] } : {});
    return projectId ? projectDossier(exp, projectId, lang, workshop.projects) : workshopSynthesis(exp, lang, people ?? []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lazy.complete, lazy.docs, lazy.version, workshop, projectId, lang, workshopDoc, people]);
  const ready = content !== null;
  const project = projectId ? workshop.projects.find((p) => p.id === projectId) : null;
  useDocumentTitle(project ? `${project.name} · ${t('report.title')}` : `${workshop.title} · ${t('report.title')}`);
  const back = projectId ? paths.canvas(workshopId, projectId) : paths.workshop(workshopId);

  return (
    <div className="report-page">
      <div className="report-toolbar no-print">
        <Link className="back-link" href={back}>
          <span aria-hidden="true">←</span> {t('report.back')}
        </Link>
        <button type="button" className="button primary" data-testid="report-print" onClick={() => window.print()} disabled={!ready}>
          {t('report.pdf')}
        </button>
      </div>
      <main id="main" className="report" data-testid="report" data-ready={ready ? 'true' : 'false'}>
        {content ? (
          <>
            <p className="report-eyebrow">
              {workshop.title} · {formatDate(lang, Date.now())}
            </p>
            <ReportDocView doc={content} />
            {project && lazy.docs[project.id] && (
              <ReportBoardImage doc={lazy.docs[project.id]} title={project.name || t('project.untitled')} version={lazy.version} />
            )}
          </>
        ) : (
          <p className="loading">{t('report.loading')}</p>
        )}
      </main>
    </div>
  );
}
