import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Splice, type TextDelta, diffText, transformIndex } from '../../shared/textDiff';

/** mulberry32: a tiny seeded PRNG so property tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rand: () => number, n: number) => Math.floor(rand() * n);

const applySplice = (s: string, sp: Splice | null) => (sp === null ? s : s.slice(0, sp.index) + sp.insert + s.slice(sp.index + sp.remove));

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** True when `i` is between the two halves of a surrogate pair in `s`. */
const splitsPair = (s: string, i: number) => i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) && isLow(s.charCodeAt(i));

/** Applies a splice to a Y.Text the way setNoteText does, and returns the resulting string. */
function applyToYText(before: string, sp: Splice | null): { local: string; remote: string } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, before);
  if (sp) {
    doc.transact(() => {
      if (sp.remove > 0) text.delete(sp.index, sp.remove);
      if (sp.insert) text.insert(sp.index, sp.insert);
    });
  }
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  return { local: text.toString(), remote: peer.getText('t').toString() };
}

describe('diffText', () => {
  it('returns null for identical strings', () => {
    expect(diffText('', '')).toBeNull();
    expect(diffText('same text', 'same text')).toBeNull();
    expect(diffText('😀', '😀')).toBeNull();
  });

  it('finds an insertion in the middle', () => {
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
  });

  it('finds a deletion in the middle', () => {
    expect(diffText('hello brave world', 'hello world')).toEqual({ index: 6, remove: 6, insert: '' });
  });

  it('finds a replacement in the middle', () => {
    expect(diffText('the red car', 'the blue car')).toEqual({ index: 4, remove: 3, insert: 'blue' });
  });

  it('handles inserts/deletes at the start and the end, and from/to empty', () => {
    expect(diffText('world', 'hello world')).toEqual({ index: 0, remove: 0, insert: 'hello ' });
    expect(diffText('hello', 'hello!')).toEqual({ index: 5, remove: 0, insert: '!' });
    expect(diffText('hello!', 'hello')).toEqual({ index: 5, remove: 1, insert: '' });
    expect(diffText('', 'abc')).toEqual({ index: 0, remove: 0, insert: 'abc' });
    expect(diffText('abc', '')).toEqual({ index: 0, remove: 3, insert: '' });
    expect(diffText('abc', 'xyz')).toEqual({ index: 0, remove: 3, insert: 'xyz' });
  });

  it('handles repeated characters without overlapping prefix and suffix', () => {
    expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
    expect(diffText('aaaa', 'aaa')).toEqual({ index: 3, remove: 1, insert: '' });
    expect(diffText('abab', 'ababab')).toEqual({ index: 4, remove: 0, insert: 'ab' });
    for (const [b, a] of [
      ['aaa', 'aaaa'],
      ['aaaa', 'a'],
      ['abcabc', 'abc'],
      ['xx', 'xax'],
    ]) {
      const sp = diffText(b, a)!;
      expect(sp.index + sp.remove).toBeLessThanOrEqual(b.length);
      expect(applySplice(b, sp)).toBe(a);
    }
  });

  it('string-level application is correct with emoji', () => {
    for (const [b, a] of [
      ['a😀b', 'a😃b'],
      ['😀', '😃'],
      ['x😀', 'x'],
      ['👍🏽', '👍🏿'],
      ['😀😀', '😀x😀'],
    ]) {
      expect(applySplice(b, diffText(b, a))).toBe(a);
    }
  });

  it('never splits a surrogate pair, so applying to a Y.Text keeps emoji intact', () => {
    // 😀 (D83D DE00) and 😃 (D83D DE03) share their high surrogate.
    const cases: Array<[string, string]> = [
      ['a😀b', 'a😃b'],
      ['😀', '😃'],
      ['x😀', 'x😃'],
      ['😀y', '😃y'],
      ['👍🏽', '👍🏿'],
    ];
    for (const [before, after] of cases) {
      const sp = diffText(before, after)!;
      expect(splitsPair(before, sp.index), `index of ${JSON.stringify(sp)} for ${before}→${after}`).toBe(false);
      expect(splitsPair(before, sp.index + sp.remove), `end of ${JSON.stringify(sp)} for ${before}→${after}`).toBe(false);
      expect(applyToYText(before, sp)).toEqual({ local: after, remote: after });
    }
  });

  it('applying to a Y.Text gives `after` when no surrogate pair is split', () => {
    const cases: Array<[string, string]> = [
      ['hello world', 'hello brave world'],
      ['aaa', 'aaaa'],
      ['😀😀', '😀x😀'],
      ['a😀b', 'ab'],
      ['note', ''],
    ];
    for (const [before, after] of cases) expect(applyToYText(before, diffText(before, after))).toEqual({ local: after, remote: after });
  });

  it('property: applying the splice to `before` gives `after` (500 seeded pairs)', () => {
    const rand = prng(0xc2015ee);
    const alphabet = ['a', 'b', 'c', ' ', 'é', '😀', '😃', '\n'];
    const randomString = (max: number) => {
      let s = '';
      const n = int(rand, max);
      for (let i = 0; i < n; i++) s += alphabet[int(rand, alphabet.length)];
      return s;
    };
    for (let i = 0; i < 500; i++) {
      const before = randomString(12);
      // half the time derive `after` from `before` with one local edit, so prefixes/suffixes overlap
      let after: string;
      if (rand() < 0.5) {
        const at = int(rand, before.length + 1);
        const del = int(rand, before.length - at + 1);
        after = before.slice(0, at) + randomString(4) + before.slice(at + del);
      } else {
        after = randomString(12);
      }
      const sp = diffText(before, after);
      if (before === after) {
        expect(sp).toBeNull();
        continue;
      }
      expect(sp).not.toBeNull();
      expect(sp!.index).toBeGreaterThanOrEqual(0);
      expect(sp!.remove).toBeGreaterThanOrEqual(0);
      expect(sp!.index + sp!.remove).toBeLessThanOrEqual(before.length);
      expect(applySplice(before, sp), `${JSON.stringify(before)} → ${JSON.stringify(after)}`).toBe(after);
      // minimality: the splice does not touch the common prefix
      expect(before.slice(0, sp!.index)).toBe(after.slice(0, sp!.index));
    }
  });
});

