import { Packer } from 'docx';
import type * as Y from 'yjs';
import { readClusters } from '../../shared/clusters';
import { exportWorkshop } from '../../shared/report/exportJson';
import { projectDossier } from '../../shared/report/projectDossier';
import { reportDocument } from '../../shared/report/reportDocx';
import type { ReportLang } from '../../shared/report/reportLabels';
import { noteAuthorLabel, readNotes, readWorkshop } from '../../shared/schema';
import type { Translate } from '../i18n';
import { renderCanvasPng } from './canvasPng';

/**
 * A project's Word dossier built in the browser, so it can end with the board as an image (drawn
 * here, where a canvas exists; the server's dossier.docx is the same text without it). Built from
 * this device's documents: what the user just typed is in it.
 */
export async function dossierDocx(args: { workshopDoc: Y.Doc; projectDoc: Y.Doc; projectId: string; lang: ReportLang; t: Translate }): Promise<Blob> {
  const { workshopDoc, projectDoc, projectId, lang, t } = args;
  const exp = exportWorkshop(workshopDoc, { [projectId]: projectDoc }, { projectIds: [projectId] });
  const dossier = projectDossier(exp, projectId, lang, readWorkshop(workshopDoc).projects);
  if (!dossier) throw new Error('project not found');
  const name = exp.workshop.projects.find((p) => p.id === projectId)?.name || t('project.untitled');
  const png = await renderCanvasPng({
    title: name,
    notes: readNotes(projectDoc).map((n) => ({ ...n, authorName: noteAuthorLabel(n, t('note.anonymous')) })),
    clusters: readClusters(projectDoc),
    kindLabel: (k) => t(`kind.${k}`),
  });
  const bitmap = await createImageBitmap(png);
  const image = { heading: t('report.boardImage'), png: new Uint8Array(await png.arrayBuffer()), width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return Packer.toBlob(reportDocument(dossier, image));
}
