/**
 * Browser benchmark: a 5,000-note board in real Chromium.
 *   npx tsx bench/browser.ts [--notes 5000]
 * Prints: time until the canvas is interactive (navigation → notes on screen, synced), frame times
 * while panning and zooming, and the initial client JS size (gzip). Not a test: figures only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import * as Y from 'yjs';
import { createWorkshop } from '/work/main/server/api/workshopRoutes';
import { createCroiseeServer } from '/work/main/server/createCroiseeServer';
import { quietLogger } from '/work/main/server/logger';
import { openSqliteStorage } from '/work/main/server/storage/sqliteStorage';
import { DEMO_SEED } from '/work/main/server/workshopSeed';
import { addNote } from '/work/main/shared/operations';
import { projectRoom } from '/work/main/shared/rooms';
import { NOTE_KINDS, projectsMap } from '/work/main/shared/schema';

const args = process.argv.slice(2);
const noteCount = Number(args[args.indexOf('--notes') + 1]) || 5000;

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'croisee-bench-browser-'));
  const outDir = path.join(work, 'dist');
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.resolve('vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false } });

  // Initial JS: the scripts and module preloads index.html loads before anything else.
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gzipBytes = initial.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(outDir, file))).length, 0);

  const storage = openSqliteStorage(path.join(work, 'croisee.sqlite'));
  const ws = await createWorkshop(storage, { title: 'Bench', facilitatorName: 'Bench', seed: DEMO_SEED, now: Date.now() });
  const workshopDoc = new Y.Doc();
  for (const u of await storage.docs.load(ws.id)) Y.applyUpdate(workshopDoc, u);
  const projectId = [...projectsMap(workshopDoc).keys()][0];
  const board = new Y.Doc();
  const columns = Math.ceil(Math.sqrt(noteCount));
  board.transact(() => {
    for (let i = 0; i < noteCount; i++) {
      addNote(board, {
        id: `bench${String(i).padStart(7, '0')}`,
        x: (i % columns) * 230,
        y: Math.floor(i / columns) * 180,
        kind: NOTE_KINDS[i % NOTE_KINDS.length],
        text: `Idée ${i} : capteurs, données ouvertes et participation citoyenne`,
        authorId: 'bench',
        authorName: 'Bench',
        createdAt: i,
      });
    }
  });
  await storage.docs.append(projectRoom(ws.id, projectId), Y.encodeStateAsUpdate(board));

  const server = createCroiseeServer({ storage, log: quietLogger, staticDir: outDir });
  const { port } = await server.listen(0, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // Store the session first (facilitator link), then measure the canvas load on its own.
    await page.goto(`http://127.0.0.1:${port}/w/${ws.id}#token=${ws.facilitatorToken}`);
    await page.getByTestId('workshop-title').waitFor();
    await page.addInitScript(`(() => {
      const t0 = performance.now();
      const log = (...a) => console.log('[t]', Math.round(performance.now()), ...a);
      const W = window.WebSocket;
      window.WebSocket = class extends W { constructor(u, p) { super(u, p); log('ws new', u.slice(0, 60)); this.addEventListener('open', () => log('ws open', u.slice(0, 40))); this.addEventListener('message', (e) => { const n = e.data.byteLength ?? e.data.length; if (n > 1000) log('ws msg', u.slice(0, 40), n); }); } };
      new PerformanceObserver((l) => l.getEntries().forEach((e) => log('longtask', Math.round(e.startTime), Math.round(e.duration)))).observe({ type: 'longtask', buffered: true });
      const f = window.fetch; window.fetch = (...a) => { log('fetch', String(a[0])); return f(...a).then((r) => { log('fetch done', String(a[0])); return r; }); };
      const io = indexedDB.open.bind(indexedDB); indexedDB.open = (...a) => { log('idb open', a[0]); const r = io(...a); r.addEventListener('success', () => log('idb opened', a[0])); return r; };
      const mo = new MutationObserver(() => { const n = document.querySelectorAll('[data-testid="note"]').length; if (n) { log('notes in DOM', n); mo.disconnect(); } });
      document.addEventListener('DOMContentLoaded', () => { log('DCL'); mo.observe(document.body, { childList: true, subtree: true }); });
    })()`);
    
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${port}/w/${ws.id}/p/${projectId}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="note"]').length > 0, null, { timeout: 60_000 });
    const notesAt = Date.now() - started;
    await page.waitForSelector('[data-testid="connection-status"][data-status="connected"]');
    const interactiveMs = Date.now() - started;
    console.log('notes at', notesAt, 'connected at', interactiveMs);
    const { profile } = await cdp.send('Profiler.stop');
    (await import('node:fs')).writeFileSync('/tmp/prof.cpuprofile', JSON.stringify(profile));
    const timing = await page.evaluate(`JSON.stringify(performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => [e.name.slice(-50), Math.round(e.startTime), Math.round(e.responseEnd)]))`);
    console.log(timing);
    const rendered = await page.locator('[data-testid="note"]').count();

    const measureFrames = async (action: () => Promise<void>) => {
      // A string, not a function: the bundler's helpers (e.g. __name) do not exist in the page.
      await page.evaluate(`(() => {
        window.__frames = [];
        window.__run = true;
        let last = performance.now();
        const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__run) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      })()`);
      await action();
      const frames = (await page.evaluate('(() => { window.__run = false; return window.__frames.slice(1); })()')) as number[];
      frames.sort((a, b) => a - b);
      const mean = frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length);
      return { frames: frames.length, meanMs: mean, p95Ms: frames[Math.floor(frames.length * 0.95)] ?? 0, fps: 1000 / mean };
    };

    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const cx = canvas.x + canvas.width / 2;
    const cy = canvas.y + canvas.height / 2;
    const pan = await measureFrames(async () => {
      // Drag the empty background around for ~3 s (a gap between notes: start at a corner).
      await page.mouse.move(canvas.x + 5, canvas.y + 5);
      await page.mouse.down();
      for (let i = 0; i < 180; i++) {
        await page.mouse.move(canvas.x + 5 + Math.sin(i / 15) * 400 + 400, canvas.y + 5 + Math.cos(i / 15) * 200 + 200);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
    });
    await cdp.send('Profiler.start');
    const zoom = await measureFrames(async () => {
      await page.mouse.move(cx, cy);
      for (let i = 0; i < 60; i++) {
        await page.mouse.wheel(0, i < 30 ? 120 : -120);
        await page.waitForTimeout(30);
      }
    });

    { const { profile } = await cdp.send('Profiler.stop'); (await import('node:fs')).writeFileSync('/tmp/zoom.cpuprofile', JSON.stringify(profile)); }
    console.log(`\n## Browser: ${noteCount}-note board in Chromium (1920×1080)\n`);
    console.log('| figure | value | target |');
    console.log('|---|---|---|');
    console.log(`| time until interactive | ${interactiveMs} ms | ≤ 1500 ms ${interactiveMs <= 1500 ? '✅' : '❌'} |`);
    console.log(`| note elements in the DOM | ${rendered} of ${noteCount} | (only what is visible) |`);
    console.log(`| panning | ${pan.fps.toFixed(1)} fps (mean ${pan.meanMs.toFixed(1)} ms, p95 ${pan.p95Ms.toFixed(1)} ms) | ≥ 50 fps ${pan.fps >= 50 ? '✅' : '❌'} |`);
    console.log(`| zooming | ${zoom.fps.toFixed(1)} fps (mean ${zoom.meanMs.toFixed(1)} ms, p95 ${zoom.p95Ms.toFixed(1)} ms) | ≥ 50 fps ${zoom.fps >= 50 ? '✅' : '❌'} |`);
    console.log(`| initial JS (gzip) | ${(gzipBytes / 1024).toFixed(1)} KB in ${initial.length} file(s) | ≤ 300 KB ${gzipBytes <= 300 * 1024 ? '✅' : '❌'} |`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
