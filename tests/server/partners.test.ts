import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareInterest, readPartnerInterests } from '../../shared/partners';
import { addNote } from '../../shared/operations';
import { projectRoom } from '../../shared/rooms';
import { readNotes } from '../../shared/schema';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { tinyPdf } from '../helpers/tinyFiles';
import { authorOf, connectProvider, eventually, sleep, waitForSync } from '../helpers/yjsClients';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('networking day: partners and funders', () => {
  it('a funder joins as a partner, declares interest in two projects, and the directory lists them with consented contacts only', async () => {
    const ws = await t.createWorkshop('Réseautage');
    const funder = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Ana', role: 'partner' });
    const me = await (await fetch(`${t.url}/api/workshops/${ws.id}`, { headers: auth(funder.token) })).json();
    expect(me.me.role).toBe('partner');
    const who = await authorOf(t.url, ws.id, funder.token);

    const docs = [];
    for (const [i, projectId] of ['proj0001', 'proj0002'].entries()) {
      const c = connectProvider(t.wsUrl, projectRoom(ws.id, projectId), funder.token);
      await waitForSync(c.provider);
      declareInterest(c.doc, {
        id: `interest${i}`,
        name: 'Ana',
        organisation: 'BEP',
        partnerType: 'funder',
        offers: ['funding'],
        description: 'Cofinancement',
        consent: i === 0,
        contact: 'ana@bep.be',
        declaredBy: who.authorId,
        createdAt: 10 + i,
      });
      // a partner does not write the communes' notes: the server refuses that update as a whole
      addNote(c.doc, { id: `notepar${i}`, x: 0, y: 0, kind: 'idea', text: 'pas à moi', authorId: who.authorId, authorName: who.authorName, createdAt: 20 });
      docs.push(c);
    }
    // the interest (sent before the note, in its own update) arrives; the note does not
    const observer = connectProvider(t.wsUrl, projectRoom(ws.id, 'proj0001'), ws.facilitatorToken);
    await waitForSync(observer.provider);
    await eventually(() => readPartnerInterests(observer.doc).length === 1, 'interest stored');
    await sleep(200);
    expect(readNotes(observer.doc)).toEqual([]);

    const directory = await (await fetch(`${t.url}/api/workshops/${ws.id}/partners`, { headers: auth(ws.facilitatorToken) })).json();
    expect(directory.partners.map((p: { projectId: string; contact: string | null; partnerType: string }) => [p.projectId, p.partnerType, p.contact])).toEqual([
      ['proj0001', 'funder', 'ana@bep.be'],
      ['proj0002', 'funder', null],
    ]);

    // another workshop's token reads nothing of it; a partner cannot upload pitch material
    const other = await t.createWorkshop('Autre');
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/partners`, { headers: auth(other.facilitatorToken) })).status).toBe(403);
    const upload = await fetch(`${t.url}/api/workshops/${ws.id}/projects/proj0001/attachments?name=a.pdf`, {
      method: 'POST',
      headers: auth(funder.token),
      body: Buffer.from(tinyPdf()),
    });
    expect(upload.status).toBe(403);
    for (const c of [...docs, observer]) c.provider.destroy();
  });
});
