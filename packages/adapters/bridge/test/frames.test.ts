import { fc, test } from '@fast-check/vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME } from '@myna/bridge';
import { describe, expect, it } from 'vitest';

describe('vpcd frames', () => {
  it('encodes a 2-byte big-endian length and the payload in one buffer', () => {
    expect([...encodeFrame(Uint8Array.of(0x04))]).toEqual([0x00, 0x01, 0x04]);
    expect([...encodeFrame(new Uint8Array(0x1234)).subarray(0, 2)]).toEqual([0x12, 0x34]);
  });

  it('refuses empty and oversize frames', () => {
    expect(() => encodeFrame(new Uint8Array(0))).toThrow(/empty/);
    expect(() => encodeFrame(new Uint8Array(MAX_FRAME + 1))).toThrow(/too long/);
    expect(encodeFrame(new Uint8Array(MAX_FRAME)).length).toBe(MAX_FRAME + 2);
  });

  it('keeps a partial frame until the rest arrives', () => {
    const d = new FrameDecoder();
    expect(d.push(Uint8Array.of(0x00))).toEqual([]);
    expect(d.push(Uint8Array.of(0x02, 0x90))).toEqual([]);
    expect(d.pending).toBe(3);
    expect(d.push(Uint8Array.of(0x00, 0x00))).toEqual([Buffer.of(0x90, 0x00)]);
    expect(d.pending).toBe(1);
    expect(d.push(Uint8Array.of(0x01, 0x04))).toEqual([Buffer.of(0x04)]);
    expect(d.pending).toBe(0);
  });

  test.prop([
    fc.array(fc.uint8Array({ minLength: 1, maxLength: 600 }), { minLength: 1, maxLength: 12 }),
    fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }),
  ])('any split or merge of a frame stream decodes to the same frames', (payloads, cuts) => {
    const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
    const d = new FrameDecoder();
    const out: Buffer[] = [];
    let off = 0;
    for (let i = 0; off < stream.length; i++) {
      const n = cuts[i % cuts.length]!;
      out.push(...d.push(stream.subarray(off, off + n)));
      off += n;
    }
    expect(out.map((b) => b.toString('hex'))).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
    expect(d.pending).toBe(0);
  });
});
