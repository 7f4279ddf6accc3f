import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { addNote, setNoteText } from '../../shared/operations';
import { CloseCode, MessageType, READ_ONLY_REASON, YJS_PATH } from '../../shared/protocol';
import { projectRoom, workshopRoom } from '../../shared/rooms';
import { readNotes, readWorkshop } from '../../shared/schema';
import { encodeAwareness, encodeUpdate } from '../../server/sync/messages';
import { serverPerTest } from '../helpers/testServer';
import { eventually, rawSocket, sleep, waitForSync } from '../helpers/yjsClients';

const t = serverPerTest();

const client = (room: string, token: string) => t.provider(room, token);

async function setup() {
  const ws = await t.createWorkshop('Atelier');
  const alice = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Alice', role: 'commune' });
  const bob = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Bob', role: 'expert', community: 'maker' });
  const viewer = await t.join(ws.id, { joinCode: ws.joinCode, name: 'Projecteur', role: 'viewer' });
  author = { id: alice.userId, name: 'Alice' };
  return { ws, alice, bob, viewer, room: projectRoom(ws.id, 'proj0001') };
}

/** Notes are written by Alice (the server checks that authorship is the writer's own). */
let author = { id: '', name: '' };
const note = (id: string, text: string) => ({
  id,
  x: 10,
  y: 20,
  kind: 'idea' as const,
  text,
  authorId: author.id,
  authorName: author.name,
  createdAt: 1,
});

