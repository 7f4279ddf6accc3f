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
import { createWorkshop } from '../server/api/workshopRoutes';
import { createCroiseeServer } from '../server/createCroiseeServer';
import { quietLogger } from '../server/logger';
import { openSqliteStorage } from '../server/storage/sqliteStorage';
import { DEMO_SEED } from '../server/workshopSeed';
import { addNote } from '../shared/operations';
import { addCluster, assignNotes } from '../shared/clusters';
import { projectRoom } from '../shared/rooms';
import { NOTE_KINDS, projectsMap } from '../shared/schema';
import { measureDataReads } from './dataReads';

const args = process.argv.slice(2);
const noteCount = Number(args[args.indexOf('--notes') + 1]) || 5000;

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'croisee-bench-browser-'));
  const outDir = path.join(work, 'dist');
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.resolve('vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });

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
  addBenchClusters(board, noteCount, columns);
  await storage.docs.append(projectRoom(ws.id, projectId), Y.encodeStateAsUpdate(board));
  const dataReads = measureDataReads(board);

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
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${port}/w/${ws.id}/p/${projectId}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="note"]').length > 0, null, { timeout: 60_000 });
    await page.waitForSelector('[data-testid="connection-status"][data-status="connected"]');
    const interactiveMs = Date.now() - started;
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
      // Pan with the middle button (anywhere: a left drag on the background draws a selection
      // now) for ~3 s, from a corner.
      await page.mouse.move(canvas.x + 5, canvas.y + 5);
      await page.mouse.down({ button: 'middle' });
      for (let i = 0; i < 180; i++) {
        await page.mouse.move(canvas.x + 5 + Math.sin(i / 15) * 400 + 400, canvas.y + 5 + Math.cos(i / 15) * 200 + 200);
        await page.waitForTimeout(16);
      }
      await page.mouse.up({ button: 'middle' });
    });
    const zoom = await measureFrames(async () => {
      // Ctrl+wheel (a pinch): a plain wheel pans.
      await page.mouse.move(cx, cy);
      await page.keyboard.down('Control');
      for (let i = 0; i < 60; i++) {
        await page.mouse.wheel(0, i < 30 ? 120 : -120);
        await page.waitForTimeout(30);
      }
      await page.keyboard.up('Control');
    });

    await page.getByTestId('zoom-reset').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="note"]:not([data-lite])').length > 0);
    // Panning again at 100 % (editable notes): the figure comparable to a board opened at 100 %.
    const pan100 = await measureFrames(async () => {
      await page.mouse.move(canvas.x + 5, canvas.y + canvas.height - 5);
      await page.mouse.down({ button: 'middle' });
      for (let i = 0; i < 120; i++) {
        await page.mouse.move(canvas.x + 5 + Math.sin(i / 15) * 300 + 300, canvas.y + canvas.height - 5 - Math.cos(i / 15) * 150 - 150);
        await page.waitForTimeout(16);
      }
      await page.mouse.up({ button: 'middle' });
    });
    // Dragging one note by its body (by its grip where the board still has one) with the board around it.
    const noteBox = (await page.evaluate(`(() => {
      const c = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
      const notes = [...document.querySelectorAll('[data-testid="note"]:not([data-lite])')];
      const mid = (r) => Math.hypot(r.left + r.width / 2 - (c.left + c.width / 2), r.top + r.height / 2 - (c.top + c.height / 2));
      const n = notes.sort((a, b) => mid(a.getBoundingClientRect()) - mid(b.getBoundingClientRect()))[0];
      const grip = n.querySelector('[data-testid="note-handle"]');
      const r = (grip || n.querySelector('.note-body') || n).getBoundingClientRect();
      return { x: r.left + (grip ? r.width / 2 : 20), y: r.top + r.height / 2, id: n.getAttribute('data-note-id') };
    })()`)) as { x: number; y: number; id: string };
    const drag = await measureFrames(async () => {
      await page.mouse.move(noteBox.x, noteBox.y);
      await page.mouse.down();
      for (let i = 0; i < 120; i++) {
        await page.mouse.move(noteBox.x + Math.sin(i / 10) * 150 + 10, noteBox.y + Math.cos(i / 10) * 100);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
    });

    // A keystroke: from keydown to the next frame, in a note of the full board.
    await page.evaluate(`(() => {
      const ta = document.querySelector('[data-note-id="${noteBox.id}"] [data-testid="note-text"]');
      ta.focus();
      window.__keys = [];
      ta.addEventListener('keydown', () => { const t0 = performance.now(); requestAnimationFrame(() => window.__keys.push(performance.now() - t0)); }, true);
    })()`);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.type('x');
      await page.waitForTimeout(30);
    }
    const keys = ((await page.evaluate('window.__keys')) as number[]).sort((a, b) => a - b);
    const keyMean = keys.reduce((a, b) => a + b, 0) / Math.max(1, keys.length);
    const keyP95 = keys[Math.floor(keys.length * 0.95)] ?? 0;

    console.log(`\n## Browser: ${noteCount}-note board in Chromium (1920×1080)\n`);
    console.log('| figure | value | target |');
    console.log('|---|---|---|');
    console.log(`| time until interactive | ${interactiveMs} ms | ≤ 1500 ms ${interactiveMs <= 1500 ? '✅' : '❌'} |`);
    console.log(`| note elements in the DOM | ${rendered} of ${noteCount} | (only what is visible) |`);
    console.log(
      `| panning | ${pan.fps.toFixed(1)} fps (mean ${pan.meanMs.toFixed(1)} ms, p95 ${pan.p95Ms.toFixed(1)} ms) | ≥ 55 fps ${pan.fps >= 55 ? '✅' : '❌'} |`,
    );
    console.log(
      `| panning at 100 % | ${pan100.fps.toFixed(1)} fps (mean ${pan100.meanMs.toFixed(1)} ms, p95 ${pan100.p95Ms.toFixed(1)} ms) | ≥ 55 fps ${pan100.fps >= 55 ? '✅' : '❌'} |`,
    );
    console.log(
      `| data read per document change (one note moved) | ${dataReads.perChangeMs.toFixed(2)} ms (${dataReads.what}) | ≤ 1 ms ${dataReads.perChangeMs <= 1 ? '✅' : '❌'} |`,
    );
    console.log(
      `| dragging a note | ${drag.fps.toFixed(1)} fps (mean ${drag.meanMs.toFixed(1)} ms, p95 ${drag.p95Ms.toFixed(1)} ms) | ≥ 50 fps ${drag.fps >= 50 ? '✅' : '❌'} |`,
    );
    console.log(`| keystroke → next frame | mean ${keyMean.toFixed(1)} ms, p95 ${keyP95.toFixed(1)} ms | ≤ 16.7 ms ${keyP95 <= 16.7 ? '✅' : '❌'} |`);
    console.log(
      `| zooming | ${zoom.fps.toFixed(1)} fps (mean ${zoom.meanMs.toFixed(1)} ms, p95 ${zoom.p95Ms.toFixed(1)} ms) | ≥ 50 fps ${zoom.fps >= 50 ? '✅' : '❌'} |`,
    );
    console.log(`| initial JS (gzip) | ${(gzipBytes / 1024).toFixed(1)} KB in ${initial.length} file(s) | ≤ 170 KB ${gzipBytes <= 170 * 1024 ? '✅' : '❌'} |`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** 30 clusters of 20 notes each, as in a worked board. */
function addBenchClusters(board: Y.Doc, noteCount: number, columns: number) {
  board.transact(() => {
    for (let c = 0; c < 30; c++) {
      const first = c * 20;
      if (first + 20 > noteCount) break;
      const id = `cluster${c}`;
      const x0 = (first % columns) * 230 - 20;
      const y0 = Math.floor(first / columns) * 180 - 60;
      addCluster(board, { id, name: `Composant ${c}`, x: x0, y: y0, width: 20 * 230 + 20, height: 2 * 180 + 60, createdAt: c }, null);
      assignNotes(
        board,
        id,
        Array.from({ length: 20 }, (_, i) => `bench${String(first + i).padStart(7, '0')}`),
        null,
      );
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
