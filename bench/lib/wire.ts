import * as encoding from 'lib0/encoding';
import type { ServerKind } from './servers';

/**
 * Frames of the two wire protocols under test, built with lib0 like the real clients do:
 * - y-websocket (Croisée, @y/websocket-server, and what the relay forwards): `[type, …]`;
 * - Hocuspocus: every message is prefixed with varString(documentName); types Sync=0, Awareness=1,
 *   Auth=2, QueryAwareness=3, SyncReply=4, …, SyncStatus=8. A connection first sends
 *   Auth(Token, token) and waits for Auth(Authenticated) before syncing.
 */
export interface Target {
  kind: ServerKind;
  port: number;
  room: string;
  tokens: string[];
  /** Croisée: who each token belongs to (same order), so notes carry their writer's own identity as the write policy requires. */
  authors?: Author[];
}

export interface Author {
  userId: string;
  name: string;
}

/** The identity client `index` writes as: its token's participant on Croisée, a made-up one elsewhere. */
export function authorFor(t: Target, index: number): Author {
  const known = t.authors?.[index % t.authors.length];
  return known ?? { userId: `user${index.toString().padStart(4, '0')}`, name: `Participant ${index}` };
}

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const HP_SYNC_REPLY = 4;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;
export const AUTH_TOKEN = 0;
export const AUTH_DENIED = 1;
export const AUTH_AUTHENTICATED = 2;

export function clientUrl(t: Target, index: number): string {
  const base = `ws://127.0.0.1:${t.port}`;
  switch (t.kind) {
    case 'croisee':
      return `${base}/yjs/${t.room}?token=${encodeURIComponent(t.tokens[index % t.tokens.length])}`;
    case 'hocuspocus':
      return `${base}/${t.room}`;
    case 'yws':
    case 'relay':
      return `${base}/${t.room}`;
  }
}

export class Framer {
  readonly prefixed: boolean;
  /** Offset of the y-protocols message inside a frame from the server (after the Hocuspocus prefix). */
  readonly offset: number;
  constructor(private readonly t: Target) {
    this.prefixed = t.kind === 'hocuspocus';
    if (this.prefixed) {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, t.room);
      this.offset = encoding.length(e);
    } else {
      this.offset = 0;
    }
  }
  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder();
    if (this.prefixed) encoding.writeVarString(e, this.t.room);
    write(e);
    return encoding.toUint8Array(e);
  }
  /** Sync step 1 with the given state vector (an empty document's is `[0]`). */
  syncStep1(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, SYNC_STEP1);
      encoding.writeVarUint8Array(e, stateVector);
    });
  }
  update(update: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, update);
    });
  }
  awareness(update: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG_AWARENESS);
      encoding.writeVarUint8Array(e, update);
    });
  }
  /** Hocuspocus only: Auth(Token, token). */
  auth(token: string): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG_AUTH);
      encoding.writeVarUint(e, AUTH_TOKEN);
      encoding.writeVarString(e, token);
    });
  }
}
