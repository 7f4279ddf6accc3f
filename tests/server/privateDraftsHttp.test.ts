import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, addProject } from '../../shared/operations';
import { privateRoom, projectRoom, workshopRoom } from '../../shared/rooms';
import { projectsMap } from '../../shared/schema';
import { serverPerTest } from '../helpers/testServer';
import { waitForSync } from '../helpers/yjsClients';

const t = serverPerTest();

const PROJECT = 'proj0001';
const SECRET = 'brouillon-secret-de-la-victime';
const SHARED = 'note-partagee-du-projet';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * A workshop with one project, a shared note, and a commune's private draft. Its workshop document
 * also lists, as the probe of issue 14 did, a "project" whose id names the victim's drafts room
 * and the same canvas many times over (written server-side: whoever could write it).
 */
async function scene() {
  const ws = await t.createWorkshop('Atelier');
  const join = (name: string, role: 'commune' | 'expert' | 'viewer') =>
    t.join(ws.id, { joinCode: ws.joinCode, name, role, ...(role === 'expert' ? { community: 'maker' as const } : {}) });
  const victim = await join('Victime', 'commune');
  const attacker = await join('Curieux', 'commune');
  const expert = await join('Experte', 'expert');
  const viewer = await join('Projecteur', 'viewer');
  const other = await t.createWorkshop('Autre atelier');

  await t.server.rooms.withRoom(workshopRoom(ws.id), (room) => {
    addProject(room.doc, { id: PROJECT, name: 'Parking', commune: 'Dinant', themeId: null, createdAt: 1 });
    const projects = projectsMap(room.doc);
    const smuggled = new Y.Map<unknown>();
    projects.set('smuggled', smuggled);
    for (const [k, v] of Object.entries({ id: `${PROJECT}.${victim.userId}`, name: 'Piège', commune: '', themeId: null, order: 5, createdAt: 2 }))
      smuggled.set(k, v);
    for (let i = 0; i < 10; i++) {
      const copy = new Y.Map<unknown>();
      projects.set(`copy${i}`, copy);
      for (const [k, v] of Object.entries({ id: PROJECT, name: 'Parking', commune: 'Dinant', themeId: null, order: 10 + i, createdAt: 3 })) copy.set(k, v);
    }
  });
  await t.server.rooms.withRoom(projectRoom(ws.id, PROJECT), (room) =>
    addNote(room.doc, { id: 'shared01', x: 0, y: 0, kind: 'idea', text: SHARED, authorId: victim.userId, authorName: 'Victime', createdAt: 4 }),
  );
  // The victim writes her draft like the app does, over the Yjs endpoint.
  const draft = t.provider(privateRoom(ws.id, PROJECT, victim.userId), victim.token);
  await waitForSync(draft.provider);
  addNote(draft.doc, { id: 'draft001', x: 0, y: 0, kind: 'idea', text: SECRET, authorId: victim.userId, authorName: 'Victime', createdAt: 5 });
  await t.server.rooms.withRoom(privateRoom(ws.id, PROJECT, victim.userId), async () => {});
  for (let i = 0; i < 200; i++) {
    const stored = await t.server.storage.docs.load(privateRoom(ws.id, PROJECT, victim.userId));
    if (stored.length > 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { ws, victim, attacker, expert, viewer, other };
}

/** Every reading route of the HTTP API, with the tricks of issue 14. */
const readingRoutes = (workshopId: string, victimId: string) => [
  `/api/workshops/${workshopId}`,
  `/api/workshops/${workshopId}/export.json`,
  `/api/workshops/${workshopId}/export.json?drafts=include`,
  `/api/workshops/${workshopId}/report.md`,
  `/api/workshops/${workshopId}/report.md?lang=en`,
  `/api/workshops/${workshopId}/projects/${PROJECT}/report.md`,
  `/api/workshops/${workshopId}/projects/${PROJECT}.${victimId}/report.md`,
  `/api/workshops/${workshopId}/notes.csv`,
  `/api/workshops/${workshopId}/notes.csv?sep=semicolon`,
  `/api/workshops/${workshopId}/notes.csv?project=${PROJECT}`,
  `/api/workshops/${workshopId}/notes.csv?project=${PROJECT}.${victimId}`,
  `/api/workshops/${workshopId}/notes.csv?project=${PROJECT}&project=${PROJECT}.${victimId}`,
  `/api/workshops/${workshopId}/search?q=${SECRET}`,
  `/api/workshops/${workshopId}/search?q=brouillon`,
];

describe('private drafts over HTTP', () => {
  it('are readable by no other participant on any route, whatever the role or workshop', async () => {
    const { ws, victim, attacker, expert, viewer, other } = await scene();
    const tokens = { commune: attacker.token, expert: expert.token, viewer: viewer.token, 'another workshop': other.facilitatorToken };
    let answered = 0;
    for (const [who, token] of Object.entries(tokens)) {
      for (const route of readingRoutes(ws.id, victim.userId)) {
        const res = await fetch(`${t.url}${route}`, { headers: auth(token) });
        const body = await res.text();
        expect(body, `${who} ${route}`).not.toContain(SECRET);
        expect(body, `${who} ${route}`).not.toContain('draft001');
        if (who === 'another workshop') expect(res.status, `${who} ${route}`).toBe(403);
        if (res.status === 200) answered++;
      }
    }
    // The routes did answer (this is not a test of refusals only): the shared note is there.
    expect(answered).toBeGreaterThan(20);
    const csv = await (await fetch(`${t.url}/api/workshops/${ws.id}/notes.csv`, { headers: auth(viewer.token) })).text();
    expect(csv).toContain(SHARED);
    const hits = await (await fetch(`${t.url}/api/workshops/${ws.id}/search?q=partagee`, { headers: auth(expert.token) })).json();
    expect(hits.hits.map((h: { id: string }) => h.id)).toEqual(['shared01']);
  });

  it("are left out of facilitators' exports unless asked for, and only a facilitator may ask", async () => {
    const { ws, victim, attacker } = await scene();
    const plain = await fetch(`${t.url}/api/workshops/${ws.id}/export.json`, { headers: auth(ws.facilitatorToken) });
    const exported = await plain.json();
    expect(JSON.stringify(exported)).not.toContain(SECRET);
    expect(exported.drafts).toBeUndefined();
    for (const route of readingRoutes(ws.id, victim.userId).filter((r) => !r.includes('drafts='))) {
      expect(await (await fetch(`${t.url}${route}`, { headers: auth(ws.facilitatorToken) })).text(), route).not.toContain(SECRET);
    }

    const asked = await fetch(`${t.url}/api/workshops/${ws.id}/export.json?drafts=include`, { headers: auth(ws.facilitatorToken) });
    expect(asked.status).toBe(200);
    const withDrafts = await asked.json();
    expect(withDrafts.drafts).toEqual([{ projectId: PROJECT, userId: victim.userId, notes: [expect.objectContaining({ id: 'draft001', text: SECRET })] }]);

    const refused = await fetch(`${t.url}/api/workshops/${ws.id}/export.json?drafts=include`, { headers: auth(attacker.token) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe('forbidden');
    const bad = await fetch(`${t.url}/api/workshops/${ws.id}/export.json?drafts=yes`, { headers: auth(ws.facilitatorToken) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe('drafts');
  });

  it('reads a canvas listed many times once, and answers 413 past the read budget', async () => {
    const { ws } = await scene();
    const data = await (await fetch(`${t.url}/api/workshops/${ws.id}/export.json`, { headers: auth(ws.facilitatorToken) })).json();
    expect(data.workshop.projects.map((p: { id: string }) => p.id).filter((id: string) => id === PROJECT)).toHaveLength(1);
    // The test workshop has other projects too; this one is read (and exported) once.
    expect(data.projects.map((p: { projectId: string }) => p.projectId).filter((id: string) => id === PROJECT)).toEqual([PROJECT]);
    const csv = await (await fetch(`${t.url}/api/workshops/${ws.id}/notes.csv`, { headers: auth(ws.facilitatorToken) })).text();
    expect(csv.split(SHARED)).toHaveLength(2);

    const bad = await fetch(`${t.url}/api/workshops/${ws.id}/notes.csv?project=a.b`, { headers: auth(ws.facilitatorToken) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe('project');

    await t.replace({ maxReadBytes: 2_000 });
    const small = await t.createWorkshop('Petit budget');
    await t.server.rooms.withRoom(workshopRoom(small.id), (room) =>
      addProject(room.doc, { id: PROJECT, name: 'Parking', commune: '', themeId: null, createdAt: 1 }),
    );
    await t.server.rooms.withRoom(projectRoom(small.id, PROJECT), (room) => {
      for (let i = 0; i < 20; i++)
        addNote(room.doc, {
          id: `note${String(i).padStart(4, '0')}`,
          x: 0,
          y: 0,
          kind: 'idea',
          text: 'x'.repeat(200),
          authorId: 'u',
          authorName: 'U',
          createdAt: i,
        });
    });
    for (const route of ['export.json', 'report.md', 'notes.csv', 'search?q=x']) {
      const res = await fetch(`${t.url}/api/workshops/${small.id}/${route}`, { headers: auth(small.facilitatorToken) });
      expect(res.status, route).toBe(413);
      expect((await res.json()).error, route).toBe('too_large');
    }
  });
});
