import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportWorkshop } from '../../shared/report/exportJson';
import { reportMarkdown } from '../../shared/report/reportDoc';
import { reportDocx } from '../../shared/report/reportDocx';
import { type SynthesisPerson, workshopSynthesis } from '../../shared/report/workshopSynthesis';
import { docxParagraphs } from '../helpers/docxText';
import { reportFixture } from './reportFixture';

const people: SynthesisPerson[] = [
  { userId: 'com1', role: 'commune', community: null },
  { userId: 'com2', role: 'commune', community: null },
  { userId: 'exp1', role: 'expert', community: 'maker' },
  { userId: 'exp2', role: 'expert', community: 'researcher' },
  { userId: 'v1', role: 'viewer', community: null },
];

describe('synthesis for the organisers', () => {
  const { workshop, projects } = reportFixture();
  const exp = exportWorkshop(workshop, projects);

  it('ranks the common challenges with their projects and communes, crosses projects and technologies, lists partners and participation (golden)', () => {
    expect(reportMarkdown(workshopSynthesis(exp, 'fr', people))).toBe(readFileSync(path.join(__dirname, 'golden', 'synthesis.fr.md'), 'utf8'));
  });

  it('is a Word document with the same tables', async () => {
    const paragraphs = docxParagraphs(await reportDocx(workshopSynthesis(exp, 'en', people)));
    expect(paragraphs[0]).toBe('Synthesis of the workshop “Regards croisés sur la SmartCity”');
    expect(paragraphs).toContain('Ouvrir les données — Standards communs');
    expect(paragraphs).toContain('Air sain (Namur), Budget participatif (Ciney)');
    expect(paragraphs).toContain('Partner directory');
    expect(paragraphs).toContain('sophie@example.be');
    expect(paragraphs.join('\n')).not.toContain('hidden@example.be');
  });
});
