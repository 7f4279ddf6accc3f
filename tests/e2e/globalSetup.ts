import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    clientDir: string;
  }
}

/** Builds the real client once per test run, into a temp folder the e2e tests serve. */
export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'croisee-client-'));
  // vitest sets NODE_ENV=test, which would bundle React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.resolve('vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  project.provide('clientDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
