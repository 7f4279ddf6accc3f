import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
