import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkshop } from '../../server/api/workshopRoutes';
import { DEMO_SEED } from '../../server/workshopSeed';
import { readWorkshop } from '../../shared/schema';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

/** The demo workshop (the seven communes' projects), and its project ids by name. */
export async function demoWorkshop(h: ReturnType<typeof browserHarness>) {
  const ws = await createWorkshop(h.server.server.storage, {
    title: 'Regards croisés sur la SmartCity',
    facilitatorName: 'Animatrice',
    seed: DEMO_SEED,
    now: Date.now(),
  });
  const doc = new Y.Doc();
  for (const u of await h.server.server.storage.docs.load(ws.id)) Y.applyUpdate(doc, u);
  const projects = Object.fromEntries(readWorkshop(doc).projects.map((p) => [p.name, p.id]));
  return { ws, projects };
}

describe.skipIf(!run)('the agenda in a real browser', () => {
  const h = browserHarness();

  it('"next step" applies the stage and starts its own timer; a typed duration never overrides it; keyboard shortcuts', async () => {
    const { ws } = await demoWorkshop(h);
    const facilitator = await h.newPage({ width: 1366, height: 768 });
    await facilitator.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await facilitator.getByTestId('agenda-panel').waitFor();

    const participant = await h.newPage({ width: 1366, height: 768 });
    await participant.goto(`${h.server.url}/join/${ws.joinCode}`);
    await participant.getByTestId('join-name').fill('Élu d’Andenne');
    await participant.getByTestId('join-role').selectOption('commune');
    await participant.getByTestId('join-submit').click();
    await participant.getByTestId('participant-bar').waitFor();

    // The programme from the template: seven communes over three days.
    await facilitator.getByTestId('agenda-template').click();
    await expect.poll(() => facilitator.getByTestId('agenda-day').count()).toBe(3);
    await expect.poll(() => facilitator.getByTestId('agenda-next-step').textContent()).toBe('Pitch inversé · Andenne · 15 min');

    // A stale value typed in the minutes box (the bug: "Start" used it for a two-hour workshop).
    await facilitator.getByTestId('timer-minutes').fill('1');
    await facilitator.getByTestId('agenda-next').click();
    await expect.poll(() => participant.getByTestId('current-stage').getAttribute('data-stage')).toBe('reverse-pitch');
    await expect.poll(() => participant.getByTestId('timer-display').getAttribute('data-status')).toBe('running');
    await expect.poll(() => participant.getByTestId('timer-display').textContent()).toMatch(/^1[45]:\d\d$/);
    await expect.poll(() => facilitator.getByTestId('timer-minutes').inputValue()).toBe('');
    expect(await facilitator.getByTestId('timer-minutes').getAttribute('placeholder')).toBe('15');
    await expect.poll(() => facilitator.getByTestId('agenda-current').textContent()).toContain('Pitch inversé · Andenne');

    // Keyboard: next step (the exchange), then pause and resume the timer.
    await facilitator.locator('body').click({ position: { x: 5, y: 300 } });
    await facilitator.keyboard.press('Alt+Shift+N');
    await expect.poll(() => participant.getByTestId('current-stage').getAttribute('data-stage')).toBe('exchange');
    await expect.poll(() => participant.getByTestId('timer-display').textContent()).toMatch(/^(30:00|29:\d\d)$/);
    await facilitator.keyboard.press('Alt+Shift+P');
    await expect.poll(() => participant.getByTestId('timer-display').getAttribute('data-status')).toBe('paused');
    await facilitator.keyboard.press('Alt+Shift+P');
    await expect.poll(() => participant.getByTestId('timer-display').getAttribute('data-status')).toBe('running');

    // Straight to the ideation of Andenne (day 2): two hours, whole, running.
    const ideation = facilitator.getByTestId('agenda-step').filter({ hasText: 'Atelier d’idéation · Andenne' });
    await ideation.getByTestId('agenda-go').click();
    await expect.poll(() => participant.getByTestId('current-stage').getAttribute('data-stage')).toBe('ideation');
    await expect.poll(() => participant.getByTestId('timer-display').textContent()).toMatch(/^(2:00:00|1:59:\d\d)$/);
    await expect.poll(() => ideation.getAttribute('aria-current')).toBe('step');
    await facilitator.screenshot({ path: artifactPath('agenda-panel-1366x768.png') });

    // The editor: a date for each day, a step's own duration.
    await facilitator.getByTestId('agenda-edit').click();
    await facilitator.getByTestId('agenda-editor').waitFor();
    const dates = facilitator.getByTestId('agenda-day-date');
    await dates.nth(0).fill('2026-05-12');
    await dates.nth(1).fill('2026-06-16');
    await dates.nth(2).fill('2026-09-22');
    await expect.poll(() => facilitator.getByTestId('agenda-day').first().textContent()).toContain('12 mai 2026');
    const firstMinutes = facilitator.getByTestId('agenda-step-minutes').first();
    await firstMinutes.fill('20');
    await firstMinutes.press('Enter');
    await expect.poll(() => facilitator.getByTestId('agenda-step').first().textContent()).toContain('20 min');
    await facilitator.setViewportSize({ width: 1920, height: 1080 });
    await facilitator.screenshot({ path: artifactPath('agenda-editor-1920x1080.png') });
    await facilitator.getByTestId('agenda-editor-close').click();
    await expect.poll(() => facilitator.getByTestId('agenda-editor').count()).toBe(0);
    await facilitator.screenshot({ path: artifactPath('agenda-panel-1920x1080.png') });

    // At the last step, the key is refused by the server, and the facilitator is told why.
    await facilitator.getByTestId('agenda-step').last().getByTestId('agenda-go').click();
    await expect.poll(() => participant.getByTestId('current-stage').getAttribute('data-stage')).toBe('closed');
    // The facilitator's own screen hears the new step as the participants' do: wait for it too.
    await expect.poll(() => facilitator.getByTestId('agenda-next').isDisabled()).toBe(true);
    await facilitator.locator('body').click({ position: { x: 5, y: 300 } });
    await facilitator.keyboard.press('Alt+Shift+N');
    const refused = facilitator.locator('[data-testid="command-refused"][data-command="agenda.next"]');
    await expect.poll(() => refused.textContent()).toContain('Pas d’étape suivante');
  });
});

