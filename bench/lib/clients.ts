import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addNote } from '../../shared/operations';
import { notesMap, NOTE_KINDS } from '../../shared/schema';
import {
  AUTH_AUTHENTICATED,
  AUTH_DENIED,
  Framer,
  HP_SYNC_REPLY,
  MSG_AUTH,
  MSG_AWARENESS,
  MSG_SYNC,
  SYNC_STEP2,
  SYNC_UPDATE,
  clientUrl,
  authorFor,
  type Author,
  type Target,
} from './wire';

/**
 * Protocol clients of the load generator. The cheap ones only count frames (reading two header
 * bytes); writers and probes hold real Y.Docs. Every client sends sync step 1 with an empty state
 * vector once connected (after the Hocuspocus auth handshake) and is ready at sync step 2; against
 * the relay, which has no state, a client is ready when the socket opens.
 */
export class WireClient {
  readonly ws: WebSocket;
  readonly framer: Framer;
  readonly startedAt = performance.now();
  openedAt = 0;
  syncedAt = 0;
  step2Bytes = 0;
  frames = 0;
  updateFrames = 0;
  awarenessFrames = 0;
  closeCode = 0;
  error: string | null = null;
  readonly ready: Promise<void>;
  private settle!: { resolve: () => void; reject: (e: Error) => void };
  private settled = false;
  protected readonly offset: number;

  constructor(
    readonly target: Target,
    readonly index: number,
  ) {
    this.framer = new Framer(target);
    this.offset = this.framer.offset;
    this.ready = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.ready.catch(() => {});
    this.ws = new WebSocket(clientUrl(target, index), { perMessageDeflate: false, handshakeTimeout: 30_000 });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => this.onOpen());
    this.ws.on('message', (data: Buffer) => this.onFrame(data));
    this.ws.on('error', (err) => {
      this.error ??= err.message;
      this.fail(err.message);
    });
    this.ws.on('unexpected-response', (_req, res) => {
      this.error ??= `HTTP ${res.statusCode}`;
      this.fail(`HTTP ${res.statusCode}`);
      this.ws.terminate();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      this.fail(`closed with ${code}`);
    });
  }

  get synced(): boolean {
    return this.syncedAt > 0;
  }

  private fail(reason: string): void {
    if (this.settled) return;
    this.settled = true;
    this.settle.reject(new Error(reason));
  }

  protected markReady(): void {
    if (this.settled) return;
    this.settled = true;
    this.settle.resolve();
  }

  private onOpen(): void {
    this.openedAt = performance.now();
    switch (this.target.kind) {
      case 'relay':
        this.syncedAt = this.openedAt;
        this.markReady();
        return;
      case 'hocuspocus':
        this.send(this.framer.auth(this.target.tokens[this.index % this.target.tokens.length]));
        return;
      default:
        this.send(this.framer.syncStep1());
    }
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  protected onFrame(data: Buffer): void {
    this.frames++;
    const o = this.offset;
    const type = data[o];
    if (type === MSG_SYNC || type === HP_SYNC_REPLY) {
      const sub = data[o + 1];
      if (sub === SYNC_UPDATE) this.updateFrames++;
      else if (sub === SYNC_STEP2 && !this.synced) this.onStep2(data);
      this.handleSync(data);
    } else if (type === MSG_AWARENESS) {
      this.awarenessFrames++;
    } else if (type === MSG_AUTH && this.target.kind === 'hocuspocus') {
      const sub = data[o + 1];
      if (sub === AUTH_AUTHENTICATED) this.send(this.framer.syncStep1());
      else if (sub === AUTH_DENIED) this.fail('permission denied');
    }
  }

  protected onStep2(data: Buffer): void {
    this.syncedAt = performance.now();
    this.step2Bytes = data.byteLength;
    this.markReady();
  }

  /** Writers and probes decode sync messages; cheap clients don't. */
  protected handleSync(_data: Buffer): void {}

  close(): void {
    this.ws.terminate();
  }
}

/** Shared by writers and probes: when each note was sent. */
export class NoteBook {
  readonly sentAt = new Map<string, number>();
  readonly written: string[] = [];
  record(id: string): void {
    this.sentAt.set(id, performance.now());
    this.written.push(id);
  }
}

export const noteId = (writer: number, seq: number) => `n${writer.toString().padStart(3, '0')}s${seq.toString().padStart(6, '0')}`;
export const writerOf = (id: string) => Number(id.slice(1, 4));

