import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { mulberry32, type Rng } from '../../bench/lib/robustness/prng';
import { addNote, deleteNote, moveNote, setNoteKind, setNoteText } from '../../shared/operations';
import { projectRoom } from '../../shared/rooms';
import { NOTE_KINDS, notesMap, readNotes } from '../../shared/schema';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectProvider, eventually, sleep, waitForSync } from '../helpers/yjsClients';

/**
 * Seeded convergence: eight stock y-websocket peers on one project room apply random operations
 * from shared/operations.ts (add, edit text at random places with emoji, move, recolour, delete),
 * go offline and come back while editing, with small random delays. Once everyone is back, every
 * peer, the server's room and a fresh late joiner must hold the same notes and state vector.
 * A second variant restarts the server in the middle: the peers keep their documents, edit while it
 * is down, and reconnect to the new server (new port) with their local state.
 */

const PEERS = 8;
const SEED = 0x5eed_c0de;

interface Peer {
  index: number;
  /** The user id the server knows this peer's token by (authorship must be the writer's own). */
  userId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  online: boolean;
  made: number;
}

let t: TestServer;
const providers = new Set<WebsocketProvider>();

beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  for (const p of providers) p.destroy();
  providers.clear();
  await t.stop();
});

let userIds: string[] = [];

async function setupRoom() {
  const ws = await t.createWorkshop('Convergence');
  const joined = await Promise.all(Array.from({ length: PEERS + 1 }, (_, i) => t.join(ws.id, { joinCode: ws.joinCode, name: `Pair ${i}`, role: 'commune' })));
  userIds = joined.map((j) => j.userId);
  return { room: projectRoom(ws.id, 'proj0001'), tokens: joined.map((j) => j.token) };
}

function connect(room: string, token: string, doc?: Y.Doc) {
  const c = connectProvider(t.wsUrl, room, token, doc);
  providers.add(c.provider);
  return c;
}

async function connectPeers(room: string, tokens: string[]): Promise<Peer[]> {
  const peers = tokens.slice(0, PEERS).map((token, index) => ({ index, userId: userIds[index], ...connect(room, token), online: true, made: 0 }));
  await Promise.all(peers.map((p) => waitForSync(p.provider)));
  return peers;
}

/** Replaces each peer's provider with a new one on the current server URL, keeping its document. */
async function reconnectPeers(peers: Peer[], room: string, tokens: string[]): Promise<void> {
  for (const peer of peers) {
    peer.provider.destroy();
    providers.delete(peer.provider);
    peer.provider = connect(room, tokens[peer.index], peer.doc).provider;
    peer.online = true;
  }
  await Promise.all(peers.map((p) => waitForSync(p.provider)));
}

const INSERTS = ['a', 'é', 'mot ', '🚲', '👩‍🔬', '🌍🌱', ' ', 'ß', '\n', '漢字'];

/** One random operation on one peer's document (online or not). */
function randomOperation(rng: Rng, peer: Peer): void {
  const doc = peer.doc;
  const ids = [...notesMap(doc).keys()];
  const roll = rng.next();
  if (ids.length === 0 || roll < 0.2) {
    const id = `p${peer.index}n${String(peer.made++).padStart(4, '0')}`;
    addNote(doc, {
      id,
      x: rng.int(-3000, 3000),
      y: rng.int(-3000, 3000),
      kind: rng.pick(NOTE_KINDS),
      text: rng.bool() ? '' : `idée ${rng.pick(INSERTS)}`,
      authorId: peer.userId,
      authorName: `Pair ${peer.index}`,
      createdAt: 1_000 + peer.index * 10_000 + peer.made,
    });
    return;
  }
  const id = rng.pick(ids);
  if (roll < 0.65) {
    // Edit at a random position, on whole characters (an emoji is never cut in two).
    const chars = Array.from(notesMap(doc).get(id)?.get('text')?.toString() ?? '');
    const at = rng.int(0, chars.length);
    const remove = rng.bool(0.4) ? rng.int(1, 3) : 0;
    chars.splice(at, remove, ...(rng.bool(0.8) ? [rng.pick(INSERTS)] : []));
    setNoteText(doc, id, chars.join(''));
  } else if (roll < 0.8) {
    moveNote(doc, id, rng.int(-3000, 3000), rng.int(-3000, 3000));
  } else if (roll < 0.93) {
    setNoteKind(doc, id, rng.pick(NOTE_KINDS));
  } else {
    deleteNote(doc, id);
  }
}

