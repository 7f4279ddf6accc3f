import type { AgendaStep } from '../../shared/agenda';
import type { Lang, Translate } from '../i18n';

/** "15 min", "2 h", "1 h 30" — the same in the four languages. */
export function durationLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

/** "12 mai 2026" in the interface's language; the raw value if it is no date. */
export function dateLabel(date: string, lang: Lang): string {
  const d = new Date(`${date}T12:00:00`);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString(lang, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** "Pitch inversé · Andenne" (the stage alone when no project is in focus). */
export function stepLabel(step: AgendaStep, t: Translate, projectName: (id: string) => string): string {
  const stage = t(`stage.${step.stage}`);
  return step.projectId ? `${stage} · ${projectName(step.projectId)}` : stage;
}
