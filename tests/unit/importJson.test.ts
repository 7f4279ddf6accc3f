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

  it('refuses a newer version with a clear message', () => {
    const newer = { ...valid(), version: 2 };
    expect(importError(newer)).toMatchObject({ field: 'version', message: expect.stringContaining('newer') });
  });
});
