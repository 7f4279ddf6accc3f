import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initWorkshop } from '../../shared/operations';
import { exportWorkshop } from '../../shared/report/exportJson';
import { workshopMarkdown } from '../../shared/report/workshopMarkdown';
import { en } from '../../shared/report/reportLabels';
import { reportFixture } from './reportFixture';

describe('workshop report (Markdown)', () => {
  it('lists projects by theme, challenges by votes, technologies and partners (golden)', () => {
    const { workshop, projects } = reportFixture();
    expect(workshopMarkdown(exportWorkshop(workshop, projects))).toBe(`# Regards croisés sur la SmartCity

## Projets

### Technologie et données dans l’espace public

- **Air sain** (Namur) — 5 notes, 1 composante, 2 défis communs

### Implication citoyenne

- **Budget participatif** (Ciney) — 1 note, 0 composantes, 2 défis communs

## Défis communs

1. **Ouvrir les données** — 2 votes
   Standards communs
   Projets : Air sain, Budget participatif
2. **Financer la maintenance** — 1 vote
   Projets : Air sain, Budget participatif

## Technologies identifiées

- Capteurs & IoT — 1 note (Air sain)
- Connectivité — 1 note (Air sain)
- Données ouvertes — 1 note (Air sain)

## Partenaires intéressés

- **Air sain** : 2 partenaires intéressés
`);
  });

  it('reports an empty workshop in English', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Empty', createdAt: 1, themes: [] });
    expect(workshopMarkdown(exportWorkshop(doc, {}), en)).toBe(
      '# Empty\n\n## Projects\n\n_None_\n\n## Common challenges\n\n_None_\n\n## Technologies identified\n\n_None_\n\n## Interested partners\n\n_None_\n',
    );
  });
});
