import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addComment } from '../../shared/comments';
import { assignExpert } from '../../shared/panels';
import { exportWorkshop } from '../../shared/report/exportJson';
import { projectDossier } from '../../shared/report/projectDossier';
import { reportMarkdown } from '../../shared/report/reportDoc';
import { reportDocx } from '../../shared/report/reportDocx';
import { docxParagraphs } from '../helpers/docxText';
import { reportFixture } from './reportFixture';

const golden = (name: string) => readFileSync(path.join(__dirname, 'golden', name), 'utf8');

function fixture() {
  const { workshop, projects } = reportFixture();
  // A mitigation noted against the risk "Vandalisme".
  addComment(projects.namur, {
    id: 'c9',
    target: { type: 'note', id: 'n4' },
    text: 'Boîtiers anti-vandalisme',
    authorId: 'exp1',
    authorName: 'Marc',
    authorRole: 'expert',
    authorCommunity: 'maker',
    createdAt: 1_700_000_034_000,
  });
  // Namur met two experts on the ideation day.
  assignExpert(workshop, 'namur', { userId: 'exp1', name: 'Marc', community: 'maker' });
  assignExpert(workshop, 'namur', { userId: 'exp2', name: 'Inès', community: 'researcher' });
  return exportWorkshop(workshop, projects);
}

describe('application dossier', () => {
  const exp = fixture();

  it('is organised along what the juries score, from the record and the board (golden, French)', () => {
    expect(reportMarkdown(projectDossier(exp, 'namur', 'fr')!)).toBe(golden('dossier-namur.fr.md'));
  });

  it('says what is still to be stated when the record is empty (golden, English)', () => {
    expect(reportMarkdown(projectDossier(exp, 'ciney', 'en')!)).toBe(golden('dossier-ciney.en.md'));
  });

  it('uses no internal label of the tool, in any language', () => {
    for (const lang of ['fr', 'nl', 'en', 'de'] as const) {
      const md = reportMarkdown(projectDossier(exp, 'namur', lang)!);
      expect(md).not.toMatch(/Hors composante|Buiten een onderdeel|Not in a component|Keinem Baustein|Anonyme|undefined|null|NaN/);
    }
  });

  it('is a Word document whose text is the dossier’s', async () => {
    const bytes = await reportDocx(projectDossier(exp, 'namur', 'fr')!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs.slice(0, 3)).toEqual([
      'Air sain (Namur)',
      'Dossier de candidature à l’appel « Territoire intelligent », préparé lors de l’atelier « Regards croisés sur la SmartCity »',
      '1. Le projet et son contexte',
    ]);
    expect(paragraphs).toContain('Commune : Namur');
    expect(paragraphs).toContain('Coût total estimé : 80\u00a0000\u00a0€ – 120\u00a0000\u00a0€');
    expect(paragraphs).toContain('Subside régional sollicité (50 %, taux habituel de l’appel) : 40\u00a0000\u00a0€ – 60\u00a0000\u00a0€');
    expect(paragraphs).toContain('Mesure proposée (Marc, Makers) : Boîtiers anti-vandalisme');
    expect(paragraphs).toContain('Ouvrir les données — partagé avec Budget participatif (Ciney) (2 votes)');
    expect(paragraphs).toContain('Réseau LoRaWAN, "communal"');
    expect(paragraphs).toContain('Quel coût ? (1 soutien, à traiter)');
  });

  it('is null for a project the export does not hold', () => {
    expect(projectDossier(exp, 'nosuch', 'fr')).toBeNull();
  });
});
