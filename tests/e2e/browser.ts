import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { CreateWorkshopResponse } from '../../shared/protocol';
import { startTestServer, type TestServer } from '../helpers/testServer';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve('test-artifacts');

/**
 * Whether the browser tests can run. Under CI a missing browser is a failure, never a skip
 * (.ci/run installs Debian's chromium); on a developer machine without it they skip, loudly.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`CI: ${CHROMIUM_PATH} is missing — the end-to-end tests must run (apt-get install chromium)`);
  console.warn(`\n*** SKIPPING END-TO-END TESTS: ${CHROMIUM_PATH} not found (apt-get install -y chromium) ***\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}

export interface PageOptions {
  width?: number;
  height?: number;
  /** Accept `confirm()` dialogs (removing a project, deleting a workshop). */
  acceptDialogs?: boolean;
}

/**
 * For one describe block: a real server serving the built client, one Chromium, and pages in fresh
 * contexts (each a separate person: own storage, own session), French locale, page errors logged.
 */
export function browserHarness() {
  const harness = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    async newPage({ width = 1280, height = 860, acceptDialogs = false }: PageOptions = {}): Promise<Page> {
      const context = await harness.browser.newContext({ viewport: { width, height }, locale: 'fr-BE', acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error('page error:', err.message));
      if (acceptDialogs) page.on('dialog', (d) => void d.accept());
      return page;
    },
    /** A new workshop, its facilitator's page, and a first project (added through the UI) opened on its canvas. */
    async facilitatorOnNewProject(title: string, project: string, options: PageOptions = {}): Promise<{ ws: CreateWorkshopResponse; page: Page }> {
      const ws = await harness.server.createWorkshop(title, []);
      const page = await harness.newPage(options);
      await page.goto(`${harness.server.url}/w/${ws.id}#token=${ws.facilitatorToken}`);
      await page.getByTestId('add-project-name').fill(project);
      await page.getByTestId('add-project-submit').click();
      await page.getByTestId('project-card').filter({ hasText: project }).getByTestId('project-open').click();
      await page.getByTestId('canvas').waitFor();
      return { ws, page };
    },
  };
  beforeAll(async () => {
    harness.server = await startTestServer({ staticDir: inject('clientDir') });
    harness.browser = await launchBrowser();
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.server?.stop();
  });
  return harness;
}
