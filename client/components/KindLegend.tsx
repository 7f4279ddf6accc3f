import { NOTE_KINDS } from '../../shared/schema';
import { useT } from '../i18n';
import './KindLegend.css';

export function KindLegend() {
  const t = useT();
  return (
    <ul className="kind-legend" aria-label={t('canvas.legend')}>
      {NOTE_KINDS.map((k) => (
        <li key={k} className={`kind-chip note-${k}`}>
          {t(`kind.${k}`)}
        </li>
      ))}
    </ul>
  );
}