/** Holds a real Y.Doc and applies every update; records when each note first appears. */
export class Probe extends WireClient {
  readonly doc = new Y.Doc();
  readonly latencies: number[] = [];
  readonly seen = new Set<string>();
  onNote: ((id: string) => void) | null = null;

  constructor(target: Target, index: number, book: NoteBook) {
    super(target, index);
    notesMap(this.doc).observe((event) => {
      const now = performance.now();
      event.changes.keys.forEach((change, key) => {
        if (change.action !== 'add' || this.seen.has(key)) return;
        this.seen.add(key);
        const sent = book.sentAt.get(key);
        if (sent !== undefined) this.latencies.push(now - sent);
        this.onNote?.(key);
      });
    });
  }

  protected override handleSync(data: Buffer): void {
    const decoder = decoding.createDecoder(data);
    decoder.pos = this.offset;
    decoding.readVarUint(decoder);
    const sub = decoding.readVarUint(decoder);
    if (sub !== SYNC_STEP2 && sub !== SYNC_UPDATE) return;
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
  }

  override close(): void {
    super.close();
    this.doc.destroy();
  }
}

/** Holds a real Y.Doc and sends the update `addNote` produces. */
export class Writer extends WireClient {
  readonly doc = new Y.Doc();
  private last: Uint8Array | null = null;
  seq = 0;

  constructor(
    target: Target,
    index: number,
    readonly writerIndex: number,
    private readonly book: NoteBook,
  ) {
    super(target, index);
    this.doc.on('update', (update: Uint8Array) => (this.last = update));
  }

  writeNote(): string {
    const seq = this.seq++;
    const id = noteId(this.writerIndex, seq);
    makeNote(this.doc, this.writerIndex, seq, authorFor(this.target, this.index), id);
    const update = this.last!;
    this.last = null;
    this.book.record(id);
    this.send(this.framer.update(update));
    return id;
  }

  override close(): void {
    super.close();
    this.doc.destroy();
  }
}

export function makeNote(doc: Y.Doc, writer: number, seq: number, author: Author, id = noteId(writer, seq)): void {
  addNote(doc, {
    id,
    x: (seq * 37) % 4000,
    y: (writer * 53 + seq * 11) % 3000,
    kind: NOTE_KINDS[seq % NOTE_KINDS.length],
    text: `Idée ${seq} du groupe ${writer} : capteurs de qualité de l’air près des écoles`,
    authorId: author.userId,
    authorName: author.name,
    createdAt: 1_760_000_000_000 + seq,
  });
}

const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0'];

/** Sends awareness updates for its own client id (a cursor moving on the canvas). */
export class CursorMover extends WireClient {
  private readonly awareness = new Awareness(new Y.Doc());
  private step = 0;

  constructor(target: Target, index: number, moverIndex: number) {
    super(target, index);
    this.awareness.setLocalState(null);
    this.name = `Curseur ${moverIndex}`;
    this.color = COLORS[moverIndex % COLORS.length];
  }
  private readonly name: string;
  private readonly color: string;

  move(): void {
    const s = this.step++;
    this.awareness.setLocalState({ user: { name: this.name, color: this.color }, cursor: { x: 100 + ((s * 13) % 800), y: 100 + ((s * 7) % 600) } });
    this.send(this.framer.awareness(encodeAwarenessUpdate(this.awareness, [this.awareness.clientID])));
  }

  override close(): void {
    super.close();
    this.awareness.destroy();
    this.awareness.doc.destroy();
  }
}

/** Opens clients with bounded concurrency and waits until each is ready; bounded in time. */
export async function connectAll<C extends WireClient>(
  count: number,
  make: (i: number) => C,
  opts: { concurrency?: number; timeoutMs?: number } = {},
): Promise<C[]> {
  const concurrency = opts.concurrency ?? 50;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const clients: C[] = [];
  let next = 0;
  let failed = 0;
  let firstError = '';
  const worker = async () => {
    while (next < count) {
      if (Date.now() > deadline) throw new Error(`connecting ${count} clients timed out`);
      const client = make(next++);
      clients.push(client);
      try {
        await withTimeout(client.ready, Math.max(1, deadline - Date.now()), 'client ready');
      } catch (err) {
        failed++;
        firstError ||= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failed > 0) {
    for (const c of clients) c.close();
    throw new Error(`${failed}/${count} clients failed to connect (first: ${firstError})`);
  }
  return clients;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
    }),
  ]);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every 10 ms until true or the time is up; returns whether it became true. */
export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) return false;
    await sleep(10);
  }
  return true;
}
