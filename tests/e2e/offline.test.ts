import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkshop } from '../../server/api/workshopRoutes';
import { createCroiseeServer } from '../../server/createCroiseeServer';
import { quietLogger } from '../../server/logger';
import { openSqliteStorage } from '../../server/storage/sqliteStorage';
import { DEMO_SEED } from '../../server/workshopSeed';
import { pendingCopyKey } from '../../client/sync/pendingCopy';
import { projectRoom } from '../../shared/rooms';
import { readNotes, readWorkshop } from '../../shared/schema';
import { stallAppends } from '../helpers/stallAppends';
import { startTcpProxy } from '../helpers/tcpProxy';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { browserAvailable, launchBrowser } from './browser';

const run = browserAvailable();

/**
 * Offline-first: a participant loses the network (browser offline and the server gone), keeps
 * editing, reloads the page while offline (service worker shell + IndexedDB documents), keeps
 * editing; meanwhile someone else edits the same board. Back online, everything merges: both see
 * every note exactly once, with the text typed offline.
 */
describe.skipIf(!run)('offline editing in a real browser', () => {
  let t: TestServer;
  let browser: Browser;
  let port = 0;

  beforeAll(async () => {
    t = await startTestServer({ staticDir: inject('clientDir') });
    port = Number(new URL(t.url).port);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  /** Stops the server for good (a dead network: connections refused, nothing answers). */
  const stopServer = () => t.server.close();
  /** A new server process on the same port and the same database, as after a restart. */
  async function startServerAgain() {
    t.server = createCroiseeServer({
      storage: openSqliteStorage(path.join(t.dataDir, 'croisee.sqlite')),
      log: quietLogger,
      staticDir: inject('clientDir'),
      unloadDelayMs: 50,
    });
    const address: AddressInfo = await t.server.listen(port, '127.0.0.1');
    expect(address.port).toBe(port);
  }

  async function newContext(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-BE' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    return { context, page };
  }

  const status = (page: Page) => page.getByTestId('connection-status').first().getAttribute('data-status');
  const unsynced = async (page: Page) => Number(await page.getByTestId('unsynced-count').first().getAttribute('data-count'));
  const noteTexts = async (page: Page) => (await page.getByTestId('note-text').evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value))).sort();

  async function addNote(page: Page, text: string) {
    const before = await page.getByTestId('note').count();
    await page.getByTestId('add-note').click();
    await expect.poll(() => page.getByTestId('note').count()).toBe(before + 1);
    // The new note takes the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note-text');
    await page.keyboard.type(text, { delay: 5 });
  }

  it('says a change is not sent yet while the server has not stored it, though connected, and clears once it is', async () => {
    const { room, url } = await newBoard('Atelier lent');
    const a = await newContext();
    try {
      await a.page.goto(url);
      await a.page.getByTestId('canvas').waitFor();
      await expect.poll(() => status(a.page)).toBe('connected');
      await addNote(a.page, 'Stockée');
      await expect.poll(() => serverNotes(room)).toEqual(['Stockée']);
      await expect.poll(() => unsynced(a.page)).toBe(0);

      // The server's storage stalls (a database that hangs): the socket stays open, nothing is stored.
      const stall = stallAppends(t.server.storage.docs);
      try {
        await addNote(a.page, 'En attente');
        await expect.poll(() => unsynced(a.page), { timeout: 10_000 }).toBeGreaterThan(0);
        expect(await status(a.page)).toBe('connected');
        await expect.poll(() => a.page.getByTestId('unsynced-count').first().isVisible()).toBe(true);
        stall.release();
        await expect.poll(() => unsynced(a.page), { timeout: 10_000 }).toBe(0);
      } finally {
        stall.restore();
      }
      expect(await serverNotes(room)).toEqual(['En attente', 'Stockée']);
    } finally {
      await a.context.close();
    }
  });

  it('keeps editing offline, survives a reload offline, and merges on reconnect with nothing lost or duplicated', async () => {
    const ws = await createWorkshop(t.server.storage, { title: 'Atelier hors ligne', facilitatorName: 'Animatrice', seed: DEMO_SEED, now: Date.now() });
    const wdoc = new Y.Doc();
    for (const u of await t.server.storage.docs.load(ws.id)) Y.applyUpdate(wdoc, u);
    const projectId = readWorkshop(wdoc).projects[0].id;
    const alix = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Alix', role: 'commune' });
    const bea = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Béa', role: 'expert', community: 'maker' });
    const canvasUrl = (token: string) => `${t.url}/w/${ws.id}/p/${projectId}#token=${token}`;

    // Alix opens the canvas online: the app shell gets cached by the service worker.
    const a = await newContext();
    await a.page.goto(canvasUrl(alix.token));
    await a.page.getByTestId('canvas').waitFor();
    await expect.poll(() => status(a.page)).toBe('connected');
    await expect.poll(() => a.page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await addNote(a.page, 'Avant la coupure');

    const b = await newContext();
    await b.page.goto(canvasUrl(bea.token));
    await b.page.getByTestId('canvas').waitFor();
    await expect.poll(() => noteTexts(b.page), { timeout: 10_000 }).toEqual(['Avant la coupure']);

    // The network goes away: Alix's browser is offline and the server is gone.
    await a.context.setOffline(true);
    await stopServer();
    // Usually at once (the server closes the socket); if the close never reaches an offline browser,
    // y-websocket gives up on a silent connection after 30 s — the bound a person would wait.
    await expect.poll(() => status(a.page), { timeout: 35_000 }).toBe('disconnected');
    expect(await unsynced(a.page)).toBe(0);

    // Alix keeps working: edits the existing note and adds one.
    const first = a.page.getByTestId('note-text').first();
    await first.click();
    await first.press('End');
    await first.pressSequentially(' (suite hors ligne)', { delay: 5 });
    await addNote(a.page, 'Idée hors ligne');
    await expect.poll(() => unsynced(a.page)).toBeGreaterThan(0);
    await expect.poll(() => a.page.getByTestId('connection-status').first().getAttribute('title')).toContain('gardées sur cet appareil');

    // Reloaded at once: what IndexedDB has not written yet comes back from the pending copy.
    // Reload while offline: the shell comes from the service worker, the board from IndexedDB.
    await a.page.reload();
    await a.page.getByTestId('canvas').waitFor({ timeout: 15_000 });
    await expect.poll(() => noteTexts(a.page), { timeout: 10_000 }).toEqual(['Avant la coupure (suite hors ligne)', 'Idée hors ligne']);
    await expect.poll(() => status(a.page)).toBe('disconnected');
    await expect.poll(() => unsynced(a.page)).toBeGreaterThan(0);
    await addNote(a.page, 'Après rechargement');

    // The server comes back; Béa (online) adds a note while Alix is still offline.
    await startServerAgain();
    await expect.poll(() => status(b.page), { timeout: 15_000 }).toBe('connected');
    await addNote(b.page, 'Pendant ce temps');
    await expect.poll(() => noteTexts(b.page)).toEqual(['Avant la coupure', 'Pendant ce temps']);

    // Alix comes back online: both sides merge.
    await a.context.setOffline(false);
    await expect.poll(() => status(a.page), { timeout: 20_000 }).toBe('connected');
    const all = ['Après rechargement', 'Avant la coupure (suite hors ligne)', 'Idée hors ligne', 'Pendant ce temps'];
    await expect.poll(() => noteTexts(a.page), { timeout: 10_000 }).toEqual(all);
    await expect.poll(() => noteTexts(b.page), { timeout: 10_000 }).toEqual(all);
    await expect.poll(() => unsynced(a.page), { timeout: 10_000 }).toBe(0);
    expect(await a.page.getByTestId('note').count()).toBe(4);
    expect(await b.page.getByTestId('note').count()).toBe(4);

    // And the server stored each note once (no duplicate from the cache or the reload).
    await expect
      .poll(
        async () => {
          const doc = new Y.Doc();
          for (const u of await t.server.storage.docs.load(projectRoom(ws.id, projectId))) Y.applyUpdate(doc, u);
          return readNotes(doc)
            .map((n) => n.text)
            .sort();
        },
        { timeout: 10_000 },
      )
      .toEqual(all);

    await a.context.close();
    await b.context.close();
  }, 90_000);

  /** A new workshop and one participant's canvas URL on its first project. */
  async function newBoard(title: string) {
    const ws = await createWorkshop(t.server.storage, { title, facilitatorName: 'Animatrice', seed: DEMO_SEED, now: Date.now() });
    const wdoc = new Y.Doc();
    for (const u of await t.server.storage.docs.load(ws.id)) Y.applyUpdate(wdoc, u);
    const projectId = readWorkshop(wdoc).projects[0].id;
    const person = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Chloé', role: 'commune' });
    return { room: projectRoom(ws.id, projectId), url: `${t.url}/w/${ws.id}/p/${projectId}#token=${person.token}` };
  }
  const serverNotes = async (room: string) => {
    const doc = new Y.Doc();
    for (const u of await t.server.storage.docs.load(room)) Y.applyUpdate(doc, u);
    return readNotes(doc)
      .map((n) => n.text)
      .sort();
  };

  const pendingCopy = (page: Page, room: string) => page.evaluate((key) => localStorage.getItem(key), pendingCopyKey(room));

  /**
   * Keeps the room's device cache busy for `ms`, as y-indexeddb's own compaction or a slow disk
   * does: writes made meanwhile wait in IndexedDB's queue, where a reload or a closed tab drops them.
   */
  const busyCache = (page: Page, room: string, ms: number) =>
    page.evaluate(
      ({ name, ms }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('updates', 'readwrite').objectStore('updates');
            const until = Date.now() + ms;
            const spin = () => {
              if (Date.now() < until) store.count().onsuccess = spin;
            };
            spin();
            resolve();
          };
        }),
      { name: `croisee:${room}`, ms },
    );

  it('keeps every keystroke when the page is reloaded the instant after typing, online, and the server gets them', async () => {
    const board = await newBoard('Atelier rechargé en ligne');
    const { context, page } = await newContext();
    await page.goto(board.url);
    await page.getByTestId('canvas').waitFor();
    await expect.poll(() => status(page)).toBe('connected');
    const typed: string[] = [];
    for (const [text, busy] of [
      ['Idée en ligne', false],
      ['Cache occupé', true],
      ['Encore une idée', false],
    ] as const) {
      if (busy) await busyCache(page, board.room, 3000);
      await addNote(page, text);
      typed.push(text);
      await page.reload();
      await page.getByTestId('canvas').waitFor({ timeout: 15_000 });
      await expect.poll(() => noteTexts(page), { timeout: 10_000 }).toEqual([...typed].sort());
    }
    await expect.poll(() => serverNotes(board.room), { timeout: 10_000 }).toEqual([...typed].sort());
    await expect.poll(() => unsynced(page), { timeout: 10_000 }).toBe(0);
    // Once in the device's cache, the pending copy is gone: it only ever holds what is not safe yet.
    await expect.poll(() => pendingCopy(page, board.room)).toBeNull();
    await context.close();
  }, 60_000);

  // The worst online case: the connection silently stopped carrying anything (the page still thinks it
  // is connected and that everything went out), the cache is busy, and the tab is closed at once.
  it('keeps keystrokes the server never got when the tab is closed the instant after typing, online', async () => {
    const board = await newBoard('Atelier onglet fermé');
    const proxy = await startTcpProxy(port);
    const url = board.url.replace(t.url, proxy.url);
    const { context, page: first } = await newContext();
    await first.goto(url);
    await first.getByTestId('canvas').waitFor();
    await expect.poll(() => status(first)).toBe('connected');
    await addNote(first, 'Arrivée au serveur');
    await expect.poll(() => serverNotes(board.room), { timeout: 10_000 }).toEqual(['Arrivée au serveur']);

    proxy.swallowExisting();
    await busyCache(first, board.room, 3000);
    await addNote(first, 'Jamais arrivée');
    await first.close();

    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('canvas').waitFor({ timeout: 15_000 });
    await expect.poll(() => noteTexts(page), { timeout: 10_000 }).toEqual(['Arrivée au serveur', 'Jamais arrivée']);
    await expect.poll(() => serverNotes(board.room), { timeout: 10_000 }).toEqual(['Arrivée au serveur', 'Jamais arrivée']);
    await expect.poll(() => pendingCopy(page, board.room)).toBeNull();
    await context.close();
    await proxy.close();
  }, 60_000);

  // Offline the device is the only copy: the last keystrokes before a reload or a closed tab must be
  // on it. Each way of leaving the page is tried right after typing, without waiting for anything.
  it('keeps every keystroke when the page is reloaded or the tab closed the instant after typing, offline', async () => {
    const board = await newBoard('Atelier rechargé hors ligne');
    const { context, page: first } = await newContext();
    let page = first;
    await page.goto(board.url);
    await page.getByTestId('canvas').waitFor();
    await expect.poll(() => status(page)).toBe('connected');
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await context.setOffline(true);
    await stopServer();
    await expect.poll(() => status(page), { timeout: 35_000 }).toBe('disconnected');

    const typed: string[] = [];
    const rounds = [
      ['Idée hors ligne', 'reload'],
      ['Cache occupé', 'busy reload'],
      ['Onglet fermé', 'close tab'],
      ['Onglet fermé encore', 'busy close tab'],
      ['Dernière idée', 'reload'],
    ] as const;
    for (const [text, leave] of rounds) {
      if (leave.startsWith('busy')) await busyCache(page, board.room, 3000);
      await addNote(page, text);
      typed.push(text);
      if (leave.endsWith('reload')) await page.reload();
      else {
        await page.close();
        page = await context.newPage();
        await page.goto(board.url);
      }
      await page.getByTestId('canvas').waitFor({ timeout: 15_000 });
      await expect.poll(() => noteTexts(page), { timeout: 10_000 }).toEqual([...typed].sort());
      await expect.poll(() => unsynced(page)).toBeGreaterThan(0);
    }

    // Still offline, the cache alone makes the changes safe: the pending copy is cleared.
    await expect.poll(() => pendingCopy(page, board.room)).toBeNull();

    await startServerAgain();
    await context.setOffline(false);
    await expect.poll(() => serverNotes(board.room), { timeout: 20_000 }).toEqual([...typed].sort());
    await expect.poll(() => unsynced(page), { timeout: 10_000 }).toBe(0);
    await context.close();
  }, 90_000);
});