describe.skipIf(!run)('bringing everyone along in a real browser', () => {
  const h = browserHarness();

  it('"bring everyone to me" moves a participant who does not follow; "step away" leaves; a focus change offers "go there"', async () => {
    const { ws, projects } = await demoWorkshop(h);
    const facilitator = await h.newPage({ width: 1366, height: 768 });
    await facilitator.goto(`${h.server.url}/w/${ws.id}/p/${projects.Namur}#token=${ws.facilitatorToken}`);
    await facilitator.getByTestId('agenda-panel').waitFor();

    const participant = await h.newPage({ width: 1366, height: 768 });
    await participant.goto(`${h.server.url}/join/${ws.joinCode}`);
    await participant.getByTestId('join-name').fill('Experte');
    await participant.getByTestId('join-role').selectOption('expert');
    await participant.getByTestId('join-community').selectOption('researcher');
    await participant.getByTestId('join-submit').click();
    await participant.getByTestId('participant-bar').waitFor();
    await participant.goto(`${h.server.url}/w/${ws.id}/p/${projects.Andenne}`);
    await expect.poll(() => participant.getByTestId('project-name').textContent()).toBe('Andenne');
    expect(await participant.getByTestId('follow-toggle').getAttribute('aria-pressed')).toBe('false');

    // Bring everyone: the participant lands on the facilitator's canvas, with a banner.
    await facilitator.getByTestId('gather-toggle').click();
    await expect.poll(() => participant.getByTestId('project-name').textContent()).toBe('Namur');
    await expect.poll(() => participant.getByTestId('gather-banner').getAttribute('data-state')).toBe('following');
    expect(await participant.getByTestId('gather-banner').textContent()).toContain('L’animation amène tout le monde vers sa vue');
    await participant.screenshot({ path: artifactPath('gather-banner-1366x768.png') });

    // Step away, and go elsewhere: nobody drags them back while the facilitator works on.
    await participant.getByTestId('gather-step-away').click();
    await expect.poll(() => participant.getByTestId('gather-banner').getAttribute('data-state')).toBe('away');
    await participant.getByTestId('back-link').click();
    await participant.getByTestId('workshop-title').waitFor();
    await facilitator.getByTestId('timer-start').click();
    await expect.poll(() => participant.getByTestId('timer-display').getAttribute('data-status')).toBe('running');
    expect(new URL(participant.url()).pathname).toBe(`/w/${ws.id}`);
    expect(await participant.getByTestId('gather-banner').getAttribute('data-state')).toBe('away');

    // Asked again, everyone comes again.
    await facilitator.getByTestId('gather-again').click();
    await expect.poll(() => new URL(participant.url()).pathname).toBe(`/w/${ws.id}/p/${projects.Namur}`);
    // Released: the banner goes, and so does the following.
    await facilitator.getByTestId('gather-toggle').click();
    await expect.poll(() => participant.getByTestId('gather-banner').count()).toBe(0);
    await expect.poll(() => participant.getByTestId('follow-toggle').getAttribute('aria-pressed')).toBe('false');

    // A focus change: those not following are told, and go there in one click.
    await facilitator.getByTestId('focus-select').selectOption(projects.Dinant);
    await facilitator.getByTestId('focus-apply').click();
    await expect.poll(() => participant.getByTestId('focus-banner').textContent()).toContain('L’animation est passée à « Dinant »');
    await participant.setViewportSize({ width: 1920, height: 1080 });
    await participant.screenshot({ path: artifactPath('focus-banner-1920x1080.png') });
    await participant.getByTestId('focus-go').click();
    await expect.poll(() => participant.getByTestId('project-name').textContent()).toBe('Dinant');
    await expect.poll(() => participant.getByTestId('focus-banner').count()).toBe(0);
  });
});

