import { type LucideIcon, Maximize, Minus, Plus, ScanSearch } from 'lucide-react';
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

interface ZoomButton {
  testId: string;
  Icon: LucideIcon;
  label: string;
  shortcut: string;
  onClick: () => void;
}

/** Zoom out / level (click: 100 %) / in, fit the board, fit the selection — with their shortcuts. */
export function ZoomControls({ scale, onZoomIn, onZoomOut, onReset, onFit, onFitSelection }: Props) {
  const t = useT();
  const percent = Math.round(scale * 100);
  const fits: ZoomButton[] = [{ testId: 'zoom-fit', Icon: Maximize, label: t('canvas.zoomFit'), shortcut: 'Shift+1', onClick: onFit }];
  if (onFitSelection) fits.push({ testId: 'zoom-selection', Icon: ScanSearch, label: t('canvas.zoomSelection'), shortcut: 'Shift+2', onClick: onFitSelection });
  const zoomOut: ZoomButton = { testId: 'zoom-out', Icon: Minus, label: t('canvas.zoomOut'), shortcut: '−', onClick: onZoomOut };
  const zoomIn: ZoomButton = { testId: 'zoom-in', Icon: Plus, label: t('canvas.zoomIn'), shortcut: '+', onClick: onZoomIn };
  return (
    <div className="zoom-controls" role="group" aria-label={t('canvas.zoomLevel', { percent })}>
      {[...fits, zoomOut].map(iconButton)}
      <button type="button" className="zoom-level" data-testid="zoom-reset" onClick={onReset} title={`${t('canvas.zoomReset')} (Shift+0)`}>
        {percent} %<span className="visually-hidden"> — {t('canvas.zoomReset')}</span>
      </button>
      {iconButton(zoomIn)}
    </div>
  );
}

function iconButton({ testId, Icon, label, shortcut, onClick }: ZoomButton) {
  return (
    <button key={testId} type="button" className="tool-button" data-testid={testId} onClick={onClick} aria-label={label} title={`${label} (${shortcut})`}>
      <Icon {...ICON} />
    </button>
  );
}
