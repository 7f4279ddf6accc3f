import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropPendingCopies, PendingCopy, pendingCopyKey } from '../../client/sync/pendingCopy';
import { MemoryStorage } from '../helpers/memoryStorage';

/** A document whose every update goes to the copy, as the room's local changes do. */
function recordedDoc(copy: PendingCopy) {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => copy.record(update));
  return doc;
}
const restoredText = (copy: PendingCopy) => {
  const doc = new Y.Doc();
  const update = copy.read();
  if (update) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

describe('PendingCopy: a synchronous copy of the changes not safe yet', () => {
  it('holds every change as soon as it is made, merged into one entry that stays the size of what is pending', () => {
    const storage = new MemoryStorage();
    const copy = new PendingCopy(storage, pendingCopyKey('ws1.p1'));
    const doc = recordedDoc(copy);
    const text = doc.getText('t');
    let written = 0;
    doc.on('update', (u: Uint8Array) => {
      written += u.length;
    });
    for (const c of 'Idée hors ligne') {
      text.insert(text.length, c);
      // No await anywhere: the keystroke is in storage before the next one.
      expect(restoredText(copy)).toBe(text.toString());
    }
    expect(storage.length).toBe(1);
    expect(copy.read()?.length).toBeLessThan(written);
  });

  it('is cleared only if nothing was added since it was made safe (by this page or another tab)', () => {
    const storage = new MemoryStorage();
    const copy = new PendingCopy(storage, pendingCopyKey('ws1.p1'));
    const text = recordedDoc(copy).getText('t');
    text.insert(0, 'Idée');
    const safe = copy.snapshot() ?? '';
    text.insert(4, ' hors ligne');
    copy.clear(safe);
    expect(restoredText(copy)).toBe('Idée hors ligne');
    copy.clear(copy.snapshot() ?? '');
    expect(copy.read()).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('merges into what another holder of the room recorded instead of replacing it', () => {
    const storage = new MemoryStorage();
    const a = recordedDoc(new PendingCopy(storage, pendingCopyKey('ws1.p1')));
    const b = recordedDoc(new PendingCopy(storage, pendingCopyKey('ws1.p1')));
    a.getMap('m').set('a', 1);
    b.getMap('m').set('b', 2);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new PendingCopy(storage, pendingCopyKey('ws1.p1')).read() ?? new Uint8Array());
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('when storage is full, keeps the newest change and never throws into the editor', () => {
    const key = pendingCopyKey('ws1.p1');
    const storage = new MemoryStorage(key.length + 400);
    const copy = new PendingCopy(storage, key);
    const doc = recordedDoc(copy);
    const map = doc.getMap('m');
    map.set('old', 'x'.repeat(150));
    // What the device cache holds by then (it is written within milliseconds).
    const cached = Y.encodeStateAsUpdate(doc);
    // Old and new together no longer fit: the new one alone is kept.
    expect(() => map.set('new', 'y'.repeat(150))).not.toThrow();
    expect(Y.decodeUpdate(copy.read() ?? new Uint8Array()).structs).toHaveLength(1);
    const restored = () => {
      const kept = new Y.Doc();
      Y.applyUpdate(kept, cached);
      Y.applyUpdate(kept, copy.read() ?? new Uint8Array());
      return kept.getMap('m').toJSON();
    };
    expect(restored()).toEqual({ old: 'x'.repeat(150), new: 'y'.repeat(150) });
    // A change too big even alone: the copy keeps what it had.
    expect(() => map.set('huge', 'z'.repeat(1000))).not.toThrow();
    expect(restored()).toEqual({ old: 'x'.repeat(150), new: 'y'.repeat(150) });
  });

  it('survives a disabled or corrupt storage', () => {
    const refusing: MemoryStorage = Object.assign(new MemoryStorage(), {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const copy = new PendingCopy(refusing, pendingCopyKey('ws1.p1'));
    expect(() => recordedDoc(copy).getText('t').insert(0, 'a')).not.toThrow();
    expect(copy.read()).toBeNull();

    const storage = new MemoryStorage();
    storage.setItem(pendingCopyKey('ws1.p1'), 'pas du base64 !');
    const fresh = new PendingCopy(storage, pendingCopyKey('ws1.p1'));
    recordedDoc(fresh).getText('t').insert(0, 'neuf');
    expect(restoredText(fresh)).toBe('neuf');
  });

  it("drops every room's copy of a workshop, and only that workshop's", () => {
    const storage = new MemoryStorage();
    for (const room of ['ws1', 'ws1.p1', 'ws1.p1.u1', 'ws10.p1'])
      recordedDoc(new PendingCopy(storage, pendingCopyKey(room)))
        .getText('t')
        .insert(0, room);
    storage.setItem('croisee.session.ws1.u1', '{}');
    dropPendingCopies(storage, 'ws1');
    expect([...Array(storage.length).keys()].map((i) => storage.key(i)).sort()).toEqual(['croisee.pending.ws10.p1', 'croisee.session.ws1.u1']);
  });
});
