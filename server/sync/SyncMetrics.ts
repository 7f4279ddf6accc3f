/**
 * Counters of the sync layer's faults, kept on the server object (`CroiseeServer.syncMetrics`) for
 * whoever exports metrics. Plain numbers, only ever incremented.
 */
export interface SyncMetrics {
  /** Batches of document updates whose storage append failed (they were not broadcast). */
  appendFailures: number;
  /** Times a room suspected it missed relayed updates (sequence gap, pending structs, state vectors, reconnect, node down). */
  relayGapsSuspected: number;
  /** Heals from storage that found and applied updates this node lacked. */
  relayGapsHealed: number;
  /** Updates refused by the documents' write policy (shared/writePolicy.ts). */
  refusedWrites: number;
}

export const createSyncMetrics = (): SyncMetrics => ({ appendFailures: 0, relayGapsSuspected: 0, relayGapsHealed: 0, refusedWrites: 0 });
