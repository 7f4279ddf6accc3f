import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../helpers/tinyFiles';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();
const AXE = path.resolve('node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page; returns the serious and critical violations, readable. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (no inline scripts) stays on.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
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

describe.skipIf(!run)('accessibility (axe-core)', () => {
  const h = browserHarness();

  it('lobby, workshop overview, canvas and outline have no serious or critical violations', async () => {
    const page = await h.newPage();

    await page.goto(`${h.server.url}/`);
    await page.getByTestId('create-title').waitFor();
    expect(await seriousViolations(page), 'lobby').toEqual([]);

    const ws = await h.server.createWorkshop('Accessibilité', []);
    await page.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await page.getByTestId('add-project-name').fill('Mobilité douce');
    await page.getByTestId('add-project-submit').click();
    await page.getByTestId('project-card').filter({ hasText: 'Mobilité douce' }).waitFor();
    expect(await seriousViolations(page), 'workshop overview').toEqual([]);

    await page.getByTestId('project-card').filter({ hasText: 'Mobilité douce' }).getByTestId('project-open').click();
    await page.getByTestId('canvas').waitFor();
    for (const kind of ['idea', 'technology', 'need', 'risk', 'question']) {
      const n = await page.getByTestId('note').count();
      await page.getByTestId('add-note').click();
      await expect.poll(() => page.getByTestId('note').count()).toBe(n + 1);
      await page.getByTestId('note-text').nth(n).fill(`Note ${kind}`);
      await page.getByTestId('note-kind').nth(n).selectOption(kind);
    }
    await page.getByTestId('add-cluster').click();
    await page.getByTestId('cluster').first().waitFor();
    await page.getByTestId('note').first().hover(); // the note's controls show on hover
    await page.getByTestId('note-comments').first().click();
    await page.getByTestId('side-panel').waitFor();
    expect(await seriousViolations(page), 'canvas').toEqual([]);
    await page.screenshot({ path: artifactPath('a11y-canvas.png') });

    await page.getByTestId('outline-toggle').click();
    await page.getByTestId('outline').waitFor();
    await expect.poll(() => page.getByTestId('outline-note').count()).toBe(5);
    expect(await seriousViolations(page), 'outline').toEqual([]);
    await page.screenshot({ path: artifactPath('a11y-outline.png'), fullPage: true });
  });

  it('the canvas with each of its panels and popovers open, and the challenges page, have no serious or critical violations', async () => {
    const { ws, page } = await h.facilitatorOnNewProject('Panneaux', 'Énergie', { width: 1366, height: 768, acceptDialogs: true });
    for (const text of ['Panneaux solaires', 'Compteurs communicants']) {
      const n = await page.getByTestId('note').count();
      await page.getByTestId('add-note').click();
      await expect.poll(() => page.getByTestId('note').count()).toBe(n + 1);
      await page.getByTestId('note-text').nth(n).fill(text);
    }
    // A deleted note, so the recently-deleted list has an entry.
    await page.getByTestId('note').nth(1).hover();
    await page.getByTestId('note-delete').nth(1).click();
    await expect.poll(() => page.getByTestId('note').count()).toBe(1);

    const checks: Array<[what: string, open: () => Promise<unknown>]> = [
      ['filters', async () => (await page.getByTestId('toggle-filters').click(), page.getByTestId('filter-bar').waitFor())],
      ['comments panel', async () => (await page.getByTestId('open-comments').click(), page.getByTestId('side-panel').waitFor())],
      ['challenges panel', async () => (await page.getByTestId('open-challenges').click(), page.getByTestId('challenges-panel').waitFor())],
      ['partners panel', async () => (await page.getByTestId('open-partners').click(), page.getByTestId('side-panel').waitFor())],
      [
        'pitch material panel with a PDF open',
        async () => {
          await page.getByTestId('open-attachments').click();
          await page.getByTestId('attachment-input').setInputFiles({ name: 'pitch.pdf', mimeType: 'application/pdf', buffer: Buffer.from(tinyPdf()) });
          return page.locator('[data-testid="pdf-page"][data-rendered-page="1"]').waitFor({ timeout: 20_000 });
        },
      ],
      [
        'note details',
        async () => (
          await page.getByTestId('note').first().hover(), await page.getByTestId('note-details').first().click(), page.getByTestId('side-panel').waitFor()
        ),
      ],
      ['recently deleted', async () => (await page.getByTestId('open-trash').click(), page.getByTestId('trash-item').first().waitFor())],
      ['questions', async () => (await page.getByTestId('questions-toggle').click(), page.getByTestId('questions-panel').waitFor())],
    ];
    for (const [what, open] of checks) {
      await open();
      expect(await seriousViolations(page), what).toEqual([]);
      // Close what was opened (Escape closes the innermost popover or panel) before the next one.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }

    await page.goto(`${h.server.url}/w/${ws.id}/challenges`);
    await page.getByTestId('challenges-panel').waitFor();
    expect(await seriousViolations(page), 'challenges page').toEqual([]);
  });
});
