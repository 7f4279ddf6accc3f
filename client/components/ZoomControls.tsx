import { useT } from '../i18n';

export function ZoomControls({ scale, onZoomIn, onZoomOut, onReset }: { scale: number; onZoomIn: () => void; onZoomOut: () => void; onReset: () => void }) {
  const t = useT();
  const percent = Math.round(scale * 100);
  return (
    <div className="zoom-controls" role="group" aria-label={t('canvas.zoomLevel', { percent })}>
      <button type="button" className="icon-button" data-testid="zoom-out" onClick={onZoomOut} aria-label={t('canvas.zoomOut')} title={t('canvas.zoomOut')}>
        −
      </button>
      <button type="button" className="zoom-level" data-testid="zoom-reset" onClick={onReset} title={t('canvas.zoomReset')}>
        {percent} %<span className="visually-hidden"> — {t('canvas.zoomReset')}</span>
      </button>
      <button type="button" className="icon-button" data-testid="zoom-in" onClick={onZoomIn} aria-label={t('canvas.zoomIn')} title={t('canvas.zoomIn')}>
        +
      </button>
    </div>
  );
}
