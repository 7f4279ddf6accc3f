/**
 * Whether a document with state vector `local` lacks something a document with `remote` has: some
 * client's clock is further in `remote`. (Deletions are not in state vectors; they travel with the
 * updates a heal brings, or are healed by the next insertion after them.)
 */
export function lacksSomethingOf(local: ReadonlyMap<number, number>, remote: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of remote) if (clock > (local.get(client) ?? 0)) return true;
  return false;
}
