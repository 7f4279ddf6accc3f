import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addNote } from '../../shared/operations';
import { projectRoom } from '../../shared/rooms';
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
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Visible interactive elements smaller than a fingertip (44×44 CSS px). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input:not([type="checkbox"]):not([type="radio"]), select, textarea, summary')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden, .skip-link')) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.className}] ${Math.round(r.width)}×${Math.round(r.height)}`);
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

        // The join link opens a page that only joins.
        const page = await phone(h.browser, size);
        await page.goto(`${h.server.url}/join/${ws.joinCode}`);
        await expect.poll(() => page.getByTestId('joiner-title').textContent()).toContain('journée 2');
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
        await page.getByTestId('phone-project').first().waitFor();
        const joinMs = Date.now() - joinedAt;
        console.log(`[phone ${tag}] join tap → project list: ${joinMs} ms`);
        await expect.poll(() => page.getByTestId('phone-project').first().getAttribute('data-project-id')).toBe('proj0002');
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
          await page.screenshot({ path: artifactPath(`phone-add-idea-${tag}.png`) });
          await page.getByTestId('add-idea-submit').tap();
          taps++;
          console.log(`[phone ${tag}] taps to post an idea: ${taps} (1 after typing)`);
          await expect.poll(() => page.getByTestId('phone-note-text').allTextContents()).toContain('Bancs connectés au parc');
          const stored = await h.server.server.rooms.withRoom(projectRoom(ws.id, 'proj0001'), (room) => readNotes(room.doc));
          expect(stored.find((n) => n.text === 'Bancs connectés au parc')).toMatchObject({ authorId: me, authorName: 'Camille', kind: 'idea' });
          // …and the teammate's laptop has it too.
          await expect.poll(() => readNotes(mateDoc.doc).some((n) => n.text === 'Bancs connectés au parc')).toBe(true);

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

        // Comments on a note, and the focus banner pointing to where the session is.
        await page.getByTestId('phone-note').filter({ hasText: 'Ombre en été' }).getByTestId('phone-note-comments').tap();
        await page.getByTestId('comment-input').fill('Des arbres plutôt que des voiles');
        await page.getByTestId('comment-submit').tap();
        await expect.poll(() => page.getByTestId('comment-text').allTextContents()).toContain('Des arbres plutôt que des voiles');
        await page.getByTestId('phone-focus-banner').waitFor();
        await expectNoOverflow(page, 'comments');
        await page.screenshot({ path: artifactPath(`phone-comments-${tag}.png`) });
      } finally {
        fac.close();
      }
    }, 180_000);
  }
});
