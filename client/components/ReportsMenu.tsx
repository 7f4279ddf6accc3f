import { useState } from 'react';
import type * as Y from 'yjs';
import { readClusters } from '../../shared/clusters';
import type { Principal } from '../../shared/protocol';
import { noteAuthorLabel, readNotes } from '../../shared/schema';
import { useLang, useT } from '../i18n';
import { paths } from '../router';
import { downloadApiFile, saveBlob, slug } from '../reports/download';
import { renderCanvasPng } from '../reports/canvasPng';
import { Link } from './Link';
import './ReportsMenu.css';

interface Props {
  workshopId: string;
  token: string;
  me: Principal;
  workshopTitle: string;
  /** On a canvas: its project and document, and the workshop's (project reports, PNG, Word dossier). */
  project?: { id: string; name: string; doc: Y.Doc; workshopDoc: Y.Doc } | null;
}

/**
 * "Rapports": Markdown, CSV and JSON from the server, the printable (PDF) pages, and a PNG of the
 * canvas drawn here. Facilitators get everything; communes the reports of their project.
 */
export function ReportsMenu({ workshopId, token, me, workshopTitle, project }: Props) {
  const t = useT();
  const [lang] = useLang();
  const reportLang = lang; // reports exist in every UI language
  // Spreadsheets in French, Dutch and German locales split CSV files on semicolons.
  const sep = lang === 'en' ? 'comma' : 'semicolon';
  const [error, setError] = useState<string | null>(null);
  const facilitator = me.role === 'facilitator';
  if (!facilitator && !(me.role === 'commune' && project)) return null;
  const base = `/api/workshops/${encodeURIComponent(workshopId)}`;
  const run = (fn: () => Promise<void>) => () => {
    setError(null);
    fn().catch(() => setError(t('reports.failed')));
  };
  const wsSlug = slug(workshopTitle);
  return (
    <details className="menu reports-menu" data-testid="reports-menu">
      <summary className="button small">{t('reports.menu')}</summary>
      <div className="menu-popover" role="group" aria-label={t('reports.menu')}>
        {project && (
          <>
            <p className="menu-title">{t('reports.project', { name: project.name })}</p>
            <button
              type="button"
              className="menu-item"
              data-testid="report-dossier-docx"
              onClick={run(async () => {
                // Loaded on first use: the Word writer is a large library nobody needs to open a board.
                const { dossierDocx } = await import('../reports/dossierDocx');
                const blob = await dossierDocx({ workshopDoc: project.workshopDoc, projectDoc: project.doc, projectId: project.id, lang: reportLang, t });
                saveBlob(blob, `${slug(project.name)}-dossier.docx`);
              })}
            >
              {t('reports.dossierDocx')}
            </button>
            <button
              type="button"
              className="menu-item"
              data-testid="report-project-md"
              onClick={run(() => downloadApiFile(`${base}/projects/${project.id}/dossier.md?lang=${reportLang}`, token, `${slug(project.name)}-dossier.md`))}
            >
              {t('reports.dossierMd')}
            </button>
            <button
              type="button"
              className="menu-item"
              data-testid="report-project-csv"
              onClick={run(() => downloadApiFile(`${base}/notes.csv?project=${project.id}&lang=${reportLang}&sep=${sep}`, token, `${slug(project.name)}.csv`))}
            >
              {t('reports.csv')}
            </button>
            <Link className="menu-item" data-testid="report-project-pdf" href={paths.projectReport(workshopId, project.id)}>
              {t('reports.dossierPdf')}
            </Link>
            <button
              type="button"
              className="menu-item"
              data-testid="report-project-png"
              onClick={run(async () =>
                saveBlob(
                  await renderCanvasPng({
                    title: project.name,
                    notes: readNotes(project.doc).map((n) => ({ ...n, authorName: noteAuthorLabel(n, t('note.anonymous')) })),
                    clusters: readClusters(project.doc),
                    kindLabel: (k) => t(`kind.${k}`),
                  }),
                  `${slug(project.name)}.png`,
                ),
              )}
            >
              {t('reports.png')}
            </button>
          </>
        )}
        {facilitator && (
          <>
            <p className="menu-title">{t('reports.workshop')}</p>
            <button
              type="button"
              className="menu-item"
              data-testid="report-synthesis-docx"
              onClick={run(() => downloadApiFile(`${base}/synthesis.docx?lang=${reportLang}`, token, `${wsSlug}-synthese.docx`))}
            >
              {t('reports.synthesisDocx')}
            </button>
            <button
              type="button"
              className="menu-item"
              data-testid="report-synthesis-md"
              onClick={run(() => downloadApiFile(`${base}/synthesis.md?lang=${reportLang}`, token, `${wsSlug}-synthese.md`))}
            >
              {t('reports.synthesisMd')}
            </button>
            <button
              type="button"
              className="menu-item"
              data-testid="report-workshop-md"
              onClick={run(() => downloadApiFile(`${base}/report.md?lang=${reportLang}`, token, `${wsSlug}.md`))}
            >
              {t('reports.markdown')}
            </button>
            <button
              type="button"
              className="menu-item"
              data-testid="report-workshop-csv"
              onClick={run(() => downloadApiFile(`${base}/notes.csv?lang=${reportLang}&sep=${sep}`, token, `${wsSlug}-notes.csv`))}
            >
              {t('reports.csvAll')}
            </button>
            <button
              type="button"
              className="menu-item"
              data-testid="report-workshop-json"
              onClick={run(() => downloadApiFile(`${base}/export.json`, token, `${wsSlug}.json`))}
            >
              {t('reports.json')}
            </button>
            <Link className="menu-item" data-testid="report-workshop-pdf" href={paths.workshopReport(workshopId)}>
              {t('reports.pdfWorkshop')}
            </Link>
          </>
        )}
        {error && (
          <p className="form-error small" role="alert">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
