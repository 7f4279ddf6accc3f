import type * as Y from 'yjs';
import { readPanels } from '../../shared/panels';
import { readLatestVotes, type ProjectView } from '../../shared/schema';
import { projectSummary } from '../../shared/wallModes';
import { useT } from '../i18n';
import { labelOf, useClusters, useNoteTags, usePartners, useTagLang, useTaxonomy } from '../sync/useContent';
import { sameJson, useDocValue } from '../sync/useDocValue';
import { useNotes } from '../sync/useNotes';
import { useProjectDoc } from '../sync/useProjectDoc';
import { communeLabel } from '../../shared/communeLabel';

/**
 * A project's summary for the public pitch: title and commune, its components (clusters) with their
 * technologies, the top-voted items and the partners who declared an interest.
 */
export function ProjectorSummary({ project, workshopDoc }: { project: ProjectView; workshopDoc: Y.Doc }) {
  const t = useT();
  const doc = useProjectDoc(project.id);
  if (!doc) return <p className="projector-loading">{t('canvas.loading')}</p>;
  return <Summary doc={doc} project={project} workshopDoc={workshopDoc} />;
}

function Summary({ doc, project, workshopDoc }: { doc: Y.Doc; project: ProjectView; workshopDoc: Y.Doc }) {
  const t = useT();
  const lang = useTagLang();
  const notes = useNotes(doc);
  const clusters = useClusters(doc);
  const tags = useNoteTags(doc);
  const taxonomy = useTaxonomy(workshopDoc);
  const votes = useDocValue(doc, readLatestVotes);
  const partners = usePartners(doc);
  const panel = useDocValue(workshopDoc, readPanels, '', sameJson)[project.id] ?? [];
  const label = new Map(taxonomy.map((tag) => [tag.id, labelOf(tag, lang)]));
  const summary = projectSummary(notes, clusters, (id) => (tags[id] ?? []).flatMap((tagId) => label.get(tagId) ?? []), votes);
  return (
    <div className="projector-panel projector-summary" data-testid="wall-summary">
      <header className="wall-summary-head">
        <h2 className="projector-panel-title">{project.name || t('project.untitled')}</h2>
        {communeLabel(project) && <span className="wall-summary-commune">{communeLabel(project)}</span>}
      </header>
      <div className="wall-summary-grid">
        <section className="wall-summary-components">
          <h3>{t('wall.components')}</h3>
          {summary.components.length === 0 ? (
            <p className="muted">{t('wall.noComponents')}</p>
          ) : (
            <ul>
              {summary.components.map((c) => (
                <li key={c.id} data-testid="wall-component">
                  <span className="wall-component-name">{c.name || t('clusters.untitled')}</span>
                  {c.technologies.length > 0 && (
                    <span className="wall-component-techs">
                      {c.technologies.map((tech) => (
                        <span key={tech} className="wall-chip">
                          {tech}
                        </span>
                      ))}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <div className="wall-summary-side">
          <section>
            <h3>{t('wall.topVoted')}</h3>
            {summary.top.length === 0 ? (
              <p className="muted">{t('wall.noVotes')}</p>
            ) : (
              <ol className="wall-summary-top">
                {summary.top.map((item) => (
                  <li key={item.itemId} data-testid="wall-top-item">
                    <span className="wall-top-total">{item.total}</span>
                    <span>{item.text}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          {panel.length > 0 && (
            <section>
              <h3>{t('wall.expertPanel')}</h3>
              <ul className="wall-summary-partners" data-testid="wall-panel">
                {panel.map((m) => (
                  <li key={m.userId}>
                    <strong>{m.name}</strong>
                    {m.community && <span className="muted"> · {t(`community.${m.community}`)}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section>
            <h3>{t('wall.partners')}</h3>
            {partners.length === 0 ? (
              <p className="muted">{t('wall.noPartners')}</p>
            ) : (
              <ul className="wall-summary-partners">
                {partners.map((p) => (
                  <li key={p.id} data-testid="wall-partner">
                    <strong>{p.organisation || p.name}</strong>
                    {p.offers.length > 0 && <span className="muted"> · {p.offers.map((o) => t(`partners.offer.${o}`)).join(', ')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