describe.skipIf(!run)('questions like Slido in a real browser', () => {
  const h = browserHarness();

  it('approval first, anonymous questions, hide and delete, answered questions leave the wall for the archive', async () => {
    const { ws, projects } = await demoWorkshop(h);
    const facilitator = await h.newPage({ width: 1920, height: 1080, acceptDialogs: true });
    await facilitator.goto(`${h.server.url}/w/${ws.id}/p/${projects.Andenne}#token=${ws.facilitatorToken}`);
    await facilitator.getByTestId('question-moderation').waitFor();
    await facilitator.getByTestId('option-question-approval').check();
    await facilitator.getByTestId('option-anonymous-questions').check();
    await facilitator.getByTestId('stage-select').selectOption('pitch');
    await facilitator.getByTestId('focus-select').selectOption(projects.Andenne);
    await facilitator.getByTestId('stage-apply').click();

    await facilitator.getByTestId('projector-link-create').click();
    const wall = await h.newPage({ width: 1920, height: 1080 });
    await wall.goto(await facilitator.getByTestId('projector-link').inputValue());
    await wall.getByTestId('projector-view').waitFor();

    const participant = await h.newPage({ width: 1366, height: 768 });
    await participant.goto(`${h.server.url}/join/${ws.joinCode}`);
    await participant.getByTestId('join-name').fill('Élu de Dinant');
    await participant.getByTestId('join-role').selectOption('commune');
    await participant.getByTestId('join-submit').click();
    await participant.getByTestId('participant-bar').waitFor();
    await participant.goto(`${h.server.url}/w/${ws.id}/p/${projects.Andenne}`);
    await expect.poll(() => participant.getByTestId('current-stage').getAttribute('data-stage')).toBe('pitch');
    // The questions do not open themselves over the board at the pitch.
    await expect.poll(() => participant.getByTestId('project-name').textContent()).toBe('Andenne');
    expect(await participant.getByTestId('questions-panel').count()).toBe(0);
    await participant.getByTestId('questions-toggle').click();

    // Approval on: the question is not public until approved.
    await participant.getByTestId('question-input').fill('Qui finance les capteurs ?');
    await participant.getByTestId('question-submit').click();
    await participant.getByTestId('question-pending').waitFor();
    const held = facilitator.getByTestId('question-moderation').getByTestId('held-question');
    await expect.poll(() => held.textContent()).toContain('Qui finance les capteurs ?');
    expect(await participant.getByTestId('questions-panel').getByTestId('question-item').count()).toBe(0);
    expect(await wall.getByTestId('projector-question-item').count()).toBe(0);
    await held.getByTestId('held-approve').click();
    // The live list (answered questions move to the archive below it).
    const items = participant.getByTestId('questions-open').getByTestId('question-item');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().getByTestId('question-author').textContent()).toBe('Élu de Dinant');

    // An anonymous question shows no name, anywhere.
    await participant.getByTestId('question-anonymous').check();
    await participant.getByTestId('question-input').fill('Et la vie privée des habitants ?');
    await participant.getByTestId('question-submit').click();
    await expect.poll(() => held.textContent()).toContain('Anonyme');
    await held.getByTestId('held-approve').click();
    const anonymous = items.filter({ hasText: 'Et la vie privée des habitants ?' });
    await expect.poll(() => anonymous.getByTestId('question-author').textContent()).toBe('Anonyme');
    expect(await participant.getByTestId('questions-panel').textContent()).not.toContain('Élu de Dinant · ');
    await expect.poll(() => wall.getByTestId('projector-question-item').count()).toBe(2);
    await participant.screenshot({ path: artifactPath('questions-participant-1366x768.png') });

    // The facilitator's questions panel: hide the first, which leaves participants and the wall.
    await facilitator.getByTestId('questions-toggle').click();
    const facItems = facilitator.getByTestId('questions-panel').getByTestId('questions-open').getByTestId('question-item');
    await expect.poll(() => facItems.count()).toBe(2);
    const first = facItems.filter({ hasText: 'Qui finance les capteurs ?' });
    await first.getByTestId('question-hide').click();
    await expect.poll(() => first.getAttribute('data-hidden')).toBe('true');
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => wall.getByTestId('projector-question-item').count()).toBe(1);
    await facilitator.screenshot({ path: artifactPath('questions-moderation-1920x1080.png') });
    await first.getByTestId('question-delete').click();
    await expect.poll(() => facItems.count()).toBe(1);

    // Shown on the wall, then answered: it leaves the wall and goes to the archive.
    const anonFac = facItems.filter({ hasText: 'Et la vie privée des habitants ?' });
    await anonFac.getByTestId('question-show').click();
    await expect.poll(() => wall.getByTestId('projector-question').textContent()).toContain('Et la vie privée des habitants ?');
    expect(await wall.getByTestId('projector-question').textContent()).toContain('Anonyme');
    await anonFac.getByTestId('question-answer').click();
    await expect.poll(() => wall.getByTestId('projector-question').count()).toBe(0);
    expect(await wall.getByTestId('projector-question-item').count()).toBe(0);
    await expect.poll(() => items.count()).toBe(0);
    await participant.getByTestId('questions-archive').locator('summary').click();
    await expect.poll(() => participant.getByTestId('questions-archive').textContent()).toContain('Et la vie privée des habitants ?');
  });
});

