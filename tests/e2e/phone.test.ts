import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addNote } from '../../shared/operations';
import { privateRoom, projectRoom } from '../../shared/rooms';
import { readNotes, readQuestions } from '../../shared/schema';
import { connectSocket } from '../helpers/socketClients';
import { addProjects, authorOf, connectProvider, waitForSync } from '../helpers/yjsClients';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();
const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const SIZES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
] as const;

/** A phone: a touch screen with a mobile viewport, as Chromium emulates it. */
async function phone(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'fr-BE' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return page;
}

/** The page is no wider than the screen: nothing to scroll sideways. */
async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

async function expectNoOverflow(page: Page, where: string) {
  const { scrollWidth, viewport } = await horizontalOverflow(page);
  expect(scrollWidth, `${where}: page wider than the screen`).toBeLessThanOrEqual(viewport);
  // A container that clips (overflow: hidden) hides the overflow from scrollWidth: controls cut off
  // at the edge are caught here.
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, h1')]
      .filter((el) => !el.closest('.visually-hidden, .skip-link, .canvas-layer') && el.getClientRects().length > 0)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      })
      .map((el) => `${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.className}]`),
  );
  expect(cut, `${where}: controls cut off at the edge`).toEqual([]);
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    type V = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: V[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** Visible interactive elements smaller than a fingertip (44×44 CSS px). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input:not([type="checkbox"]):not([type="radio"]), select, textarea, summary')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden, .skip-link')) continue;
      if (r.width < 44 || r.height < 44)
        out.push(`${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.className}] ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

/** The phone's own user id, as its stored session says. */
async function userIdOf(page: Page, workshopId: string): Promise<string> {
  const id = await page.evaluate((wsId) => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (!key.includes(wsId)) continue;
      const v = JSON.parse(localStorage.getItem(key) ?? 'null') as { userId?: string } | null;
      if (v?.userId) return v.userId;
    }
    return null;
  }, workshopId);
  if (!id) throw new Error('no session stored for the workshop');
  return id;
}

describe.skipIf(!run)('participants on phones', () => {
  const h = browserHarness();

  for (const size of SIZES) {
    const tag = `${size.width}x${size.height}`;

    it(`joins by link, posts, votes, asks and reads live at ${tag}`, async () => {
      const ws = await h.server.createWorkshop('Regards croisés sur la SmartCity — journée 2', []);
      await addProjects(h.server.wsUrl, ws.id, ws.facilitatorToken, ['proj0001', 'proj0002']);
      const fac = connectSocket(h.server.url, ws.facilitatorToken);
      try {
        await new Promise<void>((resolve) => fac.on('connect', () => resolve()));
        expect((await fac.command({ type: 'focus.set', projectId: 'proj0002' })).ok).toBe(true);
        expect((await fac.command({ type: 'timer.start', durationMs: 15 * 60_000 })).ok).toBe(true);

        // The join link opens a page that only joins.
        const page = await phone(h.browser, size);
        const openedAt = Date.now();
        await page.goto(`${h.server.url}/join/${ws.joinCode}`);
        await expect.poll(() => page.getByTestId('joiner-title').textContent(), { interval: 10 }).toContain('journée 2');
        console.log(`[phone ${tag}] join link opened → workshop title shown: ${Date.now() - openedAt} ms`);
        expect(await page.getByTestId('create-title').count()).toBe(0);
        expect(await page.getByTestId('import-file').count()).toBe(0);
        await expectNoOverflow(page, 'join page');
        expect(await seriousViolations(page), 'join page').toEqual([]);
        expect(await smallTargets(page), 'join page targets').toEqual([]);
        await page.screenshot({ path: artifactPath(`phone-join-${tag}.png`) });

        await page.getByTestId('join-name').fill('Camille');
        const joinedAt = Date.now();
        await page.getByTestId('join-submit').tap();
        // The projects, the one in focus first.
        await page.getByTestId('phone-project').first().waitFor({ timeout: 10_000 });
        const joinMs = Date.now() - joinedAt;
        console.log(`[phone ${tag}] join tap → project list: ${joinMs} ms`);
        await expect.poll(() => page.getByTestId('phone-project').first().getAttribute('data-project-id')).toBe('proj0002');
        // The stage and the running timer are in the bar.
        await expect.poll(() => page.getByTestId('timer-display').textContent()).toMatch(/^1[45]:\d\d$/);
        await expectNoOverflow(page, 'project list');
        expect(await seriousViolations(page), 'project list').toEqual([]);
        expect(await smallTargets(page), 'project list targets').toEqual([]);
        await page.screenshot({ path: artifactPath(`phone-projects-${tag}.png`) });
        const me = await userIdOf(page, ws.id);

        // A teammate on a laptop already wrote on the project.
        const mate = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Jules', role: 'expert', community: 'maker' });
        const mateAuthor = await authorOf(h.server.url, ws.id, mate.token);
        const mateDoc = connectProvider(h.server.wsUrl, projectRoom(ws.id, 'proj0001'), mate.token);
        try {
          await waitForSync(mateDoc.provider);
          addNote(mateDoc.doc, { id: 'matenote1', x: 0, y: 0, kind: 'technology', text: 'Capteurs de qualité de l’air', ...mateAuthor, createdAt: Date.now() });

          await page.getByTestId('phone-project').filter({ hasText: 'proj0001' }).tap();
          await expect.poll(() => page.getByTestId('phone-note-text').allTextContents()).toContain('Capteurs de qualité de l’air');

          // Posting an idea: tap "add", type, tap "post".
          let taps = 0;
          await page.getByTestId('phone-add-idea').tap();
          taps++;
          await page.getByTestId('add-idea-text').fill('Bancs connectés au parc');
          await expectNoOverflow(page, 'add idea sheet');
          expect(await seriousViolations(page), 'add idea sheet').toEqual([]);
          expect(await smallTargets(page), 'add idea sheet targets').toEqual([]);
          await page.screenshot({ path: artifactPath(`phone-add-idea-${tag}.png`) });
          // The "post" bar covers the sheet down to its bottom edge: nothing scrolls by under the button.
          const edges = await page.getByTestId('add-idea-submit').evaluate((button) => {
            const bar = button.closest('.phone-sheet-actions')!.getBoundingClientRect();
            const sheet = button.closest('.phone-sheet')!.getBoundingClientRect();
            return { bar: Math.round(bar.bottom), sheet: Math.round(sheet.bottom) };
          });
          expect(edges.bar).toBe(edges.sheet);
          const postedAt = Date.now();
          await page.getByTestId('add-idea-submit').tap();
          taps++;
          console.log(`[phone ${tag}] taps to post an idea: ${taps} (1 after typing)`);
          await expect.poll(() => readNotes(mateDoc.doc).some((n) => n.text === 'Bancs connectés au parc'), { interval: 5 }).toBe(true);
          console.log(`[phone ${tag}] posted on the phone → on the teammate's laptop document: ${Date.now() - postedAt} ms`);
          await expect.poll(() => page.getByTestId('phone-note-text').allTextContents()).toContain('Bancs connectés au parc');
          const stored = await h.server.server.rooms.withRoom(projectRoom(ws.id, 'proj0001'), (room) => readNotes(room.doc));
          expect(stored.find((n) => n.text === 'Bancs connectés au parc')).toMatchObject({ authorId: me, authorName: 'Camille', kind: 'idea' });

          // The teammate writes again: the phone reads it live.
          addNote(mateDoc.doc, { id: 'matenote2', x: 240, y: 0, kind: 'need', text: 'Ombre en été', ...mateAuthor, createdAt: Date.now() });
          await expect.poll(() => page.getByTestId('phone-note-text').allTextContents()).toContain('Ombre en été');
        } finally {
          mateDoc.provider.destroy();
        }

        // A vote round opens: tap + on a note; the server records the ballot.
        const opened = await fac.command({ type: 'vote.open', projectId: 'proj0001', budget: 3, perItemCap: 2 });
        expect(opened.ok).toBe(true);
        await expect.poll(() => page.getByTestId('vote-remaining').getAttribute('data-remaining')).toBe('3');
        const mateCard = page.getByTestId('phone-note').filter({ hasText: 'Ombre en été' });
        await mateCard.getByTestId('vote-plus').tap();
        await expect.poll(() => mateCard.getByTestId('vote-mine').getAttribute('data-count')).toBe('1');
        await expect.poll(() => page.getByTestId('vote-remaining').getAttribute('data-remaining')).toBe('2');
        await expect.poll(async () => (await h.server.server.facilitation.ballotOf(ws.id, me))?.votes).toEqual({ matenote2: 1 });
        // The per-item cap (2) stops a third dot on the same note.
        await mateCard.getByTestId('vote-plus').tap();
        await expect.poll(() => mateCard.getByTestId('vote-mine').getAttribute('data-count')).toBe('2');
        expect(await mateCard.getByTestId('vote-plus').isDisabled()).toBe(true);
        await expectNoOverflow(page, 'project list while voting');
        expect(await seriousViolations(page), 'project list while voting').toEqual([]);
        expect(await smallTargets(page), 'project list targets').toEqual([]);
        await page.screenshot({ path: artifactPath(`phone-vote-${tag}.png`), fullPage: false });

        // An audience question, asked and upvoted from the bottom bar.
        await page.getByTestId('questions-toggle').tap();
        await page.getByTestId('question-input').fill('Qui entretient les capteurs ?');
        await page.getByTestId('question-submit').tap();
        const question = page.getByTestId('question-item').filter({ hasText: 'Qui entretient les capteurs ?' });
        await question.waitFor();
        await question.getByTestId('question-upvote').tap();
        await expect.poll(() => question.getByTestId('question-votes').textContent()).toBe('1');
        const questions = await h.server.server.rooms.withRoom(projectRoom(ws.id, 'proj0001'), (room) => readQuestions(room.doc));
        expect(questions).toEqual([expect.objectContaining({ text: 'Qui entretient les capteurs ?', authorId: me, upvoters: [me] })]);
        await expectNoOverflow(page, 'questions sheet');
        expect(await seriousViolations(page), 'questions sheet').toEqual([]);
        await page.screenshot({ path: artifactPath(`phone-questions-${tag}.png`) });
        await page.getByTestId('questions-toggle').tap();

        // A raised hand and a reaction reach the facilitator.
        const reactions: string[] = [];
        fac.on('reaction', (r) => reactions.push(r.reaction));
        await page.getByTestId('hand-raise').tap();
        await expect.poll(() => fac.latest.state?.hands.map((x) => x.userId)).toEqual([me]);
        await expect.poll(() => page.getByTestId('hand-raise').getAttribute('aria-pressed')).toBe('true');
        await expectNoOverflow(page, 'hand raised');
        await page.getByTestId('phone-reactions-toggle').tap();
        await page.locator('[data-testid="reaction-button"][data-reaction="👏"]').tap();
        await expect.poll(() => reactions).toEqual(['👏']);
        await page.getByTestId('phone-reactions-toggle').tap();

        // Comments on a note, and the focus banner pointing to where the session is.
        await page.getByTestId('phone-note').filter({ hasText: 'Ombre en été' }).getByTestId('phone-note-comments').tap();
        await page.getByTestId('comment-input').fill('Des arbres plutôt que des voiles');
        await page.getByTestId('comment-submit').tap();
        await expect.poll(() => page.getByTestId('comment-text').allTextContents()).toContain('Des arbres plutôt que des voiles');
        await page.getByTestId('phone-focus-banner').waitFor();
        // Everything written from the phone reached the server (the header shows no pending change).
        await expect.poll(() => page.getByTestId('unsynced-count').getAttribute('data-count')).toBe('0');
        await expectNoOverflow(page, 'comments');
        await page.screenshot({ path: artifactPath(`phone-comments-${tag}.png`) });
      } finally {
        fac.close();
      }
    }, 180_000);

    it(`opens the board on demand at ${tag}: one finger pans, two fingers zoom, tap selects, double tap edits`, async () => {
      const ws = await h.server.createWorkshop('Tableau mobile', []);
      await addProjects(h.server.wsUrl, ws.id, ws.facilitatorToken, ['proj0001']);
      const writer = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Ana', role: 'commune' });
      const author = await authorOf(h.server.url, ws.id, writer.token);
      const seed = connectProvider(h.server.wsUrl, projectRoom(ws.id, 'proj0001'), writer.token);
      try {
        await waitForSync(seed.provider);
        seed.doc.transact(() => {
          for (let i = 0; i < 4; i++)
            addNote(seed.doc, {
              id: `boardnote${i}`,
              x: (i % 2) * 240,
              y: Math.floor(i / 2) * 190,
              kind: 'idea',
              text: `Idée ${i + 1}`,
              ...author,
              createdAt: i,
            });
        });
        await expect.poll(async () => (await h.server.server.rooms.withRoom(projectRoom(ws.id, 'proj0001'), (room) => readNotes(room.doc))).length).toBe(4);
      } finally {
        seed.provider.destroy();
      }

      const page = await phone(h.browser, size);
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      const member = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Noor', role: 'expert', community: 'researcher' });
      await page.goto(`${h.server.url}/w/${ws.id}/p/proj0001#token=${member.token}`);
      await expect.poll(() => page.getByTestId('phone-note').count()).toBe(4);
      // The list does not load the canvas code…
      expect(scripts.filter((u) => /CanvasView/.test(u))).toEqual([]);
      await page.getByTestId('open-board').tap();
      await page.getByTestId('canvas').waitFor();
      // …the board does, when opened (its chunks: the bundler may split a small shared one off, named
      // after the view too), each fetched once.
      const canvasScripts = scripts.filter((u) => /CanvasView/.test(u));
      expect(canvasScripts.length).toBeGreaterThanOrEqual(1);
      expect(new Set(canvasScripts).size).toBe(canvasScripts.length);
      await expect.poll(() => page.getByTestId('note').count()).toBe(4);

      // The board keeps at least 70 % of the height; toolbars are collapsed to one button and "add".
      const board = (await page.getByTestId('canvas').boundingBox())!;
      expect(board.height / size.height).toBeGreaterThanOrEqual(0.7);
      await expectNoOverflow(page, 'board');
      expect(await seriousViolations(page), 'board').toEqual([]);
      await page.screenshot({ path: artifactPath(`phone-board-${tag}.png`) });

      const cdp = await page.context().newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Array<{ x: number; y: number }>) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) });
      const layerView = () =>
        page.getByTestId('canvas-layer').evaluate((el) => {
          const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform);
          return m ? { x: Number(m[1]), y: Number(m[2]), scale: Number(m[3]) } : null;
        });
      // A spot of bare board (no note, toolbar or control under it) for the gestures.
      const bare = await page.evaluate(() => {
        const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
        for (let y = c.top + c.height * 0.35; y < c.bottom - 80; y += 20) {
          for (let x = c.left + 30; x < c.right - 30; x += 20) {
            const el = document.elementFromPoint(x, y);
            if (el && !el.closest('.note, button, a, .canvas-toolbar, .canvas-corner, .cluster')) return { x, y };
          }
        }
        return null;
      });
      expect(bare, 'no bare spot on the board').not.toBeNull();

      // One finger drags the board.
      const before = (await layerView())!;
      await touch('touchStart', [bare!]);
      for (let i = 1; i <= 5; i++) await touch('touchMove', [{ x: bare!.x + i * 10, y: bare!.y + i * 8 }]);
      await touch('touchEnd', []);
      await expect.poll(async () => (await layerView())!.x - before.x).toBeCloseTo(50, 0);
      expect((await layerView())!.y - before.y).toBeCloseTo(40, 0);
      expect((await layerView())!.scale).toBe(before.scale);

      // Two fingers pinch — the first one on a note: the scale follows the spread of the fingers,
      // and the note stays where it was.
      const onNote = (await page.locator('[data-note-id="boardnote0"]').boundingBox())!;
      const mid = { x: onNote.x + onNote.width / 2 + 40, y: onNote.y + onNote.height / 2 };
      const panned = (await layerView())!;
      await touch('touchStart', [
        { x: mid.x - 40, y: mid.y },
        { x: mid.x + 40, y: mid.y },
      ]);
      for (let i = 1; i <= 5; i++)
        await touch('touchMove', [
          { x: mid.x - 40 - i * 8, y: mid.y },
          { x: mid.x + 40 + i * 8, y: mid.y },
        ]);
      await touch('touchEnd', []);
      await expect.poll(async () => (await layerView())!.scale / panned.scale).toBeCloseTo(2, 1);
      const positions = await h.server.server.rooms.withRoom(projectRoom(ws.id, 'proj0001'), (room) => readNotes(room.doc).map((n) => [n.id, n.x, n.y]));
      expect(positions.sort()).toEqual([0, 1, 2, 3].map((i) => [`boardnote${i}`, (i % 2) * 240, Math.floor(i / 2) * 190]));

      // Fit to content brings every note back in view.
      await page.getByTestId('zoom-fit').tap();
      await expect.poll(async () => (await layerView())!.scale).not.toBeCloseTo(2 * panned.scale, 2);
      const fitted = await page.getByTestId('note').evaluateAll((els) =>
        els.every((el) => {
          const r = el.getBoundingClientRect();
          return r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      );
      expect(fitted).toBe(true);

      // Tap selects a note, a second tap on its text edits it.
      const note = page.locator('[data-note-id="boardnote0"]');
      await note.getByTestId('note-text').tap();
      await expect.poll(() => note.getAttribute('class')).toContain('is-selected');
      // Its toolbar's buttons are finger-sized on screen, side by side (none squeezed by the note's width).
      const tools = await note
        .getByTestId('note-toolbar')
        .locator('button, select')
        .evaluateAll((els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return { w: r.width, h: r.height, left: r.left, right: r.right };
          }),
        );
      expect(tools.length).toBeGreaterThanOrEqual(3);
      for (const b of tools) expect(Math.min(b.w, b.h)).toBeGreaterThanOrEqual(43.5);
      for (let i = 1; i < tools.length; i++) expect(tools[i].left).toBeGreaterThanOrEqual(tools[i - 1].right - 0.5);
      await note.getByTestId('note-text').tap();
      await expect.poll(() => note.getAttribute('class')).toContain('is-editing');

      // The other tools are one tap away.
      await page.getByTestId('toolbar-more').tap();
      await page.getByTestId('open-comments').waitFor();
      await expectNoOverflow(page, 'board with the toolbar open');
      await page.screenshot({ path: artifactPath(`phone-board-tools-${tag}.png`) });
      await page.getByTestId('open-comments').tap();
      await page.getByTestId('side-panel').waitFor();
      await expectNoOverflow(page, 'board with the comments panel');
      await page.screenshot({ path: artifactPath(`phone-board-comments-${tag}.png`) });

      // The outline (the board as a list) from the same tools: the wrapped top bar pushes the page
      // down instead of covering its title, and nothing runs off the edge.
      await page.getByTestId('side-panel-close').tap();
      await page.getByTestId('outline-toggle').tap();
      await page.getByTestId('outline').waitFor();
      await expect.poll(() => page.getByTestId('outline').locator('h1').first().textContent()).toBe('Projet proj0001');
      const [bar, title] = await Promise.all([page.locator('.topbar').boundingBox(), page.getByTestId('outline').locator('h1').first().boundingBox()]);
      expect(title!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
      // The phone bar (not the laptop's participant bar), the page stopping above it.
      await expect.poll(() => page.locator('nav.phone-bar').count()).toBe(1);
      const main = (await page.locator('.fac-main').boundingBox())!;
      const phoneBar = (await page.locator('nav.phone-bar').boundingBox())!;
      expect(
        Math.round(main.y + main.height - (await page.locator('.fac-main').evaluate((el) => parseFloat(getComputedStyle(el).paddingBottom)))),
      ).toBeLessThanOrEqual(Math.round(phoneBar.y) + 1);
      await expectNoOverflow(page, 'outline');
      await page.screenshot({ path: artifactPath(`phone-outline-${tag}.png`) });
    }, 180_000);
  }

  it('a facilitator on a phone runs the session from the cockpit sheet; a participant has no such button', async () => {
    const ws = await h.server.createWorkshop('Animation mobile', []);
    const member = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Noor', role: 'commune' });
    const participantSocket = connectSocket(h.server.url, member.token);
    const lead = await phone(h.browser, { width: 390, height: 844 });
    const other = await phone(h.browser, { width: 390, height: 844 });
    try {
      await lead.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
      await lead.getByTestId('phone-cockpit-open').tap();
      await lead.getByTestId('phone-cockpit').waitFor();
      // A dialog: the focus starts on its close button.
      await expect.poll(() => lead.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('facilitator-panel-toggle');
      await lead.getByTestId('timer-start').tap();
      // The whole room sees the timer the phone started.
      await expect.poll(() => participantSocket.latest.state?.timer.status, { timeout: 10_000 }).toBe('running');
      await expectNoOverflow(lead, 'cockpit sheet');
      expect(await seriousViolations(lead), 'cockpit sheet').toEqual([]);
      // The cockpit takes the whole screen.
      const sheet = (await lead.getByTestId('facilitator-panel').boundingBox())!;
      expect(sheet.x).toBe(0);
      expect(sheet.width).toBe(390);
      await lead.screenshot({ path: artifactPath('phone-cockpit-390x844.png') });
      // A quick link brings its section up right under the sheet's sticky header.
      await lead.getByTestId('fac-link-people').tap();
      const head = (await lead.locator('.fac-panel-head').boundingBox())!;
      await expect
        .poll(async () => {
          const title = (await lead.getByTestId('fac-section-people').locator('.fac-section-title').boundingBox())!;
          return title.y >= head.y + head.height - 1 && title.y < head.y + head.height + 40;
        })
        .toBe(true);
      // Escape (a keyboard on a tablet) or the close button closes it.
      await lead.keyboard.press('Escape');
      await expect.poll(() => lead.getByTestId('phone-cockpit').count()).toBe(0);
      await lead.getByTestId('phone-cockpit-open').tap();
      await lead.getByTestId('facilitator-panel-toggle').tap();
      await expect.poll(() => lead.getByTestId('phone-cockpit').count()).toBe(0);
      await expect.poll(() => lead.getByTestId('timer-display').first().textContent()).toMatch(/^(9|10):\d\d$/);

      await other.goto(`${h.server.url}/w/${ws.id}#token=${member.token}`);
      await other.getByTestId('participant-bar').waitFor();
      expect(await other.getByTestId('phone-cockpit-open').count()).toBe(0);
    } finally {
      participantSocket.close();
      await lead.context().close();
      await other.context().close();
    }
  });

  it('keeps private ideas as drafts until the reveal, and remembers who joined on this phone', async () => {
    const ws = await h.server.createWorkshop('Écriture privée', []);
    await addProjects(h.server.wsUrl, ws.id, ws.facilitatorToken, ['proj0001']);
    const fac = connectSocket(h.server.url, ws.facilitatorToken);
    try {
      await new Promise<void>((resolve) => fac.on('connect', () => resolve()));
      expect((await fac.command({ type: 'policy.set', privateMode: true })).ok).toBe(true);
      const page = await phone(h.browser, SIZES[0]);
      await page.goto(`${h.server.url}/join/${ws.joinCode}`);
      await page.getByTestId('join-name').fill('Sacha');
      await page.getByTestId('join-role').selectOption('expert');
      await page.getByTestId('join-community').selectOption('maker');
      await page.getByTestId('join-submit').tap();
      await page.getByTestId('phone-project').first().tap();
      const me = await userIdOf(page, ws.id);

      await page.getByTestId('private-mode-badge').waitFor();
      // A tap beside the sheet closes it without posting.
      await page.getByTestId('phone-add-idea').tap();
      await page.getByTestId('add-idea-text').fill('Pas encore');
      await page.touchscreen.tap(10, 10);
      await expect.poll(() => page.getByTestId('add-idea-sheet').count()).toBe(0);
      await page.getByTestId('phone-add-idea').tap();
      await page.getByTestId('add-idea-text').fill('Idée encore secrète');
      await page.getByTestId('add-idea-submit').tap();
      await expect.poll(() => page.getByTestId('phone-drafts').getByTestId('phone-note-text').allTextContents()).toEqual(['Idée encore secrète']);
      await expect.poll(() => page.getByTestId('unsynced-count').getAttribute('data-count')).toBe('0');
      await expectNoOverflow(page, 'drafts');
      await page.screenshot({ path: artifactPath('phone-drafts-360x640.png') });
      // Stored as the author's draft, not on the shared board.
      await expect
        .poll(async () => (await h.server.server.rooms.withRoom(privateRoom(ws.id, 'proj0001', me), (room) => readNotes(room.doc))).map((n) => n.text))
        .toEqual(['Idée encore secrète']);
      expect(await h.server.server.rooms.withRoom(projectRoom(ws.id, 'proj0001'), (room) => readNotes(room.doc))).toEqual([]);

      // The facilitator reveals: the idea is in the list like any other.
      expect((await fac.command({ type: 'private.reveal', projectId: 'proj0001', anonymous: false })).ok).toBe(true);
      expect((await fac.command({ type: 'policy.set', privateMode: false })).ok).toBe(true);
      await expect.poll(() => page.getByTestId('phone-section').getByTestId('phone-note-text').allTextContents()).toEqual(['Idée encore secrète']);
      expect(await page.getByTestId('phone-drafts').count()).toBe(0);

      // The next join link on this phone starts with the same pseudonym, role and community.
      const other = await h.server.createWorkshop('Atelier suivant', []);
      await page.goto(`${h.server.url}/join/${other.joinCode}`);
      await expect.poll(() => page.getByTestId('joiner-title').textContent()).toBe('Atelier suivant');
      expect(await page.getByTestId('join-name').inputValue()).toBe('Sacha');
      expect(await page.getByTestId('join-role').inputValue()).toBe('expert');
      expect(await page.getByTestId('join-community').inputValue()).toBe('maker');
    } finally {
      fac.close();
    }
  }, 180_000);

  it('a phone in landscape keeps the phone layout; a tablet gets the full one; nothing scrolls sideways', async () => {
    const ws = await h.server.createWorkshop('Paysage et tablette', []);
    await addProjects(h.server.wsUrl, ws.id, ws.facilitatorToken, ['proj0001']);
    const member = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Lou', role: 'commune' });

    const landscape = await phone(h.browser, { width: 844, height: 390 });
    await landscape.goto(`${h.server.url}/w/${ws.id}#token=${member.token}`);
    await landscape.getByTestId('phone-workshop').waitFor();
    await expectNoOverflow(landscape, 'landscape: projects');
    await landscape.getByTestId('phone-project').first().tap();
    await landscape.getByTestId('phone-add-idea').waitFor();
    await expectNoOverflow(landscape, 'landscape: project');
    await landscape.screenshot({ path: artifactPath('phone-landscape-844x390.png') });
    await landscape.getByTestId('open-board').tap();
    await landscape.getByTestId('canvas').waitFor();
    const board = (await landscape.getByTestId('canvas').boundingBox())!;
    expect(board.height / 390).toBeGreaterThanOrEqual(0.7);
    await expectNoOverflow(landscape, 'landscape: board');
    await landscape.screenshot({ path: artifactPath('phone-landscape-board-844x390.png') });
    // The outline, one tap from the board's tools, fits too.
    const narrow = await phone(h.browser, SIZES[0]);
    const second = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Mia', role: 'commune' });
    await narrow.goto(`${h.server.url}/w/${ws.id}/p/proj0001?view=board#token=${second.token}`);
    await narrow.getByTestId('toolbar-more').tap();
    await narrow.getByTestId('outline-toggle').tap();
    await narrow.getByTestId('outline').waitFor();
    await expectNoOverflow(narrow, 'outline at 360');

    const context = await h.browser.newContext({ viewport: { width: 768, height: 1024 }, isMobile: true, hasTouch: true, locale: 'fr-BE' });
    const tablet = await context.newPage();
    const third = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Tom', role: 'expert', community: 'company' });
    await tablet.goto(`${h.server.url}/w/${ws.id}#token=${third.token}`);
    await tablet.getByTestId('project-card').first().waitFor();
    expect(await tablet.getByTestId('phone-workshop').count()).toBe(0);
    await expectNoOverflow(tablet, 'tablet: workshop');
    await tablet.getByTestId('project-open').first().click();
    await tablet.getByTestId('canvas').waitFor();
    await expectNoOverflow(tablet, 'tablet: canvas');
    await tablet.screenshot({ path: artifactPath('tablet-canvas-768x1024.png') });
  }, 180_000);
});
