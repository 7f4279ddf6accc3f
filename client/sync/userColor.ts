/**
 * A stable colour per user, derived from the id so everyone sees the same person in the same colour.
 * Lightness is kept low enough for white label text to stay readable on it.
 */
export function userColor(userId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  const hue = (hash >>> 0) % 360;
  return `hsl(${hue} 70% 38%)`;
}
