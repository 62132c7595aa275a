/**
 * vpcd framing (spec: shared/spec/pcsc.md "Wire protocol"): every message, both ways, is a 2-byte
 * big-endian length followed by that many bytes. TCP delivers a byte stream, so one `data` event
 * may hold half a frame, or several frames; `FrameDecoder` reassembles them.
 */

/** Largest payload a 2-byte length can carry. */
export const MAX_FRAME = 0xffff;

/** vpcd's one-byte control messages. 00/01/02 get no reply; 04 gets one frame with the ATR. */
export const VPCD_CTRL = { OFF: 0x00, ON: 0x01, RESET: 0x02, ATR: 0x04 } as const;

/**
 * Encodes one frame as a single buffer, so it goes out in one `socket.write`. Refuses empty
 * payloads (vpcd would block in `recv` and hang the caller's SCardTransmit) and oversize ones.
 */
export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length === 0) throw new RangeError('vpcd frame must not be empty');
  if (payload.length > MAX_FRAME) throw new RangeError(`vpcd frame too long: ${payload.length} bytes`);
  const out = Buffer.allocUnsafe(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

/** Incremental decoder: `push` any chunk of the stream, get back the frames it completes. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private size = 0;

  /** Bytes received but not yet part of a complete frame. */
  get pending(): number {
    return this.size;
  }

  push(chunk: Uint8Array): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      this.size += chunk.length;
    }
    const frames: Buffer[] = [];
    if (this.size < 2) return frames;
    let buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    let off = 0;
    while (buf.length - off >= 2) {
      const len = buf.readUInt16BE(off);
      if (buf.length - off - 2 < len) break;
      // Copy: the caller may keep the frame while the socket reuses its buffers.
      frames.push(Buffer.from(buf.subarray(off + 2, off + 2 + len)));
      off += 2 + len;
    }
    buf = buf.subarray(off);
    this.chunks = buf.length > 0 ? [buf] : [];
    this.size = buf.length;
    return frames;
  }

  reset(): void {
    this.chunks = [];
    this.size = 0;
  }
}
