import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

describe.skipIf(!run)('canvas in a real browser', () => {
  const h = browserHarness();

  it('the board image (PNG export) is drawn in the board’s own colours (design tokens)', async () => {
    const { page } = await h.facilitatorOnNewProject('Image du tableau', 'Mobilité');
    await page.getByTestId('add-note').click();
    await page.getByTestId('note-text').first().fill('Bus');
    await page.getByTestId('note-kind').first().selectOption('technology');
    await page.getByTestId('reports-menu').locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-project-png').click()]);
    const png = readFileSync((await download.path())!).toString('base64');
    // Decoded by the browser: the background and the technology note's colour, as the tokens say.
    const seen = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const hex = (i: number) => `#${[data[i], data[i + 1], data[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      const style = getComputedStyle(document.documentElement);
      const technology = style.getPropertyValue('--kind-technology').trim();
      let technologyPixels = 0;
      for (let i = 0; i < data.length; i += 4) if (hex(i) === technology) technologyPixels++;
      return { corner: hex(0), background: style.getPropertyValue('--bg').trim(), technologyPixels };
    }, png);
    expect(seen.corner).toBe(seen.background);
    // A 200 × 150 note at twice the scale, less its strip and text: tens of thousands of pixels.
    expect(seen.technologyPixels).toBeGreaterThan(50_000);
  });

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
    await expect.poll(() => participant.getByTestId('presence-user').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Animateur')]));
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
