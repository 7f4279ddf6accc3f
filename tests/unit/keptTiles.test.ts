import { describe, expect, it } from 'vitest';
import { KeptTiles } from '../../client/canvas/keptTiles';

const notes = Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, x: i * 100 }));
const between = (a: number, b: number) => (n: { x: number }) => n.x >= a && n.x < b;
const ids = (list: Array<{ id: string }>) => list.map((n) => n.id);

describe('far-away tiles kept once built', () => {
  it('renders the window, then keeps what was built when the window moves on', () => {
    const kept = new KeptTiles();
    expect(ids(kept.select(notes, between(0, 300), false))).toEqual(['n0', 'n1', 'n2']);
    // Panned right: the new notes come in, the ones left behind stay (in the notes' order).
    expect(ids(kept.select(notes, between(300, 500), false))).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    // Panned back: nothing new to build.
    expect(ids(kept.select(notes, between(100, 300), false))).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('starts afresh when the kind of tile changes or the board zooms in to editable notes', () => {
    const kept = new KeptTiles();
    kept.select(notes, between(0, 500), false);
    expect(ids(kept.select(notes, between(0, 200), true))).toEqual(['n0', 'n1']);
    kept.clear();
    expect(ids(kept.select(notes, between(800, 1000), true))).toEqual(['n8', 'n9']);
  });

  it('past the cap keeps only the window', () => {
    const kept = new KeptTiles();
    kept.select(notes, between(0, 400), false, 6);
    expect(ids(kept.select(notes, between(400, 700), false, 6))).toEqual(['n4', 'n5', 'n6']);
  });

  it('a deleted note is not rendered even if its tile was built', () => {
    const kept = new KeptTiles();
    kept.select(notes, between(0, 300), false);
    expect(
      ids(
        kept.select(
          notes.filter((n) => n.id !== 'n1'),
          between(500, 600),
          false,
        ),
      ),
    ).toEqual(['n0', 'n2', 'n5']);
  });
});
