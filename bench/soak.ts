/**
 * Soak test: clients connect, edit and disconnect in churn against an in-process server (SQLite in a
 * temp folder, 127.0.0.1 only) for a long time, to see whether memory, rooms or connections grow.
 *
 *   node --expose-gc --import tsx bench/soak.ts [--minutes M] [--clients C] [--rooms R] [--seed S]
 *   npx tsx bench/soak.ts --minutes 2            (without --expose-gc heap numbers are noisier)
 *
 * Every minute: RSS, heapUsed (after global.gc() when exposed), open rooms, Yjs connections,
 * socket.io clients. At the end, after everyone left and the rooms unloaded: the same, and the growth
 * since the first minute (the warm-up baseline).
 */
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote, deleteNote, moveNote, setNoteText } from '../shared/operations';
import { projectRoom } from '../shared/rooms';
import { NOTE_KINDS, notesMap } from '../shared/schema';
import { mulberry32, type Rng } from './lib/robustness/prng';
import { startBenchServer, type BenchServer } from './lib/robustness/server';
import { connectCommandSocket, sendCommand } from './lib/robustness/socketFuzz';
import { stockClient, until } from './lib/robustness/yjsFuzz';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const minutes = arg('minutes', 30);
const maxClients = arg('clients', 24);
const roomCount = arg('rooms', 6);
const seed = arg('seed', 0x50a6);
/** Notes kept per room at most: the churn deletes beyond it, so documents stay a realistic size. */
const MAX_NOTES_PER_ROOM = 150;

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface Sample {
  at: number;
  rss: number;
  heapUsed: number;
  rooms: number;
  yjsConnections: number;
  sockets: number;
}

function sample(s: BenchServer, started: number): Sample {
  gc?.();
  const mem = process.memoryUsage();
  let yjsConnections = 0;
  for (const name of s.server.rooms.loadedNames()) yjsConnections += s.server.rooms.loaded(name)?.connectionCount ?? 0;
  return {
    at: (Date.now() - started) / 60_000,
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    rooms: s.server.rooms.openRoomCount,
    yjsConnections,
    sockets: s.server.io.engine.clientsCount,
  };
}

const line = (label: string, x: Sample) =>
  `${label.padEnd(8)} rss ${mb(x.rss).padStart(9)}  heapUsed ${mb(x.heapUsed).padStart(9)}  rooms ${String(x.rooms).padStart(3)}  yjs conns ${String(x.yjsConnections).padStart(3)}  socket.io ${String(x.sockets).padStart(3)}`;

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  leaveAt: number;
  index: number;
}

let noteCounter = 0;

function edit(rng: Rng, client: Client): void {
  const doc = client.doc;
  if (!client.provider.synced) return;
  const ids = [...notesMap(doc).keys()];
  const roll = rng.next();
  if (ids.length > MAX_NOTES_PER_ROOM && roll < 0.5) {
    deleteNote(doc, rng.pick(ids));
  } else if (ids.length === 0 || roll < 0.25) {
    addNote(doc, {
      id: `soak${(noteCounter++).toString(36).padStart(6, '0')}`,
      x: rng.int(0, 4000),
      y: rng.int(0, 4000),
      kind: rng.pick(NOTE_KINDS),
      text: 'note',
      authorId: `c${client.index}`,
      authorName: `Client ${client.index}`,
      createdAt: Date.now(),
    });
  } else if (roll < 0.75) {
    const id = rng.pick(ids);
    const text = notesMap(doc).get(id)?.get('text')?.toString() ?? '';
    const next = text.length > 120 ? text.slice(10) : `${text}${rng.pick(['a', 'é', ' ', '🚲', 'mot'])}`;
    setNoteText(doc, id, next);
  } else if (roll < 0.95) {
    moveNote(doc, rng.pick(ids), rng.int(0, 4000), rng.int(0, 4000));
  } else {
    client.provider.awareness.setLocalState({
      user: { name: `Client ${client.index}`, color: '#e76f51' },
      cursor: { x: rng.int(0, 4000), y: rng.int(0, 4000) },
    });
  }
}

