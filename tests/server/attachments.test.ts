import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWorkshopResponse } from '../../shared/protocol';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { tinyPdf, tinyPng } from '../helpers/tinyFiles';
import { authorOf, connectProvider, eventually, waitForSync } from '../helpers/yjsClients';
import { placeImage, readImages } from '../../shared/boardImages';
import { projectRoom } from '../../shared/rooms';

/** Small limits so oversize is cheap to send: 8 KiB per file, 20 KiB per workshop. */
const FILE_LIMIT = 8 * 1024;
const WORKSHOP_LIMIT = 20 * 1024;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ attachmentLimits: { fileBytes: FILE_LIMIT, workshopBytes: WORKSHOP_LIMIT } });
});
afterAll(async () => {
  await t.stop();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const upload = (ws: { id: string }, token: string, name: string, body: Uint8Array<ArrayBuffer>, projectId = 'proj0001') =>
  fetch(`${t.url}/api/workshops/${ws.id}/projects/${projectId}/attachments?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': 'application/octet-stream' },
    body,
  });
const download = (ws: { id: string }, token: string, id: string) => fetch(`${t.url}/api/workshops/${ws.id}/attachments/${id}`, { headers: auth(token) });
const bytesOf = async (res: Response) => Array.from(new Uint8Array(await res.arrayBuffer()));

async function workshopWithPeople(): Promise<{ ws: CreateWorkshopResponse; commune: string; expert: string; viewer: string; otherCommune: string }> {
  const ws = await t.createWorkshop('Pièces jointes');
  const join = async (name: string, role: 'commune' | 'expert' | 'viewer') =>
    (await t.join(ws.id, { joinCode: ws.joinCode, name, role, ...(role === 'expert' ? { community: 'maker' as const } : {}) })).token;
  return {
    ws,
    commune: await join('Andenne', 'commune'),
    expert: await join('Exp', 'expert'),
    viewer: await join('Public', 'viewer'),
    otherCommune: await join('Ciney', 'commune'),
  };
}

describe('attachments', () => {
  it('a commune uploads a PDF; everyone in the workshop lists and downloads it, with safe headers', async () => {
    const { ws, commune, viewer } = await workshopWithPeople();
    const pdf = tinyPdf('Pitch Andenne');
    const res = await upload(ws, commune, 'Présentation "Andenne".pdf', pdf);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({
      projectId: 'proj0001',
      name: 'Présentation "Andenne".pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      uploaderName: 'Andenne',
    });

    const list = await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/proj0001/attachments`, { headers: auth(viewer) })).json();
    expect(list.attachments.map((a: { id: string }) => a.id)).toEqual([created.id]);
    expect(list.used).toBe(pdf.length);
    expect((await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/proj0002/attachments`, { headers: auth(viewer) })).json()).attachments).toEqual([]);

    const got = await download(ws, viewer, created.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="Presentation _Andenne_.pdf"; filename*=UTF-8''${encodeURIComponent('Présentation "Andenne".pdf')}`,
    );
    const csp = got.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(await bytesOf(got)).toEqual(Array.from(pdf));

    const png = tinyPng();
    const image = await (await upload(ws, ws.facilitatorToken, 'plan.PNG', png, 'proj0002')).json();
    expect(image.contentType).toBe('image/png');
    const gotPng = await download(ws, commune, image.id);
    expect(gotPng.headers.get('content-type')).toBe('image/png');
    expect(await bytesOf(gotPng)).toEqual(Array.from(png));
  });

  it("a viewer, an expert, no token and another workshop's token are refused with JSON messages", async () => {
    const { ws, viewer, expert, commune } = await workshopWithPeople();
    const other = await t.createWorkshop('Autre atelier');
    for (const [token, status] of [
      [viewer, 403],
      [expert, 403],
      [other.facilitatorToken, 403],
    ] as const) {
      const res = await upload(ws, token, 'slides.pdf', tinyPdf());
      expect(res.status).toBe(status);
      expect((await res.json()).message).toMatch(/commune|facilitator|another workshop/);
    }
    const anonymous = await fetch(`${t.url}/api/workshops/${ws.id}/projects/proj0001/attachments?name=a.pdf`, { method: 'POST', body: tinyPdf() });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toBeTruthy();

    const created = await (await upload(ws, commune, 'slides.pdf', tinyPdf())).json();
    // another workshop's token can neither read, list nor delete it; reading it through its own workshop finds nothing
    expect((await download(ws, other.facilitatorToken, created.id)).status).toBe(403);
    expect((await download(other, other.facilitatorToken, created.id)).status).toBe(404);
    expect((await fetch(`${t.url}/api/workshops/${ws.id}/projects/proj0001/attachments`, { headers: auth(other.facilitatorToken) })).status).toBe(403);
    const del = await fetch(`${t.url}/api/workshops/${ws.id}/attachments/${created.id}`, { method: 'DELETE', headers: auth(other.facilitatorToken) });
    expect(del.status).toBe(403);
    expect((await download(ws, viewer, created.id)).status).toBe(200);
  });

  it('refuses a file over the per-file limit with 413, and one over the workshop budget with 413', async () => {
    const { ws, commune } = await workshopWithPeople();
    const big = new Uint8Array(FILE_LIMIT + 1);
    big.set(tinyPdf());
    const res = await upload(ws, commune, 'big.pdf', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'file_too_large', message: 'A file may be at most 8 KiB.' });

    // 20 KiB per workshop: three files of ~7 KiB fit two
    const padded = () => {
      const f = new Uint8Array(7 * 1024);
      f.set(tinyPdf());
      return f;
    };
    expect((await upload(ws, commune, 'a.pdf', padded())).status).toBe(201);
    expect((await upload(ws, commune, 'b.pdf', padded())).status).toBe(201);
    const full = await upload(ws, commune, 'c.pdf', padded());
    expect(full.status).toBe(413);
    expect(await full.json()).toMatchObject({ error: 'workshop_full', message: expect.stringContaining('at most 20 KiB in all') });
  });

  it('decides the type by content: a renamed file, an HTML page, an SVG or an empty body are refused', async () => {
    const { ws, commune } = await workshopWithPeople();
    const mismatch = await upload(ws, commune, 'photo.png', tinyPdf());
    expect(mismatch.status).toBe(415);
    expect(await mismatch.json()).toMatchObject({ error: 'type_mismatch' });
    const pdfNamedJpg = await upload(ws, commune, 'slides.jpg', tinyPng());
    expect(pdfNamedJpg.status).toBe(415);
    const html = await upload(ws, commune, 'image.png', new TextEncoder().encode('<html><script>alert(1)</script></html>'));
    expect(html.status).toBe(415);
    expect(await html.json()).toMatchObject({ error: 'unsupported_type' });
    const svg = await upload(ws, commune, 'logo.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.status).toBe(415);
    const empty = await upload(ws, commune, 'x.pdf', new Uint8Array(0));
    expect(empty.status).toBe(400);
    const unknownProject = await upload(ws, commune, 'x.pdf', tinyPdf(), 'nosuchproj');
    expect(unknownProject.status).toBe(404);
    const list = await (await fetch(`${t.url}/api/workshops/${ws.id}/projects/proj0001/attachments`, { headers: auth(commune) })).json();
    expect(list.attachments).toEqual([]);
  });

  it('only the uploader or a facilitator deletes an attachment', async () => {
    const { ws, commune, otherCommune } = await workshopWithPeople();
    const a = await (await upload(ws, commune, 'a.pdf', tinyPdf())).json();
    const b = await (await upload(ws, commune, 'b.pdf', tinyPdf())).json();
    const del = (token: string, id: string) => fetch(`${t.url}/api/workshops/${ws.id}/attachments/${id}`, { method: 'DELETE', headers: auth(token) });
    expect((await del(otherCommune, a.id)).status).toBe(403);
    expect((await del(commune, a.id)).status).toBe(204);
    expect((await del(ws.facilitatorToken, b.id)).status).toBe(204);
    expect((await download(ws, commune, a.id)).status).toBe(404);
    expect((await del(commune, a.id)).status).toBe(404);
  });

  it('deleting the workshop deletes its attachments', async () => {
    const { ws, commune } = await workshopWithPeople();
    const a = await (await upload(ws, commune, 'a.pdf', tinyPdf())).json();
    expect(await t.server.storage.attachments.get(ws.id, a.id)).not.toBeNull();
    const res = await fetch(`${t.url}/api/workshops/${ws.id}`, { method: 'DELETE', headers: auth(ws.facilitatorToken) });
    expect(res.status).toBe(204);
    expect(await t.server.storage.attachments.list(ws.id)).toEqual([]);
    expect(await t.server.storage.attachments.totalBytes(ws.id)).toBe(0);
  });

  it('export → import → export is byte-identical with attachments, and the imported files download', async () => {
    const { ws, commune } = await workshopWithPeople();
    const pdf = tinyPdf('Round trip');
    const png = tinyPng(10, 10);
    const a = await (await upload(ws, commune, 'slides.pdf', pdf)).json();
    const map = await (await upload(ws, ws.facilitatorToken, 'carte.png', png, 'proj0002')).json();
    // the image is also on the board of proj0002, placed by the commune
    const board = connectProvider(t.wsUrl, projectRoom(ws.id, 'proj0002'), commune);
    await waitForSync(board.provider);
    const author = await authorOf(t.url, ws.id, commune);
    placeImage(board.doc, {
      id: 'image001',
      attachmentId: map.id,
      name: map.name,
      x: 40,
      y: 60,
      width: 320,
      height: 320,
      authorId: author.authorId,
      authorName: author.authorName,
      createdAt: 7,
    });
    await eventually(() => board.provider.synced && readImages(board.doc).length === 1, 'image placed');
    const exportOf = async (w: { id: string; facilitatorToken: string }) =>
      (await fetch(`${t.url}/api/workshops/${w.id}/export.json`, { headers: auth(w.facilitatorToken) })).json();
    await expect.poll(async () => (await exportOf(ws)).projects[1].images?.length ?? 0, { timeout: 10_000 }).toBe(1);
    board.provider.destroy();
    const exported = await (await fetch(`${t.url}/api/workshops/${ws.id}/export.json`, { headers: auth(ws.facilitatorToken) })).text();
    const data = JSON.parse(exported);
    expect(data.attachments.map((x: { name: string }) => x.name)).toEqual(['slides.pdf', 'carte.png']);
    expect(Buffer.from(data.attachments[0].data, 'base64').equals(Buffer.from(pdf))).toBe(true);

    const imported = await fetch(`${t.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exported });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreateWorkshopResponse;
    const again = await (await fetch(`${t.url}/api/workshops/${copy.id}/export.json`, { headers: auth(copy.facilitatorToken) })).text();
    expect(again).toBe(exported);
    expect(await bytesOf(await download(copy, copy.facilitatorToken, a.id))).toEqual(Array.from(pdf));
    expect(JSON.parse(again).projects[1].images).toEqual([
      expect.objectContaining({ id: 'image001', attachmentId: map.id, x: 40, y: 60, authorName: 'Andenne' }),
    ]);

    // an export whose attachment claims to be a PDF but holds HTML is refused as a whole
    const forged = { ...data, attachments: [{ ...data.attachments[0], data: Buffer.from('<html></html>').toString('base64') }] };
    const refused = await fetch(`${t.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(refused.status).toBe(415);
    expect((await refused.json()).field).toBe('attachments.0');
    const orphan = { ...data, attachments: [{ ...data.attachments[0], projectId: 'elsewhere' }] };
    const refusedOrphan = await fetch(`${t.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(orphan),
    });
    expect(refusedOrphan.status).toBe(400);
  });
});
