import { describe, expect, it } from 'vitest';
import { NOTE_GAP, Occupancy, freeSpotAround, nearestFreeSpot, notesOverlap, placeEach, placeGroup, tidyGrid, type Point } from '../../shared/placement';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';

const noOverlap = (ps: Point[]) => {
  for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) expect(notesOverlap(ps[i], ps[j]), `${i} vs ${j}`).toBe(false);
};
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

describe('placement', () => {
  it('puts a note exactly where wanted on an empty board', () => {
    expect(nearestFreeSpot({ x: 100, y: 40 }, new Occupancy())).toEqual({ x: 100, y: 40 });
    expect(freeSpotAround(300, 200, new Occupancy())).toEqual({ x: 300 - NOTE_WIDTH / 2, y: 200 - NOTE_HEIGHT / 2 });
  });

  it('moves a note off an occupied spot to the nearest free one, not to the end of a pile', () => {
    // 300 notes in a tight grid, 20 per row: the centre of the grid is taken.
    const board: Point[] = Array.from({ length: 300 }, (_, i) => ({ x: (i % 20) * (NOTE_WIDTH + NOTE_GAP), y: Math.floor(i / 20) * (NOTE_HEIGHT + NOTE_GAP) }));
    const wanted = { x: 10 * (NOTE_WIDTH + NOTE_GAP), y: 7 * (NOTE_HEIGHT + NOTE_GAP) };
    const p = nearestFreeSpot(wanted, new Occupancy(board));
    noOverlap([...board, p]);
    // The nearest edge of the grid is 8 rows up (candidates lie on a 24-unit grid): the note lands
    // there, not thousands of units away.
    expect(dist(p, wanted)).toBeLessThanOrEqual(8 * (NOTE_HEIGHT + NOTE_GAP) + 24);
  });

  it('takes the nearest free spot in any direction', () => {
    const occ = new Occupancy([{ x: 0, y: 0 }]);
    // Overlapping the note by 10 units on the right: moving right is the shortest way out.
    const p = nearestFreeSpot({ x: NOTE_WIDTH + NOTE_GAP - 10, y: 0 }, occ);
    expect(p.y).toBe(0);
    expect(p.x).toBeGreaterThanOrEqual(NOTE_WIDTH + NOTE_GAP);
    expect(p.x).toBeLessThan(NOTE_WIDTH + NOTE_GAP + 24);
  });

  it('places ten drafts from three people wanting the same spots without any overlap', () => {
    const existing = [
      { x: 0, y: 0 },
      { x: 240, y: 0 },
    ];
    const wanted = Array.from({ length: 10 }, (_, i) => ({ x: (i % 3) * 10, y: (i % 3) * 5 }));
    const occ = new Occupancy(existing);
    const placed = placeEach(wanted, occ);
    noOverlap([...existing, ...placed]);
    expect(placed).toHaveLength(10);
  });

  it('moves a pasted group as a whole, keeping its layout', () => {
    const group = [
      { x: 0, y: 0 },
      { x: NOTE_WIDTH + NOTE_GAP, y: 0 },
    ];
    const occ = new Occupancy(group);
    const pasted = placeGroup(
      group.map((p) => ({ x: p.x + 20, y: p.y + 20 })),
      occ,
    );
    noOverlap([...group, ...pasted]);
    expect(pasted[1].x - pasted[0].x).toBe(NOTE_WIDTH + NOTE_GAP);
    expect(pasted[1].y - pasted[0].y).toBe(0);
  });

  it('tidies notes into a near-square grid from their top-left corner, in reading order', () => {
    const messy = [
      { x: 500, y: 300 },
      { x: 100, y: 110 },
      { x: 120, y: 100 },
      { x: 900, y: 90 },
      { x: 130, y: 600 },
    ];
    const tidy = tidyGrid(messy);
    noOverlap(tidy);
    expect(Math.min(...tidy.map((p) => p.x))).toBe(100);
    expect(Math.min(...tidy.map((p) => p.y))).toBe(90);
    // 5 notes → 3 columns; the top row is the three highest notes, left to right.
    const columns = new Set(tidy.map((p) => p.x)).size;
    expect(columns).toBe(3);
    expect(tidy[1]).toEqual({ x: 100, y: 90 });
    expect(tidy[4].y).toBe(90 + NOTE_HEIGHT + NOTE_GAP);
  });
});
