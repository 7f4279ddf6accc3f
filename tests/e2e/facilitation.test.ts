import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkshop } from '../../server/api/workshopRoutes';
import { DEMO_SEED } from '../../server/workshopSeed';
import { readWorkshop } from '../../shared/schema';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { artifactPath, browserAvailable, launchBrowser } from './browser';

const run = browserAvailable();

describe.skipIf(!run)('facilitation and the projector wall in a real browser', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer({ staticDir: inject('clientDir') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function newPage(width = 1280, height = 800): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'fr-BE' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    return page;
  }

  it('the projector follows the facilitator: stage, focus, timer; participants see the timer and the pitch rules', async () => {
    const ws = await createWorkshop(t.server.storage, { title: 'Regards croisés sur la SmartCity', facilitatorName: 'Animatrice', seed: DEMO_SEED, now: Date.now() });
    const doc = new Y.Doc();
    for (const u of await t.server.storage.docs.load(ws.id)) Y.applyUpdate(doc, u);
    const projects = Object.fromEntries(readWorkshop(doc).projects.map((p) => [p.name, p.id]));

    const facilitator = await newPage();
    await facilitator.goto(`${t.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await facilitator.getByTestId('facilitator-panel').waitFor();

    // A projector link, opened on a 1920×1080 screen.
    await facilitator.getByTestId('projector-link-create').click();
    const projectorLink = await facilitator.getByTestId('projector-link').inputValue();
    expect(projectorLink).toContain(`/w/${ws.id}/present#token=`);
    const projector = await newPage(1920, 1080);
    await projector.goto(projectorLink);
    await projector.getByTestId('projector-view').waitFor();
    await expect.poll(() => projector.getByTestId('projector-join-code').textContent()).toContain(ws.joinCode);
    expect(await projector.locator('[data-testid="projector-qr"] svg').count()).toBe(1);

    // Reverse pitch of Andenne, with the timer running.
    await facilitator.getByTestId('stage-select').selectOption('reverse-pitch');
    await facilitator.getByTestId('focus-select').selectOption(projects.Andenne);
    await facilitator.getByTestId('stage-apply').click();
    await expect.poll(() => projector.getByTestId('projector-stage').getAttribute('data-stage')).toBe('reverse-pitch');
    await expect.poll(() => projector.getByTestId('projector-project').textContent()).toContain('Andenne');
    await facilitator.getByTestId('timer-start').click();
    await expect.poll(() => projector.getByTestId('projector-timer').textContent()).toMatch(/1[45]:\d\d/);

    // A participant joins and sees the same running timer.
    const participant = await newPage();
    await participant.goto(`${t.url}/join/${ws.joinCode}`);
    await participant.getByTestId('join-name').fill('Élu de Namur');
    await participant.getByTestId('join-role').selectOption('commune');
    await participant.getByTestId('join-submit').click();
    await expect.poll(() => participant.getByTestId('timer-display').getAttribute('data-status')).toBe('running');
    await expect.poll(() => participant.getByTestId('timer-display').textContent()).toMatch(/1[45]:\d\d/);

    // Focus moves to Namur: the projector follows.
    await facilitator.getByTestId('focus-select').selectOption(projects.Namur);
    await facilitator.getByTestId('focus-apply').click();
    await expect.poll(() => projector.getByTestId('projector-project').textContent()).toContain('Namur');

    // Public pitch: the canvas is read-only for participants, enforced and shown.
    await facilitator.getByTestId('stage-select').selectOption('pitch');
    await facilitator.getByTestId('stage-apply').click();
    await participant.goto(`${t.url}/w/${ws.id}/p/${projects.Namur}`);
    await participant.getByTestId('readonly-banner').waitFor();
    expect(await participant.getByTestId('add-note').count()).toBe(0);

    await projector.waitForTimeout(300);
    const shot = artifactPath('projector-1920x1080.png');
    await projector.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });
});