describe.skipIf(!run)('days and expert panels in a real browser', () => {
  const h = browserHarness();

  it('the overview shows where the programme stands; the facilitator puts suggested experts on a panel; the expert sees their project first', async () => {
    const { ws, projects } = await demoWorkshop(h);
    const facilitator = await h.newPage({ width: 1366, height: 768 });
    await facilitator.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await facilitator.getByTestId('agenda-panel').waitFor();

    const join = async (name: string, community: string) => {
      const page = await h.newPage({ width: 1366, height: 768 });
      await page.goto(`${h.server.url}/join/${ws.joinCode}`);
      await page.getByTestId('join-name').fill(name);
      await page.getByTestId('join-role').selectOption('expert');
      await page.getByTestId('join-community').selectOption(community);
      await page.getByTestId('join-submit').click();
      await page.getByTestId('participant-bar').waitFor();
      return page;
    };
    const maker = await join('Mia Maker', 'maker');
    await join('Rémi Recherche', 'researcher');
    await join('Clara Entreprise', 'company');

    // The programme on everyone's overview: three days, the room at day 1, step 1.
    await facilitator.getByTestId('agenda-template').click();
    await facilitator.getByTestId('agenda-next').click();
    await expect.poll(() => maker.getByTestId('programme-now').textContent()).toBe('En cours : Pitch inversé · Andenne');
    expect(await maker.getByTestId('programme-day').evaluateAll((days) => days.map((d) => d.getAttribute('data-status')))).toEqual([
      'current',
      'upcoming',
      'upcoming',
    ]);
    expect(await maker.getByTestId('my-panel-projects').count()).toBe(0);
    // The step's timer runs for everyone (and counts down).
    await expect.poll(() => maker.getByTestId('timer-display').textContent()).toMatch(/^14:\d\d$/);

    // Andenne's panel: the suggestions cover the three communities; one click each.
    const andenne = facilitator.locator(`[data-testid="expert-panel"][data-project-id="${projects.Andenne}"]`);
    await expect.poll(() => andenne.getByTestId('panel-suggestion').count()).toBe(3);
    const suggested = await andenne.getByTestId('panel-suggestion').allTextContents();
    expect(suggested.join(' ')).toMatch(/Mia Maker/);
    expect(suggested.join(' ')).toMatch(/Rémi Recherche/);
    expect(suggested.join(' ')).toMatch(/Clara Entreprise/);
    await andenne.getByTestId('panel-suggestion').filter({ hasText: 'Mia Maker' }).click();
    await expect.poll(() => andenne.getByTestId('panel-member').count()).toBe(1);
    await andenne.scrollIntoViewIfNeeded();
    await facilitator.screenshot({ path: artifactPath('expert-panels-1366x768.png') });

    // The expert sees their project first, on their overview.
    await expect.poll(() => maker.getByTestId('my-panel-projects').textContent()).toBe('Andenne');
    await maker.setViewportSize({ width: 1920, height: 1080 });
    await maker.screenshot({ path: artifactPath('programme-status-1920x1080.png') });
    await maker.getByTestId('my-panel-projects').getByRole('link', { name: 'Andenne' }).click();
    await expect.poll(() => maker.getByTestId('project-name').textContent()).toBe('Andenne');
  });

  it('on a 1366×768 laptop the cockpit and its sections scroll as one panel; a quick link never moves the page under it', async () => {
    const { ws } = await demoWorkshop(h);
    const page = await h.newPage({ width: 1366, height: 768 });
    await page.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await page.getByTestId('agenda-panel').waitFor();
    await page.getByTestId('agenda-template').click();
    await expect.poll(() => page.getByTestId('agenda-day').count()).toBe(3);
    const head = (await page.locator('.fac-panel-head').boundingBox())!;
    for (const id of ['share', 'agenda', 'people']) {
      await page.getByTestId(`fac-link-${id}`).click();
      // The section's title comes up right under the panel's header…
      await expect
        .poll(async () => {
          const title = (await page.getByTestId(`fac-section-${id}`).locator('.fac-section-title').boundingBox())!;
          return title.y >= head.y + head.height - 1 && title.y < head.y + head.height + 40;
        })
        .toBe(true);
      // …and the workshop page under the panel has not moved.
      expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
    }
  });
  it('beside the cockpit on a 1366×768 laptop, the canvas top bar shows the project’s name whole and its record; the back link gives way', async () => {
    const { ws, projects } = await demoWorkshop(h);
    const page = await h.newPage({ width: 1366, height: 768 });
    await page.goto(`${h.server.url}/w/${ws.id}/p/${projects['Marche-en-Famenne']}#token=${ws.facilitatorToken}`);
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('agenda-panel').waitFor();
    const title = page.getByTestId('project-name');
    await expect.poll(() => title.textContent()).toBe('Marche-en-Famenne');
    // Not cut: the heading's text fits in its box.
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const bar = (await page.locator('.topbar').boundingBox())!;
    const record = (await page.getByTestId('record-open').boundingBox())!;
    expect(record.x + record.width).toBeLessThanOrEqual(bar.x + bar.width);
    expect(record.y).toBeGreaterThanOrEqual(bar.y);
    expect(record.y + record.height).toBeLessThanOrEqual(bar.y + bar.height);
    // The back link is still there, at least its arrow, and names where it leads on hover.
    const back = page.getByTestId('back-link');
    expect((await back.boundingBox())!.width).toBeGreaterThanOrEqual(30);
    expect(await back.getAttribute('title')).toBe('Regards croisés sur la SmartCity');
  });
});
