import type * as Y from 'yjs';
import type { ProjectView } from '../../shared/schema';
import { useT } from '../i18n';
import { useChallenges } from '../sync/useContent';

const SHOWN = 8;

/** The common challenges on the wall, most voted first, each with the projects it links. */
export function ProjectorChallenges({ workshopDoc, projects }: { workshopDoc: Y.Doc; projects: readonly ProjectView[] }) {
  const t = useT();
  const challenges = useChallenges(workshopDoc);
  const ranked = [...challenges].sort((a, b) => b.votes + b.dots - (a.votes + a.dots) || a.createdAt - b.createdAt).slice(0, SHOWN);
  const name = new Map(projects.map((p) => [p.id, p.name || t('project.untitled')]));
  return (
    <div className="projector-panel projector-challenges" data-testid="wall-challenges">
      <h2 className="projector-panel-title">{t('wall.challenges')}</h2>
      {ranked.length === 0 ? (
        <p className="projector-big-line muted">{t('wall.noChallenges')}</p>
      ) : (
        <ol className="wall-challenge-list">
          {ranked.map((c, i) => (
            <li key={c.id} data-testid="wall-challenge">
              <span className="wall-challenge-rank">{i + 1}</span>
              <span className="wall-challenge-main">
                <span className="wall-challenge-title">{c.title}</span>
                {c.projectIds.length > 0 && (
                  <span className="wall-challenge-projects">
                    {c.projectIds
                      .filter((id) => name.has(id))
                      .map((id) => (
                        <span key={id} className="wall-chip">
                          {name.get(id)}
                        </span>
                      ))}
                  </span>
                )}
              </span>
              <span className="wall-challenge-votes" title={t('wall.votesLabel')}>
                {c.votes + c.dots}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
