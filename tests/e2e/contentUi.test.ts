import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, addProject } from '../../shared/operations';
import type { CreateWorkshopResponse } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteKind } from '../../shared/schema';
import { authorOf, connectProvider, waitForSync } from '../helpers/yjsClients';
import { browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

interface SeedNote {
  id: string;
  text: string;
  kind?: NoteKind;
  x?: number;
  y?: number;
}

describe.skipIf(!run)('ideation content in a real browser: search, undo, filters, templates, import, PNG', () => {
  const h = browserHarness();
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  /**
   * A workshop with projects and notes, written by a stock Yjs client (as another person would),
   * then confirmed on the server: its JSON export lists every note.
   */
  async function seedWorkshop(title: string, projects: Array<{ id: string; name: string; notes: SeedNote[] }>): Promise<CreateWorkshopResponse> {
    const ws = await h.server.createWorkshop(title, []);
    const w = connectProvider(h.server.wsUrl, workshopRoom(ws.id), ws.facilitatorToken);
    cleanups.push(() => w.provider.destroy());
    await waitForSync(w.provider);
    const facilitator = await authorOf(h.server.url, ws.id, ws.facilitatorToken);
    let t = 1000;
    for (const p of projects) {
      addProject(w.doc, { id: p.id, name: p.name, themeId: null, createdAt: t++ });
      const c = connectProvider(h.server.wsUrl, projectRoom(ws.id, p.id), ws.facilitatorToken);
      cleanups.push(() => c.provider.destroy());
      await waitForSync(c.provider);
      p.notes.forEach((n, i) => {
        addNote(c.doc, { id: n.id, x: n.x ?? 40 + i * 240, y: n.y ?? 40, kind: n.kind ?? 'idea', text: n.text, ...facilitator, createdAt: t++ });
      });
    }
    const expected = projects.flatMap((p) => p.notes.map((n) => n.text)).sort();
    await expect
      .poll(
        async () => {
          const res = await fetch(`${h.server.url}/api/workshops/${ws.id}/export.json`, { headers: { authorization: `Bearer ${ws.facilitatorToken}` } });
          const data = (await res.json()) as { projects: Array<{ notes: Array<{ text: string }> }> };
          return data.projects.flatMap((p) => p.notes.map((n) => n.text)).sort();
        },
        { timeout: 10_000 },
      )
      .toEqual(expected);
    return ws;
  }

  async function openAsFacilitator(ws: CreateWorkshopResponse, opts: { width?: number } = {}): Promise<Page> {
    const page = await h.newPage({ width: opts.width ?? 1360, acceptDialogs: true });
    await page.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await expect.poll(() => page.getByTestId('workshop-title').textContent()).not.toBe('…');
    return page;
  }

  async function openProject(page: Page, name: string) {
    await page.getByTestId('project-card').filter({ hasText: name }).getByTestId('project-open').click();
    await page.getByTestId('canvas').waitFor();
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe(name);
  }

  async function openReports(page: Page, item: string) {
    const menu = page.getByTestId('reports-menu');
    if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click();
    await page.getByTestId(item).waitFor();
  }

  /** How far (px, the larger of x and y) the note's centre is from the canvas's centre. */
  async function offsetFromCentre(page: Page, noteId: string) {
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const note = await page.locator(`[data-testid="note"][data-note-id="${noteId}"]`).boundingBox();
    if (!note) return Infinity;
    return Math.max(Math.abs(note.x + note.width / 2 - (canvas.x + canvas.width / 2)), Math.abs(note.y + note.height / 2 - (canvas.y + canvas.height / 2)));
  }

  /** A click on the empty bottom-left corner of the board (clear of the floating toolbars): the keyboard focus leaves the notes. */
  async function clickEmptyBoard(page: Page) {
    const box = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + box.height - 40);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? null)).toBe('BODY');
  }

  async function searchAndOpen(page: Page, query: string, expected: string) {
    const input = page.getByTestId('search-input');
    await input.fill(query);
    const hit = page.getByTestId('search-hit').filter({ hasText: expected });
    await expect.poll(() => hit.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('search-hit').count()).toBe(1); // the other project's notes do not match
    await hit.click();
  }

  it('search finds a note in another project, opens that canvas and highlights the note', async () => {
    const ws = await seedWorkshop('Recherche', [
      {
        id: 'andenne1',
        name: 'Andenne',
        notes: [
          { id: 'noteand1', text: 'Capteurs de bruit place du Perron' },
          { id: 'noteand2', text: 'Éclairage adaptatif' },
        ],
      },
      {
        id: 'ciney001',
        name: 'Ciney',
        notes: [
          { id: 'notecin1', text: 'Bornes de recharge partagées' },
          // Far from the origin: the canvas must pan to show it.
          { id: 'notecin2', text: 'Compostage collectif de quartier', kind: 'need', x: 2200, y: 1600 },
        ],
      },
    ]);
    const page = await openAsFacilitator(ws);

    // From the overview, a word of a Ciney note.
    await searchAndOpen(page, 'compostage', 'Compostage collectif de quartier');
    await page.waitForURL((u) => u.pathname === `/w/${ws.id}/p/ciney001` && u.searchParams.get('note') === 'notecin2');
    await page.getByTestId('canvas').waitFor();
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('Ciney');
    const target = page.locator('[data-testid="note"][data-note-id="notecin2"]');
    await expect.poll(() => target.getAttribute('class'), { timeout: 10_000 }).toContain('is-highlighted');
    expect(await target.getByTestId('note-text').inputValue()).toBe('Compostage collectif de quartier');
    // Centred on screen, and the only highlighted note.
    await expect.poll(() => offsetFromCentre(page, 'notecin2')).toBeLessThan(4);
    expect(await page.locator('.note.is-highlighted').count()).toBe(1);

    // From the Ciney canvas, a note of Andenne: the other project's canvas opens on it.
    await searchAndOpen(page, 'perron', 'Capteurs de bruit place du Perron');
    await page.waitForURL((u) => u.pathname === `/w/${ws.id}/p/andenne1` && u.searchParams.get('note') === 'noteand1');
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('Andenne');
    const other = page.locator('[data-testid="note"][data-note-id="noteand1"]');
    await expect.poll(() => other.getAttribute('class'), { timeout: 10_000 }).toContain('is-highlighted');
    expect(await other.getByTestId('note-text').inputValue()).toBe('Capteurs de bruit place du Perron');
    await expect.poll(() => offsetFromCentre(page, 'noteand1')).toBeLessThan(4);
    expect(await page.locator('.note.is-highlighted').count()).toBe(1);
    expect(await page.locator('[data-note-id="notecin2"]').count()).toBe(0); // Ciney's notes are gone
  });

  it('Ctrl+Z undoes my last change only, not a second person’s concurrent note; Ctrl+Shift+Z and Ctrl+Y redo it', async () => {
    const ws = await seedWorkshop('Annuler', [{ id: 'gemblou1', name: 'Gembloux', notes: [{ id: 'notebase', text: 'Base', x: 40, y: 40 }] }]);
    const fac = await openAsFacilitator(ws);
    await openProject(fac, 'Gembloux');
    const lou = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Lou', role: 'commune' });
    const other = await h.newPage({ width: 1360 });
    await other.goto(`${h.server.url}/w/${ws.id}/p/gemblou1#token=${lou.token}`);
    await other.getByTestId('canvas').waitFor();
    await expect.poll(() => other.getByTestId('note').count(), { timeout: 10_000 }).toBe(1);

    const noteTextFocused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'note-text');
    const texts = (page: Page) => page.getByTestId('note-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).sort());

    // The facilitator adds a note (double-click on the board) and types in it; Lou, at the same
    // time in another browser, adds a note of their own.
    const box = (await fac.getByTestId('canvas').boundingBox())!;
    // (The board opens fitted on its one note, in the middle: the bottom-left corner is empty.)
    await fac.mouse.dblclick(box.x + 150, box.y + box.height - 150);
    await expect.poll(() => fac.getByTestId('note').count()).toBe(2);
    await expect.poll(() => noteTextFocused(fac)).toBe(true); // the new note takes the focus
    await fac.keyboard.type('Idée de l’animatrice');
    await other.getByTestId('add-note').click();
    await expect.poll(() => noteTextFocused(other)).toBe(true);
    await other.keyboard.type('Idée de Lou');
    const all = ['Base', 'Idée de Lou', 'Idée de l’animatrice'];
    const withoutMine = ['Base', 'Idée de Lou'];
    await expect.poll(() => texts(fac), { timeout: 10_000 }).toEqual(all);
    await expect.poll(() => texts(other), { timeout: 10_000 }).toEqual(all);
    await expect.poll(() => fac.getByTestId('undo').isEnabled()).toBe(true);

    // Out of the textarea (a click on the empty board), Ctrl+Z takes back the facilitator's note,
    // with its text, for everyone; Lou's note and the older one stay.
    await clickEmptyBoard(fac);
    await fac.keyboard.press('Control+z');
    await expect.poll(() => texts(fac)).toEqual(withoutMine);
    await expect.poll(() => texts(other), { timeout: 10_000 }).toEqual(withoutMine);
    await expect.poll(() => fac.getByTestId('redo').isEnabled()).toBe(true);
    expect(await fac.getByTestId('undo').isEnabled()).toBe(false); // nothing else of mine to undo

    // Ctrl+Shift+Z brings it back, text included, for everyone.
    await fac.keyboard.press('Control+Shift+Z');
    await expect.poll(() => texts(fac)).toEqual(all);
    await expect.poll(() => texts(other), { timeout: 10_000 }).toEqual(all);

    // Again with Ctrl+Z then Ctrl+Y. (The redone note takes the keyboard focus back — see the
    // report — so the board is clicked again first.)
    await clickEmptyBoard(fac);
    await fac.keyboard.press('Control+z');
    await expect.poll(() => texts(other), { timeout: 10_000 }).toEqual(withoutMine);
    await fac.keyboard.press('Control+y');
    await expect.poll(() => texts(other), { timeout: 10_000 }).toEqual(all);
    await expect.poll(() => texts(fac)).toEqual(all);

    // Lou's own Ctrl+Z removes Lou's note only.
    await clickEmptyBoard(other);
    await other.keyboard.press('Control+z');
    await expect.poll(() => texts(fac), { timeout: 10_000 }).toEqual(['Base', 'Idée de l’animatrice']);
    await expect.poll(() => texts(other)).toEqual(['Base', 'Idée de l’animatrice']);
  });

  it('undoing a text edit shows the old text in my own note too, and my next keystroke keeps it undone', async () => {
    const ws = await seedWorkshop('Annuler le texte', [{ id: 'ciney002', name: 'Ciney', notes: [{ id: 'notetext', text: 'Capteurs', x: 40, y: 40 }] }]);
    const fac = await openAsFacilitator(ws);
    await openProject(fac, 'Ciney');
    const area = fac.locator('[data-testid="note"][data-note-id="notetext"] [data-testid="note-text"]');
    await area.click();
    await area.press('End');
    await area.pressSequentially(' de bruit');
    await expect.poll(() => area.inputValue()).toBe('Capteurs de bruit');
    await clickEmptyBoard(fac);
    await fac.keyboard.press('Control+z');
    await expect.poll(() => area.inputValue()).toBe('Capteurs');
    await area.click();
    await area.press('End');
    await area.pressSequentially('!');
    await expect.poll(() => area.inputValue()).toBe('Capteurs!');
    // The server agrees: the undone words did not come back.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${h.server.url}/api/workshops/${ws.id}/export.json`, { headers: { authorization: `Bearer ${ws.facilitatorToken}` } });
          const data = (await res.json()) as { projects: Array<{ notes: Array<{ text: string }> }> };
          return data.projects[0].notes.map((n) => n.text);
        },
        { timeout: 10_000 },
      )
      .toEqual(['Capteurs!']);
  });

  it('the filter bar highlights the notes of the chosen kind at once and dims the others', async () => {
    const ws = await seedWorkshop('Filtres', [
      {
        id: 'dinant02',
        name: 'Dinant',
        notes: [
          { id: 'noteide1', text: 'Idée', kind: 'idea' },
          { id: 'noterisk', text: 'Risque vie privée', kind: 'risk' },
          { id: 'notetec1', text: 'LoRaWAN', kind: 'technology' },
        ],
      },
    ]);
    const fac = await openAsFacilitator(ws);
    await openProject(fac, 'Dinant');
    const state = (id: string) => fac.locator(`[data-testid="note"][data-note-id="${id}"]`).getAttribute('data-filter');
    await fac.getByTestId('toggle-filters').click(); // the filters open from the toolbar
    await fac
      .locator('[data-testid="filter-kind"][data-kind="risk"]')
      .or(fac.getByTestId('filter-kind').filter({ hasText: 'Risque' }))
      .first()
      .click();
    await expect.poll(() => state('noterisk')).toBe('match');
    expect(await state('noteide1')).toBe('dim');
    expect(await state('notetec1')).toBe('dim');
    // Changing the filter applies at once too, without any edit to the board.
    await fac.getByTestId('filter-clear').click();
    await expect.poll(() => state('noteide1')).toBeNull();
    await fac.getByTestId('filter-kind').filter({ hasText: 'Technologie' }).first().click();
    await expect.poll(() => state('notetec1')).toBe('match');
    expect(await state('noterisk')).toBe('dim');
  });

  it('a workshop created from the lobby with the “Regards croisés” template shows its three themes, then is deleted after typing its title', async () => {
    const title = 'Regards croisés — Namur';
    const page = await h.newPage({ width: 1360 });
    await page.goto(h.server.url);
    await page.getByTestId('create-title').fill(title);
    await page.getByTestId('create-name').fill('Sam');
    await page.getByTestId('template-regards').check();
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/);
    const workshopId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByTestId('workshop-title').textContent()).toBe(title);

    // The overview lists the template's three themes, each still without a project.
    const themeNames = () =>
      // A facilitator's theme names are editable in place: the name is the input's value.
      page
        .locator('[data-testid="theme-group"] .theme-name')
        .evaluateAll((els) => els.map((e) => (e.querySelector('input')?.value ?? e.firstChild?.textContent ?? '').trim()));
    await expect
      .poll(themeNames, { timeout: 10_000 })
      .toEqual(['Implication citoyenne dans les projets locaux', 'Technologie et données dans l’espace public', 'Dynamique des centres-villes']);
    expect(await page.getByTestId('project-card').count()).toBe(0);

    const joinCode = ((await page.getByTestId('join-code-display').textContent()) ?? '').trim();
    expect(joinCode).not.toBe('');
    const before = await fetch(`${h.server.url}/api/join-codes/${encodeURIComponent(joinCode)}`);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ workshopId, title, locked: false });

    // The danger zone: the button stays disabled until the exact title is typed.
    await page.getByTestId('delete-workshop').locator('summary').click();
    await page.getByTestId('delete-confirm').fill('Regards croisés');
    expect(await page.getByTestId('delete-submit').isDisabled()).toBe(true);
    await page.getByTestId('delete-confirm').fill(title);
    await expect.poll(() => page.getByTestId('delete-submit').isEnabled()).toBe(true);
    await page.getByTestId('delete-submit').click();

    // Back at the lobby, with a notice; the workshop is gone from the server and this browser.
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.getByTestId('lobby-notice').textContent()).toContain('supprimé');
    expect((await fetch(`${h.server.url}/api/join-codes/${encodeURIComponent(joinCode)}`)).status).toBe(404);
    expect(await page.evaluate((id) => localStorage.getItem(`croisee.session.${id}`), workshopId)).toBeNull();
    expect(await page.getByTestId('recent-workshop').count()).toBe(0);
  });

  it('the JSON export downloaded from the Reports menu imports from the lobby as a new workshop with the same projects and notes', async () => {
    const ws = await seedWorkshop('Export Namur', [
      {
        id: 'andenne2',
        name: 'Andenne',
        notes: [
          { id: 'expnote1', text: 'Wi-Fi public au centre', kind: 'technology' },
          { id: 'expnote2', text: 'Fracture numérique des aînés', kind: 'risk' },
        ],
      },
      { id: 'dinant02', name: 'Dinant', notes: [{ id: 'expnote3', text: 'Parking relais connecté', kind: 'need' }] },
    ]);
    const fac = await openAsFacilitator(ws);
    await expect.poll(() => fac.getByTestId('project-card').count()).toBe(2);
    await openReports(fac, 'report-workshop-json');
    const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByTestId('report-workshop-json').click()]);
    expect(download.suggestedFilename()).toBe('export-namur.json');
    const exported = readFileSync((await download.path())!);
    expect(JSON.parse(exported.toString('utf8')).workshop.title).toBe('Export Namur');

    // Someone else imports the file from the lobby.
    const page = await h.newPage({ width: 1360 });
    await page.goto(h.server.url);
    await page.getByTestId('import-file').setInputFiles({ name: 'export-namur.json', mimeType: 'application/json', buffer: exported });
    await page.waitForURL(/\/w\/[A-Za-z0-9_-]+$/, { timeout: 10_000 });
    const copyId = new URL(page.url()).pathname.split('/').pop()!;
    expect(copyId).not.toBe(ws.id);
    await expect.poll(() => page.getByTestId('workshop-title').textContent()).toBe('Export Namur');
    const projectNames = async () => (await page.getByTestId('project-card').locator('.project-name').allTextContents()).sort();
    await expect.poll(projectNames, { timeout: 10_000 }).toEqual(['Andenne', 'Dinant']);

    const notesOf = (p: Page) =>
      p
        .getByTestId('note')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-kind')}: ${(e.querySelector('[data-testid="note-text"]') as HTMLTextAreaElement).value}`).sort(),
        );
    await openProject(page, 'Andenne');
    expect(new URL(page.url()).pathname.startsWith(`/w/${copyId}/p/`)).toBe(true);
    await expect.poll(() => notesOf(page), { timeout: 10_000 }).toEqual(['risk: Fracture numérique des aînés', 'technology: Wi-Fi public au centre']);
    await page.getByTestId('back-link').click();
    await openProject(page, 'Dinant');
    await expect.poll(() => notesOf(page), { timeout: 10_000 }).toEqual(['need: Parking relais connecté']);
  });

  it('the PNG export of a canvas is a real PNG image of the board', async () => {
    const ws = await seedWorkshop('Image', [
      {
        id: 'ciney002',
        name: 'Ciney',
        notes: [
          { id: 'pngnote1', text: 'Capteurs de qualité de l’air dans les écoles', kind: 'technology', x: 1000, y: 1000 },
          { id: 'pngnote2', text: 'Coût de maintenance', kind: 'risk', x: 1500, y: 1000 },
          { id: 'pngnote3', text: 'Comment associer les parents ?', kind: 'question', x: 1000, y: 1200 },
        ],
      },
    ]);
    const page = await openAsFacilitator(ws);
    await openProject(page, 'Ciney');
    await expect.poll(() => page.getByTestId('note').count(), { timeout: 10_000 }).toBe(3);
    await openReports(page, 'report-project-png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-project-png').click()]);
    expect(download.suggestedFilename()).toBe('ciney.png');
    const png = readFileSync((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.length).toBeGreaterThan(5_000);
    // Cropped to the three notes (far from the origin), plus 40 px margins and a 50 px title band, at 2×.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe((500 + NOTE_WIDTH + 2 * 40) * 2);
    expect(height).toBe((200 + NOTE_HEIGHT + 2 * 40 + 50) * 2);
  });
});
