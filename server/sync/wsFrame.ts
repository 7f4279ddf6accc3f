/**
 * A complete WebSocket binary frame as a server sends it (RFC 6455 §5.2: FIN, opcode 2, no mask),
 * header and payload in one buffer, so it can be written as-is to every socket.
 */
export function encodeWsBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerLength);
  return frame;
}

/** Several binary frames back to back in one buffer, written to a socket in one call. */
export function encodeWsBinaryFrames(payloads: readonly Uint8Array[]): Buffer {
  return payloads.length === 1 ? encodeWsBinaryFrame(payloads[0]) : Buffer.concat(payloads.map(encodeWsBinaryFrame));
}