describe('transformIndex', () => {
  it('an insert before the caret pushes it right', () => {
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
    expect(transformIndex(5, [{ insert: 'xy' }])).toBe(7);
  });

  it('an insert exactly at the caret pushes it right (it keeps pointing at the same character)', () => {
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(8);
  });

  it('an insert after the caret leaves it', () => {
    expect(transformIndex(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
    expect(transformIndex(0, [{ retain: 1 }, { insert: 'abc' }])).toBe(0);
  });

  it('an embed insert counts as one', () => {
    expect(transformIndex(3, [{ retain: 1 }, { insert: { image: 'x' } }])).toBe(4);
  });

  it('a delete before the caret pulls it left', () => {
    expect(transformIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(transformIndex(5, [{ delete: 5 }])).toBe(0);
  });

  it('a delete after the caret leaves it', () => {
    expect(transformIndex(5, [{ retain: 5 }, { delete: 3 }])).toBe(5);
    expect(transformIndex(5, [{ retain: 7 }, { delete: 3 }])).toBe(5);
  });

  it('a delete spanning the caret moves it to the start of the deletion', () => {
    expect(transformIndex(5, [{ retain: 3 }, { delete: 4 }])).toBe(3);
    expect(transformIndex(5, [{ delete: 10 }])).toBe(0);
  });

  it('several ops combine', () => {
    // "abcdefghij", caret at 6 (before 'g'): insert "XY" at 1, delete "de", retain rest
    expect(transformIndex(6, [{ retain: 1 }, { insert: 'XY' }, { retain: 2 }, { delete: 2 }, { retain: 5 }])).toBe(6);
    // replace spanning the caret: delete 3..6, insert "Z"
    expect(transformIndex(5, [{ retain: 3 }, { insert: 'Z' }, { delete: 4 }])).toBe(4);
  });

  it('retain-only and empty deltas leave the caret', () => {
    expect(transformIndex(4, [])).toBe(4);
    expect(transformIndex(4, [{ retain: 10 }])).toBe(4);
    expect(transformIndex(4, [{ retain: 2 }, { retain: 3 }])).toBe(4);
    expect(transformIndex(0, [{ retain: 2 }])).toBe(0);
  });

  it('property: with real Y.Text remote edits the caret keeps its place among surviving characters', () => {
    const rand = prng(42);
    // Every inserted character is unique, so "the same character" is well defined.
    let next = 0x4e00;
    const fresh = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += String.fromCharCode(next++);
      return s;
    };

    for (let round = 0; round < 300; round++) {
      const a = new Y.Doc();
      const b = new Y.Doc();
      a.getText('t').insert(0, fresh(int(rand, 15)));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      const textA = a.getText('t');
      const textB = b.getText('t');

      const before = textA.toString();
      const caret = int(rand, before.length + 1);

      // 1–4 random edits on B, each in its own transaction, sent to A as one update
      const svA = Y.encodeStateVector(a);
      const edits = 1 + int(rand, 4);
      for (let e = 0; e < edits; e++) {
        const len = textB.length;
        const r = rand();
        if (r < 0.4 || len === 0) textB.insert(int(rand, len + 1), fresh(1 + int(rand, 3)));
        else if (r < 0.75) {
          const at = int(rand, len);
          textB.delete(at, 1 + int(rand, len - at));
        } else {
          b.transact(() => {
            const at = int(rand, len);
            textB.delete(at, 1 + int(rand, Math.min(3, len - at)));
            textB.insert(at, fresh(1 + int(rand, 2)));
          });
        }
      }

      let delta: TextDelta | null = null;
      const observer = (event: Y.YTextEvent) => {
        delta = event.delta as TextDelta;
      };
      textA.observe(observer);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, svA));
      textA.unobserve(observer);

      const after = textA.toString();
      expect(after).toBe(textB.toString());
      const moved = delta === null ? caret : transformIndex(caret, delta);
      const ctx = `round ${round}: caret ${caret} in ${before.length} chars, delta ${JSON.stringify(delta)}`;

      expect(moved, ctx).toBeGreaterThanOrEqual(0);
      expect(moved, ctx).toBeLessThanOrEqual(after.length);
      // the character the caret was in front of, if it survived, is still right after the caret
      if (caret < before.length && after.includes(before[caret])) expect(after[moved], ctx).toBe(before[caret]);
      // every surviving character keeps its side of the caret
      for (let i = 0; i < before.length; i++) {
        const j = after.indexOf(before[i]);
        if (j === -1) continue;
        if (i < caret) expect(j, ctx).toBeLessThan(moved);
        else expect(j, ctx).toBeGreaterThanOrEqual(moved);
      }
      // a caret at the end of the text stays at the end of what was there
      if (caret === before.length && before.length > 0 && after.includes(before[before.length - 1])) {
        expect(moved, ctx).toBeGreaterThan(after.indexOf(before[before.length - 1]));
      }
    }
  });
});
