import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkshop } from '../../server/api/workshopRoutes';
import { DEMO_SEED } from '../../server/workshopSeed';
import { readWorkshop } from '../../shared/schema';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

describe.skipIf(!run)('facilitation and the projector wall in a real browser', () => {
  const h = browserHarness();

  it('the projector follows the facilitator: stage, focus, timer; participants see the timer and the pitch rules', async () => {
    const ws = await createWorkshop(h.server.server.storage, {
      title: 'Regards croisés sur la SmartCity',
      facilitatorName: 'Animatrice',
      seed: DEMO_SEED,
      now: Date.now(),
    });
    const doc = new Y.Doc();
    for (const u of await h.server.server.storage.docs.load(ws.id)) Y.applyUpdate(doc, u);
    const projects = Object.fromEntries(readWorkshop(doc).projects.map((p) => [p.name, p.id]));

    const facilitator = await h.newPage({ height: 800 });
    await facilitator.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await facilitator.getByTestId('facilitator-panel').waitFor();

    // A projector link, opened on a 1920×1080 screen.
    await facilitator.getByTestId('projector-link-create').click();
    const projectorLink = await facilitator.getByTestId('projector-link').inputValue();
    expect(projectorLink).toContain(`/w/${ws.id}/present#token=`);
    const projector = await h.newPage({ width: 1920, height: 1080 });
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
    const participant = await h.newPage({ height: 800 });
    await participant.goto(`${h.server.url}/join/${ws.joinCode}`);
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
    await participant.goto(`${h.server.url}/w/${ws.id}/p/${projects.Namur}`);
    await participant.getByTestId('readonly-banner').waitFor();
    expect(await participant.getByTestId('add-note').count()).toBe(0);

    await projector.waitForTimeout(300);
    const shot = artifactPath('projector-1920x1080.png');
    await projector.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });
});
