import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkshop } from '../../server/api/workshopRoutes';
import { DEMO_SEED } from '../../server/workshopSeed';
import { addChallenge, linkProject } from '../../shared/challenges';
import { addCluster, assignNotes } from '../../shared/clusters';
import { addNote } from '../../shared/operations';
import { assignExpert } from '../../shared/panels';
import { declareInterest } from '../../shared/partners';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { notesMap, readWorkshop } from '../../shared/schema';
import { connectSocket } from '../helpers/socketClients';
import { authorOf, connectProvider, eventually, waitForSync } from '../helpers/yjsClients';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

/** Notes as a workshop writes them: long and short, on a 4-column grid, the first row in a cluster. */
const TEXTS = [
  'Capteurs de qualité de l’air aux abords des écoles, données ouvertes en temps réel pour les parents',
  'Parking intelligent',
  'Plateforme citoyenne pour signaler les problèmes de voirie avec photo et géolocalisation, suivi public',
  'Jumeau numérique du centre-ville',
  'Wifi public sur la place',
  'Comptage des vélos',
  'Budget participatif en ligne, vote par SMS pour les personnes sans smartphone',
  'Données de fréquentation des commerces partagées avec l’ADL',
];
const NOTE_IDS = TEXTS.map((_, i) => `note${String(i).padStart(4, '0')}`);
const position = (i: number) => ({ x: 40 + (i % 4) * 230, y: 80 + Math.floor(i / 4) * 250 });

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface Seen {
  /** The canvas area the page's board shows, in canvas units. */
  rect: Box;
  /** Notes with any part on screen. */
  notes: string[];
}

/**
 * What a page's board shows, read from what is on screen: the notes' screen boxes (their canvas
 * positions are known) give the scale and offset, hence the canvas area of the board element.
 */
function seenOn(page: Page): Promise<Seen | null> {
  const positions = Object.fromEntries(NOTE_IDS.map((id, i) => [id, position(i)]));
  return page.evaluate((positions) => {
    const board = document.querySelector('[data-testid="canvas"]');
    if (!board) return null;
    const c = board.getBoundingClientRect();
    const notes = [...board.querySelectorAll<HTMLElement>('[data-testid="note"][data-note-id]')];
    const ref = notes.find((n) => positions[n.dataset.noteId!]);
    if (!ref) return null;
    const r = ref.getBoundingClientRect();
    const scale = r.width / 200;
    const p = positions[ref.dataset.noteId!];
    const ox = r.left - p.x * scale;
    const oy = r.top - p.y * scale;
    const visible = notes
      .filter((n) => {
        const b = n.getBoundingClientRect();
        return b.right > c.left + 1 && b.left < c.right - 1 && b.bottom > c.top + 1 && b.top < c.bottom - 1;
      })
      .map((n) => n.dataset.noteId!)
      .sort();
    return { rect: { x0: (c.left - ox) / scale, y0: (c.top - oy) / scale, x1: (c.right - ox) / scale, y1: (c.bottom - oy) / scale }, notes: visible };
  }, positions);
}

/**
 * The wall shows exactly the presenter's area: all of it (every note they see), fitted to the wall's
 * aspect ratio (equal on one axis, more only on the other), centred on the same point.
 */
function showsExactly(wall: Seen | null, presenter: Seen): boolean {
  if (!wall) return false;
  const tol = 3;
  const w = (b: Box) => b.x1 - b.x0;
  const h = (b: Box) => b.y1 - b.y0;
  const a = wall.rect;
  const b = presenter.rect;
  const contains = a.x0 <= b.x0 + tol && a.y0 <= b.y0 + tol && a.x1 >= b.x1 - tol && a.y1 >= b.y1 - tol;
  const fitted = Math.abs(w(a) - w(b)) <= tol || Math.abs(h(a) - h(b)) <= tol;
  const centred = Math.abs((a.x0 + a.x1 - b.x0 - b.x1) / 2) <= tol && Math.abs((a.y0 + a.y1 - b.y0 - b.y1) / 2) <= tol;
  return contains && fitted && centred && presenter.notes.every((id) => wall.notes.includes(id));
}

/** Every note's text on the page shows whole: nothing scrolled or clipped inside its box. */
const clippedNotes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="canvas"] [data-testid="note-text"]')]
      .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      .map((el) => (el as HTMLTextAreaElement).value ?? el.textContent),
  );

