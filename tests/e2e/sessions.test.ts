import { statSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

/** Every URL a page opens (HTTP requests and WebSockets), to check that no long-lived token is in one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (ws) => urls.push(ws.url()));
  return urls;
}

/**
 * Who this page is once it has settled: the facilitator's panel (loaded on demand, so it may come a
 * moment after the page), the wall, or anything else after 15 s (a participant's page, a question).
 */
const identityOf = async (page: Page): Promise<'facilitator' | 'projector' | 'other'> => {
  const settled = await page
    .locator('[data-testid="facilitator-panel"], [data-testid="projector-view"]')
    .first()
    .waitFor({ timeout: 15_000 })
    .then(
      () => true,
      () => false,
    );
  if (!settled) return 'other';
  if ((await page.getByTestId('projector-view').count()) > 0) return 'projector';
  return 'facilitator';
};

describe.skipIf(!run)('sessions: identities that never collide, tokens kept out of URLs', () => {
  const h = browserHarness();

  async function facilitatorBrowser(title: string) {
    const ws = await h.server.createWorkshop(title, []);
    const page = await h.newPage({ width: 1366, height: 768, acceptDialogs: true });
    const context: BrowserContext = page.context();
    const urls = recordUrls(page);
    await page.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await page.getByTestId('facilitator-panel').waitFor();
    if ((await page.getByTestId('facilitator-panel').getAttribute('data-open')) !== 'true') await page.getByTestId('facilitator-panel-toggle').click();
    return { ws, page, context, urls };
  }

  it('the projector link opened in a new tab of the facilitator’s browser: after reloads, still facilitator and still projector', async () => {
    const { ws, page: facilitator, context, urls } = await facilitatorBrowser('Même navigateur');
    await facilitator.getByTestId('projector-link-create').click();
    const projectorLink = await facilitator.getByTestId('projector-link').inputValue();

    const projector = await context.newPage();
    const projectorUrls = recordUrls(projector);
    await projector.goto(projectorLink);
    await projector.getByTestId('projector-view').waitFor();

    await facilitator.reload();
    expect(await identityOf(facilitator)).toBe('facilitator');
    await projector.reload();
    expect(await identityOf(projector)).toBe('projector');
    // The other order, and a third tab opened afterwards on the board.
    await projector.reload();
    await facilitator.reload();
    expect(await identityOf(projector)).toBe('projector');
    expect(await identityOf(facilitator)).toBe('facilitator');
    const third = await context.newPage();
    const thirdUrls = recordUrls(third);
    await third.goto(`${h.server.url}/w/${ws.id}`);
    expect(await identityOf(third)).toBe('facilitator');

    // The board is live over tickets: the sockets opened, none carries a long-lived token.
    const projectorToken = new URLSearchParams(new URL(projectorLink).hash.slice(1)).get('token')!;
    const all = [...urls, ...projectorUrls, ...thirdUrls];
    const sockets = all.filter((u) => u.includes('/yjs/'));
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    for (const u of sockets) expect(new URL(u).searchParams.get('token')).toMatch(/^v1\./);
    for (const u of all) {
      expect(u).not.toContain(ws.facilitatorToken);
      expect(u).not.toContain(encodeURIComponent(ws.facilitatorToken));
      // The projector link itself is the only place its token was typed (in the fragment, never sent).
      if (!u.includes('#')) expect(u).not.toContain(projectorToken);
    }

    // The lobby lists both identities, each with its role.
    await third.goto(`${h.server.url}/`);
    await third.getByTestId('my-workshops').waitFor();
    const roles = await third.getByTestId('my-identity').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles.sort()).toEqual(['facilitator', 'viewer']);
    const shot = artifactPath('lobby-my-workshops-1366x768.png');
    await third.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  }, 180_000);

  it('a viewer link opened in a facilitator’s browser asks first, and staying keeps the facilitator', async () => {
    const { ws, page, context } = await facilitatorBrowser('Fixation');
    // An outsider's own viewer token, sent to the facilitator as a link.
    const res = await fetch(`${h.server.url}/api/workshops/${ws.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ joinCode: ws.joinCode, name: 'Intrus', role: 'viewer' }),
    });
    const viewer = (await res.json()) as { token: string };

    await page.goto(`${h.server.url}/w/${ws.id}#token=${viewer.token}`);
    await page.getByTestId('link-choice').waitFor();
    expect(page.url()).not.toContain(viewer.token);
    await page.screenshot({ path: artifactPath('link-choice-1366x768.png') });
    await page.getByTestId('link-stay').click();
    expect(await identityOf(page)).toBe('facilitator');
    await page.reload();
    expect(await identityOf(page)).toBe('facilitator');
    // Declining kept nothing of the other identity.
    const stored = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('croisee.session.'))
        .map((k) => localStorage.getItem(k)!),
    );
    expect(stored.some((v) => v.includes(viewer.token))).toBe(false);

    // Switching is explicit, for this tab only: another tab stays facilitator.
    const other = await context.newPage();
    await other.goto(`${h.server.url}/w/${ws.id}#token=${viewer.token}`);
    await other.getByTestId('link-switch').click();
    await other.locator('.fac-shell').waitFor();
    expect(await other.getByTestId('facilitator-panel').count()).toBe(0);
    await page.reload();
    expect(await identityOf(page)).toBe('facilitator');
  }, 180_000);

  it('people: the projector is listed apart and revoked from the links; removal refuses a rejoin until re-admitted; the door says why', async () => {
    const { ws, page: facilitator, context } = await facilitatorBrowser('Personnes');
    await facilitator.getByTestId('projector-link-create').click();
    const projector = await context.newPage();
    await projector.goto(await facilitator.getByTestId('projector-link').inputValue());
    await projector.getByTestId('projector-view').waitFor();

    const participant = await h.newPage({ width: 1366, height: 768 });
    await participant.goto(`${h.server.url}/join/${ws.joinCode.toLowerCase()}`);
    await participant.getByTestId('join-name').fill('Camille');
    await participant.getByTestId('join-submit').click();
    await participant.locator('.fac-shell').waitFor();

    // The projector is team, with no remove button; Camille is a participant with one.
    await expect.poll(() => facilitator.getByTestId('presence-person').count()).toBe(1);
    await expect.poll(() => facilitator.getByTestId('team-person').count()).toBe(2);
    expect(await facilitator.getByTestId('people-team').getByTestId('presence-remove').count()).toBe(0);
    await expect.poll(() => facilitator.getByTestId('issued-link').count()).toBe(1);
    await facilitator.getByTestId('facilitator-panel').screenshot({ path: artifactPath('people-panel-1366x768.png') });

    // Removal: Camille is told, and cannot come back from this browser.
    await facilitator.getByTestId('presence-remove').click();
    await participant.getByTestId('lobby-notice').waitFor();
    expect(await participant.getByTestId('lobby-notice').textContent()).toContain('retiré');
    await participant.goto(`${h.server.url}/join/${ws.joinCode}`);
    await participant.getByTestId('join-name').fill('Camille bis');
    await participant.getByTestId('join-submit').click();
    await expect.poll(() => participant.getByTestId('form-error').textContent()).toContain('réadmettre');

    // Re-admitted: the same browser joins again.
    await facilitator.getByTestId('readmit').click();
    await expect.poll(() => facilitator.getByTestId('readmit').count()).toBe(0);
    await participant.getByTestId('join-submit').click();
    await participant.locator('.fac-shell').waitFor();

    // Locked door vs wrong code: different words.
    await facilitator.getByTestId('join-lock').check();
    const late = await h.newPage();
    await late.goto(`${h.server.url}/join/${ws.joinCode}`);
    await late.getByTestId('join-locked').waitFor();
    await late.getByTestId('join-name').fill('Retardataire');
    await late.getByTestId('join-submit').click();
    await expect.poll(() => late.getByTestId('form-error').textContent()).toContain('animateur·rice');
    await late.getByTestId('join-code').fill('ZZZZZ0');
    await late.getByTestId('join-submit').click();
    await expect.poll(() => late.getByTestId('form-error').textContent()).toContain('O, 0, I ni 1');

    // Revoking the projector link closes the wall.
    await facilitator.getByTestId('link-revoke').click();
    await projector.getByTestId('lobby-notice').waitFor();
    await facilitator.screenshot({ path: artifactPath('people-links-1366x768.png') });
  }, 180_000);

  it('a co-facilitator chooses their name; a dropped connection comes back with a fresh ticket', async () => {
    const { ws, page: facilitator } = await facilitatorBrowser('Co-animation');
    await facilitator.getByTestId('cofacilitator-link-create').click();
    const link = await facilitator.getByTestId('cofacilitator-link').inputValue();

    const co = await h.newPage({ width: 1366, height: 768 });
    const sockets: string[] = [];
    co.on('websocket', (w) => sockets.push(w.url()));
    await co.goto(link);
    await co.getByTestId('choose-name').waitFor();
    await co.getByTestId('choose-name-input').fill('Zoé');
    await co.getByTestId('choose-name-submit').click();
    await co.getByTestId('facilitator-panel').waitFor();
    await expect.poll(() => facilitator.getByTestId('people-team').textContent()).toContain('Zoé');
    await co.reload();
    await co.getByTestId('facilitator-panel').waitFor();
    expect(await co.getByTestId('choose-name').count()).toBe(0);

    // The server drops the co-facilitator's document connections (as a restart would): the page
    // reconnects on its own, each socket with a ticket of its own.
    const workshopSockets = () => sockets.filter((u) => new URL(u).pathname === `/yjs/${ws.id}`);
    await expect.poll(() => workshopSockets().length).toBeGreaterThanOrEqual(1);
    const before = workshopSockets().length;
    const me = await co.evaluate((id) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith(`croisee.session.${id}.`) && localStorage.getItem(k)!.includes('"named":true'));
      return (JSON.parse(localStorage.getItem(key!)!) as { userId: string }).userId;
    }, ws.id);
    h.server.server.rooms.closeConnectionsOf(ws.id, me, CloseCode.serverRestarting, 'server restarting');
    await expect.poll(() => workshopSockets().length, { timeout: 30_000 }).toBeGreaterThan(before);
    const tickets = workshopSockets().map((u) => new URL(u).searchParams.get('token'));
    expect(new Set(tickets).size).toBe(tickets.length);
    await expect.poll(() => co.getByTestId('connection-status').first().getAttribute('data-status'), { timeout: 30_000 }).toBe('connected');
  }, 180_000);
});
