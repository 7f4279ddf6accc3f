import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readClusters } from '../../shared/clusters';
import { noteAuthorLabel, readNotes } from '../../shared/schema';
import { useT } from '../i18n';
import { renderCanvasPng } from './canvasPng';
import './ReportBoardImage.css';

/**
 * The board as an image at the end of a project's printable dossier: what the commune and the
 * experts built, as the jury will see it. Drawn from the document (the same drawing as the PNG
 * export), again whenever the board changes while the page is open.
 */
export function ReportBoardImage({ doc, title, version }: { doc: Y.Doc; title: string; version: number }) {
  const t = useT();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let made: string | null = null;
    renderCanvasPng({
      title,
      notes: readNotes(doc).map((n) => ({ ...n, authorName: noteAuthorLabel(n, t('note.anonymous')) })),
      clusters: readClusters(doc),
      kindLabel: (k) => t(`kind.${k}`),
    }).then(
      (blob) => {
        if (cancelled) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => undefined, // no image: the dossier stands without it
    );
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [doc, title, version, t]);
  return (
    <section className="report-board">
      <h2>{t('report.boardImage')}</h2>
      {url && <img src={url} alt={t('report.boardImageAlt', { name: title })} data-testid="report-board-image" />}
    </section>
  );
}
