import { describe, expect, it } from 'vitest';
import { addNote, addProject } from '../../shared/operations';
import { createChallengeFromNote } from '../../shared/challenges';
import { CloseCode, type CreateWorkshopResponse, type JoinResponse, YJS_PATH } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { readWorkshop } from '../../shared/schema';
import { readTaxonomy, toggleNoteTag } from '../../shared/taxonomy';
import { setRecordApproach, setRecordNumber, setRecordText } from '../../shared/projectRecord';
import { docxParagraphs } from '../helpers/docxText';
import { serverPerTest } from '../helpers/testServer';
import { authorOf, eventually, rawSocket, sleep, waitForSync } from '../helpers/yjsClients';

const t = serverPerTest();

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function createFromTemplate(): Promise<CreateWorkshopResponse> {
  const res = await fetch(`${t.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Regards croisés — Namur', template: 'regards-croises', name: 'Animatrice' }),
  });
  expect(res.status).toBe(201);
  return res.json();
}

/** A workshop with one project (Dinant), two notes (one tagged) and a challenge from a note. */
async function populated() {
  const ws = await createFromTemplate();
  const w = t.provider(workshopRoom(ws.id), ws.facilitatorToken);
  await waitForSync(w.provider);
  const view = readWorkshop(w.doc);
  addProject(w.doc, { id: 'dinant01', name: 'Parking intelligent', commune: 'Dinant', themeId: view.themes[1].id, createdAt: 1000 });
  createChallengeFromNote(w.doc, {
    id: 'chall001',
    title: 'Données de stationnement fiables',
    createdBy: ws.userId,
    createdAt: 1001,
    projectId: 'dinant01',
    noteId: 'note0001',
  });
  const p = t.provider(projectRoom(ws.id, 'dinant01'), ws.facilitatorToken);
  await waitForSync(p.provider);
  addNote(p.doc, {
    id: 'note0001',
    x: 0,
    y: 0,
    kind: 'technology',
    text: 'Capteurs de places libres; "LoRaWAN"',
    authorId: ws.userId,
    authorName: 'Animatrice',
    createdAt: 1002,
  });
  addNote(p.doc, {
    id: 'note0002',
    x: 250,
    y: 0,
    kind: 'risk',
    text: 'Vie privée des automobilistes',
    authorId: ws.userId,
    authorName: 'Animatrice',
    createdAt: 1003,
  });
  const sensors = readTaxonomy(w.doc).find((tag) => /capteur/i.test(tag.fr))!;
  toggleNoteTag(p.doc, 'note0001', sensors.id);
  await sleep(100);
  return { ws, sensorsTag: sensors };
}

describe('reports, import, search and deletion', () => {
  it('starts a workshop from the "Regards croisés" template with its themes and the taxonomy', async () => {
    const ws = await createFromTemplate();
    const w = t.provider(workshopRoom(ws.id), ws.facilitatorToken);
    await waitForSync(w.provider);
    expect(readWorkshop(w.doc).themes.map((th) => th.name)).toEqual([
      'Implication citoyenne dans les projets locaux',
      'Technologie et données dans l’espace public',
      'Dynamique des centres-villes',
    ]);
    expect(readTaxonomy(w.doc).length).toBeGreaterThanOrEqual(10);
  });

  it('exports JSON that imports as a new workshop whose export is identical', async () => {
    const { ws } = await populated();
    const res = await fetch(`${t.url}/api/workshops/${ws.id}/export.json`, { headers: auth(ws.facilitatorToken) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.json"/);
    const exported = await res.text();
    const data = JSON.parse(exported);
    expect(data.projects[0].notes.map((n: { text: string }) => n.text)).toEqual(['Capteurs de places libres; "LoRaWAN"', 'Vie privée des automobilistes']);

    const imported = await fetch(`${t.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exported });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreateWorkshopResponse;
    expect(copy.id).not.toBe(ws.id);
    const again = await fetch(`${t.url}/api/workshops/${copy.id}/export.json`, { headers: auth(copy.facilitatorToken) });
    expect(await again.text()).toBe(exported);

    const bad = await fetch(`${t.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'other' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBeTruthy();
  });

  it('writes a project report shaped for an application, in French, Dutch, English or German, and a CSV of notes', async () => {
    const { ws } = await populated();
    const md = await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/dinant01/report.md`, { headers: auth(ws.facilitatorToken) })).text();
    expect(md).toContain('Parking intelligent');
    expect(md).toContain('Résumé');
    expect(md).toContain('Capteurs de places libres');
    expect(md).toContain('Données de stationnement fiables');
    const en = await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/dinant01/report.md?lang=en`, { headers: auth(ws.facilitatorToken) })).text();
    expect(en).toContain('Summary');
    // Dutch and German too, with the seeded taxonomy's own labels; an unknown language gets French.
    const nlMd = await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/dinant01/report.md?lang=nl`, { headers: auth(ws.facilitatorToken) })).text();
    expect(nlMd).toContain('## Samenvatting\n');
    expect(nlMd).toContain('## Geïdentificeerde technologieën\n\n- Sensoren & IoT (1 notitie)\n');
    const deMd = await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/dinant01/report.md?lang=de`, { headers: auth(ws.facilitatorToken) })).text();
    expect(deMd).toContain('## Zusammenfassung\n');
    expect(deMd).toContain('## Ermittelte Technologien\n\n- Sensoren & IoT (1 Notiz)\n');
    const unknown = await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/dinant01/report.md?lang=es`, { headers: auth(ws.facilitatorToken) })).text();
    expect(unknown).toBe(md);
    const deWorkshop = await (await fetch(`${t.url}/api/workshops/${ws.id}/report.md?lang=de`, { headers: auth(ws.facilitatorToken) })).text();
    expect(deWorkshop).toContain('## Gemeinsame Herausforderungen\n');
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/projects/nosuch01/report.md`, { headers: auth(ws.facilitatorToken) })).status).toBe(404);

    const csvRes = await fetch(`${t.url}/api/workshops/${ws.id}/notes.csv?project=dinant01`, { headers: auth(ws.facilitatorToken) });
    const csv = await csvRes.text();
    expect(csvRes.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3); // header + two notes
    expect(lines[1]).toContain('"Capteurs de places libres; ""LoRaWAN"""');
    // Dutch spreadsheets split on semicolons: the default separator follows the language; a BOM for the accents.
    const nlBytes = Buffer.from(
      await (await fetch(`${t.url}/api/workshops/${ws.id}/notes.csv?project=dinant01&lang=nl`, { headers: auth(ws.facilitatorToken) })).arrayBuffer(),
    );
    expect([...nlBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(nlBytes.subarray(3).toString('utf8').split('\r\n')[0]).toMatch(/^project_id;project;gemeente;notitie_id;soort;/);
    const enCsv = await (await fetch(`${t.url}/api/workshops/${ws.id}/notes.csv?project=dinant01&lang=en`, { headers: auth(ws.facilitatorToken) })).text();
    expect(enCsv.split('\r\n')[0]).toMatch(/^project_id,project,municipality,/);
  });

  it('searches notes and challenges across the workshop', async () => {
    const { ws } = await populated();
    const res = await fetch(`${t.url}/api/workshops/${ws.id}/search?q=${encodeURIComponent('stationnement')}`, { headers: auth(ws.facilitatorToken) });
    const { hits } = await res.json();
    expect(hits.map((h: { kind: string }) => h.kind)).toContain('challenge');
    const notes = await (await fetch(`${t.url}/api/workshops/${ws.id}/search?q=capteurs`, { headers: auth(ws.facilitatorToken) })).json();
    expect(notes.hits[0]).toMatchObject({
      kind: 'note',
      location: expect.objectContaining({ projectId: 'dinant01' }),
      project: { name: 'Parking intelligent', commune: 'Dinant' },
    });
    // A challenge belongs to the workshop, not to one project.
    expect(hits.find((h: { kind: string }) => h.kind === 'challenge').project).toBeNull();
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/search?q=`, { headers: auth(ws.facilitatorToken) })).status).toBe(400);
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/search?q=x`)).status).toBe(401);
  });

  it('deletes a workshop with all its data: only facilitators, connections closed, nothing left', async () => {
    const { ws } = await populated();
    const join = await fetch(`${t.url}/api/workshops/${ws.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ joinCode: ws.joinCode, name: 'Chloé', role: 'commune' }),
    });
    const chloe = (await join.json()) as JoinResponse;
    expect((await fetch(`${t.url}/api/workshops/${ws.id}`, { method: 'DELETE', headers: auth(chloe.token) })).status).toBe(403);

    const open = rawSocket(`${t.wsUrl}${YJS_PATH}/${projectRoom(ws.id, 'dinant01')}?token=${chloe.token}`);
    await open.opened;
    expect((await fetch(`${t.url}/api/workshops/${ws.id}`, { method: 'DELETE', headers: auth(ws.facilitatorToken) })).status).toBe(204);
    expect((await open.closed).code).toBe(CloseCode.workshopDeleted);
    await eventually(() => t.server.rooms.loaded(workshopRoom(ws.id)) === null, 'rooms unloaded');
    expect(await t.server.storage.docs.load(workshopRoom(ws.id))).toEqual([]);
    expect(await t.server.storage.docs.listRooms(`${ws.id}.`)).toEqual([]);
    expect(await t.server.storage.registry.getWorkshop(ws.id)).toBeNull();
    expect((await fetch(`${t.url}/api/workshops/${ws.id}`, { headers: auth(ws.facilitatorToken) })).status).toBe(401);
    expect((await fetch(`${t.url}/api/join-codes/${ws.joinCode}`)).status).toBe(404);
  });
});

