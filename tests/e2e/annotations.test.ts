import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

describe.skipIf(!run)('annotations and common challenges in a real browser', () => {
  const h = browserHarness();

  async function joinAs(workshopId: string, joinCode: string, name: string, role: 'commune' | 'expert', community?: string): Promise<Page> {
    const page = await h.newPage({ width: 1360, acceptDialogs: true });
    await page.goto(`${h.server.url}/join/${joinCode}`);
    await page.getByTestId('join-name').fill(name);
    await page.getByTestId('join-role').selectOption(role);
    if (community) await page.getByTestId('join-community').selectOption(community);
    await page.getByTestId('join-submit').click();
    await page.waitForURL(new RegExp(`/w/${workshopId}$`));
    return page;
  }

  async function openProject(page: Page, name: string) {
    await page.getByTestId('project-card').filter({ hasText: name }).getByTestId('project-open').click();
    await page.getByTestId('canvas').waitFor();
  }

  async function addNote(page: Page, text: string) {
    const before = await page.getByTestId('note').count();
    await page.getByTestId('add-note').click();
    await expect.poll(() => page.getByTestId('note').count()).toBe(before + 1);
    const area = page.getByTestId('note-text').nth(before);
    await area.click();
    await area.pressSequentially(text, { delay: 2 });
    return page.getByTestId('note').nth(before);
  }

  it('the author filter finds an expert’s note after the expert has left (the role is recorded on the note)', async () => {
    const { ws, page: facilitator } = await h.facilitatorOnNewProject('Filtre auteurs', 'Éclairage', { width: 1360, acceptDialogs: true });
    await addNote(facilitator, 'Note de l’animatrice');

    const expert = await joinAs(ws.id, ws.joinCode, 'Noor', 'expert', 'researcher');
    await openProject(expert, 'Éclairage');
    await expect.poll(() => expert.getByTestId('note').count(), { timeout: 10_000 }).toBe(1); // the facilitator's note
    await addNote(expert, 'Lampadaires à détection');
    await expect
      .poll(() => facilitator.getByTestId('note-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)), { timeout: 10_000 })
      .toContain('Lampadaires à détection');
    await expert.context().close();

    await facilitator.getByTestId('toggle-filters').click();
    await facilitator.getByTestId('filter-authors').click();
    await facilitator.locator('[data-testid="filter-community"][data-community="researcher"]').check();
    const states = async () =>
      facilitator.getByTestId('note').evaluateAll((notes) => notes.map((n) => [n.querySelector('textarea')?.value, n.getAttribute('data-filter')]));
    await expect.poll(states).toEqual([
      ['Note de l’animatrice', 'dim'],
      ['Lampadaires à détection', 'match'],
    ]);
    await facilitator.locator('[data-testid="filter-community"][data-community="researcher"]').uncheck();
    await facilitator.locator('[data-testid="filter-role"][data-role="expert"]').check();
    await expect.poll(states).toEqual([
      ['Note de l’animatrice', 'dim'],
      ['Lampadaires à détection', 'match'],
    ]);
  });

  it('an expert annotates a note remotely; a participant sees the thread with the expert’s community', async () => {
    const { ws, page: facilitator } = await h.facilitatorOnNewProject('Annotations', 'Parking intelligent', { width: 1360, acceptDialogs: true });
    await addNote(facilitator, 'Capteurs de places libres');

    // The expert works alone, remotely, in their own browser context.
    const expert = await joinAs(ws.id, ws.joinCode, 'Noor', 'expert', 'maker');
    await openProject(expert, 'Parking intelligent');
    await expect.poll(() => expert.getByTestId('note-text').first().inputValue(), { timeout: 10_000 }).toBe('Capteurs de places libres');
    // The note's controls show on hover, in its contextual toolbar.
    await expert.getByTestId('note').first().hover();
    await expert.getByTestId('note-comments').first().click();
    await expert.getByTestId('comment-input').first().fill('Un capteur LoRaWAN par place coûte ~40 €.');
    await expert.getByTestId('comment-submit').first().click();
    await expect.poll(() => expert.getByTestId('comment-text').allTextContents()).toContain('Un capteur LoRaWAN par place coûte ~40 €.');

    // A commune participant sees the badge, opens the thread and sees the expert's community.
    const participant = await joinAs(ws.id, ws.joinCode, 'Camille', 'commune');
    await openProject(participant, 'Parking intelligent');
    // The open-thread count shows on the note itself, without hovering it.
    const badge = participant.getByTestId('note-comment-count').first();
    await expect
      .poll(async () => (await participant.getByTestId('note-comment-count').allTextContents()).map((c) => c.trim()), { timeout: 10_000 })
      .toEqual(['1']);
    expect(await participant.getByTestId('note-comments').first().getAttribute('data-count')).toBe('1');
    await badge.click();
    const comment = participant.getByTestId('comment').first();
    await expect.poll(() => comment.textContent()).toContain('LoRaWAN');
    expect(await comment.getByTestId('comment-community').getAttribute('data-community')).toBe('maker');
    expect(await comment.textContent()).toContain('Noor');
    expect(await comment.textContent()).toContain('Makers');

    // The participant replies; the expert resolves the thread; the badge clears for everyone.
    await participant.getByTestId('comment-input').first().fill('Merci, on le note pour le budget.');
    await participant.getByTestId('comment-submit').first().click();
    await expect.poll(() => expert.getByTestId('comment-text').allTextContents(), { timeout: 10_000 }).toContain('Merci, on le note pour le budget.');
    await expert.getByTestId('thread-resolve').first().click();
    await expect.poll(() => participant.getByTestId('note-comments').first().getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    expect(await participant.getByTestId('note-comment-count').count()).toBe(0);

    const shot = artifactPath('annotations.png');
    await participant.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  });

  it('a challenge created from a note in project A gains a link from a note in project B; both notes show the backlink', async () => {
    const ws = await h.server.createWorkshop('Défis', []);
    const fac = await h.newPage({ width: 1360, acceptDialogs: true });
    await fac.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    for (const name of ['Andenne', 'Ciney']) {
      await fac.getByTestId('add-project-name').fill(name);
      await fac.getByTestId('add-project-submit').click();
      await fac.getByTestId('project-card').filter({ hasText: name }).waitFor();
    }

    // Project A: a note becomes a common challenge.
    await openProject(fac, 'Andenne');
    const noteA = await addNote(fac, 'Impliquer les citoyens dans la collecte de données');
    await noteA.getByTestId('note-create-challenge').click();
    await expect.poll(() => fac.getByTestId('challenge-title-text').allTextContents()).toEqual(['Impliquer les citoyens dans la collecte de données']);
    await expect.poll(() => noteA.getByTestId('note-challenge-badge').textContent()).toContain('1');

    // Project B, another person: a note is linked to the same challenge.
    const other = await joinAs(ws.id, ws.joinCode, 'Lou', 'commune');
    await openProject(other, 'Ciney');
    const noteB = await addNote(other, 'Participation citoyenne à la mesure de la qualité de l’air');
    await noteB.getByTestId('note-details').click();
    const select = other.getByTestId('note-link-challenge');
    await expect.poll(() => select.locator('option').count(), { timeout: 10_000 }).toBe(2);
    await select.selectOption({ index: 1 });
    await expect.poll(() => other.getByTestId('note-backlink').allTextContents()).toEqual([expect.stringContaining('Impliquer les citoyens')]);
    await expect.poll(() => noteB.getByTestId('note-challenge-badge').textContent()).toContain('1');
    expect(await noteB.getByTestId('note-challenge-badge').getAttribute('aria-label')).toContain('Impliquer les citoyens');

    // Back in A, the challenge lists both projects; A's note still carries its backlink.
    await fac.getByTestId('open-challenges').click();
    await fac.getByTestId('open-challenges').click();
    const challenge = fac.getByTestId('challenge').first();
    await expect
      .poll(() => challenge.getByTestId('challenge-link-project').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Andenne'), expect.stringContaining('Ciney')]));
    // The other project's note is shown by its text (its document is loaded while the panel is open).
    await expect
      .poll(() => challenge.getByTestId('challenge-link-note').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('qualité de l’air')]));
    expect(await noteA.getByTestId('note-challenge-badge').textContent()).toContain('1');

    // Votes toggle.
    await challenge.getByTestId('challenge-vote').click();
    await expect.poll(() => challenge.getByTestId('challenge-votes').textContent()).toBe('1');

    await fac.screenshot({ path: artifactPath('challenges.png') });
    await other.screenshot({ path: artifactPath('note-details.png') });
  });
});
