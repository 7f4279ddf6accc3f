import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readImages } from '../../shared/boardImages';
import { addNote } from '../../shared/operations';
import type { CreateWorkshopResponse } from '../../shared/protocol';
import { projectRoom } from '../../shared/rooms';
import { connectSocket } from '../helpers/socketClients';
import { tinyPdf, tinyPng } from '../helpers/tinyFiles';
import { addProjects, authorOf, connectProvider, eventually, waitForSync } from '../helpers/yjsClients';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

/** How many pixels of the canvas are close to this colour (what pdf.js drew, read back). */
const pixelsNear = (page: Page, selector: string, rgb: [number, number, number]) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, [r, g, b]) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) < 30 && Math.abs(data[i + 1] - g) < 30 && Math.abs(data[i + 2] - b) < 30) n++;
      return n / (c.width * c.height);
    }, rgb);

describe.skipIf(!run)('pitch material in a real browser', () => {
  const h = browserHarness();
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  async function seed(): Promise<{ ws: CreateWorkshopResponse; projectId: string }> {
    const ws = await h.server.createWorkshop('Supports', []);
    const projectId = 'proj0007';
    await addProjects(h.server.wsUrl, ws.id, ws.facilitatorToken, [projectId]);
    const c = connectProvider(h.server.wsUrl, projectRoom(ws.id, projectId), ws.facilitatorToken);
    cleanups.push(() => c.provider.destroy());
    await waitForSync(c.provider);
    const facilitator = await authorOf(h.server.url, ws.id, ws.facilitatorToken);
    ['Capteurs de places libres', 'Données ouvertes du stationnement', 'Budget de maintenance ?'].forEach((text, i) =>
      addNote(c.doc, { id: `note000${i}`, x: i * 240, y: 0, kind: 'idea', text, ...facilitator, createdAt: 1000 + i }),
    );
    return { ws, projectId };
  }

  it('a commune uploads a PDF and sees its first page drawn by pdf.js, then places an image on the board and moves it', async () => {
    const { ws, projectId } = await seed();
    const page = await h.newPage({ width: 1366, height: 768 });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${h.server.url}/join/${ws.joinCode}`);
    await page.getByTestId('join-name').fill('Andenne');
    await page.getByTestId('join-role').selectOption('commune');
    await page.getByTestId('join-submit').click();
    await page.waitForURL((u) => u.pathname === `/w/${ws.id}`, { timeout: 10_000 });
    await page.goto(`${h.server.url}/w/${ws.id}/p/${projectId}`);
    await page.getByTestId('canvas').waitFor();
    await expect.poll(() => page.getByTestId('note').count(), { timeout: 10_000 }).toBe(3);
    // pdf.js is not part of what the board loads
    expect(requests.filter((u) => /pdf/i.test(u))).toEqual([]);

    await page.getByTestId('open-attachments').click();
    await page.getByTestId('attachments-panel').waitFor();
    await page
      .getByTestId('attachment-input')
      .setInputFiles({ name: 'Pitch Andenne.pdf', mimeType: 'application/pdf', buffer: Buffer.from(tinyPdf('Andenne 2030', [0.1, 0.5, 0.9])) });
    // the new PDF opens at its first page, drawn into a canvas
    await page.locator('[data-testid="pdf-page"][data-rendered-page="1"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('pdf-page-count').textContent()).toBe('Page 1 sur 1');
    // the blue rectangle of the page is there (26, 128, 230 ≈ 0.1, 0.5, 0.9), a good part of the page
    expect(await pixelsNear(page, '[data-testid="pdf-page"]', [26, 128, 230])).toBeGreaterThan(0.2);
    // pdf.js and its worker came from this server only, once asked for
    const pdfRequests = requests.filter((u) => /pdfRenderer|pdf\.worker/.test(u));
    expect(pdfRequests.length).toBeGreaterThanOrEqual(2);
    expect(requests.every((u) => u.startsWith(h.server.url) || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);
    await page.screenshot({ path: artifactPath('attachments-pdf-1366x768.png') });

    // a file whose content is not what its name says: refused, and the form says why
    await page.getByTestId('attachment-input').setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: Buffer.from(tinyPdf()) });
    await expect.poll(() => page.getByTestId('attachment-error').textContent()).toContain('ne correspond pas à son extension');

    // an image, placed on the board
    await page
      .getByTestId('attachment-input')
      .setInputFiles({ name: 'Carte du centre.png', mimeType: 'image/png', buffer: Buffer.from(tinyPng(160, 120, [220, 40, 60])) });
    const imageRow = page.locator('[data-testid="attachment"]', { hasText: 'Carte du centre.png' });
    await imageRow.waitFor();
    await imageRow.getByTestId('attachment-place').click();
    const placed = page.getByTestId('board-image');
    await placed.waitFor();
    await expect.poll(() => placed.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(160);

    // it reaches the project document (everyone, and the export), with its proportions
    const observer = connectProvider(h.server.wsUrl, projectRoom(ws.id, projectId), ws.facilitatorToken);
    cleanups.push(() => observer.provider.destroy());
    await waitForSync(observer.provider);
    await eventually(() => readImages(observer.doc).length === 1, 'image in the document');
    const before = readImages(observer.doc)[0];
    expect(before).toMatchObject({ width: 320, height: 240, authorName: 'Andenne', name: 'Carte du centre.png' });

    // dragged like a note
    await page.getByTestId('side-panel-close').click();
    const box = (await placed.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await eventually(() => readImages(observer.doc)[0].x > before.x + 40 && readImages(observer.doc)[0].y > before.y + 20, 'image moved');
    await page.screenshot({ path: artifactPath('attachments-board-image-1366x768.png') });
  });

  it('the facilitator puts a PDF page on the wall: the projector draws it', async () => {
    const { ws, projectId } = await seed();
    const upload = await fetch(`${h.server.url}/api/workshops/${ws.id}/projects/${projectId}/attachments?name=slides.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.facilitatorToken}` },
      body: Buffer.from(tinyPdf('Reverse pitch', [0.9, 0.4, 0.1])),
    });
    const attachment = await upload.json();
    const link = await fetch(`${h.server.url}/api/workshops/${ws.id}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mur', role: 'viewer' }),
    });
    const wall = await link.json();
    const fac = connectSocket(h.server.url, ws.facilitatorToken);
    cleanups.push(() => fac.close());
    await eventually(() => fac.latest.state !== null, 'facilitation state');
    expect((await fac.command({ type: 'attachment.show', projectId, attachmentId: attachment.id, page: 1 })).ok).toBe(true);

    const page = await h.newPage({ width: 1366, height: 768 });
    await page.goto(`${h.server.url}/w/${ws.id}/present#token=${wall.token}&code=${ws.joinCode}`);
    await page.locator('[data-testid="wall-attachment"] [data-testid="pdf-page"][data-rendered-page="1"]').waitFor({ timeout: 20_000 });
    expect(await pixelsNear(page, '[data-testid="wall-attachment"] [data-testid="pdf-page"]', [230, 102, 26])).toBeGreaterThan(0.2);
    const drawn = (await page.locator('[data-testid="wall-attachment"] canvas').boundingBox())!;
    expect(drawn.height).toBeGreaterThan(400); // fills the wall, legible from the back
    await page.screenshot({ path: artifactPath('attachments-wall-1366x768.png') });

    expect((await fac.command({ type: 'attachment.show', projectId, attachmentId: null, page: 1 })).ok).toBe(true);
    await expect.poll(() => page.getByTestId('wall-attachment').count()).toBe(0);
  });

  it('networking day: a funder joins as a partner, is told a contact needs consent, declares interest; the directory lists it', async () => {
    const { ws, projectId } = await seed();
    const page = await h.newPage({ width: 1366, height: 768 });
    await page.goto(`${h.server.url}/join/${ws.joinCode}`);
    await page.getByTestId('join-name').fill('Ana Lemaire');
    await page.getByTestId('join-role').selectOption('partner');
    await page.getByTestId('join-organisation').fill('BEP Namur');
    await page.getByTestId('join-partner-type').selectOption('funder');
    await page.screenshot({ path: artifactPath('partner-join-1366x768.png') });
    await page.getByTestId('join-submit').click();
    await page.waitForURL((u) => u.pathname === `/w/${ws.id}`, { timeout: 10_000 });
    await page.goto(`${h.server.url}/w/${ws.id}/p/${projectId}`);
    await page.getByTestId('canvas').waitFor();
    // a partner reads the board and declares interest; adding notes is not theirs
    expect(await page.getByTestId('add-note').count()).toBe(0);
    await page.getByTestId('open-partners').click();
    // what was said at join is already there
    expect(await page.getByTestId('partner-name').inputValue()).toBe('Ana Lemaire');
    expect(await page.getByTestId('partner-organisation').inputValue()).toBe('BEP Namur');
    expect(await page.getByTestId('partner-type').inputValue()).toBe('funder');
    await page.getByTestId('partner-contact-input').fill('ana@bep.be');
    await page.getByTestId('partner-submit').click();
    await page.getByTestId('partner-consent-missing').waitFor();
    expect(await page.getByTestId('partner').count()).toBe(0);
    await page.getByTestId('partner-consent').check();
    await page.getByTestId('partner-submit').click();
    await page.getByTestId('partner').waitFor();
    expect(await page.getByTestId('partner-contact').textContent()).toContain('ana@bep.be');
    await page.screenshot({ path: artifactPath('partner-interest-1366x768.png') });

    const fac = await h.newPage({ width: 1366, height: 768 });
    await fac.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await fac.getByTestId('partner-directory').locator('summary').click();
    await fac.getByTestId('directory-entry').waitFor({ timeout: 10_000 });
    expect(await fac.getByTestId('directory-entry').textContent()).toContain('ana@bep.be');
    expect(await fac.getByTestId('directory-entry').textContent()).toContain('Financeur');
    const download = fac.waitForEvent('download');
    await fac.getByTestId('directory-csv').click();
    const file = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(file!, 'utf8');
    expect(csv.startsWith('\uFEFFProjet;Nom;Organisation;Type;Apporte;Description;Contact\r\n')).toBe(true);
    expect(csv).toContain('Ana Lemaire;BEP Namur;Financeur;');
    await fac.getByTestId('partner-directory').scrollIntoViewIfNeeded();
    await fac.screenshot({ path: artifactPath('partner-directory-1366x768.png') });
  });

  it('challenges page: a challenge is linked to another project and to a note found by search, without opening the boards', async () => {
    const { ws } = await seed();
    await addProjects(h.server.wsUrl, ws.id, ws.facilitatorToken, ['proj0008']);
    const page = await h.newPage({ width: 1366, height: 768 });
    await page.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await page.getByTestId('open-challenges-view').click();
    await page.getByTestId('challenge-title').fill('Financer la maintenance');
    await page.getByTestId('challenge-create').click();
    const item = page.getByTestId('challenge').first();
    await item.waitFor();
    await item.getByTestId('challenge-link-any-project').selectOption('proj0008');
    await expect.poll(() => item.getByTestId('challenge-link-project').count()).toBe(1);
    await item.getByTestId('challenge-note-query').fill('maintenance');
    await item.getByTestId('challenge-note-query').press('Enter');
    await item.getByTestId('challenge-link-hit').first().click();
    await expect.poll(() => item.getByTestId('challenge-link-note').count()).toBe(1);
    await expect.poll(() => item.getByTestId('challenge-link-note').textContent()).toContain('Budget de maintenance');
    // the dots option is gone: nothing records dots on challenges
    expect(await page.getByTestId('challenge-sort').locator('option[value="dots"]').count()).toBe(0);
    await page.screenshot({ path: artifactPath('challenges-linking-1366x768.png') });
  });
});
