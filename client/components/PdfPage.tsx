import { useEffect, useRef, useState } from 'react';
import { loadRenderer } from '../pdf/usePdfDocument';
import type { PdfDocument } from '../pdf/pdfRenderer';

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
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [rendered, setRendered] = useState<number | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!size || !canvas.current || size.w < 10 || size.h < 10) return;
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
