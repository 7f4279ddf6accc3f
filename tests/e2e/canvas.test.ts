import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

describe.skipIf(!run)('canvas in a real browser', () => {
  const h = browserHarness();

  it('two people co-edit a sticky note live, with presence and cursors', async () => {
    const ws = await h.server.createWorkshop('Regards croisés — test', []);

    // The facilitator opens their link and adds a project.
    const facilitator = await h.newPage({ height: 800 });
    await facilitator.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await expect.poll(() => facilitator.getByTestId('workshop-title').textContent()).toContain('Regards croisés — test');
    expect(new URL(facilitator.url()).hash).toBe(''); // the token does not stay in the address bar
    await facilitator.getByTestId('add-project-name').fill('Parking intelligent');
    await facilitator.getByTestId('add-project-submit').click();
    const card = facilitator.getByTestId('project-card').filter({ hasText: 'Parking intelligent' });
    await card.getByTestId('project-open').click();
    await facilitator.getByTestId('canvas').waitFor();

    // A participant joins with the code, from the lobby, in another browser context.
    const participant = await h.newPage({ height: 800 });
    await participant.goto(`${h.server.url}/join/${ws.joinCode}`);
    await expect.poll(() => participant.getByTestId('join-code').inputValue()).toBe(ws.joinCode);
    await participant.getByTestId('join-name').fill('Chloé');
    await participant.getByTestId('join-role').selectOption('expert');
    await participant.getByTestId('join-community').selectOption('researcher');
    await participant.getByTestId('join-submit').click();
    await participant.getByTestId('project-card').filter({ hasText: 'Parking intelligent' }).getByTestId('project-open').click();
    await participant.getByTestId('canvas').waitFor();

    // The facilitator adds a note and types in it.
    await facilitator.getByTestId('add-note').click();
    const text = facilitator.getByTestId('note-text').first();
    await text.click();
    await text.pressSequentially('Capteurs de places libres', { delay: 5 });

    // The participant sees the same text, then adds to it; the facilitator sees the addition.
    const seen = participant.getByTestId('note-text').first();
    await expect.poll(() => seen.inputValue(), { timeout: 10_000 }).toBe('Capteurs de places libres');
    await seen.click();
    await seen.press('End');
    await seen.pressSequentially(' + open data', { delay: 5 });
    await expect.poll(() => text.inputValue(), { timeout: 10_000 }).toBe('Capteurs de places libres + open data');

    // Presence and the facilitator's cursor, as the participant sees them.
    await expect.poll(() => participant.getByTestId('presence-user').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Animateur')]),
    );
    const box = (await facilitator.getByTestId('canvas').boundingBox())!;
    await facilitator.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 150);
    await facilitator.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 160, { steps: 5 });
    await expect.poll(() => participant.getByTestId('remote-cursor').allTextContents()).toEqual([expect.stringContaining('Animateur')]);

    // The kind (colour) changes for everyone.
    await facilitator.getByTestId('note-kind').first().selectOption('technology');
    await expect.poll(() => participant.getByTestId('note').first().getAttribute('data-kind')).toBe('technology');

    const shot = artifactPath('canvas.png');
    await participant.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  });
});