async function main(): Promise<void> {
  const rng = mulberry32(seed);
  // Each stock y-websocket provider adds a process 'exit' listener; many live at once here.
  process.setMaxListeners(maxClients * 4);
  const s = await startBenchServer({ unloadDelayMs: 1_000 });
  console.log(
    `soak: ${minutes} min, up to ${maxClients} clients over ${roomCount} rooms, seed ${seed}, gc ${gc ? 'exposed' : 'not exposed (run with --expose-gc for steadier heap numbers)'}`,
  );
  const ws = await s.createWorkshop('Soak');
  const tokens: string[] = [];
  for (let i = 0; i < 16; i++) tokens.push((await s.join(ws.id, { joinCode: ws.joinCode, name: `P${i}`, role: 'commune' })).token);
  const rooms = Array.from({ length: roomCount }, (_, i) => projectRoom(ws.id, `proj${String(i).padStart(4, '0')}`));

  const started = Date.now();
  const endAt = started + minutes * 60_000;
  const clients = new Set<Client>();
  let joins = 0;
  let leaves = 0;
  let commands = 0;
  let commandFailures = 0;
  let clientIndex = 0;
  const samples: Sample[] = [];
  console.log(line('start', sample(s, started)));
  let nextReport = started + 60_000;

  const leave = (c: Client) => {
    c.provider.destroy();
    c.doc.destroy();
    clients.delete(c);
    leaves++;
  };

  try {
    while (Date.now() < endAt) {
      const now = Date.now();
      // Churn: leave when their time is up, join up to the cap.
      for (const c of [...clients]) if (c.leaveAt <= now) leave(c);
      while (clients.size < maxClients && rng.bool(0.5)) {
        const { doc, provider } = stockClient(s.wsUrl, rng.pick(rooms), rng.pick(tokens));
        provider.awareness.setLocalState({ user: { name: 'soak', color: '#264653' }, cursor: null });
        clients.add({ doc, provider, leaveAt: now + rng.int(2_000, 40_000), index: clientIndex++ });
        joins++;
      }
      for (const c of clients) if (rng.bool(0.3)) edit(rng, c);
      // Now and then a socket.io client comes, sends a command and goes.
      if (rng.bool(0.05)) {
        const sock = await connectCommandSocket(s.url, rng.pick(tokens)).catch(() => null);
        if (sock) {
          const ack = await sendCommand(sock, rng.bool() ? { type: 'hand.raise' } : { type: 'hand.lower' });
          commands++;
          if (!ack?.ok) commandFailures++;
          sock.close();
        } else commandFailures++;
      }
      await new Promise((r) => setTimeout(r, 100));

      if (Date.now() >= nextReport) {
        nextReport += 60_000;
        const x = sample(s, started);
        samples.push(x);
        console.log(`${line(`${x.at.toFixed(0)} min`, x)}  clients ${clients.size}, joins ${joins}, leaves ${leaves}, commands ${commands}`);
      }
    }
  } finally {
    for (const c of [...clients]) leave(c);
  }

  // Everyone left: rooms must unload and connections drop to zero.
  await until(() => s.server.rooms.openRoomCount === 0 && s.server.io.engine.clientsCount === 0, 'rooms unloaded and sockets closed', 30_000).catch(
    (err: Error) => console.log(`soak: ${err.message}`),
  );
  await new Promise((r) => setTimeout(r, 500));
  const end = sample(s, started);
  console.log(line('end', end));
  const base = samples[0] ?? end;
  const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%`;
  console.log(
    `soak: growth since minute ${base.at.toFixed(0)}: rss ${mb(end.rss - base.rss)} (${pct(end.rss, base.rss)}), ` +
      `heapUsed ${mb(end.heapUsed - base.heapUsed)} (${pct(end.heapUsed, base.heapUsed)}); ` +
      `rooms ${end.rooms}, yjs connections ${end.yjsConnections}, socket.io ${end.sockets} after everyone left`,
  );
  console.log(`soak: ${joins} joins, ${leaves} leaves, ${commands} socket.io commands (${commandFailures} failed), server errors ${s.errors.length}`);
  for (const e of s.errors.slice(0, 5)) console.log(`  server error: ${e.slice(0, 300)}`);
  await s.stop();
  const leaked = end.rooms > 0 || end.yjsConnections > 0 || end.sockets > 0;
  console.log(leaked || s.errors.length > 0 ? 'soak: FAILED' : 'soak: done');
  process.exit(leaked || s.errors.length > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error('soak: FAILED', err);
  process.exit(1);
});
