/**
 * One message for many connections. The payload is encoded once per room; a transport may cache
 * its own wire form on the object (`wire`), so a broadcast to a thousand sockets frames it once.
 */
export class SharedFrame {
  wire: Buffer | null = null;
  constructor(readonly payload: Uint8Array) {}
}
