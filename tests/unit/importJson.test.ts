import { describe, expect, it } from 'vitest';
import { exportWorkshop, workshopJson } from '../../shared/report/exportJson';
import { WorkshopImportError, importWorkshop, parseWorkshopExport } from '../../shared/report/importJson';
import { reportFixture } from './reportFixture';

const valid = () => {
  const { workshop, projects } = reportFixture();
  return JSON.parse(workshopJson(exportWorkshop(workshop, projects)));
};

function importError(data: unknown): WorkshopImportError {
  try {
    importWorkshop(data);
  } catch (e) {
    if (e instanceof WorkshopImportError) return e;
    throw e;
  }
  throw new Error('import accepted invalid data');
}

describe('JSON import', () => {
  it('accepts a valid export', () => {
    expect(parseWorkshopExport(valid()).workshop.title).toBe('Regards croisés sur la SmartCity');
  });

  it('refuses what is not a Croisée export, naming the field', () => {
    expect(importError(null).field).toBe('body');
    expect(importError({ format: 'other', version: 1 }).field).toBe('format');
    const badKind = valid();
    badKind.projects[0].notes[1].kind = 'rumour';
    expect(importError(badKind)).toMatchObject({ field: 'projects.0.notes.1.kind' });
    const badTime = valid();
    badTime.workshop.challenges[0].createdAt = 'yesterday';
    expect(importError(badTime).message).toMatch(/^workshop\.challenges\.0\.createdAt: /);
  });

  it('accepts tags with or without Dutch and German labels, and refuses labels that are not text', () => {
    const withLabels = valid();
    withLabels.workshop.taxonomy[0] = { ...withLabels.workshop.taxonomy[0], nl: 'Sensoren & IoT', de: 'Sensoren & IoT' };
    expect(parseWorkshopExport(withLabels).workshop.taxonomy[0]).toEqual({
      id: 'sensorsiot',
      fr: 'Capteurs & IoT',
      en: 'Sensors & IoT',
      nl: 'Sensoren & IoT',
      de: 'Sensoren & IoT',
      order: 0,
    });
    expect(parseWorkshopExport(valid()).workshop.taxonomy[0]).toEqual({ id: 'sensorsiot', fr: 'Capteurs & IoT', en: 'Sensors & IoT', order: 0 });
    const badLabel = valid();
    badLabel.workshop.taxonomy[1].de = 42;
    expect(importError(badLabel)).toMatchObject({ field: 'workshop.taxonomy.1.de' });
    const nullLabel = valid();
    nullLabel.workshop.taxonomy[0].nl = null;
    expect(importError(nullLabel)).toMatchObject({ field: 'workshop.taxonomy.0.nl' });
  });

  it('refuses fields longer than the editor allows and lists longer than the limit', () => {
    const longTitle = valid();
    longTitle.workshop.title = 'x'.repeat(2 * 1024 * 1024);
    expect(importError(longTitle).field).toBe('workshop.title');
    const longNote = valid();
    longNote.projects[0].notes[0].text = 'x'.repeat(2001);
    expect(importError(longNote).field).toBe('projects.0.notes.0.text');
    const manyNotes = valid();
    const note = manyNotes.projects[0].notes[0];
    manyNotes.projects[0].notes = Array.from({ length: 10_001 }, (_, i) => ({ ...note, id: `n${i}` }));
    expect(importError(manyNotes).field).toBe('projects.0.notes');
  });

  it('refuses a newer version with a clear message', () => {
    const newer = { ...valid(), version: 2 };
    expect(importError(newer)).toMatchObject({ field: 'version', message: expect.stringContaining('newer') });
  });
});
