import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProject, initWorkshop } from '../../shared/operations';
import { exportWorkshop } from '../../shared/report/exportJson';
import { workshopMarkdown } from '../../shared/report/workshopMarkdown';
import { de, en, nl } from '../../shared/report/reportLabels';
import { renameTag } from '../../shared/taxonomy';
import { reportFixture } from './reportFixture';

describe('workshop report (Markdown)', () => {
  it('lists projects by theme, challenges by votes, technologies and partners (golden)', () => {
    const { workshop, projects } = reportFixture();
    expect(workshopMarkdown(exportWorkshop(workshop, projects))).toBe(`# Regards croisés sur la SmartCity

## Projets

### Technologie et données dans l’espace public

- **Air sain** (Namur) — 5 notes, 1 composante, 2 défis communs

### Implication citoyenne

- **Budget participatif** (Ciney) — 1 note, 0 composante, 2 défis communs

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

  it('is available in Dutch, tags falling back to English without a Dutch label (golden)', () => {
    const { workshop, projects } = reportFixture();
    renameTag(workshop, 'sensorsiot', { nl: 'Sensoren & IoT' });
    expect(workshopMarkdown(exportWorkshop(workshop, projects), nl)).toBe(`# Regards croisés sur la SmartCity

## Projecten

### Technologie et données dans l’espace public

- **Air sain** (Namur) — 5 notities, 1 onderdeel, 2 gemeenschappelijke uitdagingen

### Implication citoyenne

- **Budget participatif** (Ciney) — 1 notitie, 0 onderdelen, 2 gemeenschappelijke uitdagingen

## Gemeenschappelijke uitdagingen

1. **Ouvrir les données** — 2 stemmen
   Standards communs
   Projecten: Air sain, Budget participatif
2. **Financer la maintenance** — 1 stem
   Projecten: Air sain, Budget participatif

## Geïdentificeerde technologieën

- Sensoren & IoT — 1 notitie (Air sain)
- Connectivity — 1 notitie (Air sain)
- Open data — 1 notitie (Air sain)

## Geïnteresseerde partners

- **Air sain**: 2 geïnteresseerde partners
`);
  });

  it('reports an empty workshop in German', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Leer', createdAt: 1, themes: [] });
    expect(workshopMarkdown(exportWorkshop(doc, {}), de)).toBe(
      '# Leer\n\n## Projekte\n\n_Keine_\n\n## Gemeinsame Herausforderungen\n\n_Keine_\n\n## Ermittelte Technologien\n\n_Keine_\n\n## Interessierte Partner\n\n_Keine_\n',
    );
  });

  it('reports an empty workshop in English', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Empty', createdAt: 1, themes: [] });
    expect(workshopMarkdown(exportWorkshop(doc, {}), en)).toBe(
      '# Empty\n\n## Projects\n\n_None_\n\n## Common challenges\n\n_None_\n\n## Technologies identified\n\n_None_\n\n## Interested partners\n\n_None_\n',
    );
  });
});

describe('workshop report, a project named after its commune', () => {
  it('names the commune once: "Andenne", not "Andenne (Andenne)"', () => {
    const workshop = new Y.Doc();
    initWorkshop(workshop, { title: 'Atelier', createdAt: 1, themes: [] });
    addProject(workshop, { id: 'andenne1', name: 'Andenne', commune: 'Andenne', themeId: null, createdAt: 2 });
    addProject(workshop, { id: 'ciney001', name: 'Parking', commune: 'Ciney', themeId: null, createdAt: 3 });
    const md = workshopMarkdown(exportWorkshop(workshop, { andenne1: new Y.Doc(), ciney001: new Y.Doc() }));
    expect(md).toContain('- **Andenne** — 0 note, 0 composante, 0 défi commun\n');
    expect(md).toContain('- **Parking** (Ciney) — ');
  });
});
