import { Plus, X } from 'lucide-react';
import type * as Y from 'yjs';
import { assignExpert, PANEL_SIZE, readPanels, suggestPanel, unassignExpert, type Expert } from '../../shared/panels';
import { useT } from '../i18n';
import { useDocValue } from '../sync/useDocValue';
import { usePeople } from '../sync/usePeople';
import { useWorkshop } from '../sync/useWorkshop';
import './ExpertPanels.css';

const NONE = '';

/**
 * Facilitators: who sits on each project's expert panel (ideation day). Suggestions (a community the
 * panel lacks, theme knowledge, spread load) are one click away; any expert can be added by hand.
 * Written into the workshop document, where reports and the wall read it.
 */
export function ExpertPanels({ workshopDoc, workshopId, token }: { workshopDoc: Y.Doc; workshopId: string; token: string }) {
  const t = useT();
  const workshop = useWorkshop(workshopDoc);
  const panels = useDocValue(workshopDoc, readPanels);
  const { people } = usePeople(workshopId, token);
  const experts: Expert[] = (people ?? [])
    .filter((p) => p.role === 'expert' && p.revokedAt === null)
    .map((p) => ({ userId: p.userId, name: p.name, community: p.community }));
  if (workshop.projects.length === 0) return <p className="muted small">{t('panels.noProjects')}</p>;
  if (people && experts.length === 0) return <p className="muted small">{t('panels.noExperts')}</p>;
  const community = (e: Expert) => (e.community ? t(`community.${e.community}`) : '');

  return (
    <ul className="expert-panels" data-testid="expert-panels">
      {workshop.projects.map((project) => {
        const members = panels[project.id] ?? [];
        const suggestions = suggestPanel(project, workshop.projects, experts, panels);
        const others = experts.filter((e) => !members.some((m) => m.userId === e.userId));
        return (
          <li key={project.id} className="expert-panel" data-testid="expert-panel" data-project-id={project.id}>
            <div className="expert-panel-head">
              <strong>{project.name || t('project.untitled')}</strong>
              <span className={`muted small${members.length >= PANEL_SIZE ? ' is-full' : ''}`}>
                {members.length}/{PANEL_SIZE}
              </span>
            </div>
            <ul className="panel-chips">
              {members.map((m) => (
                <li key={m.userId} className={`panel-chip community-${m.community ?? 'none'}`} data-testid="panel-member" data-user-id={m.userId}>
                  <span>{m.name}</span>
                  <span className="panel-chip-community">{community(m)}</span>
                  <button
                    type="button"
                    className="panel-chip-remove"
                    aria-label={t('panels.remove', { name: m.name })}
                    title={t('panels.remove', { name: m.name })}
                    onClick={() => unassignExpert(workshopDoc, project.id, m.userId)}
                  >
                    <X size={12} aria-hidden="true" />
                  </button>
                </li>
              ))}
              {suggestions.map((e) => (
                <li key={e.userId} className="panel-chip is-suggested">
                  <button
                    type="button"
                    data-testid="panel-suggestion"
                    data-user-id={e.userId}
                    title={t('panels.addSuggested', { name: e.name })}
                    onClick={() => assignExpert(workshopDoc, project.id, e)}
                  >
                    <Plus size={12} aria-hidden="true" /> {e.name} <span className="panel-chip-community">{community(e)}</span>
                  </button>
                </li>
              ))}
            </ul>
            {others.length > 0 && (
              <select
                className="panel-add"
                aria-label={t('panels.add', { name: project.name || t('project.untitled') })}
                data-testid="panel-add"
                value={NONE}
                onChange={(e) => {
                  const expert = others.find((x) => x.userId === e.target.value);
                  if (expert) assignExpert(workshopDoc, project.id, expert);
                }}
              >
                <option value={NONE}>{t('panels.addPlaceholder')}</option>
                {others.map((e) => (
                  <option key={e.userId} value={e.userId}>
                    {e.name}
                    {e.community ? ` · ${community(e)}` : ''}
                  </option>
                ))}
              </select>
            )}
          </li>
        );
      })}
    </ul>
  );
}
