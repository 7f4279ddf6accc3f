import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/operations';
import { notesOverlap } from '../../shared/placement';
import type { CreateWorkshopResponse } from '../../shared/protocol';
import { privateRoom, projectRoom } from '../../shared/rooms';
import { NOTE_KINDS, readNotes, type NoteKind } from '../../shared/schema';
import { connectSocket } from '../helpers/socketClients';
import { addProjects, authorOf, connectProvider, eventually, waitForSync } from '../helpers/yjsClients';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

interface SeedNote {
  id: string;
  text: string;
  kind?: NoteKind;
  x: number;
  y: number;
}

/** Note geometry as the page shows it (canvas units, read from the DOM). */
const noteBoxes = (page: Page) =>
  page
    .locator('[data-testid="note"]')
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-note-id')!, x: parseFloat((e as HTMLElement).style.left), y: parseFloat((e as HTMLElement).style.top) })),
    );

describe.skipIf(!run)('the canvas as a whiteboard (FigJam-like) in a real browser', () => {
  const h = browserHarness();
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  /** A workshop with one project whose notes a stock Yjs client wrote (as someone else would). */
  async function seed(title: string, notes: SeedNote[]): Promise<{ ws: CreateWorkshopResponse; projectId: string }> {
    const ws = await h.server.createWorkshop(title, []);
    // Only a project the server knows opens its canvas: added through the workshop document first.
    const projectId = 'proj0009';
    await addProjects(h.server.wsUrl, ws.id, ws.facilitatorToken, [projectId]);
    const c = connectProvider(h.server.wsUrl, projectRoom(ws.id, projectId), ws.facilitatorToken);
    cleanups.push(() => c.provider.destroy());
    await waitForSync(c.provider);
    const facilitator = await authorOf(h.server.url, ws.id, ws.facilitatorToken);
    c.doc.transact(() => {
      notes.forEach((n, i) => addNote(c.doc, { id: n.id, x: n.x, y: n.y, kind: n.kind ?? 'idea', text: n.text, ...facilitator, createdAt: 1000 + i }));
    });
    await expect
      .poll(
        async () => {
          const res = await fetch(`${h.server.url}/api/workshops/${ws.id}/export.json`, { headers: { authorization: `Bearer ${ws.facilitatorToken}` } });
          const data = (await res.json()) as { projects: Array<{ notes: unknown[] }> };
          return data.projects[0]?.notes.length ?? 0;
        },
        { timeout: 10_000 },
      )
      .toBe(notes.length);
    return { ws, projectId };
  }

  async function openAsParticipant(
    ws: CreateWorkshopResponse,
    projectId: string,
    opts: { width?: number; height?: number; lang?: string } = {},
  ): Promise<Page> {
    const page = await h.newPage({ width: opts.width ?? 1366, height: opts.height ?? 768 });
    if (opts.lang) await page.addInitScript((lang) => localStorage.setItem('croisee.lang', lang), opts.lang);
    await page.goto(`${h.server.url}/join/${ws.joinCode}`);
    await page.getByTestId('join-name').fill('Chloé Dubois');
    await page.getByTestId('join-role').selectOption('commune');
    await page.getByTestId('join-submit').click();
    await page.waitForURL((u) => u.pathname === `/w/${ws.id}`, { timeout: 10_000 });
    await page.goto(`${h.server.url}/w/${ws.id}/p/${projectId}`);
    await page.getByTestId('canvas').waitFor();
    return page;
  }

  /** Whether the note's rectangle is entirely inside the canvas on screen. */
  async function onScreen(page: Page, noteId: string) {
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const note = await page.locator(`[data-testid="note"][data-note-id="${noteId}"]`).boundingBox();
    return (
      !!note && note.x >= canvas.x && note.y >= canvas.y && note.x + note.width <= canvas.x + canvas.width && note.y + note.height <= canvas.y + canvas.height
    );
  }

  const sample = (x0: number, y0: number): SeedNote[] =>
    [
      'Capteurs de places libres reliés à une application mobile',
      'Données ouvertes sur le stationnement, publiées en temps réel sur le portail régional',
      'Quel budget pour la maintenance des capteurs après trois ans ?',
      'Risque : acceptation par les commerçants du centre-ville',
      'Besoin : jalonnement dynamique aux entrées de la ville',
      'Jumeau numérique',
    ].map((text, i) => ({ id: `note000${i}`, text, kind: NOTE_KINDS[i % NOTE_KINDS.length], x: x0 + (i % 3) * 240, y: y0 + Math.floor(i / 3) * 190 }));

  it('fits a board whose notes are far from the origin on first open, and gives the board ≥ 85 % of a 1366×768 screen', async () => {
    const { ws, projectId } = await seed('Ajustement', sample(5000, 4000));
    const page = await openAsParticipant(ws, projectId);
    for (const n of sample(5000, 4000)) await expect.poll(() => onScreen(page, n.id), { timeout: 10_000 }).toBe(true);
    const board = (await page.getByTestId('canvas').boundingBox())!;
    expect(board.height / 768).toBeGreaterThanOrEqual(0.85);
    // The toolbar is one row.
    const bar = (await page.getByTestId('canvas-toolbar').boundingBox())!;
    expect(bar.height).toBeLessThan(60);
  });

  it('the minimap shows only while some note is out of view, and takes the view where it is clicked', async () => {
    const { ws, projectId } = await seed('Minicarte', sample(0, 0));
    const page = await openAsParticipant(ws, projectId);
    for (const n of sample(0, 0)) await expect.poll(() => onScreen(page, n.id), { timeout: 10_000 }).toBe(true);
    // Everything on screen: nowhere to go, and nothing covered in the corner.
    expect(await page.getByTestId('minimap').count()).toBe(0);
    for (let i = 0; i < 3; i++) await page.getByTestId('zoom-in').click();
    await expect.poll(() => onScreen(page, 'note0000')).toBe(false);
    const map = page.getByTestId('minimap');
    await expect.poll(() => map.count()).toBe(1);
    // A click on the map's left edge brings the first column's note (the left-most) into the centre.
    const before = await page.getByTestId('canvas-layer').evaluate((el) => (el as HTMLElement).style.transform);
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: 8, y: box.height / 2 } });
    await expect.poll(() => page.getByTestId('canvas-layer').evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(before);
    await page.getByTestId('zoom-fit').click();
    await expect.poll(() => map.count()).toBe(0);
  });

  const layerTransform = (page: Page) => page.getByTestId('canvas-layer').evaluate((el) => (el as HTMLElement).style.transform);
  const zoomText = (page: Page) => page.getByTestId('zoom-reset').textContent();
  const noteAt = (page: Page, id: string) => page.locator(`[data-testid="note"][data-note-id="${id}"]`);
  const posOf = async (page: Page, id: string) => (await noteBoxes(page)).find((n) => n.id === id);

  it('drags a note by its body (its text), and a two-finger scroll pans while a pinch zooms', async () => {
    const { ws, projectId } = await seed('Glisser', sample(0, 0));
    const page = await openAsParticipant(ws, projectId);
    await expect.poll(() => page.getByTestId('note').count(), { timeout: 10_000 }).toBe(6);
    const before = (await posOf(page, 'note0000'))!;
    const text = (await noteAt(page, 'note0000').getByTestId('note-text').boundingBox())!;
    await page.mouse.move(text.x + text.width / 2, text.y + 10);
    await page.mouse.down();
    await page.mouse.move(text.x + text.width / 2 + 60, text.y + 40, { steps: 4 });
    await page.mouse.move(text.x + text.width / 2 + 120, text.y + 70, { steps: 4 });
    await page.mouse.up();
    const scale = parseFloat((await zoomText(page))!) / 100;
    await expect
      .poll(async () => {
        const after = (await posOf(page, 'note0000'))!;
        return [Math.round((after.x - before.x) * scale), Math.round((after.y - before.y) * scale)];
      })
      .toEqual([120, 60]);
    // Pressing the text did not start editing (no caret): the note is selected instead.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note');
    expect(await noteAt(page, 'note0000').getAttribute('data-selected')).toBe('true');

    // Two-finger scroll (wheel without Ctrl): the view moves, the zoom stays.
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.move(canvas.x + 40, canvas.y + canvas.height - 40);
    const zoom0 = await zoomText(page);
    const t0 = await layerTransform(page);
    await page.mouse.wheel(40, 120);
    await expect.poll(() => layerTransform(page)).not.toBe(t0);
    expect(await zoomText(page)).toBe(zoom0);
    // Shift + wheel pans sideways.
    const t1 = await layerTransform(page);
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, 100);
    await page.keyboard.up('Shift');
    await expect
      .poll(async () => {
        const m = /translate\(([-\d.]+)px, ([-\d.]+)px\)/;
        const [, x1, y1] = m.exec(t1)!;
        const [, x2, y2] = m.exec(await layerTransform(page))!;
        return [Math.round(parseFloat(x2) - parseFloat(x1)), Math.round(parseFloat(y2) - parseFloat(y1))];
      })
      .toEqual([-100, 0]);
    // A pinch (Chrome reports it as a wheel with ctrlKey) zooms.
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -60);
    await page.keyboard.up('Control');
    await expect.poll(() => zoomText(page)).not.toBe(zoom0);
    // Shift+1 fits everything back on screen.
    await page.keyboard.press('Shift+Digit1');
    for (const n of sample(0, 0)) if (n.id !== 'note0000') await expect.poll(() => onScreen(page, n.id)).toBe(true);
  });

  it('zoomed out, notes are tiles whose text never spills out of them, and a double-click zooms in to edit', async () => {
    const long =
      'Données ouvertes sur le stationnement, publiées en temps réel sur le portail régional, avec une API documentée, des jeux de test et un tableau de bord public';
    const list = Array.from({ length: 12 }, (_, i) => `- point ${i + 1}`).join('\n');
    const notes: SeedNote[] = Array.from({ length: 16 }, (_, i) => ({
      id: `far${String(i).padStart(5, '0')}`,
      text: i % 2 ? long : list,
      x: (i % 8) * 560,
      y: Math.floor(i / 8) * 500,
    }));
    const { ws, projectId } = await seed('De loin', notes);
    const page = await openAsParticipant(ws, projectId);
    // The first open fits a board this wide at the smallest first-open zoom: far-away tiles.
    await expect.poll(() => page.locator('[data-testid="note"][data-lite]').count(), { timeout: 10_000 }).toBe(16);
    const spills = await page.locator('[data-testid="note"][data-lite]').evaluateAll((els) =>
      els.flatMap((el) => {
        const tile = el.getBoundingClientRect();
        const text = el.querySelector('.note-lite-text')?.getBoundingClientRect();
        return text && (text.bottom > tile.bottom + 0.5 || text.right > tile.right + 0.5) ? [el.getAttribute('data-note-id')] : [];
      }),
    );
    expect(spills).toEqual([]);
    await page.screenshot({ path: artifactPath('canvas-far-tiles-1366x768.png') });
    // A double-click on a tile zooms in on it: it becomes an editable note.
    const tile = (await noteAt(page, 'far00003').boundingBox())!;
    await page.mouse.dblclick(tile.x + tile.width / 2, tile.y + tile.height / 2);
    await expect.poll(() => noteAt(page, 'far00003').getAttribute('data-lite')).toBeNull();
    expect(await noteAt(page, 'far00003').getByTestId('note-text').inputValue()).toBe(long);
  });

  it('adds a note on a full 300-note board on the nearest free spot, never on another note, and shows it', async () => {
    const board: SeedNote[] = Array.from({ length: 300 }, (_, i) => ({
      id: `grid${String(i).padStart(4, '0')}`,
      text: `Idée ${i}`,
      x: (i % 20) * 216,
      y: Math.floor(i / 20) * 166,
    }));
    const { ws, projectId } = await seed('Trois cents', board);
    const page = await openAsParticipant(ws, projectId);
    await page.getByTestId('zoom-reset').click(); // 100 %, in the middle of the grid
    const before = new Set((await noteBoxes(page)).map((n) => n.id));
    await page.getByTestId('add-note').click();
    let added: { id: string; x: number; y: number } | undefined;
    await expect
      .poll(async () => {
        added = (await noteBoxes(page)).find((n) => !before.has(n.id) && !n.id.startsWith('grid'));
        return added !== undefined;
      })
      .toBe(true);
    expect(await onScreen(page, added!.id)).toBe(true);
    for (const n of board) expect(notesOverlap(n, added!), n.id).toBe(false);
    // Its text has the focus: typing goes into it.
    await page.keyboard.type('Nouvelle idée');
    expect(await noteAt(page, added!.id).getByTestId('note-text').inputValue()).toBe('Nouvelle idée');
  });

  it('a cluster fits its notes: made from a selection, it grows when a note is dropped in and shrinks when one is dragged out', async () => {
    const notes: SeedNote[] = [
      { id: 'clu00001', text: 'Capteurs', x: 0, y: 0 },
      { id: 'clu00002', text: 'Portail open data', x: 240, y: 0 },
      { id: 'clu00003', text: 'Application', x: 0, y: 500 },
    ];
    const { ws, projectId } = await seed('Regroupement', notes);
    const page = await openAsParticipant(ws, projectId);
    await expect.poll(() => page.getByTestId('note').count(), { timeout: 10_000 }).toBe(3);
    await noteAt(page, 'clu00001').click({ position: { x: 100, y: 120 } });
    await noteAt(page, 'clu00002').click({ position: { x: 100, y: 120 }, modifiers: ['Shift'] });
    await page.getByTestId('add-cluster').click();
    const frame = () =>
      page
        .getByTestId('cluster')
        .first()
        .evaluate((el) => {
          const s = (el as HTMLElement).style;
          return { x: parseFloat(s.left), y: parseFloat(s.top), w: parseFloat(s.width), h: parseFloat(s.height) };
        });
    const contains = (f: { x: number; y: number; w: number; h: number }, n: { x: number; y: number }) =>
      n.x >= f.x && n.y >= f.y && n.x + 200 <= f.x + f.w && n.y + 150 <= f.y + f.h;
    await expect.poll(() => page.getByTestId('cluster').count()).toBe(1);
    let f = await frame();
    expect(contains(f, (await posOf(page, 'clu00001'))!)).toBe(true);
    expect(contains(f, (await posOf(page, 'clu00002'))!)).toBe(true);
    expect(contains(f, (await posOf(page, 'clu00003'))!)).toBe(false);
    const fitW = f.w;
    const fitH = f.h;

    // Drag the third note into the frame: it joins, and the frame grows to hold it.
    const scale = parseFloat((await zoomText(page))!) / 100;
    const drag = async (id: string, dx: number, dy: number) => {
      const b = (await noteAt(page, id).boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2 + dx / 2, b.y + b.height / 2 + dy / 2, { steps: 3 });
      await page.mouse.move(b.x + b.width / 2 + dx, b.y + b.height / 2 + dy, { steps: 3 });
      await page.mouse.up();
    };
    // From (0, 500) to (120, 60): its centre lands inside the frame.
    await drag('clu00003', 120 * scale, -440 * scale);
    await expect.poll(async () => page.getByTestId('cluster').first().getAttribute('aria-label')).toContain('3');
    f = await frame();
    for (const id of ['clu00001', 'clu00002', 'clu00003']) expect(contains(f, (await posOf(page, id))!), id).toBe(true);
    expect(f.h).toBeGreaterThan(fitH);

    // Drag it far out again: it leaves, and the frame shrinks back to the first two notes.
    await drag('clu00003', 0, 600 * scale);
    await expect.poll(async () => (await frame()).h).toBe(fitH);
    expect((await frame()).w).toBe(fitW);
    expect(contains(await frame(), (await posOf(page, 'clu00003'))!)).toBe(false);

    // Its grip drags the frame with its notes, its corner resizes it: whole canvas units, about the
    // pointer's travel (the zoom shown is rounded to a percent).
    const pull = async (testId: string, dx: number, dy: number) => {
      const b = (await page.getByTestId(testId).boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2 + dx * scale, b.y + b.height / 2 + dy * scale, { steps: 6 });
      await page.mouse.up();
    };
    const start = await frame();
    const member = (await posOf(page, 'clu00001'))!;
    await pull('cluster-move', 100, 50);
    await expect.poll(async () => (await frame()).x - start.x).toBeGreaterThan(90);
    const moved = await frame();
    expect(moved.x - start.x).toBeLessThan(110);
    expect(moved.y - start.y).toBeGreaterThan(40);
    expect(moved.y - start.y).toBeLessThan(60);
    expect(Number.isInteger(moved.x) && Number.isInteger(moved.y)).toBe(true);
    expect(await posOf(page, 'clu00001')).toEqual({ id: 'clu00001', x: member.x + moved.x - start.x, y: member.y + moved.y - start.y });
    await pull('cluster-resize', 80, 40);
    await expect.poll(async () => (await frame()).w - moved.w).toBeGreaterThan(70);
    const resized = await frame();
    expect(resized.w - moved.w).toBeLessThan(90);
    expect(resized.h - moved.h).toBeGreaterThan(30);
    expect(resized.h - moved.h).toBeLessThan(50);
    expect(Number.isInteger(resized.w) && Number.isInteger(resized.h)).toBe(true);
    expect({ x: resized.x, y: resized.y }).toEqual({ x: moved.x, y: moved.y });
  });

  it('Delete moves the focus to the nearest note; Escape closes the panel first (focus back to its button), then clears the selection', async () => {
    const { ws, projectId } = await seed('Clavier', sample(0, 0));
    const page = await openAsParticipant(ws, projectId);
    await expect.poll(() => page.getByTestId('note').count(), { timeout: 10_000 }).toBe(6);
    await noteAt(page, 'note0001').click({ position: { x: 100, y: 130 } });
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('note').count()).toBe(5);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note');

    await page.getByTestId('open-comments').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('side-panel-heading');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('side-panel').count()).toBe(0);
    // Given back on the next frame, once the panel is gone.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-comments');
    expect(await page.locator('[data-testid="note"][data-selected="true"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="note"][data-selected="true"]').count()).toBe(0);
  });

  it('reveals 10 private notes written at the same spot by 3 people without any overlap', async () => {
    const { ws, projectId } = await seed('Révélation', [{ id: 'base0001', text: 'Déjà là', x: 0, y: 0 }]);
    const fac = connectSocket(h.server.url, ws.facilitatorToken);
    cleanups.push(() => fac.close());
    await eventually(() => fac.latest.state !== null, 'facilitation state');
    expect((await fac.command({ type: 'policy.set', privateMode: true })).ok).toBe(true);
    const names = ['Ana', 'Bert', 'Chloé'];
    const people = await Promise.all(names.map((name) => h.server.join(ws.id, { joinCode: ws.joinCode, name, role: 'commune' })));
    for (const [p, person] of people.entries()) {
      const c = connectProvider(h.server.wsUrl, privateRoom(ws.id, projectId, person.userId), person.token);
      cleanups.push(() => c.provider.destroy());
      await waitForSync(c.provider);
      // Everyone writes at the same place, near the existing note.
      for (let i = p; i < 10; i += 3)
        addNote(c.doc, {
          id: `draft${String(i).padStart(3, '0')}`,
          x: 10 + i,
          y: 20,
          kind: 'idea',
          text: `Idée privée ${i}`,
          authorId: person.userId,
          authorName: names[p],
          createdAt: 100 + i,
        });
    }
    const shared = connectProvider(h.server.wsUrl, projectRoom(ws.id, projectId), ws.facilitatorToken);
    cleanups.push(() => shared.provider.destroy());
    await waitForSync(shared.provider);
    await expect
      .poll(async () => (await fac.command({ type: 'private.reveal', projectId, anonymous: false })).ok && readNotes(shared.doc).length, { timeout: 10_000 })
      .toBe(11);

    const page = await openAsParticipant(ws, projectId);
    await expect.poll(() => page.getByTestId('note').count(), { timeout: 10_000 }).toBe(11);
    const boxes = await noteBoxes(page);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(notesOverlap(boxes[i], boxes[j]), `${boxes[i].id} / ${boxes[j].id}`).toBe(false);
    // The first open fits them all on screen, vote buttons included.
    for (const b of boxes) expect(await onScreen(page, b.id), b.id).toBe(true);
  });

  it('two people editing one note see each other’s marker; deleting it asks, and anyone can restore it', async () => {
    const { ws, projectId } = await seed('Co-édition', sample(0, 0));
    const a = await openAsParticipant(ws, projectId);
    const b = await openAsParticipant(ws, projectId);
    b.on('dialog', (d) => void d.accept());
    for (const p of [a, b]) await expect.poll(() => p.getByTestId('note').count(), { timeout: 10_000 }).toBe(6);
    await noteAt(a, 'note0002').dblclick({ position: { x: 100, y: 90 } });
    await a.keyboard.type(' (A)');
    await expect.poll(() => noteAt(b, 'note0002').getByTestId('note-editor').textContent(), { timeout: 10_000 }).toContain('Chloé Dubois');
    // B also sees A's caret, with A's name, where A types: after the text, then at its start.
    const caret = noteAt(b, 'note0002').getByTestId('remote-caret');
    await expect.poll(() => caret.textContent(), { timeout: 10_000 }).toBe('Chloé Dubois');
    const offset = async () => {
      const [c, text] = [await caret.boundingBox(), await noteAt(b, 'note0002').getByTestId('note-text').boundingBox()];
      return c && text ? Math.round(Math.hypot(c.x - text.x, c.y - text.y)) : -1;
    };
    await expect.poll(offset, { timeout: 10_000 }).toBeGreaterThan(10);
    await noteAt(b, 'note0002').screenshot({ path: artifactPath('canvas-remote-caret.png') });
    await a.keyboard.press('Control+Home');
    await expect.poll(offset, { timeout: 10_000 }).toBeLessThan(4);
    // The name flag (over the line above) shows when the caret moves, then fades; the caret stays.
    const flag = () => caret.locator('.remote-caret-name').evaluate((el) => getComputedStyle(el).opacity);
    await expect.poll(flag, { timeout: 5_000 }).toBe('0');
    expect(await caret.isVisible()).toBe(true);
    await a.keyboard.press('End');
    await expect.poll(flag, { timeout: 5_000 }).toBe('1');

    // B deletes the note A is typing in: asked first (accepted here), then it is gone for both.
    await noteAt(b, 'note0002').hover();
    await noteAt(b, 'note0002').getByTestId('note-delete').click();
    await expect.poll(() => noteAt(b, 'note0002').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => noteAt(a, 'note0002').count(), { timeout: 10_000 }).toBe(0);

    // A restores it from "recently deleted": back for everyone, with its text.
    await a.getByTestId('open-trash').click();
    await a.getByTestId('trash-item').filter({ hasText: 'Quel budget' }).getByTestId('trash-restore').click();
    await expect.poll(() => noteAt(b, 'note0002').count(), { timeout: 10_000 }).toBe(1);
    expect(await noteAt(b, 'note0002').getByTestId('note-text').inputValue()).toContain('(A)');
    // It survives a reload.
    await b.reload();
    await expect.poll(() => noteAt(b, 'note0002').count(), { timeout: 10_000 }).toBe(1);
  });

  for (const lang of ['fr', 'nl']) {
    for (const [w, hgt] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      it(`screenshot: ${lang} at ${w}×${hgt}`, async () => {
        const { ws, projectId } = await seed(`Capture ${lang}`, sample(0, 0));
        const page = await openAsParticipant(ws, projectId, { width: w, height: hgt, lang });
        await expect.poll(() => page.getByTestId('note').count(), { timeout: 10_000 }).toBe(6);
        const bar = (await page.getByTestId('canvas-toolbar').boundingBox())!;
        expect(bar.height).toBeLessThan(60); // one row in every language
        await page.locator('[data-note-id="note0001"]').hover();
        await page.screenshot({ path: artifactPath(`canvas-${lang}-${w}x${hgt}.png`) });
      });
    }
  }
});
