import { useEffect, useState } from 'react';
import { fetchAttachment } from '../attachmentsApi';
import type { PdfDocument } from './pdfRenderer';

export type PdfState = { status: 'loading' } | { status: 'ready'; pdf: PdfDocument; pages: number } | { status: 'failed' };

/** pdf.js loaded on first use (its own chunk), then the attachment fetched and opened. */
export const loadRenderer = () => import('./pdfRenderer');

export function usePdfDocument(workshopId: string, token: string, attachmentId: string): PdfState {
  const [state, setState] = useState<PdfState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let opened: PdfDocument | null = null;
    setState({ status: 'loading' });
    Promise.all([loadRenderer(), fetchAttachment(workshopId, token, attachmentId).then((b) => b.arrayBuffer())])
      .then(([renderer, bytes]) => renderer.openPdf(bytes))
      .then((pdf) => {
        opened = pdf;
        if (cancelled) void pdf.destroy();
        else setState({ status: 'ready', pdf, pages: pdf.numPages });
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'failed' });
      });
    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [workshopId, token, attachmentId]);
  return state;
}
