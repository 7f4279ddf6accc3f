import * as Y from 'yjs';
import { newId } from '../shared/ids';
import { addProject, initWorkshop } from '../shared/operations';
import { seedTaxonomy } from '../shared/taxonomy';

/** What a new workshop starts with: themes and projects (by theme index). */
export interface WorkshopSeed {
  themes: string[];
  projects: Array<{ name: string; commune: string; theme: number }>;
}

/** The programme "Regards croisés sur la SmartCity" of the province of Namur. */
export const DEMO_TITLE = 'Regards croisés sur la SmartCity';
const REGARDS_CROISES_THEMES = ['Implication citoyenne dans les projets locaux', 'Technologie et données dans l’espace public', 'Dynamique des centres-villes'];

/** Templates a new workshop can start from (stages are the same for every workshop). */
export const TEMPLATES = {
  blank: { themes: [], projects: [] },
  'regards-croises': { themes: REGARDS_CROISES_THEMES, projects: [] },
} satisfies Record<string, WorkshopSeed>;
export type TemplateName = keyof typeof TEMPLATES;

export const DEMO_SEED: WorkshopSeed = {
  themes: REGARDS_CROISES_THEMES,
  projects: [
    { name: 'Andenne', commune: 'Andenne', theme: 0 },
    { name: 'Beauraing', commune: 'Beauraing', theme: 2 },
    { name: 'Ciney', commune: 'Ciney', theme: 2 },
    { name: 'Dinant', commune: 'Dinant', theme: 1 },
    { name: 'Gembloux', commune: 'Gembloux', theme: 0 },
    { name: 'Marche-en-Famenne', commune: 'Marche-en-Famenne', theme: 1 },
    { name: 'Namur', commune: 'Namur', theme: 1 },
  ],
};

export function createWorkshopDocument(args: { title: string; createdAt: number; seed: WorkshopSeed }): Y.Doc {
  const doc = new Y.Doc();
  const themes = args.seed.themes.map((name) => ({ id: newId(8), name }));
  initWorkshop(doc, { title: args.title, createdAt: args.createdAt, themes });
  seedTaxonomy(doc); // every workshop starts with the smart-city technology taxonomy, editable
  for (const project of args.seed.projects) {
    addProject(doc, {
      id: newId(8),
      name: project.name,
      commune: project.commune,
      themeId: themes[project.theme]?.id ?? null,
      createdAt: args.createdAt,
    });
  }
  return doc;
}