/** `steps` random operations by random peers, with disconnects, reconnects and small delays. */
async function editRandomly(rng: Rng, peers: Peer[], steps: number, opts: { churn: boolean }): Promise<void> {
  for (let step = 0; step < steps; step++) {
    if (opts.churn) {
      const online = peers.filter((p) => p.online);
      const offline = peers.filter((p) => !p.online);
      if (online.length > 1 && rng.bool(0.04)) {
        const p = rng.pick(online);
        p.provider.disconnect();
        p.online = false;
      }
      if (offline.length > 0 && rng.bool(0.06)) {
        const p = rng.pick(offline);
        p.provider.connect();
        p.online = true;
      }
    }
    randomOperation(rng, rng.pick(peers));
    if (rng.bool(0.3)) await sleep(rng.int(0, 8));
  }
}

const svHex = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');

/** Every document has the same notes and the same state vector as the first. */
function allEqual(docs: Y.Doc[]): boolean {
  const notes = JSON.stringify(readNotes(docs[0]));
  const sv = svHex(docs[0]);
  return docs.every((d) => svHex(d) === sv && JSON.stringify(readNotes(d)) === notes);
}

async function expectConverged(room: string, peers: Peer[], lateToken: string): Promise<number> {
  for (const p of peers) {
    if (!p.online) p.provider.connect();
    p.online = true;
  }
  await Promise.all(peers.map((p) => waitForSync(p.provider, 20_000)));
  const serverDoc = () => t.server.rooms.loaded(room)?.doc;
  await eventually(() => serverDoc() !== undefined && allEqual([serverDoc()!, ...peers.map((p) => p.doc)]), 'every peer converges with the server', 20_000);

  const late = connect(room, lateToken);
  await waitForSync(late.provider);
  await eventually(() => allEqual([serverDoc()!, late.doc]), 'the late joiner converges', 10_000);

  // Deep comparisons, for a readable failure if one of the above ever lets something through.
  const expected = readNotes(serverDoc()!);
  for (const doc of [...peers.map((p) => p.doc), late.doc]) {
    expect(readNotes(doc)).toEqual(expected);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(serverDoc()!));
  }
  return expected.length;
}

describe('convergence of eight peers (seeded)', () => {
  it('random operations with disconnects and offline edits converge everywhere', async () => {
    const rng = mulberry32(SEED);
    const { room, tokens } = await setupRoom();
    const peers = await connectPeers(room, tokens);

    await editRandomly(rng, peers, 600, { churn: true });
    const notes = await expectConverged(room, peers, tokens[PEERS]);
    console.log(`convergence: ${PEERS} peers, 600 operations, ${notes} notes at the end`);
    expect(notes).toBeGreaterThan(0);
  });

  it('converges when the server restarts in the middle and peers come back with local state', async () => {
    const rng = mulberry32(SEED + 1);
    const { room, tokens } = await setupRoom();
    const peers = await connectPeers(room, tokens);

    await editRandomly(rng, peers, 250, { churn: true });
    // The server restarts (new port) while peers are connected, offline ones included.
    await t.restart();
    // Everyone edits while it is down.
    await editRandomly(rng, peers, 100, { churn: false });
    await reconnectPeers(peers, room, tokens);
    await editRandomly(rng, peers, 250, { churn: true });

    const notes = await expectConverged(room, peers, tokens[PEERS]);
    console.log(`convergence with a restart: ${PEERS} peers, 600 operations, ${notes} notes at the end`);
    expect(notes).toBeGreaterThan(0);
  });
});
