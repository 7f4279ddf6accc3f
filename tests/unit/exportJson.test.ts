import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportWorkshop, workshopJson, WORKSHOP_EXPORT_FORMAT, WORKSHOP_EXPORT_VERSION } from '../../shared/report/exportJson';
import { importWorkshop } from '../../shared/report/importJson';
import { readChallenges } from '../../shared/challenges';
import { DEFAULT_TAXONOMY, readNoteTags, readTaxonomy, renameTag, seedTaxonomy } from '../../shared/taxonomy';
import { assignExpert } from '../../shared/panels';
import { reportFixture } from './reportFixture';

describe('JSON export', () => {
  const { workshop, projects } = reportFixture();
  const data = exportWorkshop(workshop, projects);

  it('holds the workshop and every project’s content in a versioned structure', () => {
    expect(data.format).toBe(WORKSHOP_EXPORT_FORMAT);
    expect(data.version).toBe(WORKSHOP_EXPORT_VERSION);
    expect(data.workshop.projects.map((p) => p.id)).toEqual(['namur', 'ciney']);
    expect(data.workshop.taxonomy.map((t) => t.id)).toEqual(['sensorsiot', 'connectivity', 'opendata']);
    expect(data.workshop.challenges.map((c) => [c.id, c.mergedInto])).toEqual([
      ['ch1', null],
      ['ch2', null],
      ['ch3', 'ch1'],
    ]);
    const namur = data.projects[0];
    expect(namur.notes[0]).toEqual({
      id: 'n1',
      text: "Capteurs de qualité de l'air",
      x: 0,
      y: 0,
      kind: 'technology',
      authorId: 'com1',
      authorName: 'Claire',
      authorRole: null,
      authorCommunity: null,
      createdAt: 1_700_000_010_000,
      anonymous: false,
      tags: ['sensorsiot'],
      clusterId: 'k1',
    });
    expect(namur.threads).toEqual([{ target: 'note:n2', resolved: true, by: 'com1', at: 1_700_000_033_000 }]);
    expect(namur.partners.map((p) => p.contact)).toEqual(['sophie@example.be', null]);
    expect(namur.questions[0]).toMatchObject({ id: 'q1', upvoters: ['v4'] });
    expect(namur.votes.map((v) => v.roundId)).toEqual(['r1']);
    expect(JSON.stringify(data)).not.toContain('hidden@example.be');
    // The project record travels with its project; a project without one exports an empty record.
    expect(data.workshop.projects[0].record).toMatchObject({
      approach: 'replicated',
      budgetMin: 80_000,
      budgetMax: 120_000,
      aidRate: null,
      timeline: 'Septembre 2027 – juin 2028',
    });
    expect(data.workshop.projects[1].record).toMatchObject({ description: '', approach: null, budgetMin: null });
  });

  it('imports an export made before project records existed, with empty records', () => {
    const json = JSON.parse(workshopJson(data));
    for (const p of json.workshop.projects) delete p.record;
    const imported = importWorkshop(json);
    expect(exportWorkshop(imported.workshop, imported.projects).workshop.projects.map((p) => p.record.description)).toEqual(['', '']);
  });

  it('refuses a record field that is not what it must be', () => {
    const json = JSON.parse(workshopJson(data));
    json.workshop.projects[0].record.budgetMin = -1;
    expect(() => importWorkshop(json)).toThrow(/workshop\.projects\.0\.record\.budgetMin/);
  });

  it('round-trips: export → import → export is identical, deep and byte for byte', () => {
    const json = workshopJson(data);
    const imported = importWorkshop(JSON.parse(json));
    const again = exportWorkshop(imported.workshop, imported.projects);
    expect(again).toEqual(data);
    expect(workshopJson(again)).toBe(json);
    // And once more, from the re-imported documents.
    const third = importWorkshop(JSON.parse(workshopJson(again)));
    expect(workshopJson(exportWorkshop(third.workshop, third.projects))).toBe(json);
  });

  it('carries the expert panels (only when some are set) and round-trips them byte for byte', () => {
    expect(data.workshop.panels).toBeUndefined();
    const withPanels = reportFixture();
    const projectId = Object.keys(withPanels.projects)[0];
    assignExpert(withPanels.workshop, projectId, { userId: 'exp1', name: 'Noor', community: 'maker' });
    assignExpert(withPanels.workshop, projectId, { userId: 'exp2', name: 'Ana', community: null });
    const exported = exportWorkshop(withPanels.workshop, withPanels.projects);
    expect(exported.workshop.panels).toEqual({
      [projectId]: [
        { userId: 'exp2', name: 'Ana', community: null },
        { userId: 'exp1', name: 'Noor', community: 'maker' },
      ],
    });
    const json = workshopJson(exported);
    const imported = importWorkshop(JSON.parse(json));
    expect(workshopJson(exportWorkshop(imported.workshop, imported.projects))).toBe(json);
  });

  it('exports Dutch and German tag labels only where they exist, and round-trips them byte for byte', () => {
    const mixed = reportFixture();
    renameTag(mixed.workshop, 'connectivity', { de: 'Konnektivität' }); // German only, no Dutch
    seedTaxonomy(
      mixed.workshop,
      DEFAULT_TAXONOMY.filter((t) => t.id === 'energy'),
    ); // all four languages
    const exported = exportWorkshop(mixed.workshop, mixed.projects);
    const json = workshopJson(exported);
    // Tags without nl/de are written exactly as before those languages existed.
    expect(json).toContain(`{
        "id": "sensorsiot",
        "fr": "Capteurs & IoT",
        "en": "Sensors & IoT",
        "order": 0
      },
      {
        "id": "connectivity",
        "fr": "Connectivité",
        "en": "Connectivity",
        "de": "Konnektivität",
        "order": 1
      },`);
    expect(json).toContain(`{
        "id": "energy",
        "fr": "Énergie",
        "en": "Energy",
        "nl": "Energie",
        "de": "Energie",
        "order": 3
      }`);
    const imported = importWorkshop(JSON.parse(json));
    expect(readTaxonomy(imported.workshop)).toEqual(exported.workshop.taxonomy);
    const again = exportWorkshop(imported.workshop, imported.projects);
    expect(again).toEqual(exported);
    expect(workshopJson(again)).toBe(json);
    const third = importWorkshop(JSON.parse(workshopJson(again)));
    expect(workshopJson(exportWorkshop(third.workshop, third.projects))).toBe(json);
  });

  it('imports into fresh, live documents that keep links and merges working', () => {
    const imported = importWorkshop(JSON.parse(workshopJson(data)));
    expect(imported.workshop).not.toBe(workshop);
    expect(Object.keys(imported.projects)).toEqual(['namur', 'ciney']);
    expect(readChallenges(imported.workshop).map((c) => [c.id, c.projectIds, c.votes, c.mergedFrom])).toEqual([
      ['ch2', ['ciney', 'namur'], 2, []],
      ['ch1', ['ciney', 'namur'], 1, ['ch3']],
    ]);
    expect(readNoteTags(imported.projects.namur, 'n2')).toEqual(['connectivity']);
    // The imported documents sync like any other.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(imported.projects.namur));
    expect(exportWorkshop(imported.workshop, { namur: replica }).projects[0]).toEqual(data.projects[0]);
  });

  it('exports one project with the challenges linked to it', () => {
    const one = exportWorkshop(workshop, projects, { projectIds: ['ciney'] });
    expect(one.workshop.projects.map((p) => p.id)).toEqual(['ciney']);
    expect(one.projects.map((p) => p.projectId)).toEqual(['ciney']);
    expect(one.workshop.challenges.map((c) => c.id)).toEqual(['ch1', 'ch2', 'ch3']);
    const onlyNamurNote = exportWorkshop(workshop, projects, { projectIds: ['namur'] });
    expect(onlyNamurNote.workshop.challenges.map((c) => c.id)).toEqual(['ch1', 'ch2', 'ch3']);
    const imported = importWorkshop(JSON.parse(workshopJson(one)));
    expect(workshopJson(exportWorkshop(imported.workshop, imported.projects))).toBe(workshopJson(one));
  });

  it('is stable whatever order the content was created in', () => {
    const a = reportFixture();
    const b = reportFixture();
    expect(workshopJson(exportWorkshop(a.workshop, a.projects))).toBe(
      workshopJson(exportWorkshop(b.workshop, { ciney: b.projects.ciney, namur: b.projects.namur })),
    );
  });
});
