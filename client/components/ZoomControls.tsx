import { Maximize, Minus, Plus, ScanSearch } from 'lucide-react';
import { useT } from '../i18n';

const ICON = { size: 16, 'aria-hidden': true } as const;

interface Props {
  scale: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  /** Back to 100 % around the centre. */
  onReset: () => void;
  onFit: () => void;
  /** Zoom to the selection; null when nothing is selected. */
  onFitSelection: (() => void) | null;
}

/** Zoom out / level (click: 100 %) / in, fit the board, fit the selection — with their shortcuts. */
export function ZoomControls({ scale, onZoomIn, onZoomOut, onReset, onFit, onFitSelection }: Props) {
  const t = useT();
  const percent = Math.round(scale * 100);
  return (
    <div className="zoom-controls" role="group" aria-label={t('canvas.zoomLevel', { percent })}>
      <button
        type="button"
        className="tool-button"
        data-testid="zoom-fit"
        onClick={onFit}
        aria-label={t('canvas.zoomFit')}
        title={`${t('canvas.zoomFit')} (Shift+1)`}
      >
        <Maximize {...ICON} />
      </button>
      {onFitSelection && (
        <button
          type="button"
          className="tool-button"
          data-testid="zoom-selection"
          onClick={onFitSelection}
          aria-label={t('canvas.zoomSelection')}
          title={`${t('canvas.zoomSelection')} (Shift+2)`}
        >
          <ScanSearch {...ICON} />
        </button>
      )}
      <button
        type="button"
        className="tool-button"
        data-testid="zoom-out"
        onClick={onZoomOut}
        aria-label={t('canvas.zoomOut')}
        title={`${t('canvas.zoomOut')} (−)`}
      >
        <Minus {...ICON} />
      </button>
      <button type="button" className="zoom-level" data-testid="zoom-reset" onClick={onReset} title={`${t('canvas.zoomReset')} (Shift+0)`}>
        {percent} %<span className="visually-hidden"> — {t('canvas.zoomReset')}</span>
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid="zoom-in"
        onClick={onZoomIn}
        aria-label={t('canvas.zoomIn')}
        title={`${t('canvas.zoomIn')} (+)`}
      >
        <Plus {...ICON} />
      </button>
    </div>
  );
}
