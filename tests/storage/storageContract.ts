import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId, newJoinCode } from '../../shared/ids';
import { addNote, addProject, deleteNote, initWorkshop, moveNote, removeProject, renameWorkshop, setNoteKind, setNoteText } from '../../shared/operations';
import { readNotes, readWorkshop } from '../../shared/schema';
import type { AttachmentRecord, ParticipantRecord, Storage, WorkshopRecord } from '../../server/storage/Storage';

export interface OpenedStorage {
  storage: Storage;
  /** Closes the storage and removes whatever `open` created. */
  cleanup: () => Promise<void>;
}

/**
 * The behaviour every Storage adapter must have. Adapter-agnostic: it only goes through the Storage
 * interface, and every test uses fresh room names, ids, join codes and keys, so it also holds when
 * `open` hands out the same database (e.g. one PostgreSQL schema) to several tests.
 */
export function describeStorageContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`Storage contract: ${name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;

    beforeEach(async () => {
      opened = await open();
      storage = opened.storage;
    });

    afterEach(async () => {
      await opened.cleanup();
    });

    const room = () => `${newId()}.${newId()}`;
    const bytes = (u: Uint8Array) => Array.from(u);

    /** Runs operations on a doc and collects every update it emits, in order. */
    function recordUpdates(doc: Y.Doc, run: (doc: Y.Doc) => void): Uint8Array[] {
      const updates: Uint8Array[] = [];
      const onUpdate = (u: Uint8Array) => updates.push(u);
      doc.on('update', onUpdate);
      run(doc);
      doc.off('update', onUpdate);
      return updates;
    }

    /** A canvas history from two clients, with text edits, moves, kind changes and a deletion. */
    function canvasHistory(): { doc: Y.Doc; updates: Uint8Array[] } {
      const a = new Y.Doc();
      const b = new Y.Doc();
      const updates: Uint8Array[] = [];
      updates.push(
        ...recordUpdates(a, (d) => {
          addNote(d, { id: 'note01', x: 1, y: 2, kind: 'idea', text: 'first', authorId: 'ua', authorName: 'Ada', createdAt: 1 });
          addNote(d, { id: 'note02', x: 3, y: 4, kind: 'need', text: 'second', authorId: 'ua', authorName: 'Ada', createdAt: 2 });
          setNoteText(d, 'note01', 'first idea');
        }),
      );
      for (const u of updates) Y.applyUpdate(b, u);
      updates.push(
        ...recordUpdates(b, (d) => {
          addNote(d, { id: 'note03', x: 5, y: 6, kind: 'risk', text: 'third', authorId: 'ub', authorName: 'Bob', createdAt: 3 });
          moveNote(d, 'note01', 100, 200);
          setNoteKind(d, 'note02', 'question');
          setNoteText(d, 'note01', 'the first idea');
          deleteNote(d, 'note02');
        }),
      );
      return { doc: b, updates };
    }

    function rebuild(updates: Uint8Array[]): Y.Doc {
      const doc = new Y.Doc();
      for (const u of updates) Y.applyUpdate(doc, u);
      return doc;
    }

    // ---- DocStorage ---------------------------------------------------------------------------

    describe('docs', () => {
      it('load of an unknown room is empty, count is 0', async () => {
        const r = room();
        expect(await storage.docs.load(r)).toEqual([]);
        expect(await storage.docs.count(r)).toBe(0);
      });

      it('append then load returns the updates in order, byte-equal', async () => {
        const r = room();
        const { updates } = canvasHistory();
        for (const u of updates) await storage.docs.append(r, u);
        const loaded = await storage.docs.load(r);
        expect(loaded.map(bytes)).toEqual(updates.map(bytes));
        expect(await storage.docs.count(r)).toBe(updates.length);
        for (const u of loaded) expect(u).toBeInstanceOf(Uint8Array);
      });

      it('stores arbitrary bytes exactly, including zeros and 0xff', async () => {
        const r = room();
        const odd = [new Uint8Array([0]), new Uint8Array([255, 0, 255]), new Uint8Array(Array.from({ length: 256 }, (_, i) => i))];
        for (const u of odd) await storage.docs.append(r, u);
        expect((await storage.docs.load(r)).map(bytes)).toEqual(odd.map(bytes));
      });

      it('a view into a larger buffer stores only the viewed bytes', async () => {
        const r = room();
        const big = new Uint8Array([9, 9, 1, 2, 3, 9, 9]);
        await storage.docs.append(r, big.subarray(2, 5));
        expect((await storage.docs.load(r)).map(bytes)).toEqual([[1, 2, 3]]);
      });

      it('append keeps its own copy: mutating the caller array later changes nothing', async () => {
        const r = room();
        const u = new Uint8Array([1, 2, 3]);
        await storage.docs.append(r, u);
        u[0] = 99;
        expect((await storage.docs.load(r)).map(bytes)).toEqual([[1, 2, 3]]);
      });

      it('load returns independent bytes: mutating a loaded update does not change the store', async () => {
        const r = room();
        await storage.docs.append(r, new Uint8Array([1, 2, 3]));
        const [first] = await storage.docs.load(r);
        first[0] = 99;
        expect((await storage.docs.load(r)).map(bytes)).toEqual([[1, 2, 3]]);
      });

      it('rooms are isolated', async () => {
        const r1 = room();
        const r2 = room();
        const r3 = `${r1.split('.')[0]}`; // the workshop room of r1's workshop
        const { updates } = canvasHistory();
        const [u1, u2, u3] = updates;
        await storage.docs.append(r1, u1);
        await storage.docs.append(r2, u2);
        await storage.docs.append(r1, u3);
        expect((await storage.docs.load(r1)).map(bytes)).toEqual([bytes(u1), bytes(u3)]);
        expect((await storage.docs.load(r2)).map(bytes)).toEqual([bytes(u2)]);
        expect(await storage.docs.load(r3)).toEqual([]);
        expect(await storage.docs.count(r1)).toBe(2);
        expect(await storage.docs.count(r2)).toBe(1);
        expect(await storage.docs.count(r3)).toBe(0);
        await storage.docs.compact(r1);
        expect(await storage.docs.count(r1)).toBe(1);
        expect((await storage.docs.load(r2)).map(bytes)).toEqual([bytes(u2)]);
        expect(await storage.docs.load(r3)).toEqual([]);
      });

      it('compact leaves one entry whose state equals the doc built from all updates', async () => {
        const r = room();
        const { doc, updates } = canvasHistory();
        for (const u of updates) await storage.docs.append(r, u);
        await storage.docs.compact(r);
        expect(await storage.docs.count(r)).toBe(1);
        const loaded = await storage.docs.load(r);
        expect(loaded).toHaveLength(1);

        const fromStore = rebuild(loaded);
        const fromUpdates = rebuild(updates);
        expect(readNotes(fromStore)).toEqual(readNotes(fromUpdates));
        expect(readNotes(fromStore)).toEqual(readNotes(doc));
        expect(readNotes(fromStore).map((n) => [n.id, n.text, n.x, n.y, n.kind])).toEqual([
          ['note01', 'the first idea', 100, 200, 'idea'],
          ['note03', 'third', 5, 6, 'risk'],
        ]);
        // same state vector and same deletions: nothing lost, nothing resurrected
        expect(Y.decodeStateVector(Y.encodeStateVector(fromStore))).toEqual(Y.decodeStateVector(Y.encodeStateVector(fromUpdates)));
        expect(Y.equalSnapshots(Y.snapshot(fromStore), Y.snapshot(fromUpdates))).toBe(true);
      });

      it('compact works for a workshop document too', async () => {
        const r = newId();
        const doc = new Y.Doc();
        const updates = recordUpdates(doc, (d) => {
          initWorkshop(d, { title: 'Lab', createdAt: 1, themes: [{ id: 'theme1', name: 'Mobility' }] });
          addProject(d, { id: 'proj01', name: 'Bikes', commune: 'Lyon', themeId: 'theme1', createdAt: 2 });
          addProject(d, { id: 'proj02', name: 'Gone', themeId: null, createdAt: 3 });
          removeProject(d, 'proj02');
          renameWorkshop(d, 'Lab 2');
        });
        for (const u of updates) await storage.docs.append(r, u);
        await storage.docs.compact(r);
        expect(await storage.docs.count(r)).toBe(1);
        expect(readWorkshop(rebuild(await storage.docs.load(r)))).toEqual(readWorkshop(doc));
        expect(readWorkshop(doc).title).toBe('Lab 2');
      });

      it('append after compact keeps both the merged state and the new update', async () => {
        const r = room();
        const { doc, updates } = canvasHistory();
        for (const u of updates) await storage.docs.append(r, u);
        await storage.docs.compact(r);
        const later = recordUpdates(doc, (d) => {
          addNote(d, { id: 'note04', x: 0, y: 0, kind: 'technology', text: 'later', authorId: 'ub', authorName: 'Bob', createdAt: 4 });
        });
        expect(later).toHaveLength(1);
        await storage.docs.append(r, later[0]);
        expect(await storage.docs.count(r)).toBe(2);
        const loaded = await storage.docs.load(r);
        expect(bytes(loaded[1])).toEqual(bytes(later[0]));
        expect(readNotes(rebuild(loaded))).toEqual(readNotes(doc));
        expect(readNotes(rebuild(loaded)).map((n) => n.id)).toEqual(['note01', 'note03', 'note04']);

        await storage.docs.compact(r);
        expect(await storage.docs.count(r)).toBe(1);
        expect(readNotes(rebuild(await storage.docs.load(r)))).toEqual(readNotes(doc));
      });

      it('compact of an empty room is harmless', async () => {
        const r = room();
        await storage.docs.compact(r);
        expect(await storage.docs.count(r)).toBe(0);
        expect(await storage.docs.load(r)).toEqual([]);
        await storage.docs.append(r, new Uint8Array([0, 0]));
        expect((await storage.docs.load(r)).map(bytes)).toEqual([[0, 0]]);
      });

      it('compact of a single-entry room keeps that entry', async () => {
        const r = room();
        const { doc } = canvasHistory();
        const whole = Y.encodeStateAsUpdate(doc);
        await storage.docs.append(r, whole);
        await storage.docs.compact(r);
        expect(await storage.docs.count(r)).toBe(1);
        expect(readNotes(rebuild(await storage.docs.load(r)))).toEqual(readNotes(doc));
      });

      it('compact twice in a row is stable', async () => {
        const r = room();
        const { doc, updates } = canvasHistory();
        for (const u of updates) await storage.docs.append(r, u);
        await storage.docs.compact(r);
        const once = (await storage.docs.load(r)).map(bytes);
        await storage.docs.compact(r);
        expect((await storage.docs.load(r)).map(bytes)).toEqual(once);
        expect(readNotes(rebuild(await storage.docs.load(r)))).toEqual(readNotes(doc));
      });

      it('appends racing a compaction are kept', async () => {
        const r = room();
        const { doc, updates } = canvasHistory();
        const half = Math.floor(updates.length / 2);
        for (const u of updates.slice(0, half)) await storage.docs.append(r, u);
        await Promise.all([storage.docs.compact(r), ...updates.slice(half).map((u) => storage.docs.append(r, u))]);
        expect(readNotes(rebuild(await storage.docs.load(r)))).toEqual(readNotes(doc));
        await storage.docs.compact(r);
        expect(await storage.docs.count(r)).toBe(1);
        expect(readNotes(rebuild(await storage.docs.load(r)))).toEqual(readNotes(doc));
      });

      it('listRooms lists the stored rooms under a prefix, sorted', async () => {
        const w = newId();
        const p = newId();
        const prefix = `${w}.${p}.`;
        const names = [`${w}.${p}.userzz`, `${w}.${p}.useraa`, `${w}.${p}.usermm`];
        for (const n of names) await storage.docs.append(n, new Uint8Array([0, 0]));
        await storage.docs.append(`${w}.${p}`, new Uint8Array([0, 0])); // the project room itself
        await storage.docs.append(`${w}.${p}x.useraa`, new Uint8Array([0, 0])); // a sibling project
        await storage.docs.append(w, new Uint8Array([0, 0]));
        await storage.docs.append(`${w}.${p}.useraa`, new Uint8Array([0, 0])); // a second entry: listed once

        expect(await storage.docs.listRooms(prefix)).toEqual([...names].sort());
        expect(await storage.docs.listRooms(`${w}.${p}`)).toEqual([`${w}.${p}`, ...[...names].sort(), `${w}.${p}x.useraa`]);
        expect(await storage.docs.listRooms(`${newId()}.`)).toEqual([]);
      });

      it('listRooms treats the prefix literally (no LIKE wildcards) and still lists compacted rooms', async () => {
        const id = newId();
        await storage.docs.append(`${id}_x`, new Uint8Array([0, 0]));
        await storage.docs.append(`${id}ax`, new Uint8Array([0, 0]));
        await storage.docs.append(`${id}%y`, new Uint8Array([0, 0]));
        expect(await storage.docs.listRooms(`${id}_`)).toEqual([`${id}_x`]);
        expect(await storage.docs.listRooms(`${id}%`)).toEqual([`${id}%y`]);

        const r = `${id}.proj01.user01`;
        const { updates } = canvasHistory();
        for (const u of updates) await storage.docs.append(r, u);
        await storage.docs.compact(r);
        expect(await storage.docs.listRooms(`${id}.`)).toEqual([r]);
      });
    });

    // ---- Registry -----------------------------------------------------------------------------

    describe('registry', () => {
      const workshop = (over: Partial<WorkshopRecord> = {}): WorkshopRecord => ({
        id: newId(),
        title: 'Smart city lab — Lyon',
        joinCode: newJoinCode(),
        createdAt: 1_700_000_000_123,
        tokenLifetimeMs: null,
        ticketsOnly: false,
        ...over,
      });
      const participant = (workshopId: string, over: Partial<ParticipantRecord> = {}): ParticipantRecord => ({
        userId: newId(),
        workshopId,
        name: 'Grace Hopper',
        role: 'expert',
        community: 'researcher',
        createdAt: 1_700_000_000_456,
        origin: 'join',
        deviceHash: null,
        ...over,
      });

      it('createWorkshop, then getWorkshop and findWorkshopByJoinCode return the same record', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        expect(await storage.registry.getWorkshop(w.id)).toEqual(w);
        expect(await storage.registry.findWorkshopByJoinCode(w.joinCode)).toEqual(w);
      });

      it('unknown workshop id or join code → null', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        expect(await storage.registry.getWorkshop(newId())).toBeNull();
        // a code that differs from the stored one in its last character
        const otherCode = w.joinCode.slice(0, 5) + (w.joinCode[5] === 'Z' ? 'Y' : 'Z');
        expect(await storage.registry.findWorkshopByJoinCode(otherCode)).toBeNull();
      });

      it('join codes are matched exactly', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        expect(await storage.registry.findWorkshopByJoinCode(w.joinCode.toLowerCase())).toBeNull();
        expect(await storage.registry.findWorkshopByJoinCode(w.joinCode.slice(0, 5))).toBeNull();
      });

      it('several workshops are kept apart', async () => {
        const w1 = workshop({ title: 'One' });
        const w2 = workshop({ title: 'Two' });
        await storage.registry.createWorkshop(w1);
        await storage.registry.createWorkshop(w2);
        expect(await storage.registry.getWorkshop(w1.id)).toEqual(w1);
        expect(await storage.registry.getWorkshop(w2.id)).toEqual(w2);
        expect(await storage.registry.findWorkshopByJoinCode(w2.joinCode)).toEqual(w2);
      });

      it('a duplicate join code is rejected and the first workshop stays', async () => {
        const w1 = workshop();
        await storage.registry.createWorkshop(w1);
        const w2 = workshop({ joinCode: w1.joinCode, title: 'Intruder' });
        await expect(storage.registry.createWorkshop(w2)).rejects.toThrow();
        expect(await storage.registry.getWorkshop(w2.id)).toBeNull();
        expect(await storage.registry.findWorkshopByJoinCode(w1.joinCode)).toEqual(w1);
      });

      it('a duplicate workshop id is rejected', async () => {
        const w1 = workshop();
        await storage.registry.createWorkshop(w1);
        await expect(storage.registry.createWorkshop(workshop({ id: w1.id, title: 'Again' }))).rejects.toThrow();
        expect(await storage.registry.getWorkshop(w1.id)).toEqual(w1);
      });

      it('addParticipant, then findParticipantByTokenHash returns the same record', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        const expert = participant(w.id);
        const viewer = participant(w.id, { role: 'viewer', community: null, name: 'Élodie' });
        const facilitator = participant(w.id, { role: 'facilitator', community: null });
        await storage.registry.addParticipant(expert, `hash-${newId(24)}-e`);
        const viewerHash = `hash-${newId(24)}-v`;
        const facilitatorHash = `hash-${newId(24)}-f`;
        await storage.registry.addParticipant(viewer, viewerHash);
        await storage.registry.addParticipant(facilitator, facilitatorHash);
        expect(await storage.registry.findParticipantByTokenHash(viewerHash)).toEqual(viewer);
        expect(await storage.registry.findParticipantByTokenHash(facilitatorHash)).toEqual(facilitator);
      });

      it('keeps community null and every role', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        for (const [role, community] of [
          ['commune', null],
          ['expert', 'maker'],
          ['expert', 'company'],
          ['viewer', null],
        ] as const) {
          const p = participant(w.id, { role, community });
          const hash = newId(32);
          await storage.registry.addParticipant(p, hash);
          const found = await storage.registry.findParticipantByTokenHash(hash);
          expect(found).toEqual(p);
          expect(found?.community).toBe(community);
        }
      });

      it('unknown token hash → null', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        await storage.registry.addParticipant(participant(w.id), newId(32));
        expect(await storage.registry.findParticipantByTokenHash(newId(32))).toBeNull();
        expect(await storage.registry.findParticipantByTokenHash('')).toBeNull();
      });

      it('a duplicate token hash is rejected and the first participant stays', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        const first = participant(w.id);
        const hash = newId(32);
        await storage.registry.addParticipant(first, hash);
        await expect(storage.registry.addParticipant(participant(w.id, { name: 'Other' }), hash)).rejects.toThrow();
        expect(await storage.registry.findParticipantByTokenHash(hash)).toEqual(first);
      });

      it('returned records are copies: mutating them does not change the store', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        const p = participant(w.id);
        const hash = newId(32);
        await storage.registry.addParticipant(p, hash);

        const got = (await storage.registry.getWorkshop(w.id))!;
        got.title = 'mutated';
        const byCode = (await storage.registry.findWorkshopByJoinCode(w.joinCode))!;
        byCode.createdAt = 0;
        const found = (await storage.registry.findParticipantByTokenHash(hash))!;
        found.name = 'mutated';

        expect(await storage.registry.getWorkshop(w.id)).toEqual(w);
        expect(await storage.registry.findParticipantByTokenHash(hash)).toEqual(p);
        // the caller's originals were not aliased either
        w.title = 'changed after create';
        expect((await storage.registry.getWorkshop(w.id))?.title).toBe('Smart city lab — Lyon');
      });

      it('revokeParticipant: the token stops working, only for that person', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        const gone = participant(w.id);
        const stays = participant(w.id, { role: 'commune', community: null });
        const goneHash = newId(32);
        const staysHash = newId(32);
        await storage.registry.addParticipant(gone, goneHash);
        await storage.registry.addParticipant(stays, staysHash);

        expect(await storage.registry.revokeParticipant(w.id, gone.userId)).toBe(true);
        expect(await storage.registry.findParticipantByTokenHash(goneHash)).toBeNull();
        expect(await storage.registry.findParticipantByTokenHash(staysHash)).toEqual(stays);
        // a second revocation finds nobody
        expect(await storage.registry.revokeParticipant(w.id, gone.userId)).toBe(false);
      });

      it('revokeParticipant of an unknown person, or in the wrong workshop, is false and changes nothing', async () => {
        const w1 = workshop();
        const w2 = workshop();
        await storage.registry.createWorkshop(w1);
        await storage.registry.createWorkshop(w2);
        const p = participant(w1.id);
        const hash = newId(32);
        await storage.registry.addParticipant(p, hash);
        expect(await storage.registry.revokeParticipant(w1.id, newId())).toBe(false);
        expect(await storage.registry.revokeParticipant(w2.id, p.userId)).toBe(false);
        expect(await storage.registry.revokeParticipant(newId(), p.userId)).toBe(false);
        expect(await storage.registry.findParticipantByTokenHash(hash)).toEqual(p);
      });

      it('people: listed with origin and revocation; device bans until re-admitted; renames', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        const creator = participant(w.id, { role: 'facilitator', community: null, origin: 'creator', createdAt: 1 });
        const joined = participant(w.id, { role: 'commune', community: null, deviceHash: 'dev-hash-1', createdAt: 2 });
        const link = participant(w.id, { role: 'viewer', community: null, origin: 'link', createdAt: 3 });
        for (const p of [creator, joined, link]) await storage.registry.addParticipant(p, newId(32));
        expect(await storage.registry.getParticipant(w.id, joined.userId)).toEqual({ ...joined, revokedAt: null });
        expect(await storage.registry.getParticipant(w.id, newId())).toBeNull();
        expect(await storage.registry.isDeviceRemoved(w.id, 'dev-hash-1')).toBe(false);

        expect(await storage.registry.revokeParticipant(w.id, joined.userId)).toBe(true);
        const listed = await storage.registry.listParticipants(w.id);
        expect(listed.map((p) => [p.userId, p.origin])).toEqual([
          [creator.userId, 'creator'],
          [joined.userId, 'join'],
          [link.userId, 'link'],
        ]);
        expect(listed[1].revokedAt).toBeGreaterThan(0);
        expect(listed[0].revokedAt).toBeNull();
        expect(await storage.registry.isDeviceRemoved(w.id, 'dev-hash-1')).toBe(true);
        expect(await storage.registry.isDeviceRemoved(w.id, 'dev-hash-2')).toBe(false);
        expect(await storage.registry.readmitParticipant(w.id, joined.userId)).toBe(true);
        expect(await storage.registry.isDeviceRemoved(w.id, 'dev-hash-1')).toBe(false);
        expect(await storage.registry.readmitParticipant(w.id, joined.userId)).toBe(false);
        expect(await storage.registry.readmitParticipant(w.id, link.userId)).toBe(false);

        expect(await storage.registry.renameParticipant(w.id, link.userId, 'Zoé')).toBe(true);
        expect((await storage.registry.getParticipant(w.id, link.userId))?.name).toBe('Zoé');
        expect(await storage.registry.renameParticipant(w.id, joined.userId, 'Revoked')).toBe(false);
      });

      it('workshop token settings: stored, changed, unknown workshop → false', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        expect(await storage.registry.updateWorkshopSettings(w.id, { tokenLifetimeMs: 7_200_000, ticketsOnly: true })).toBe(true);
        expect(await storage.registry.getWorkshop(w.id)).toEqual({ ...w, tokenLifetimeMs: 7_200_000, ticketsOnly: true });
        expect(await storage.registry.updateWorkshopSettings(newId(), { tokenLifetimeMs: null, ticketsOnly: false })).toBe(false);
      });

      it('claimSetting keeps the first value', async () => {
        const key = `claim-${newId()}`;
        expect(await storage.registry.claimSetting(key, 'first')).toBe('first');
        expect(await storage.registry.claimSetting(key, 'second')).toBe('first');
        const raced = await Promise.all(['a', 'b', 'c'].map((v) => storage.registry.claimSetting(`${key}-race`, v)));
        expect(new Set(raced).size).toBe(1);
      });

      it('facilitation state: unknown → null, save/load, overwrite, per workshop', async () => {
        const w1 = workshop();
        const w2 = workshop();
        await storage.registry.createWorkshop(w1);
        await storage.registry.createWorkshop(w2);
        expect(await storage.registry.loadFacilitation(w1.id)).toBeNull();
        const first = JSON.stringify({ stage: 'ideation', projectId: null, timer: { running: false } });
        const second = JSON.stringify({ stage: 'vote', projectId: 'proj01', note: 'é😀' });
        await storage.registry.transactFacilitation(w1.id, () => ({ json: first, result: undefined }));
        expect(await storage.registry.loadFacilitation(w1.id)).toBe(first);
        expect(await storage.registry.loadFacilitation(w2.id)).toBeNull();
        await storage.registry.transactFacilitation(w1.id, () => ({ json: second, result: undefined }));
        await storage.registry.transactFacilitation(w2.id, () => ({ json: first, result: undefined }));
        expect(await storage.registry.loadFacilitation(w1.id)).toBe(second);
        expect(await storage.registry.loadFacilitation(w2.id)).toBe(first);
      });

      it('transactFacilitation: reads, replaces atomically, leaves state alone on null', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        const seen = await storage.registry.transactFacilitation(w.id, (json) => ({ json: '{"n":0}', result: json }));
        expect(seen).toBeNull();
        const unchanged = await storage.registry.transactFacilitation(w.id, (json) => ({ json: null, result: json }));
        expect(unchanged).toBe('{"n":0}');
        expect(await storage.registry.loadFacilitation(w.id)).toBe('{"n":0}');
        await expect(
          storage.registry.transactFacilitation(w.id, () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect(await storage.registry.loadFacilitation(w.id)).toBe('{"n":0}');
      });

      it('transactFacilitation: concurrent read-modify-writes never lose one', async () => {
        const w = workshop();
        await storage.registry.createWorkshop(w);
        const increment = () =>
          storage.registry.transactFacilitation(w.id, (json) => {
            const n = json ? (JSON.parse(json) as { n: number }).n : 0;
            return { json: JSON.stringify({ n: n + 1 }), result: n + 1 };
          });
        const results = await Promise.all(Array.from({ length: 25 }, increment));
        expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
        expect(JSON.parse((await storage.registry.loadFacilitation(w.id))!)).toEqual({ n: 25 });
      });

      it('deleteWorkshop removes the workshop, its participants and state, and no other', async () => {
        const w1 = workshop();
        const w2 = workshop();
        await storage.registry.createWorkshop(w1);
        await storage.registry.createWorkshop(w2);
        const p1 = participant(w1.id, { name: 'A', role: 'commune', community: null, createdAt: 1 });
        const p2 = participant(w2.id, { name: 'B', role: 'commune', community: null, createdAt: 1 });
        const h1 = newId(32);
        const h2 = newId(32);
        await storage.registry.addParticipant(p1, h1);
        await storage.registry.addParticipant(p2, h2);
        await storage.registry.transactFacilitation(w1.id, () => ({ json: '{"a":1}', result: undefined }));
        await storage.registry.transactFacilitation(w2.id, () => ({ json: '{"b":2}', result: undefined }));
        await storage.registry.deleteWorkshop(w1.id);
        expect(await storage.registry.getWorkshop(w1.id)).toBeNull();
        expect(await storage.registry.findWorkshopByJoinCode(w1.joinCode)).toBeNull();
        expect(await storage.registry.findParticipantByTokenHash(h1)).toBeNull();
        expect(await storage.registry.loadFacilitation(w1.id)).toBeNull();
        expect(await storage.registry.getWorkshop(w2.id)).toEqual(w2);
        expect(await storage.registry.findParticipantByTokenHash(h2)).toEqual(p2);
        expect(await storage.registry.loadFacilitation(w2.id)).toBe('{"b":2}');
      });

      it('deleteRooms removes exactly those rooms', async () => {
        const [a, b, c] = [room(), room(), room()];
        for (const r of [a, b, c]) await storage.docs.append(r, new Uint8Array([0, 0]));
        await storage.docs.deleteRooms([a, c]);
        expect(await storage.docs.load(a)).toEqual([]);
        expect(await storage.docs.load(c)).toEqual([]);
        expect(await storage.docs.count(b)).toBe(1);
        await storage.docs.deleteRooms([]);
      });

      it('settings: unknown → null, set then get, overwrite', async () => {
        const key = `demo-${newId()}`;
        const other = `other-${newId()}`;
        expect(await storage.registry.getSetting(key)).toBeNull();
        await storage.registry.setSetting(key, 'first');
        expect(await storage.registry.getSetting(key)).toBe('first');
        await storage.registry.setSetting(key, '{"links":["https://example.test/ü"]}');
        expect(await storage.registry.getSetting(key)).toBe('{"links":["https://example.test/ü"]}');
        await storage.registry.setSetting(other, '');
        expect(await storage.registry.getSetting(other)).toBe('');
        expect(await storage.registry.getSetting(key)).toBe('{"links":["https://example.test/ü"]}');
      });

      it('exclusive: calls of one name never overlap, a failure releases the next, other names are independent', async () => {
        const name = `lock-${newId()}`;
        const key = `counter-${newId()}`;
        await storage.registry.setSetting(key, '0');
        // Read, yield to storage, write: any overlap would lose increments.
        const increment = () =>
          storage.registry.exclusive(name, async () => {
            const n = Number(await storage.registry.getSetting(key));
            await storage.registry.getSetting(`other-${n}`);
            await storage.registry.setSetting(key, String(n + 1));
            return n + 1;
          });
        const failing = storage.registry.exclusive(name, async () => {
          throw new Error('work failed');
        });
        const results = await Promise.all([increment(), increment(), failing.catch((err: Error) => err.message), increment(), increment()]);
        expect(results.filter((r) => typeof r === 'number').sort()).toEqual([1, 2, 3, 4]);
        expect(results).toContain('work failed');
        expect(await storage.registry.getSetting(key)).toBe('4');
        expect(await storage.registry.exclusive(`lock-${newId()}`, async () => 'independent')).toBe('independent');
      });
    });

    // ---- AttachmentStorage ----------------------------------------------------------------------

    describe('attachments', () => {
      const record = (workshopId: string, over: Partial<AttachmentRecord> = {}): AttachmentRecord => ({
        id: newId(),
        workshopId,
        projectId: 'proj01',
        name: 'Présentation «Andenne».pdf',
        contentType: 'application/pdf',
        size: 4,
        uploadedBy: newId(),
        uploaderName: 'Zoé',
        createdAt: 1_700_000_000_000,
        ...over,
      });

      it('put then get returns the record and the exact bytes; list has no bytes', async () => {
        const w = newId();
        const data = new Uint8Array([0, 255, 37, 80, 68, 70]);
        const r = record(w, { size: data.length });
        expect(await storage.attachments.put(r, data, 1000)).toBe(true);
        const got = await storage.attachments.get(w, r.id);
        expect(got?.record).toEqual(r);
        expect(Array.from(got!.data)).toEqual(Array.from(data));
        expect(await storage.attachments.list(w)).toEqual([r]);
        expect(await storage.attachments.totalBytes(w)).toBe(data.length);
      });

      it('a view into a larger buffer stores only the viewed bytes; the caller keeps its array', async () => {
        const w = newId();
        const big = new Uint8Array([9, 9, 1, 2, 3, 9]);
        const r = record(w, { size: 3 });
        await storage.attachments.put(r, big.subarray(2, 5), 1000);
        big[2] = 99;
        expect(Array.from((await storage.attachments.get(w, r.id))!.data)).toEqual([1, 2, 3]);
      });

      it('get is scoped to its workshop: the same id in another workshop is not found', async () => {
        const w1 = newId();
        const w2 = newId();
        const r = record(w1);
        await storage.attachments.put(r, new Uint8Array(4), 1000);
        expect(await storage.attachments.get(w2, r.id)).toBeNull();
        expect(await storage.attachments.get(w1, newId())).toBeNull();
        expect(await storage.attachments.delete(w2, r.id)).toBe(false);
        expect(await storage.attachments.get(w1, r.id)).not.toBeNull();
      });

      it('list: oldest first, filtered by project', async () => {
        const w = newId();
        const late = record(w, { createdAt: 3, projectId: 'projA' });
        const early = record(w, { createdAt: 1, projectId: 'projB' });
        const middle = record(w, { createdAt: 2, projectId: 'projA' });
        for (const r of [late, early, middle]) await storage.attachments.put(r, new Uint8Array(4), 1000);
        expect((await storage.attachments.list(w)).map((r) => r.id)).toEqual([early.id, middle.id, late.id]);
        expect((await storage.attachments.list(w, 'projA')).map((r) => r.id)).toEqual([middle.id, late.id]);
        expect(await storage.attachments.list(w, 'projZ')).toEqual([]);
      });

      it('the workshop limit: refuses what would go over it, counts per workshop, frees on delete', async () => {
        const w = newId();
        const other = newId();
        const a = record(w, { size: 6 });
        const b = record(w, { size: 5 });
        expect(await storage.attachments.put(a, new Uint8Array(6), 10)).toBe(true);
        expect(await storage.attachments.put(b, new Uint8Array(5), 10)).toBe(false);
        expect(await storage.attachments.get(w, b.id)).toBeNull();
        // another workshop has its own budget
        expect(await storage.attachments.put(record(other, { size: 10 }), new Uint8Array(10), 10)).toBe(true);
        expect(await storage.attachments.delete(w, a.id)).toBe(true);
        expect(await storage.attachments.delete(w, a.id)).toBe(false);
        expect(await storage.attachments.put(b, new Uint8Array(5), 10)).toBe(true);
        expect(await storage.attachments.totalBytes(w)).toBe(5);
      });

      it('concurrent uploads never go over the workshop limit together', async () => {
        const w = newId();
        const results = await Promise.all(Array.from({ length: 8 }, () => storage.attachments.put(record(w, { size: 3 }), new Uint8Array(3), 10)));
        expect(results.filter(Boolean)).toHaveLength(3);
        expect(await storage.attachments.totalBytes(w)).toBe(9);
      });

      it('deleteWorkshop removes every attachment of that workshop and no other', async () => {
        const w1 = newId();
        const w2 = newId();
        const r1 = record(w1);
        const r2 = record(w1, { projectId: 'proj02' });
        const kept = record(w2);
        for (const r of [r1, r2, kept]) await storage.attachments.put(r, new Uint8Array(4), 1000);
        await storage.attachments.deleteWorkshop(w1);
        expect(await storage.attachments.list(w1)).toEqual([]);
        expect(await storage.attachments.get(w1, r1.id)).toBeNull();
        expect(await storage.attachments.totalBytes(w1)).toBe(0);
        expect(await storage.attachments.list(w2)).toEqual([kept]);
      });

      it('a duplicate id in the same workshop is rejected and the first stays', async () => {
        const w = newId();
        const r = record(w);
        await storage.attachments.put(r, new Uint8Array([1, 1, 1, 1]), 1000);
        await expect(storage.attachments.put({ ...r, name: 'other.pdf' }, new Uint8Array([2, 2, 2, 2]), 1000)).rejects.toThrow();
        const got = await storage.attachments.get(w, r.id);
        expect(got?.record.name).toBe(r.name);
        expect(Array.from(got!.data)).toEqual([1, 1, 1, 1]);
      });
    });
  });
}
