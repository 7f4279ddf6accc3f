import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * pdf.js, behind one small interface. This module is only ever imported dynamically (see
 * usePdfDocument), so pdf.js and its worker stay out of the initial JS; the worker is a file Vite
 * emits beside the app, so nothing is fetched from anywhere else.
 */
GlobalWorkerOptions.workerSrc = workerUrl;

export type PdfDocument = PDFDocumentProxy;

/** Opens a PDF from its bytes; no eval (the app's CSP forbids it), no fetching of fonts or maps. */
export function openPdf(data: ArrayBuffer): Promise<PdfDocument> {
  return getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableAutoFetch: true, disableStream: true }).promise;
}

/**
 * Draws page `pageNumber` (1-based) into the canvas to fit `maxWidth`×`maxHeight` CSS pixels,
 * sharp on high-density screens. Resolves when drawn; a later render of the same canvas cancels it.
 */
export async function renderPage(pdf: PdfDocument, pageNumber: number, canvas: HTMLCanvasElement, maxWidth: number, maxHeight: number): Promise<void> {
  const page = await pdf.getPage(pageNumber);
  const unscaled = page.getViewport({ scale: 1 });
  const fit = Math.min(maxWidth / unscaled.width, maxHeight / unscaled.height);
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const viewport = page.getViewport({ scale: fit * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  const previous = running.get(canvas);
  previous?.cancel();
  const task = page.render({ canvas, viewport });
  running.set(canvas, task);
  try {
    await task.promise;
  } finally {
    if (running.get(canvas) === task) running.delete(canvas);
  }
}

const running = new WeakMap<HTMLCanvasElement, { cancel(): void }>();
