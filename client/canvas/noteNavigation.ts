import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';

interface Placed {
  id: string;
  x: number;
  y: number;
}

const centre = (n: { x: number; y: number }) => ({ x: n.x + NOTE_WIDTH / 2, y: n.y + NOTE_HEIGHT / 2 });

/** After deleting notes, the remaining note nearest to where they were (focus goes there), or null. */
export function nextNoteAfterDelete(deleted: ReadonlyArray<{ x: number; y: number }>, remaining: readonly Placed[]): Placed | null {
  if (deleted.length === 0) return null;
  const c = centre(deleted[0]);
  let best: Placed | null = null;
  let bestD = Infinity;
  for (const n of remaining) {
    const p = centre(n);
    const d = Math.hypot(p.x - c.x, p.y - c.y);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * Arrow-key navigation between notes: the nearest note whose centre lies in that direction (within
 * a 45° cone each side), distances along the direction weighing less than sideways ones.
 */
export function noteInDirection(from: Placed, dir: Direction, notes: readonly Placed[]): Placed | null {
  const a = centre(from);
  let best: Placed | null = null;
  let bestScore = Infinity;
  for (const n of notes) {
    if (n.id === from.id) continue;
    const b = centre(n);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
    const side = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0 || side > along) continue;
    const score = along + 2 * side;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best;
}
