import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { docxParagraphs } from '../helpers/docxText';
import { artifactPath, browserAvailable, browserHarness } from './browser';

const run = browserAvailable();

describe.skipIf(!run)('project record and themes in a real browser', () => {
  const h = browserHarness();

  const connectedAndSynced = async (page: Page) => {
    await expect
      .poll(
        () => page.getByTestId('connection-status').evaluateAll((els) => els.length > 0 && els.every((e) => e.getAttribute('data-status') === 'connected')),
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect.poll(() => page.getByTestId('unsynced-count').first().getAttribute('data-count'), { timeout: 15_000 }).toBe('0');
  };

  it('a facilitator and the commune fill the record live; an expert reads it; themes are renamed, reordered and removed', async () => {
    const ws = await h.server.createWorkshop('Fiches projet', []);
    const fac = await h.newPage({ width: 1366, height: 768, acceptDialogs: true });
    await fac.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    for (const name of ['Mobilité', 'Énergie']) {
      await fac.getByTestId('add-theme-name').fill(name);
      await fac.getByTestId('add-theme-submit').click();
    }
    await fac.getByTestId('add-project-name').fill("Qualité de l'air aux écoles");
    await fac.getByTestId('add-project-commune').fill('Namur');
    await fac.getByTestId('add-project-theme').selectOption({ label: 'Énergie' });
    await fac.getByTestId('add-project-submit').click();
    const card = fac.getByTestId('project-card').filter({ hasText: "Qualité de l'air aux écoles" });
    await expect.poll(() => card.getByTestId('record-open').textContent()).toContain('0/10');

    // Themes: rename, move up, remove (the project goes to "Sans thème", its record stays).
    const themeNames = () => fac.getByTestId('theme-rename').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const counts = () => fac.getByTestId('theme-group').locator('h3.theme-name .count').allTextContents();
    await expect.poll(themeNames).toEqual(['Mobilité', 'Énergie']);
    const energy = fac.getByTestId('theme-group').nth(1);
    await energy.getByTestId('theme-rename').fill('Énergie et environnement');
    await energy.getByTestId('theme-up').click();
    await expect.poll(themeNames).toEqual(['Énergie et environnement', 'Mobilité']);
    await expect.poll(counts).toEqual(['1', '0']);

    // The record, from the canvas header.
    await card.getByTestId('project-open').click();
    await fac.getByTestId('canvas').waitFor();
    const projectId = new URL(fac.url()).pathname.split('/').pop()!;
    await fac.getByTestId('record-open').click();
    const panel = fac.getByTestId('record-panel');
    await panel.getByTestId('record-description').fill('Mesurer la qualité de l’air devant les écoles et publier les mesures.');
    await panel.getByTestId('record-approach-replicated').check();
    await panel.getByTestId('record-approachNote').fill('Reprend le réseau de capteurs de Gembloux');
    await panel.getByTestId('record-budgetMin').fill('80000');
    await panel.getByTestId('record-budgetMax').fill('120000');
    await expect
      .poll(() => panel.getByTestId('record-cofinancing').textContent())
      .toBe(
        'Subside régional (taux habituel de l’appel, 50 %) : 40\u00a0000\u00a0€ – 60\u00a0000\u00a0€ · part communale : 40\u00a0000\u00a0€ – 60\u00a0000\u00a0€',
      );
    await panel.getByTestId('record-callTheme').fill('Énergie et environnement');
    await expect.poll(() => fac.getByTestId('record-open').textContent()).toContain('5/10');
    await connectedAndSynced(fac);
    await fac.screenshot({ path: artifactPath('project-record-1366.png') });
    // The sheet and its backdrop cover the facilitator's panel too; a click beside the sheet closes it.
    expect(await fac.evaluate(() => document.elementFromPoint(1250, 400)?.classList.contains('record-backdrop'))).toBe(true);
    await fac.mouse.click(1250, 400);
    await expect.poll(() => fac.getByTestId('record-panel').count()).toBe(0);
    await fac.getByTestId('record-open').click();

    // The commune's participant sees it live and writes the objectives; the facilitator sees them.
    const lou = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Lou', role: 'commune' });
    const commune = await h.newPage({ width: 1366, height: 768 });
    await commune.goto(`${h.server.url}/w/${ws.id}/p/${projectId}#token=${lou.token}`);
    await commune.getByTestId('canvas').waitFor();
    await commune.getByTestId('record-open').click();
    const communePanel = commune.getByTestId('record-panel');
    await expect
      .poll(() => communePanel.getByTestId('record-description').inputValue(), { timeout: 15_000 })
      .toBe('Mesurer la qualité de l’air devant les écoles et publier les mesures.');
    await communePanel.getByTestId('record-objectives').fill('Informer les parents');
    await expect.poll(() => panel.getByTestId('record-objectives').inputValue(), { timeout: 15_000 }).toBe('Informer les parents');
    await connectedAndSynced(commune);

    // An expert reads the record and cannot type into it.
    const marc = await h.server.join(ws.id, { joinCode: ws.joinCode, name: 'Marc', role: 'expert', community: 'maker' });
    const expert = await h.newPage();
    await expert.goto(`${h.server.url}/w/${ws.id}#token=${marc.token}`);
    const expertCard = expert.getByTestId('project-card').filter({ hasText: "Qualité de l'air aux écoles" });
    await expect.poll(() => expertCard.getByTestId('record-summary').textContent(), { timeout: 15_000 }).toContain('Réplique d’un projet existant');
    await expertCard.getByTestId('record-open').click();
    expect(await expert.getByTestId('record-panel').getByTestId('record-objectives').getAttribute('readonly')).not.toBeNull();
    expect(await expert.getByTestId('record-panel').textContent()).toContain('Seuls la commune et l’équipe d’animation modifient cette fiche.');

    // Removing the theme: the project is now under "Sans thème", with its record.
    await fac.goto(`${h.server.url}/w/${ws.id}`);
    await fac.getByTestId('theme-group').first().getByTestId('theme-remove').click();
    await expect.poll(themeNames).toEqual(['Mobilité']);
    await expect.poll(() => fac.getByTestId('theme-group').locator('h3.theme-name').allTextContents()).toEqual(['0', 'Sans thème1']);
    await expect.poll(() => expertCard.getByTestId('record-summary').textContent(), { timeout: 15_000 }).toContain('80\u00a0000\u00a0€ – 120\u00a0000\u00a0€');
    await fac.getByTestId('project-card').first().scrollIntoViewIfNeeded();
    await fac.screenshot({ path: artifactPath('project-record-overview-1366.png') });
  }, 90_000);

  it('prints the application dossier to PDF and downloads it as Word, user text shown literally', async () => {
    const hostile = '**gras** _pas italique_ # pas un titre <script>alert(1)</script>';
    const ws = await h.server.createWorkshop('Dossier PDF', []);
    const page = await h.newPage({ width: 1366, height: 768 });
    await page.goto(`${h.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await page.getByTestId('add-project-name').fill('Éclairage intelligent');
    await page.getByTestId('add-project-commune').fill('Ciney');
    await page.getByTestId('add-project-submit').click();
    await page.getByTestId('project-card').filter({ hasText: 'Éclairage intelligent' }).getByTestId('project-open').click();
    await page.getByTestId('canvas').waitFor();
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('add-note').click();
    const text = page.getByTestId('note-text').first();
    await text.click();
    await text.pressSequentially(hostile, { delay: 1 });
    await page.getByTestId('note-kind').first().selectOption('risk');
    await page.getByTestId('record-open').click();
    await page.getByTestId('record-description').fill('Des lampadaires qui s’allument au passage des piétons.');
    await page.getByTestId('record-budgetMax').fill('90000');
    await page.getByTestId('record-close').click();
    await connectedAndSynced(page);

    await page.goto(`${h.server.url}/w/${ws.id}/p/${projectId}/report`);
    await expect.poll(() => page.getByTestId('report').getAttribute('data-ready'), { timeout: 15_000 }).toBe('true');
    const shown = (await page.getByTestId('report').textContent()) ?? '';
    expect(shown).toContain(hostile);
    expect(shown).toContain('8. Risques et mesures d’atténuation');
    expect(await page.locator('.report script, .report strong:text-is("gras"), .report em:text-is("pas italique")').count()).toBe(0);
    // The board closes the dossier, as an image drawn from the document.
    const board = page.getByTestId('report-board-image');
    await expect
      .poll(() => board.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), { timeout: 10_000 })
      .toBe(true);
    const pdfPath = artifactPath('dossier.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pdfText = execFileSync('/usr/bin/pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Éclairage intelligent (Ciney)');
    expect(pdfText).toContain('Des lampadaires qui s’allument au passage des piétons.');
    expect(pdfText.replace(/\s+/g, ' ')).toContain(hostile);
    expect(pdfText).toContain('45 000 €');
    expect(pdfText).not.toContain('Hors composante');
    const prefix = artifactPath('dossier-page1');
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
    expect(statSync(`${prefix}.png`).size).toBeGreaterThan(5_000);
    // Its last page is the board: a page of its own, with the image on it.
    expect(pdfText).toContain('Le tableau de l’atelier');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1]);
    const last = artifactPath('dossier-board-page');
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '70', '-f', String(pages), '-l', String(pages), '-singlefile', pdfPath, last]);
    expect(statSync(`${last}.png`).size).toBeGreaterThan(5_000);

    await page.goto(`${h.server.url}/w/${ws.id}/p/${projectId}`);
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('reports-menu').locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-dossier-docx').click()]);
    expect(download.suggestedFilename()).toBe('eclairage-intelligent-dossier.docx');
    const docxPath = (await download.path())!;
    const paragraphs = docxParagraphs(readFileSync(docxPath));
    expect(paragraphs[0]).toBe('Éclairage intelligent (Ciney)');
    expect(paragraphs).toContain(hostile);
    // It ends with the board, as a picture under its own heading.
    expect(paragraphs.at(-1)).toBe('Le tableau de l’atelier');
    const media = execFileSync('unzip', ['-l', docxPath], { encoding: 'utf8' });
    expect(media).toMatch(/word\/media\/[^\s]+\.png/);

    // Search results say which project and commune a hit comes from.
    await page.keyboard.press('Escape');
    await page.getByTestId('search-input').fill('gras');
    await expect.poll(() => page.getByTestId('search-place').allTextContents(), { timeout: 10_000 }).toEqual(['Éclairage intelligent · Ciney']);
    await page.screenshot({ path: artifactPath('search-place-1366.png') });
  }, 90_000);
});
