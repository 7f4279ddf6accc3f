import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, addProject } from '../../shared/operations';
import { notesOverlap } from '../../shared/placement';
import type { CreateWorkshopResponse } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { NOTE_KINDS, type NoteKind } from '../../shared/schema';
import { connectProvider, waitForSync } from '../helpers/yjsClients';
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
  page.locator('[data-testid="note"]').evaluateAll((els) =>
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
    const ws = await h.server.createWorkshop(title);
    const w = connectProvider(h.server.wsUrl, workshopRoom(ws.id), ws.facilitatorToken);
    cleanups.push(() => w.provider.destroy());
    await waitForSync(w.provider);
    const projectId = 'proj0001';
    addProject(w.doc, { id: projectId, name: 'Namur — parking intelligent', themeId: null, createdAt: 1 });
    const c = connectProvider(h.server.wsUrl, projectRoom(ws.id, projectId), ws.facilitatorToken);
    cleanups.push(() => c.provider.destroy());
    await waitForSync(c.provider);
    c.doc.transact(() => {
      notes.forEach((n, i) =>
        addNote(c.doc, { id: n.id, x: n.x, y: n.y, kind: n.kind ?? 'idea', text: n.text, authorId: ws.userId, authorName: 'Animatrice', createdAt: 1000 + i }),
      );
    });
    await expect.poll(async () => {
      const res = await fetch(`${h.server.url}/api/workshops/${ws.id}/export.json`, { headers: { authorization: `Bearer ${ws.facilitatorToken}` } });
      const data = (await res.json()) as { projects: Array<{ notes: unknown[] }> };
      return data.projects[0]?.notes.length ?? 0;
    }, { timeout: 10_000 }).toBe(notes.length);
    return { ws, projectId };
  }

  async function openAsParticipant(ws: CreateWorkshopResponse, projectId: string, opts: { width?: number; height?: number; lang?: string } = {}): Promise<Page> {
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
    return !!note && note.x >= canvas.x && note.y >= canvas.y && note.x + note.width <= canvas.x + canvas.width && note.y + note.height <= canvas.y + canvas.height;
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

  for (const lang of ['fr', 'nl']) {
    for (const [w, hgt] of [[1366, 768], [1920, 1080]] as const) {
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
