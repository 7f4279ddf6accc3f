import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every CSP violation the page (or any frame of it) reports, from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) logged.push(msg.text());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return async () => [...logged, ...((await page.evaluate(() => window.__cspViolations ?? [])) as string[])];
}

describe.skipIf(!run)('the app under its Content-Security-Policy', () => {
  const h = browserHarness();

  it('runs the lobby, a canvas, the facilitator panel, the projector and a report with no violation', async () => {
    const page = await h.newPage();
    const violations = await watchViolations(page);

    // The lobby, with the policy in force.
    const lobby = await page.goto(`${h.server.url}/`);
    const csp = lobby!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(lobby!.headers()['x-content-type-options']).toBe('nosniff');
    expect(lobby!.headers()['referrer-policy']).toBe('no-referrer');
    await page.getByTestId('create-title').waitFor();

    // A workshop created from the lobby: the facilitator's page and panel.
    await page.getByTestId('create-title').fill('Atelier sous CSP');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('facilitator-panel').waitFor();
    const workshopId = new URL(page.url()).pathname.split('/')[2];
    await page.getByTestId('add-project-name').fill('Mobilité douce');
    await page.getByTestId('add-project-submit').click();

    // A canvas with a note, and follow-me from the panel.
    await page.getByTestId('project-card').filter({ hasText: 'Mobilité douce' }).getByTestId('project-open').click();
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('add-note').click();
    const text = page.getByTestId('note-text').first();
    await text.click();
    await text.pressSequentially('Pistes cyclables sûres', { delay: 2 });
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    const panelToggle = page.getByTestId('facilitator-panel-toggle');
    if ((await page.getByTestId('facilitator-panel').getAttribute('data-open')) === 'false') await panelToggle.click();

    // The projector wall (QR code, timer), in another browser.
    await page.goto(`${h.server.url}/w/${workshopId}`);
    await page.getByTestId('projector-link-create').click();
    const projectorLink = await page.getByTestId('projector-link').inputValue();
    const projector = await h.newPage({ width: 1920, height: 1080 });
    const projectorViolations = await watchViolations(projector);
    await projector.goto(projectorLink);
    await projector.getByTestId('projector-view').waitFor();
    // The QR shows once the wall knows joining is open (the facilitation state arrives after the page).
    await expect.poll(() => projector.locator('[data-testid="projector-qr"] svg').count(), { timeout: 10_000 }).toBe(1);

    // The printable report.
    await page.goto(`${h.server.url}/w/${workshopId}/p/${projectId}/report`);
    await expect.poll(() => page.getByTestId('report').getAttribute('data-ready'), { timeout: 15_000 }).toBe('true');
    expect(await page.getByTestId('report').textContent()).toContain('Pistes cyclables sûres');

    expect(await violations()).toEqual([]);
    expect(await projectorViolations()).toEqual([]);
  });

  it('reports a violation when the page breaks the policy (the listener works)', async () => {
    const page = await h.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${h.server.url}/`);
    await page.getByTestId('create-title').waitFor();
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  });
});
