import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();
const PDFTOPPM = '/usr/bin/pdftoppm';
const PDFTOTEXT = '/usr/bin/pdftotext';

/** Like browserAvailable: poppler is required under CI, skipped loudly elsewhere. */
function popplerAvailable(): boolean {
  if (existsSync(PDFTOPPM) && existsSync(PDFTOTEXT)) return true;
  if (process.env.CI) throw new Error(`CI: ${PDFTOPPM} is missing — apt-get install -y poppler-utils`);
  console.warn(`\n*** SKIPPING PDF RENDERING CHECKS: ${PDFTOPPM} not found (apt-get install -y poppler-utils) ***\n`);
  return false;
}

describe.skipIf(!run)('reports in a real browser', () => {
  const h = browserHarness();

  it('prints the project report to PDF and downloads CSV and JSON', async () => {
    const ws = await h.server.createWorkshop('Rapports test', []);
    const page = await h.newPage();
    await page.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await page.getByTestId('add-project-name').fill('Éclairage intelligent');
    await page.getByTestId('add-project-submit').click();
    await page.getByTestId('project-card').filter({ hasText: 'Éclairage intelligent' }).getByTestId('project-open').click();
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('add-note').click();
    const text = page.getByTestId('note-text').first();
    await text.click();
    await text.pressSequentially('Lampadaires à détection de présence', { delay: 2 });
    await page.getByTestId('note-kind').first().selectOption('technology');
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    // What a user waits for before leaving the page: connected, no change left to deliver.
    const connected = () =>
      page.getByTestId('connection-status').evaluateAll((els) => els.length > 0 && els.every((e) => e.getAttribute('data-status') === 'connected'));
    await expect.poll(connected, { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('unsynced-count').getAttribute('data-count'), { timeout: 15_000 }).toBe('0');

    // The printable page, then a real PDF of it.
    await page.goto(`${h.server.url}/w/${ws.id}/p/${projectId}/report`);
    await expect.poll(() => page.getByTestId('report').getAttribute('data-ready'), { timeout: 15_000 }).toBe('true');
    const html = (await page.getByTestId('report').textContent()) ?? '';
    expect(html).toContain('Éclairage intelligent');
    expect(html).toContain('Lampadaires à détection de présence');
    expect(await page.getByRole('button', { name: 'Télécharger en PDF' }).isVisible()).toBe(true);
    const pdfPath = artifactPath('project-report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(statSync(pdfPath).size).toBeGreaterThan(5_000);

    if (popplerAvailable()) {
      const pdfText = execFileSync(PDFTOTEXT, [pdfPath, '-'], { encoding: 'utf8' });
      expect(pdfText).toContain('Éclairage intelligent');
      expect(pdfText).toContain('Lampadaires à détection de présence');
      expect(pdfText).not.toContain('Télécharger en PDF'); // the toolbar is not printed
      const prefix = artifactPath('project-report-page1');
      execFileSync(PDFTOPPM, ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
      expect(statSync(`${prefix}.png`).size).toBeGreaterThan(5_000);
    }

    // CSV and JSON through the reports menu (the same API calls, with the token).
    await page.goto(`${h.server.url}/w/${ws.id}/p/${projectId}`);
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('reports-menu').locator('summary').click();
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-project-csv').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv).toContain('Lampadaires à détection de présence');
    expect(csv.split('\r\n')[0]).toContain('texte');
    // In French, separated by semicolons, as French spreadsheet software expects.
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFF?id_projet;projet;commune;/);
    await page.getByTestId('reports-menu').locator('summary').click();
    const menuOpen = await page.getByTestId('report-workshop-json').isVisible();
    if (!menuOpen) await page.getByTestId('reports-menu').locator('summary').click();
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-workshop-json').click()]);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as {
      format: string;
      workshop: { title: string; projects: Array<{ name: string }> };
      projects: Array<{ notes: Array<{ text: string; kind: string }> }>;
    };
    expect(json.format).toBe('croisee.workshop');
    expect(json.workshop.title).toBe('Rapports test');
    expect(json.workshop.projects.map((p) => p.name)).toEqual(['Éclairage intelligent']);
    expect(json.projects[0].notes).toEqual([expect.objectContaining({ text: 'Lampadaires à détection de présence', kind: 'technology' })]);
  });
});
