import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM API, located from here (an eval'd worker has no module of its own to resolve from). */
const tsxEsmApi = () => pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/**
 * Starts a worker thread on `server/<name>`: `<name>.js` beside this module in a build (the bundle
 * puts workers next to main.js), `<name>.ts` in a checkout, where the worker first registers tsx's
 * loader (loaders of the main thread do not reach workers).
 */
export function startServerWorker(name: string): Worker {
  const source = import.meta.url.endsWith('.ts');
  const entry = new URL(`./${name}.${source ? 'ts' : 'js'}`, import.meta.url);
  return source
    ? new Worker(`import(${JSON.stringify(tsxEsmApi())})` + `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, {
        eval: true,
      })
    : new Worker(entry);
}
