import { NOTE_HEIGHT, NOTE_WIDTH } from './schema';

/**
 * Where notes go so they never land on top of each other: a new note, a paste, revealed drafts,
 * "tidy up". Pure geometry on note rectangles (top-left corners, note-sized), no document access.
 */

export interface Point {
  x: number;
  y: number;
}

/** Space kept free between two notes. */
export const NOTE_GAP = 16;
/** Candidate positions are tried on a grid this fine (canvas units). */
const STEP = 24;
/** Beyond this distance from the wanted spot, the search gives up and stacks (never reached on real boards). */
const MAX_RINGS = 400;
const CELL = 256;

/** Note rectangles bucketed on a coarse grid, so a collision test looks at a few neighbours only. */
export class Occupancy {
  private readonly cells = new Map<string, Point[]>();

  constructor(notes: Iterable<Point> = []) {
    for (const n of notes) this.add(n);
  }

  add(p: Point): void {
    const key = `${Math.floor(p.x / CELL)},${Math.floor(p.y / CELL)}`;
    const list = this.cells.get(key);
    if (list) list.push({ x: p.x, y: p.y });
    else this.cells.set(key, [{ x: p.x, y: p.y }]);
  }

  /** Whether a note at p would overlap (or come closer than NOTE_GAP to) one already here. */
  collides(p: Point): boolean {
    const w = NOTE_WIDTH + NOTE_GAP;
    const h = NOTE_HEIGHT + NOTE_GAP;
    const cx0 = Math.floor((p.x - w) / CELL);
    const cx1 = Math.floor((p.x + w) / CELL);
    const cy0 = Math.floor((p.y - h) / CELL);
    const cy1 = Math.floor((p.y + h) / CELL);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const list = this.cells.get(`${cx},${cy}`);
        if (list?.some((n) => Math.abs(n.x - p.x) < w && Math.abs(n.y - p.y) < h)) return true;
      }
    }
    return false;
  }
}

/**
 * Offsets on a STEP grid in order of distance from (0, 0) — ring by ring, nearest first inside a
 * ring. Shared by single notes and groups.
 */
function* offsetsByDistance(): Generator<Point> {
  yield { x: 0, y: 0 };
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const cells: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      cells.push({ x: i, y: -ring }, { x: i, y: ring });
      if (i !== -ring && i !== ring) cells.push({ x: -ring, y: i }, { x: ring, y: i });
    }
    cells.sort((a, b) => a.x * a.x + a.y * a.y - (b.x * b.x + b.y * b.y));
    for (const c of cells) yield { x: c.x * STEP, y: c.y * STEP };
  }
}

/** The free note position nearest to `wanted` (a top-left corner). */
export function nearestFreeSpot(wanted: Point, occupied: Occupancy): Point {
  const x0 = Math.round(wanted.x);
  const y0 = Math.round(wanted.y);
  for (const o of offsetsByDistance()) {
    const p = { x: x0 + o.x, y: y0 + o.y };
    if (!occupied.collides(p)) return p;
  }
  return { x: x0, y: y0 };
}

/** A note centred on (cx, cy) if there is room, else the nearest free spot to it. */
export const freeSpotAround = (cx: number, cy: number, occupied: Occupancy): Point =>
  nearestFreeSpot({ x: cx - NOTE_WIDTH / 2, y: cy - NOTE_HEIGHT / 2 }, occupied);

/**
 * Places notes one after the other, each at the free spot nearest to where it wanted to be and
 * never on one placed before it (revealed drafts from several people, notes added in a row).
 * Returns the positions in input order; `occupied` gains them.
 */
export function placeEach(wanted: readonly Point[], occupied: Occupancy): Point[] {
  return wanted.map((w) => {
    const p = nearestFreeSpot(w, occupied);
    occupied.add(p);
    return p;
  });
}

/**
 * Moves a group as a whole (a paste keeps its layout): the smallest shift from `wanted` positions
 * at which no note of the group overlaps an existing one. Returns the group's positions.
 */
export function placeGroup(wanted: readonly Point[], occupied: Occupancy): Point[] {
  if (wanted.length === 0) return [];
  for (const o of offsetsByDistance()) {
    const moved = wanted.map((w) => ({ x: Math.round(w.x + o.x), y: Math.round(w.y + o.y) }));
    if (moved.every((p) => !occupied.collides(p))) {
      moved.forEach((p) => occupied.add(p));
      return moved;
    }
  }
  // A crowded neighbourhood: each note on its own, still without overlap.
  return placeEach(wanted, occupied);
}

/**
 * "Tidy up": the notes in a near-square grid (reading order of their current positions), starting
 * at the top-left corner of the box around them. Returns positions in input order.
 */
export function tidyGrid(notes: readonly Point[], gap = NOTE_GAP): Point[] {
  if (notes.length === 0) return [];
  const x0 = Math.min(...notes.map((n) => n.x));
  const y0 = Math.min(...notes.map((n) => n.y));
  const columns = Math.ceil(Math.sqrt(notes.length));
  // Reading order: rows of about a note's height, then left to right.
  const order = notes.map((n, i) => ({ i, row: Math.round((n.y - y0) / (NOTE_HEIGHT + gap)), x: n.x })).sort((a, b) => a.row - b.row || a.x - b.x);
  const out: Point[] = new Array(notes.length);
  order.forEach((o, k) => {
    out[o.i] = { x: x0 + (k % columns) * (NOTE_WIDTH + gap), y: y0 + Math.floor(k / columns) * (NOTE_HEIGHT + gap) };
  });
  return out;
}

/** Whether two note positions overlap (ignoring the gap): what the tests check. */
export const notesOverlap = (a: Point, b: Point) => Math.abs(a.x - b.x) < NOTE_WIDTH && Math.abs(a.y - b.y) < NOTE_HEIGHT;