/** The timer's digits show whole inside their box (not cut by the box or the screen). */
const timerWhole = (page: Page, testId: string) =>
  page.evaluate((testId) => {
    const clock = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    if (!clock) return { ok: false, text: null };
    const r = clock.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(clock);
    const t = range.getBoundingClientRect();
    let box: HTMLElement | null = clock.parentElement;
    while (box && getComputedStyle(box).overflow === 'visible') box = box.parentElement;
    const b = (box ?? document.documentElement).getBoundingClientRect();
    const inside = (x: DOMRect) => x.left >= b.left - 0.5 && x.right <= b.right + 0.5 && x.left >= 0 && x.right <= innerWidth;
    return { ok: inside(r) && inside(t) && clock.scrollWidth <= clock.clientWidth + 1, text: clock.textContent };
  }, testId);

async function seedProject(url: string, wsUrl: string, workshopId: string, token: string, projectId: string) {
  const who = await authorOf(url, workshopId, token);
  const c = connectProvider(wsUrl, projectRoom(workshopId, projectId), token);
  try {
    await waitForSync(c.provider);
    c.doc.transact(() => {
      TEXTS.forEach((text, i) =>
        addNote(c.doc, { id: NOTE_IDS[i], ...position(i), kind: i % 3 === 0 ? 'idea' : i % 3 === 1 ? 'technology' : 'need', text, ...who, createdAt: 1 }),
      );
      addCluster(c.doc, { id: 'clus0001', name: 'Mesure et données', x: 20, y: 20, width: 940, height: 230, createdAt: 1 });
      assignNotes(c.doc, 'clus0001', NOTE_IDS.slice(0, 4));
      addCluster(c.doc, { id: 'clus0002', name: 'Participation', x: 20, y: 270, width: 940, height: 230, createdAt: 2 });
      assignNotes(c.doc, 'clus0002', NOTE_IDS.slice(4));
      (notesMap(c.doc).get(NOTE_IDS[0])!.get('tags') as Y.Map<boolean>).set('sensorsiot', true);
      (notesMap(c.doc).get(NOTE_IDS[0])!.get('tags') as Y.Map<boolean>).set('opendata', true);
      declareInterest(c.doc, {
        id: 'partn001',
        name: 'Lucie',
        organisation: 'AirSense SRL',
        partnerType: 'company',
        offers: ['technology', 'pilot-site'],
        description: 'Capteurs',
        consent: false,
        declaredBy: who.authorId,
        createdAt: 1,
      });
    });
    await eventually(() => (c.provider as unknown as { wsconnected: boolean }).wsconnected, 'connected');
    // A fresh reader sees everything: the server stored it.
    for (let i = 0; i < 100; i++) {
      const r = connectProvider(wsUrl, projectRoom(workshopId, projectId), token);
      await waitForSync(r.provider);
      const n = notesMap(r.doc).size;
      r.provider.destroy();
      if (n === TEXTS.length) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('the seeded notes did not reach the server');
  } finally {
    c.provider.destroy();
  }
}

describe.skipIf(!run)('the projector wall shows what the facilitator means', () => {
  const h = browserHarness();

  async function setup() {
    const ws = await createWorkshop(h.server.server.storage, {
      title: 'Regards croisés sur la SmartCity',
      facilitatorName: 'Animatrice',
      seed: DEMO_SEED,
      now: Date.now(),
    });
    const doc = new Y.Doc();
    for (const u of await h.server.server.storage.docs.load(ws.id)) Y.applyUpdate(doc, u);
    const projects = Object.fromEntries(readWorkshop(doc).projects.map((p) => [p.name, p.id]));
    await seedProject(h.server.url, h.server.wsUrl, ws.id, ws.facilitatorToken, projects.Namur);

    const lead = await h.newPage({ width: 1440, height: 900 });
    await lead.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await lead.getByTestId('facilitator-panel').waitFor();
    await lead.getByTestId('projector-link-create').click();
    const projectorLink = await lead.getByTestId('projector-link').inputValue();
    const wall = await h.newPage({ width: 1920, height: 1080 });
    await wall.goto(projectorLink);
    await wall.getByTestId('projector-view').waitFor();
    return { ws, projects, lead, wall };
  }

  it("shows the presenter's area within a second, the whole board when presenting stops, and ignores a co-facilitator until handed over", async () => {
    const { ws, projects, lead, wall } = await setup();
    await lead.getByTestId('stage-select').selectOption('ideation');
    await lead.getByTestId('focus-select').selectOption(projects.Namur);
    await lead.getByTestId('stage-apply').click();

    // Nobody presents: the whole board, clusters drawn, every note whole.
    await expect.poll(() => wall.getByTestId('canvas').getAttribute('data-wall-view')).toBe('board');
    await expect.poll(async () => (await seenOn(wall))?.notes, { timeout: 10_000 }).toEqual([...NOTE_IDS].sort());
    expect(await wall.getByTestId('wall-cluster').allTextContents()).toEqual(['Mesure et données', 'Participation']);
    expect(await clippedNotes(wall)).toEqual([]);
    for (const text of TEXTS)
      expect(await wall.locator('[data-testid="note-text"]').evaluateAll((els, t) => els.some((e) => (e as HTMLTextAreaElement).value === t), text)).toBe(true);
    await wall.screenshot({ path: artifactPath('wall-board-1920x1080.png') });

    // The lead presents, zoomed in on part of the board: the wall shows exactly that area.
    await lead.goto(`${h.server.url}/w/${ws.id}/p/${projects.Namur}`);
    await lead.getByTestId('canvas').waitFor();
    await expect.poll(async () => (await seenOn(lead))?.notes.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    await lead.getByTestId('present-toggle').click();
    await expect.poll(() => lead.getByTestId('present-toggle').getAttribute('aria-pressed')).toBe('true');
    await lead.getByTestId('zoom-in').click();
    await lead.getByTestId('zoom-in').click();
    const board = (await lead.getByTestId('canvas').boundingBox())!;
    await lead.mouse.move(board.x + board.width / 2, board.y + board.height / 2);
    await lead.mouse.wheel(250, 120);
    // Zoomed in and panned: a part of the board, not all of it (waited for: the zoom and the pan
    // are painted on the next frames, later on a loaded machine; the wall's own delay is measured
    // below, from this point).
    await expect
      .poll(
        async () => {
          const seen = (await seenOn(lead))?.notes.length ?? 0;
          return seen > 0 && seen < NOTE_IDS.length;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    let presenter = (await seenOn(lead))!;
    await expect.poll(async () => showsExactly(await seenOn(wall), presenter), { timeout: 1000, interval: 50 }).toBe(true);
    expect(await wall.getByTestId('canvas').getAttribute('data-wall-view')).toBe('presenter');
    await wall.screenshot({ path: artifactPath('wall-presenter-1920x1080.png') });
    await wall.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => showsExactly(await seenOn(wall), presenter), { timeout: 1000, interval: 50 }).toBe(true);
    await wall.screenshot({ path: artifactPath('wall-presenter-1280x720.png') });
    await wall.setViewportSize({ width: 1920, height: 1080 });

    // Panning again: the wall follows within a second.
    await lead.mouse.wheel(-400, -60);
    await expect.poll(async () => JSON.stringify((await seenOn(lead))?.rect)).not.toBe(JSON.stringify(presenter.rect));
    presenter = (await seenOn(lead))!;
    await expect.poll(async () => showsExactly(await seenOn(wall), presenter), { timeout: 1000, interval: 50 }).toBe(true);

    // A co-facilitator panning on their laptop never moves the wall…
    const res = await fetch(`${h.server.url}/api/workshops/${ws.id}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'facilitator', name: 'Zoé' }),
    });
    const coLink = (await res.json()) as { token: string; userId: string };
    const co = await h.newPage({ width: 1280, height: 800 });
    await co.goto(`${h.server.url}/w/${ws.id}/p/${projects.Namur}#token=${coLink.token}`);
    await co.locator('[data-testid="canvas"], [data-testid="choose-name"]').first().waitFor();
    if (await co.getByTestId('choose-name').isVisible()) {
      await co.getByTestId('choose-name-input').fill('Zoé');
      await co.getByTestId('choose-name-submit').click();
    }
    await co.getByTestId('canvas').waitFor();
    await co.getByTestId('present-other').waitFor();
    expect(await co.getByTestId('present-toggle').count()).toBe(0);
    const coBoard = (await co.getByTestId('canvas').boundingBox())!;
    await co.mouse.move(coBoard.x + coBoard.width / 2, coBoard.y + coBoard.height / 2);
    await co.getByTestId('zoom-out').click();
    await co.mouse.wheel(-300, -200);
    await co.waitForTimeout(800);
    expect(showsExactly(await seenOn(wall), presenter)).toBe(true);

    // …until the lead hands the wall over; then theirs does, and the lead's no longer.
    await lead.getByTestId('wall-handover').selectOption(coLink.userId);
    await expect.poll(() => co.getByTestId('present-toggle').isVisible()).toBe(true);
    await co.getByTestId('present-toggle').click();
    await co.mouse.wheel(120, 80);
    await expect.poll(async () => (await seenOn(co))?.notes.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const coView = (await seenOn(co))!;
    await expect.poll(async () => showsExactly(await seenOn(wall), coView), { timeout: 1000, interval: 50 }).toBe(true);
    await lead.mouse.wheel(500, 300);
    await lead.waitForTimeout(800);
    expect(showsExactly(await seenOn(wall), coView)).toBe(true);

    // Presenting stops: the whole board again, at once (not the last view frozen).
    await co.getByTestId('present-toggle').click();
    await expect.poll(() => wall.getByTestId('canvas').getAttribute('data-wall-view'), { timeout: 1000, interval: 50 }).toBe('board');
    await expect.poll(async () => (await seenOn(wall))?.notes, { timeout: 10_000 }).toEqual([...NOTE_IDS].sort());
  });

  it('shows a two-hour timer whole, side box and full screen, at 1920×1080 and 1280×720; a typed duration never overrides the stage', async () => {
    const { projects, lead, wall } = await setup();
    // A minute typed earlier, then the ideation stage (2 hours) applied: Start runs the stage's two hours.
    await lead.getByTestId('timer-minutes').fill('1');
    await lead.getByTestId('stage-select').selectOption('ideation');
    await lead.getByTestId('focus-select').selectOption(projects.Namur);
    await lead.getByTestId('stage-apply').click();
    await expect.poll(() => lead.getByTestId('panel-timer').textContent()).toBe('2:00:00');
    expect(await lead.getByTestId('timer-minutes').inputValue()).toBe('');
    await lead.getByTestId('timer-start').click();
    await expect.poll(() => wall.getByTestId('projector-timer').textContent()).toMatch(/^1:59:\d\d$/);
    expect((await timerWhole(lead, 'panel-timer')).ok).toBe(true);

    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ]) {
      await wall.setViewportSize({ width, height });
      await lead.getByTestId('wall-mode-canvas').click();
      await expect.poll(() => wall.getByTestId('projector-view').getAttribute('data-mode')).toBe('board');
      await expect.poll(() => timerWhole(wall, 'projector-timer')).toMatchObject({ ok: true, text: expect.stringMatching(/^1:59:\d\d$/) });
      await wall.screenshot({ path: artifactPath(`wall-timer-side-${width}x${height}.png`) });
      await lead.getByTestId('wall-mode-timer').click();
      await expect.poll(() => wall.getByTestId('projector-view').getAttribute('data-mode')).toBe('timer');
      await expect.poll(() => timerWhole(wall, 'projector-timer')).toMatchObject({ ok: true, text: expect.stringMatching(/^1:59:\d\d$/) });
      await wall.screenshot({ path: artifactPath(`wall-timer-${width}x${height}.png`) });
    }
  });

  it('every wall mode, at 1920×1080, 1280×720 and 1024×768, none scrolling; the join QR never shown while locked or closed', async () => {
    const { ws, projects, lead, wall } = await setup();
    // Common challenges linked to projects, as the panels drew them out.
    const w = connectProvider(h.server.wsUrl, workshopRoom(ws.id), ws.facilitatorToken);
    await waitForSync(w.provider);
    const who = await authorOf(h.server.url, ws.id, ws.facilitatorToken);
    const challenges: Array<[string, string[]]> = [
      ['Mesurer sans surveiller : des capteurs respectueux de la vie privée', [projects.Namur, projects.Dinant]],
      ['Associer les citoyens sans smartphone', [projects.Andenne, projects.Gembloux, projects.Namur]],
      ['Partager les données entre communes', [projects.Ciney]],
    ];
    challenges.forEach(([title, linked], i) => {
      addChallenge(w.doc, { id: `chal000${i}`, title, description: '', themeId: null, createdBy: who.authorId, createdAt: i });
      for (const p of linked) linkProject(w.doc, `chal000${i}`, p);
    });
    // Namur's expert panel for the ideation day, shown with its summary.
    assignExpert(w.doc, projects.Namur, { userId: 'expe0001', name: 'Noor Haddad', community: 'researcher' });
    await new Promise((r) => setTimeout(r, 300));
    w.provider.destroy();

    // A vote with voters of several communities.
    await lead.getByTestId('stage-select').selectOption('pitch');
    await lead.getByTestId('focus-select').selectOption(projects.Namur);
    await lead.getByTestId('stage-apply').click();
    await lead.getByTestId('vote-open').click();
    await lead.getByTestId('vote-round').waitFor();
    const voters = await Promise.all(
      (
        [
          ['Élue de Namur', 'commune', undefined],
          ['Maker', 'expert', 'maker'],
          ['Chercheuse', 'expert', 'researcher'],
          ['Entreprise', 'expert', 'company'],
        ] as const
      ).map(([name, role, community]) => h.server.join(ws.id, { joinCode: ws.joinCode, name, role, ...(community ? { community } : {}) })),
    );
    const sockets = voters.map((v) => connectSocket(h.server.url, v.token));
    await eventually(() => sockets.every((s) => s.latest.state?.vote?.status === 'open'), 'the round reaches the voters');
    const roundId = sockets[0].latest.state!.vote!.id;
    const ballots = [
      [0, 0, 2],
      [1, 0, 0, 2],
      [2, 2, 6],
      [3, 0, 4, 1],
    ];
    for (const [v, ...picks] of ballots)
      for (const p of picks) expect(await sockets[v].command({ type: 'vote.cast', roundId, itemId: NOTE_IDS[p], delta: 1 })).toMatchObject({ ok: true });
    const question = await sockets[0].command({
      type: 'question.ask',
      projectId: projects.Namur,
      text: 'Qui finance la maintenance des capteurs après la première année ?',
    });
    const questionId = (question as { data: { questionId: string } }).data.questionId;

    const shoot = async (mode: string, expected: string, ready: () => Promise<unknown>) => {
      await lead.getByTestId(`wall-mode-${mode}`).click();
      // Full HD, a 720p beamer, and the 4:3 1024×768 projector many town halls still have.
      for (const [width, height] of [
        [1920, 1080],
        [1280, 720],
        [1024, 768],
      ]) {
        await wall.setViewportSize({ width, height });
        await expect.poll(() => wall.getByTestId('projector-view').getAttribute('data-mode')).toBe(expected);
        await ready();
        // Nobody scrolls a wall: everything it shows fits the screen.
        await expect
          .poll(() => wall.evaluate(() => [document.documentElement.scrollWidth <= innerWidth, document.documentElement.scrollHeight <= innerHeight]))
          .toEqual([true, true]);
        await wall.waitForTimeout(150);
        await wall.screenshot({ path: artifactPath(`wall-${expected}-${width}x${height}.png`) });
      }
    };

    await shoot('ranking', 'ranking', () => wall.getByTestId('wall-voters').waitFor());
    await lead.getByTestId('vote-close').click();
    await shoot('ranking', 'ranking', () => expect.poll(() => wall.getByTestId('vote-rank-item').count()).toBe(5));
    expect(await wall.getByTestId('vote-rank-item').first().textContent()).toContain('Capteurs de qualité');
    expect(await wall.getByTestId('vote-rank-item').first().locator('.vote-rank-total').textContent()).toBe('4');
    expect(await wall.getByTestId('vote-legend').locator('li').allTextContents()).toEqual(['Communes', 'Makers', 'Chercheur·euses', 'Entreprises']);
    // The cockpit shows the same ranking with its legend.
    await expect.poll(() => lead.getByTestId('vote-results').getByTestId('vote-legend').isVisible()).toBe(true);

    await shoot('challenges', 'challenges', () => expect.poll(() => wall.getByTestId('wall-challenge').count()).toBe(3));
    expect(await wall.getByTestId('wall-challenge').first().textContent()).toContain('Namur');

    await shoot('summary', 'summary', async () => {
      await expect.poll(() => wall.getByTestId('wall-component').count()).toBe(2);
      // Every technology chip lies inside its component's card, however long its name.
      const outside = await wall.getByTestId('wall-component').evaluateAll((cards) =>
        cards.flatMap((card) => {
          const c = card.getBoundingClientRect();
          return [...card.querySelectorAll('.wall-chip')]
            .filter((chip) => {
              const r = chip.getBoundingClientRect();
              return r.left < c.left - 0.5 || r.right > c.right + 0.5 || r.bottom > c.bottom + 0.5;
            })
            .map((chip) => chip.textContent);
        }),
      );
      expect(outside).toEqual([]);
    });
    const summary = (await wall.getByTestId('wall-summary').textContent()) ?? '';
    for (const part of ['Namur', 'Mesure et données', 'Capteurs & IoT', 'Parking intelligent', 'AirSense SRL', 'Plateforme citoyenne', 'Noor Haddad'])
      expect(summary).toContain(part);

    const show = connectSocket(h.server.url, ws.facilitatorToken);
    await eventually(() => show.latest.state !== null, 'facilitator socket');
    expect(await show.command({ type: 'question.show', projectId: projects.Namur, questionId })).toMatchObject({ ok: true });
    show.close();
    await shoot('questions', 'question', () => wall.getByTestId('projector-question').waitFor());

    await shoot('join', 'join', () => wall.getByTestId('wall-join-qr').waitFor());
    expect(await wall.getByTestId('wall-join-code').textContent()).toBe(ws.joinCode);
    expect(await wall.getByTestId('projector-join').count()).toBe(0); // not twice

    await shoot('board', 'board', () => expect.poll(async () => (await seenOn(wall))?.notes.length).toBe(NOTE_IDS.length));
    expect(await clippedNotes(wall)).toEqual([]);
    await shoot('overview', 'overview', () => wall.getByTestId('projector-overview-project').first().waitFor());
    expect(await wall.getByTestId('projector-qr').count()).toBe(1);

    // Joining locked: no QR or code anywhere on the wall, and the join mode falls back.
    await lead.getByTestId('join-lock').check();
    await expect.poll(() => wall.getByTestId('projector-join').count()).toBe(0);
    await lead.getByTestId('join-lock').uncheck();
    await expect.poll(() => wall.getByTestId('projector-join').count()).toBe(1);
    await lead.getByTestId('stage-select').selectOption('closed');
    await lead.getByTestId('stage-apply').click();
    await expect.poll(() => wall.getByTestId('projector-join').count()).toBe(0);
    await expect.poll(() => lead.getByTestId('wall-mode-join').isDisabled()).toBe(true);
    for (const s of sockets) s.close();
  });

  it('the cockpit at 1440×900: the board keeps 70 % of the width; stage, timer, hands and vote visible at once', async () => {
    const { ws, projects, lead } = await setup();
    const hand = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Léa', role: 'commune' });
    const s = connectSocket(h.server.url, hand.token);
    await eventually(() => s.latest.state !== null, 'participant socket');
    expect(await s.command({ type: 'hand.raise' })).toMatchObject({ ok: true });
    await lead.goto(`${h.server.url}/w/${ws.id}/p/${projects.Namur}`);
    await lead.getByTestId('canvas').waitFor();
    await lead.getByTestId('vote-open').scrollIntoViewIfNeeded();
    await lead.getByTestId('vote-open').click();
    await lead.getByTestId('vote-round').waitFor();
    await expect.poll(() => lead.getByTestId('hand-item').count()).toBe(1);

    const board = (await lead.getByTestId('canvas').boundingBox())!;
    expect(board.width / 1440).toBeGreaterThanOrEqual(0.7);
    for (const id of ['stage-select', 'stage-apply', 'panel-timer', 'timer-start', 'cockpit-hands', 'hand-item', 'vote-round', 'vote-close']) {
      const el = lead.getByTestId(id).first();
      expect(await el.isVisible(), id).toBe(true);
      const box = (await el.boundingBox())!;
      expect(box.y, id).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, id).toBeLessThanOrEqual(900);
    }
    await lead.screenshot({ path: artifactPath('cockpit-1440x900.png') });
    s.close();
  });
});
