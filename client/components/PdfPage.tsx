import { useEffect, useRef, useState } from 'react';
import { loadRenderer } from '../pdf/usePdfDocument';
import type { PdfDocument } from '../pdf/pdfRenderer';
import { useElementSize } from './useElementSize';

interface Props {
  pdf: PdfDocument;
  page: number;
  /** Accessible name of the drawn page. */
  label: string;
}

/**
 * One page of an open PDF, drawn to fit the element's box (re-drawn when the box changes size).
 * `data-rendered-page` tells which page is on screen once it is drawn.
 */
export function PdfPage({ pdf, page, label }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [rendered, setRendered] = useState<number | null>(null);

  useEffect(() => {
    // Not drawn before the box is measured (0×0) nor into a box too small to read.
    if (!canvas.current || size.w < 10 || size.h < 10) return;
    let cancelled = false;
    setRendered(null);
    loadRenderer()
      .then((r) => r.renderPage(pdf, page, canvas.current!, size.w, size.h))
      .then(() => {
        if (!cancelled) setRendered(page);
      })
      .catch(() => {}); // cancelled by a newer render
    return () => {
      cancelled = true;
    };
  }, [pdf, page, size]);

  return (
    <div ref={box} className="pdf-page">
      <canvas ref={canvas} role="img" aria-label={label} data-testid="pdf-page" data-rendered-page={rendered ?? undefined} />
    </div>
  );
}
