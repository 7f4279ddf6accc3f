import type * as Y from 'yjs';
import { findStep } from '../../shared/agenda';
import { panelProjectsOf, readPanels } from '../../shared/panels';
import type { Principal } from '../../shared/protocol';
import { useLang, useT } from '../i18n';
import { paths } from '../router';
import { useDocValue } from '../sync/useDocValue';
import { useFacilitation } from '../sync/useFacilitation';
import { useWorkshop } from '../sync/useWorkshop';
import { dateLabel, stepLabel } from './agendaLabels';
import { Link } from './Link';
import './ExpertPanels.css';

/**
 * On the overview: where the programme stands (its days, months apart, and the step the room is at),
 * and for an expert, the projects whose panel they sit on, first.
 */
export function ProgrammeStatus({ workshopId, workshopDoc, me }: { workshopId: string; workshopDoc: Y.Doc; me: Principal }) {
  const t = useT();
  const [lang] = useLang();
  const { state } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  const panels = useDocValue(workshopDoc, readPanels);
  const mine = me.role === 'expert' ? panelProjectsOf(panels, me.userId) : [];
  const agenda = state?.agenda ?? [];
  const hasSteps = agenda.some((d) => d.steps.length > 0);
  if (!hasSteps && mine.length === 0) return null;
  const projectName = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');
  const current = findStep(agenda, state?.agendaStepId ?? null);

  return (
    <section className="programme-status" data-testid="programme-status" aria-label={t('programme.heading')}>
      {mine.length > 0 && (
        <div>
          <h2>{t('programme.myPanels')}</h2>
          <ul className="my-panel-projects" data-testid="my-panel-projects">
            {mine.map((id) => (
              <li key={id}>
                <Link className="button small primary" href={paths.canvas(workshopId, id)}>
                  {projectName(id)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {hasSteps && (
        <div>
          <h2>{t('programme.heading')}</h2>
          <p data-testid="programme-now">{current ? t('programme.now', { step: stepLabel(current.step, t, projectName) }) : t('agenda.notStarted')}</p>
          <ol className="programme-days">
            {agenda.map((day, i) => {
              const status = !current ? 'upcoming' : i < current.dayIndex ? 'done' : i === current.dayIndex ? 'current' : 'upcoming';
              const at = current && i === current.dayIndex ? day.steps.findIndex((s) => s.id === current.step.id) + 1 : 0;
              return (
                <li key={day.id} className={`programme-day is-${status}`} data-testid="programme-day" data-status={status}>
                  {t('agenda.day', { n: i + 1 })}
                  {day.date && ` · ${dateLabel(day.date, lang)}`}
                  <span className="programme-day-progress">
                    {status === 'done'
                      ? t('programme.done')
                      : status === 'current'
                        ? t('programme.stepOf', { n: at, total: day.steps.length })
                        : t('programme.steps', { n: day.steps.length })}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
