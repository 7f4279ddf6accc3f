import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addChallenge, readChallenges } from '../../shared/challenges';
import { addProject, addTheme, initWorkshop } from '../../shared/operations';
import { budgetFrame, EMPTY_RECORD, isRecordEmpty, setRecordApproach, setRecordNumber, setRecordText } from '../../shared/projectRecord';
import { projectsMap, readWorkshop } from '../../shared/schema';
import { moveTheme, removeTheme, renameTheme } from '../../shared/themes';

function workshop(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, {
    title: 'Atelier',
    createdAt: 1,
    themes: [
      { id: 'mobility', name: 'Mobilité' },
      { id: 'energy', name: 'Énergie' },
    ],
  });
  addTheme(doc, { id: 'citizens', name: 'Citoyenneté' });
  addProject(doc, { id: 'andenne', name: 'Parking', commune: 'Andenne', themeId: 'mobility', createdAt: 2 });
  addProject(doc, { id: 'ciney', name: 'Éclairage', commune: 'Ciney', themeId: 'energy', createdAt: 3 });
  return doc;
}

describe('project record', () => {
  it('reads empty for a project that has none, and back what was written', () => {
    const doc = workshop();
    expect(readWorkshop(doc).projects[0].record).toEqual(EMPTY_RECORD);
    setRecordText(doc, 'andenne', 'description', 'Des capteurs de places libres');
    setRecordText(doc, 'andenne', 'contact', 'Julie, julie@andenne.be');
    setRecordApproach(doc, 'andenne', 'replicated');
    setRecordNumber(doc, 'andenne', 'budgetMin', 60000.4);
    setRecordNumber(doc, 'andenne', 'budgetMax', 120000);
    const record = readWorkshop(doc).projects[0].record;
    expect(record).toMatchObject({
      description: 'Des capteurs de places libres',
      contact: 'Julie, julie@andenne.be',
      approach: 'replicated',
      budgetMin: 60000,
      budgetMax: 120000,
      aidRate: null,
    });
    expect(isRecordEmpty(record)).toBe(false);
    // Clearing removes the field: the record reads as it did before.
    setRecordText(doc, 'andenne', 'description', '   ');
    expect(projectsMap(doc).get('andenne')!.has('description')).toBe(false);
    expect(setRecordText(doc, 'gone', 'description', 'x')).toBe(false);
  });

  it('computes the co-financing of the budget range (the call’s half unless a rate is stated)', () => {
    expect(budgetFrame(EMPTY_RECORD)).toBeNull();
    expect(budgetFrame({ ...EMPTY_RECORD, budgetMin: 120000, budgetMax: 60000 })).toEqual({
      low: 60000,
      high: 120000,
      rate: 50,
      rateAssumed: true,
      aidLow: 30000,
      aidHigh: 60000,
      ownLow: 30000,
      ownHigh: 60000,
    });
    expect(budgetFrame({ ...EMPTY_RECORD, budgetMax: 80000, aidRate: 75 })).toMatchObject({
      low: 80000,
      high: 80000,
      rateAssumed: false,
      aidLow: 60000,
      ownHigh: 20000,
    });
  });

  it('clamps what no budget can be: negative, not finite, a rate over 100 %', () => {
    const doc = workshop();
    setRecordNumber(doc, 'andenne', 'budgetMin', -5);
    setRecordNumber(doc, 'andenne', 'budgetMax', Number.NaN);
    setRecordNumber(doc, 'andenne', 'aidRate', 250);
    expect(readWorkshop(doc).projects[0].record).toMatchObject({ budgetMin: null, budgetMax: null, aidRate: 100 });
  });
});

describe('themes', () => {
  it('are renamed (never to nothing) and reordered', () => {
    const doc = workshop();
    expect(renameTheme(doc, 'mobility', '  Mobilité douce ')).toBe(true);
    expect(renameTheme(doc, 'mobility', '   ')).toBe(false);
    expect(moveTheme(doc, 'citizens', -1)).toBe(true);
    expect(moveTheme(doc, 'mobility', -1)).toBe(false);
    expect(readWorkshop(doc).themes.map((t) => [t.id, t.name])).toEqual([
      ['mobility', 'Mobilité douce'],
      ['citizens', 'Citoyenneté'],
      ['energy', 'Énergie'],
    ]);
  });

  it('removed: its projects and challenges become "no theme", nothing else is lost', () => {
    const doc = workshop();
    addChallenge(doc, { id: 'ch1', title: 'Financement', themeId: 'energy', createdBy: 'u1', createdAt: 4 });
    setRecordText(doc, 'ciney', 'objectives', 'Réduire la facture');
    expect(removeTheme(doc, 'energy')).toBe(true);
    const view = readWorkshop(doc);
    expect(view.themes.map((t) => t.id)).toEqual(['mobility', 'citizens']);
    expect(view.projects.map((p) => [p.id, p.themeId, p.record.objectives])).toEqual([
      ['andenne', 'mobility', ''],
      ['ciney', null, 'Réduire la facture'],
    ]);
    expect(readChallenges(doc).map((c) => c.themeId)).toEqual([null]);
    expect(removeTheme(doc, 'energy')).toBe(false);
  });
});