describe('y-websocket endpoint', () => {
  it('serves the workshop document created with the workshop', async () => {
    const { ws, alice } = await setup();
    const a = client(workshopRoom(ws.id), alice.token);
    await waitForSync(a.provider);
    expect(readWorkshop(a.doc).title).toBe('Atelier');
  });

  it('two stock clients converge on notes, character by character', async () => {
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    const b = client(room, bob.token);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);

    addNote(a.doc, note('n1', 'Capteurs'));
    await eventually(() => readNotes(b.doc)[0]?.text === 'Capteurs', 'note reaches Bob');
    // Concurrent edits of the same note, at both ends, without waiting in between.
    setNoteText(a.doc, 'n1', 'Capteurs de qualité');
    setNoteText(b.doc, 'n1', 'Des Capteurs');
    const expected = 'Des Capteurs de qualité';
    await eventually(() => readNotes(a.doc)[0]?.text === expected && readNotes(b.doc)[0]?.text === expected, 'both merge');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('a client joining later receives everything', async () => {
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    await waitForSync(a.provider);
    for (let i = 0; i < 20; i++) addNote(a.doc, note(`n${i}`, `idée ${i}`));
    const b = client(room, bob.token);
    await waitForSync(b.provider);
    await eventually(() => readNotes(b.doc).length === 20, '20 notes at the late joiner');
    expect(readNotes(b.doc).map((n) => n.text)).toEqual(readNotes(a.doc).map((n) => n.text));
  });

  it('a restarted server serves everything it had', async () => {
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    await waitForSync(a.provider);
    addNote(a.doc, note('n1', 'Gardé'));
    setNoteText(a.doc, 'n1', 'Gardé après redémarrage');
    await sleep(50);
    a.provider.destroy();
    await t.restart();
    const b = client(room, bob.token);
    await waitForSync(b.provider);
    expect(readNotes(b.doc).map((n) => n.text)).toEqual(['Gardé après redémarrage']);
  });

  it('compacts a room log without losing anything', async () => {
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    await waitForSync(a.provider);
    for (let i = 0; i < 30; i++) {
      addNote(a.doc, note(`n${i}`, `${i}`));
      await sleep(1);
    }
    await eventually(() => t.server.rooms.loaded(room) !== null && readNotes(t.server.rooms.loaded(room)!.doc).length === 30, 'server has all');
    await t.server.rooms.loaded(room)!.settle();
    a.provider.destroy();
    await eventually(() => t.server.rooms.loaded(room) === null, 'room unloaded');
    await sleep(100);
    expect(await t.server.storage.docs.count(room)).toBe(1);
    const b = client(room, bob.token);
    await waitForSync(b.provider);
    expect(readNotes(b.doc)).toHaveLength(30);
  });

  it("refuses a viewer's writes: not applied, not broadcast, not stored, and tells the viewer", async () => {
    const { alice, viewer, room } = await setup();
    const a = client(room, alice.token);
    await waitForSync(a.provider);
    addNote(a.doc, note('n1', 'visible'));

    // The stock client, with a local change.
    const v = client(room, viewer.token);
    await waitForSync(v.provider);
    await eventually(() => readNotes(v.doc).length === 1, 'viewer reads');
    addNote(v.doc, note('evil', 'written by a viewer'));

    // A raw viewer socket sends an update frame and must get "permission denied: read-only".
    const raw = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${viewer.token}`);
    await raw.opened;
    const forged = new Y.Doc();
    addNote(forged, note('evil2', 'forged'));
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(forged)));
    await eventually(() => raw.frames.some((f) => f[0] === MessageType.auth), 'permission denied message');
    const denial = decoding.createDecoder(raw.frames.find((f) => f[0] === MessageType.auth)!);
    decoding.readVarUint(denial);
    expect(decoding.readVarUint(denial)).toBe(0);
    expect(decoding.readVarString(denial)).toBe(READ_ONLY_REASON);
    raw.ws.close();

    await sleep(200);
    expect(readNotes(a.doc).map((n) => n.id)).toEqual(['n1']);
    expect(readNotes(t.server.rooms.loaded(room)!.doc).map((n) => n.id)).toEqual(['n1']);
    a.provider.destroy();
    v.provider.destroy();
    await t.restart();
    const stored = new Y.Doc();
    for (const u of await t.server.storage.docs.load(room)) Y.applyUpdate(stored, u);
    expect(readNotes(stored).map((n) => n.id)).toEqual(['n1']);
  });

  it('stamps awareness with the authenticated identity and refuses claims on another client', async () => {
    const { alice, bob, viewer, room } = await setup();
    const a = client(room, alice.token);
    const b = client(room, bob.token);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    a.provider.awareness.setLocalState({ user: { name: 'Pas Alice', role: 'facilitator', color: '#f00' }, cursor: { x: 1, y: 2 } });
    const aliceId = a.doc.clientID;
    await eventually(() => b.provider.awareness.getStates().has(aliceId), 'Bob sees Alice');
    const seen = b.provider.awareness.getStates().get(aliceId) as { user: Record<string, unknown>; cursor: unknown };
    expect(seen.user).toMatchObject({ name: 'Alice', role: 'commune', color: '#f00', id: alice.userId });
    expect(seen.cursor).toEqual({ x: 1, y: 2 });

    // A viewer claiming Alice's client id is refused; Bob still sees Alice's real state.
    const raw = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${viewer.token}`);
    await raw.opened;
    const fake = new Awareness(new Y.Doc());
    fake.clientID = aliceId;
    fake.setLocalState({ user: { name: 'Imposteur' } });
    (fake as unknown as { meta: Map<number, { clock: number }> }).meta.get(aliceId)!.clock = 999;
    raw.ws.send(encodeAwareness(encodeAwarenessUpdate(fake, [aliceId])));
    await eventually(() => raw.frames.some((f) => f[0] === MessageType.auth), 'denied');
    await sleep(100);
    expect((b.provider.awareness.getStates().get(aliceId) as { user: { name: string } }).user.name).toBe('Alice');
    fake.destroy();
    raw.ws.close();
  });

  it('a note and a cursor move sent together in one write both reach stock clients', async () => {
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    const b = client(room, bob.token);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    for (let i = 0; i < 5; i++) {
      // Same event-loop turn: the presence change leaves with the document batch.
      a.provider.awareness.setLocalState({ user: { name: 'Alice', color: '#0a0' }, cursor: { x: i, y: i } });
      addNote(a.doc, note(`tick${i}00000`, `note ${i}`));
      await eventually(() => readNotes(b.doc).length === i + 1, `note ${i} arrives`);
      await eventually(
        () => (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === i,
        `cursor ${i} arrives`,
      );
    }
    expect(readNotes(b.doc).map((n) => n.text)).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4']);
  });

  it('refuses bad tokens, foreign tokens and unknown rooms at the upgrade', async () => {
    const { ws, alice } = await setup();
    const other = await t.createWorkshop('Autre');
    const bad = rawSocket(`${t.wsUrl}${YJS_PATH}/${ws.id}?token=nope`);
    expect(await bad.refused).toBe(401);
    const none = rawSocket(`${t.wsUrl}${YJS_PATH}/${ws.id}`);
    expect(await none.refused).toBe(401);
    const foreign = rawSocket(`${t.wsUrl}${YJS_PATH}/${other.id}?token=${alice.token}`);
    expect(await foreign.refused).toBe(403);
    const unknown = rawSocket(`${t.wsUrl}${YJS_PATH}/..%2Fetc?token=${alice.token}`);
    expect(await unknown.refused).toBe(404);
  });

  it('a malformed frame closes only that connection', async () => {
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    const b = client(room, bob.token);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);

    const cases: Array<[string, Uint8Array | string]> = [
      ['garbage', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
      ['truncated update', new Uint8Array([MessageType.sync, 2, 50, 1, 2, 3])],
      ['invalid update', new Uint8Array([MessageType.sync, 2, 4, 9, 9, 9, 9])],
      ['text frame', 'hello'],
    ];
    for (const [label, payload] of cases) {
      const raw = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${alice.token}`);
      await raw.opened;
      raw.ws.send(payload);
      const { code } = await raw.closed;
      expect(code, label).toBe(CloseCode.badMessage);
    }
    // The others never noticed.
    addNote(a.doc, note('after', 'toujours là'));
    await eventually(() => readNotes(b.doc).some((n) => n.text === 'toujours là'), 'Bob still receives');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it('closes a connection sending an oversize frame with 1009, others unaffected', async () => {
    await t.replace({});
    const { alice, bob, room } = await setup();
    const b = client(room, bob.token);
    await waitForSync(b.provider);
    const raw = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${alice.token}`);
    await raw.opened;
    raw.ws.send(new Uint8Array(9 * 1024 * 1024));
    expect((await raw.closed).code).toBe(CloseCode.messageTooBig);
    expect(b.provider.wsconnected).toBe(true);
  });

  it('refuses a WebSocket opened by a page of another site (Origin check)', async () => {
    const { alice, room } = await setup();
    const { WebSocket } = await import('ws');
    const foreign = new WebSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${alice.token}`, { headers: { origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      foreign.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      foreign.on('error', () => {});
    });
    expect(status).toBe(403);
    const own = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${alice.token}`);
    await own.opened; // no Origin (not a browser) or the server's own origin: accepted
    own.ws.close();
  });

  it('closes a connection that floods messages with 4529, others unaffected', async () => {
    await t.replace({ rateLimit: { burst: 50, perSecond: 10 } });
    const { alice, bob, room } = await setup();
    const b = client(room, bob.token);
    await waitForSync(b.provider);
    const raw = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${alice.token}`);
    await raw.opened;
    const query = new Uint8Array([MessageType.queryAwareness]);
    for (let i = 0; i < 200; i++) raw.ws.send(query);
    expect((await raw.closed).code).toBe(CloseCode.rateLimited);
    expect(b.provider.wsconnected).toBe(true);
  });

  it('refuses writes past the document size limit with 4413 and keeps what was there', async () => {
    await t.replace({ maxDocumentBytes: 20_000 });
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    const b = client(room, bob.token);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    addNote(a.doc, note('small001', 'petit'));
    await eventually(() => readNotes(b.doc).length === 1, 'small note arrives');
    const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
    addNote(a.doc, note('huge0001', 'x'.repeat(1900)));
    for (let i = 0; i < 20; i++) addNote(a.doc, note(`big${String(i).padStart(5, '0')}`, 'y'.repeat(1900)));
    expect(await closed).toBe(CloseCode.documentTooLarge);
    await sleep(100);
    expect(readNotes(b.doc).map((n) => n.id)).toContain('small001');
    expect(Y.encodeStateAsUpdate(t.server.rooms.loaded(room)!.doc).byteLength).toBeLessThanOrEqual(20_000);
  });

  it('merges what a stalled client misses instead of queueing it, and it catches up', async () => {
    await t.replace({ congestionBytes: 16 * 1024 });
    const { alice, bob, room } = await setup();
    const a = client(room, alice.token);
    await waitForSync(a.provider);
    // Bob stops reading: the server's socket buffer for him fills up.
    const b = rawSocket(`${t.wsUrl}${YJS_PATH}/${room}?token=${bob.token}`);
    await b.opened;
    const bobSocket = (b.ws as unknown as { _socket: import('node:net').Socket })._socket;
    bobSocket.pause();
    for (let i = 0; i < 400; i++) {
      addNote(a.doc, note(`n${String(i).padStart(5, '0')}`, 'z'.repeat(300)));
      if (i % 20 === 0) await sleep(5);
    }
    await t.server.rooms.loaded(room)!.settle();
    bobSocket.resume();
    // Bob applies whatever he received, in order; he must end with all 400 notes.
    const mirror = new Y.Doc();
    const { readSyncMessage } = await import('y-protocols/sync');
    const encoding = await import('lib0/encoding');
    let received = 0;
    await eventually(
      () => {
        received += b.frames.length;
        for (const f of b.frames.splice(0)) {
          const d = decoding.createDecoder(f);
          if (decoding.readVarUint(d) === MessageType.sync) readSyncMessage(d, encoding.createEncoder(), mirror, null);
        }
        return readNotes(mirror).length === 400;
      },
      'stalled client catches up',
      15_000,
    );
    // Merged, not queued: far fewer frames than the updates written while he was stalled.
    expect(received).toBeLessThan(200);
    b.ws.close();
  });
});