/** A workshop with two projects; Andenne's record filled in by the facilitator, one risk on its board. */
async function workshopWithRecord(): Promise<CreateWorkshopResponse> {
  const ws = await t.createWorkshop('Dossiers', []);
  const w = t.provider(workshopRoom(ws.id), ws.facilitatorToken);
  await waitForSync(w.provider);
  addProject(w.doc, { id: 'andenne1', name: 'Parking connecté', commune: 'Andenne', themeId: null, createdAt: 1 });
  addProject(w.doc, { id: 'ciney001', name: 'Ciney', commune: 'Ciney', themeId: null, createdAt: 2 });
  setRecordText(w.doc, 'andenne1', 'description', 'Guider les automobilistes vers les places libres.');
  setRecordApproach(w.doc, 'andenne1', 'new');
  setRecordNumber(w.doc, 'andenne1', 'budgetMax', 150_000);
  setRecordNumber(w.doc, 'andenne1', 'aidRate', 60);
  const p = t.provider(projectRoom(ws.id, 'andenne1'), ws.facilitatorToken);
  await waitForSync(p.provider);
  addNote(p.doc, { id: 'risk0001', x: 0, y: 0, kind: 'risk', text: 'Capteurs volés', ...(await authorOf(t.url, ws.id, ws.facilitatorToken)), createdAt: 3 });
  // Stored on the server once the provider has nothing left to send.
  await eventually(() => p.provider.synced && p.provider.wsconnected, 'connected');
  for (
    let i = 0;
    i < 100 && !(await (await fetch(`${t.url}/api/workshops/${ws.id}/export.json`, { headers: auth(ws.facilitatorToken) })).text()).includes('Capteurs volés');
    i++
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return ws;
}

describe('application dossier over HTTP', () => {
  it('downloads the dossier as Word and Markdown, in the language asked, to members only', async () => {
    const ws = await workshopWithRecord();
    const docx = await fetch(`${t.url}/api/workshops/${ws.id}/projects/andenne1/dossier.docx`, { headers: auth(ws.facilitatorToken) });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="Parking-connecte-Andenne-dossier.docx"');
    const paragraphs = docxParagraphs(Buffer.from(await docx.arrayBuffer()));
    expect(paragraphs[0]).toBe('Parking connecté (Andenne)');
    expect(paragraphs).toContain('Guider les automobilistes vers les places libres.');
    expect(paragraphs).toContain('Projet nouveau sur le territoire.');
    expect(paragraphs).toContain('Subside régional sollicité (60 %) : 90\u00a0000\u00a0€');
    expect(paragraphs).toContain('Capteurs volés');

    const lou = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Lou', role: 'commune' });
    const md = await fetch(`${t.url}/api/workshops/${ws.id}/projects/andenne1/dossier.md?lang=nl`, { headers: auth(lou.token) });
    expect(md.status).toBe(200);
    const text = await md.text();
    expect(text.startsWith('# Parking connecté (Andenne)\n\n_Aanvraagdossier voor de oproep')).toBe(true);
    expect(text).toContain('## 8. Risico’s en beperkende maatregelen\n\n**Capteurs volés**\n\n- _maatregel nog te bepalen_\n');

    expect((await fetch(`${t.url}/api/workshops/${ws.id}/projects/nosuch01/dossier.md`, { headers: auth(ws.facilitatorToken) })).status).toBe(404);
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/projects/andenne1/dossier.docx`)).status).toBe(401);
    const other = await t.createWorkshop('Autre', []);
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/projects/andenne1/dossier.docx`, { headers: auth(other.facilitatorToken) })).status).toBe(403);
  });

  it('gives facilitators the synthesis across projects, as Word and Markdown', async () => {
    const ws = await workshopWithRecord();
    await t.join(ws.id, { joinCode: ws.joinCode, name: 'Marc', role: 'expert', community: 'maker' });
    const docx = await fetch(`${t.url}/api/workshops/${ws.id}/synthesis.docx`, { headers: auth(ws.facilitatorToken) });
    expect(docx.status).toBe(200);
    const paragraphs = docxParagraphs(Buffer.from(await docx.arrayBuffer()));
    expect(paragraphs[0]).toBe('Synthèse de l’atelier « Dossiers »');
    expect(paragraphs).toContain('Participation par communauté');
    const md = await (await fetch(`${t.url}/api/workshops/${ws.id}/synthesis.md?lang=en`, { headers: auth(ws.facilitatorToken) })).text();
    // One facilitator (the creator) and one maker admitted; the risk note was written by the facilitator.
    expect(md).toContain('| Makers | 1 | 0 | 0 | 0 |');
    expect(md).toContain('| Facilitation | 1 | 1 | 0 | 0 |');
    const lou = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Lou', role: 'commune' });
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/synthesis.md`, { headers: auth(lou.token) })).status).toBe(403);
  });

  it('exports records in JSON that import as a new workshop whose export is byte-identical', async () => {
    const ws = await workshopWithRecord();
    const exported = await (await fetch(`${t.url}/api/workshops/${ws.id}/export.json`, { headers: auth(ws.facilitatorToken) })).text();
    expect(JSON.parse(exported).workshop.projects[0].record).toMatchObject({
      description: 'Guider les automobilistes vers les places libres.',
      approach: 'new',
      budgetMax: 150_000,
      aidRate: 60,
    });
    const imported = await fetch(`${t.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exported });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreateWorkshopResponse;
    expect(await (await fetch(`${t.url}/api/workshops/${copy.id}/export.json`, { headers: auth(copy.facilitatorToken) })).text()).toBe(exported);
  });
});
