import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { notesMap } from '../../shared/schema';
import { NoteBook, Probe, WireClient, Writer, connectAll, sleep, waitUntil, writerOf } from '../lib/clients';
import { cpuUs, startServer } from '../lib/servers';
import { fmt } from '../lib/stats';
import { perServer, resultTable, type BenchContext } from './common';

/**
 * S1 (Croisée only): writers send notes as fast as sensible — each keeps at most WINDOW notes not
 * yet seen by an observer and stays under the default per-connection rate limit (200/s). Croisée
 * stores a batch before broadcasting it, so what the observer sees is persisted; the SQLite file is
 * read back afterwards to confirm.
 */
const PER_WRITER_RATE = 180;
const WINDOW = 16;

export interface StorageResult {
  writers: number;
  sent: number;
  observedInWindow: number;
  persistedPerSec: number;
  inSqlite: number;
  eldP99Ms: number;
  eldMaxMs: number;
  cpuPercent: number;
  closed: number;
}

export const s1Config = (quick: boolean) => (quick ? { writers: 4, durationMs: 2_000 } : { writers: 16, durationMs: 5_000 });

async function runOnce(quick: boolean): Promise<StorageResult> {
  const cfg = s1Config(quick);
  const server = await startServer('croisee', { tokens: cfg.writers + 10 });
  const all: WireClient[] = [];
  try {
    const book = new NoteBook();
    const observer = new Probe(server, 0, book);
    all.push(observer);
    await observer.ready;
    const writers = await connectAll(cfg.writers, (i) => new Writer(server, 1 + i, i, book));
    all.push(...writers);
    const observed = new Array<number>(cfg.writers).fill(0);
    let observedInWindow = 0;
    let inWindow = true;
    observer.onNote = (id) => {
      observed[writerOf(id)]++;
      if (inWindow) observedInWindow++;
    };
    await sleep(300);
    await server.resetEld();
    const s0 = await server.stats();
    const t0 = performance.now();
    const credit = new Array<number>(cfg.writers).fill(Math.min(WINDOW, PER_WRITER_RATE));
    let last = t0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const dt = (now - last) / 1000;
        last = now;
        for (let w = 0; w < writers.length; w++) {
          credit[w] = Math.min(WINDOW, credit[w] + dt * PER_WRITER_RATE);
          while (credit[w] >= 1 && writers[w].seq - observed[w] < WINDOW) {
            credit[w] -= 1;
            writers[w].writeNote();
          }
        }
        if (now - t0 >= cfg.durationMs) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    inWindow = false;
    const t1 = performance.now();
    const s1 = await server.stats();
    await waitUntil(() => observer.seen.size >= book.written.length, 3_000);
    await sleep(200);
    // Read back what is stored (read-only, while the server still runs; WAL allows it).
    const db = new Database(server.dataFile!, { readonly: true, fileMustExist: true });
    let inSqlite = 0;
    try {
      const rows = db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_updates WHERE room = ? ORDER BY seq').all(server.room);
      const doc = new Y.Doc();
      for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
      const stored = new Set(notesMap(doc).keys());
      inSqlite = book.written.filter((id) => stored.has(id)).length;
      doc.destroy();
    } finally {
      db.close();
    }
    return {
      writers: cfg.writers,
      sent: book.written.length,
      observedInWindow,
      persistedPerSec: observedInWindow / ((t1 - t0) / 1000),
      inSqlite,
      eldP99Ms: s1.eventLoopDelayP99Ms,
      eldMaxMs: s1.eventLoopDelayMaxMs,
      cpuPercent: ((cpuUs(s1) - cpuUs(s0)) / 1000 / (t1 - t0)) * 100,
      closed: all.filter((c) => c.closeCode !== 0).length,
    };
  } finally {
    for (const c of all) c.close();
    await server.kill();
  }
}

export async function runStorage(ctx: BenchContext): Promise<string> {
  const cfg = s1Config(ctx.quick);
  if (!ctx.servers.includes('croisee')) return '### S1 storage\n\n(skipped: Croisée not among --servers)\n';
  const results = await perServer(ctx, 'S1', ['croisee'], () => runOnce(ctx.quick));
  const out = [
    `### S1 storage (Croisée, SQLite): ${cfg.writers} writers, ≤ ${WINDOW} unacknowledged notes each, ≤ ${PER_WRITER_RATE}/s each, ${cfg.durationMs / 1000} s`,
    '',
    resultTable(results, ['server', 'notes sent', 'persisted updates/s', 'in SQLite at end', 'event-loop delay p99 ms (max)', 'CPU%', 'closed'], (r) => [
      String(r.sent),
      fmt(r.persistedPerSec, 0),
      `${r.inSqlite} / ${r.sent}`,
      `${fmt(r.eldP99Ms, 1)} (${fmt(r.eldMaxMs, 0)})`,
      fmt(r.cpuPercent, 0),
      String(r.closed),
    ]),
    '',
    '"persisted updates/s": notes seen by an observer during the window (Croisée stores a batch before broadcasting it); "in SQLite": notes found by reading the file back.',
    '',
  ];
  return out.join('\n');
}
