import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  ApduFormatError,
  apduCase,
  command,
  describeCommand,
  encodeCommand,
  fromHex,
  parseCommand,
  toHex,
} from '../src/index.js';

describe('command APDU examples from real clients (spec: card.md §2.2, §2.3, §4.3)', () => {
  it.each([
    ['00A4040C0AD392F000260100000001', '3S', { cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, nc: 10, ne: undefined }],
    ['00A4020C020018', '3S', { cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, nc: 2, ne: undefined }],
    ['00200080', '1', { cla: 0, ins: 0x20, p1: 0, p2: 0x80, nc: 0, ne: undefined }],
    ['00B0000004', '2S', { cla: 0, ins: 0xb0, p1: 0, p2: 0, nc: 0, ne: 4 }],
    ['00B0000000', '2S', { cla: 0, ins: 0xb0, p1: 0, p2: 0, nc: 0, ne: 256 }],
    ['00B00004 00061F'.replace(' ', ''), '2E', { cla: 0, ins: 0xb0, p1: 0, p2: 4, nc: 0, ne: 0x61f }],
    ['00B08A00000000', '2E', { cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, nc: 0, ne: 65536 }],
    [
      '802A00800401020304 00'.replace(' ', ''),
      '4S',
      { cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, nc: 4, ne: 256 },
    ],
  ])('%s is case %s', (hex, kase, want) => {
    const c = parseCommand(fromHex(hex));
    expect(apduCase(c)).toBe(kase);
    expect({ cla: c.cla, ins: c.ins, p1: c.p1, p2: c.p2, nc: c.data.length, ne: c.ne }).toEqual(want);
    expect(toHex(encodeCommand(c))).toBe(hex.toUpperCase());
  });

  it('encodes a 307-byte body as extended case 4', () => {
    const c = command(0x80, 0xa2, 0, 0xc1, new Uint8Array(307), 256);
    expect(apduCase(c)).toBe('4E');
    const b = encodeCommand(c);
    expect(toHex(b.subarray(0, 7))).toBe('80A200C1000133');
    expect(toHex(b.subarray(-2))).toBe('0100');
  });

  it.each([
    ['', 'TOO_SHORT'],
    ['00A4', 'TOO_SHORT'],
    ['00A4040C05D392', 'BAD_LC'],
    ['00A4040C0000', 'BAD_LENGTH'],
    ['00B000000000010203', 'BAD_LC'],
    ['00B0000000000000', 'BAD_LC'],
  ])('rejects %s with %s', (hex, code) => {
    expect(() => parseCommand(fromHex(hex))).toThrowError(ApduFormatError);
    try {
      parseCommand(fromHex(hex));
    } catch (e) {
      expect((e as ApduFormatError).code).toBe(code);
    }
  });

  it('describes a command without its data (PINs never reach logs)', () => {
    const c = parseCommand(fromHex('002000800431323334'));
    expect(describeCommand(c)).toBe('00 20 00 80 Lc=4');
    expect(describeCommand(c)).not.toContain('31');
  });
});

const byte = fc.integer({ min: 0, max: 255 });

const arbCommand = fc.oneof(
  fc.record({
    cla: byte,
    ins: byte,
    p1: byte,
    p2: byte,
    data: fc.uint8Array({ maxLength: 255 }),
    ne: fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }),
    extended: fc.constant(false),
  }),
  fc
    .record({
      cla: byte,
      ins: byte,
      p1: byte,
      p2: byte,
      data: fc.uint8Array({ maxLength: 1200 }),
      ne: fc.option(fc.integer({ min: 1, max: 65536 }), { nil: undefined }),
      extended: fc.constant(true),
    })
    .filter((c) => c.data.length > 0 || c.ne !== undefined),
);

describe('command codec properties', () => {
  test.prop([arbCommand])('parse ∘ encode = id for every case and length form', (c) => {
    const back = parseCommand(encodeCommand(c));
    expect(back.cla).toBe(c.cla);
    expect(back.ins).toBe(c.ins);
    expect(back.p1).toBe(c.p1);
    expect(back.p2).toBe(c.p2);
    expect(Array.from(back.data)).toEqual(Array.from(c.data));
    expect(back.ne).toBe(c.ne);
    expect(back.extended).toBe(c.extended);
  });

  test.prop([fc.uint8Array({ maxLength: 600 })])(
    'any bytes: either a command that re-encodes to them, or ApduFormatError',
    (b) => {
      let c: ReturnType<typeof parseCommand>;
      try {
        c = parseCommand(b);
      } catch (e) {
        expect(e).toBeInstanceOf(ApduFormatError);
        return;
      }
      expect(toHex(encodeCommand(c))).toBe(toHex(b));
    },
  );

  test.prop([
    byte,
    byte,
    fc.uint8Array({ maxLength: 300 }),
    fc.option(fc.integer({ min: 1, max: 65536 }), { nil: undefined }),
  ])('command() picks the short form whenever it fits', (ins, p2, data, ne) => {
    const c = command(0, ins, 0, p2, data, ne);
    const fits = data.length <= 255 && (ne ?? 0) <= 256;
    expect(c.extended).toBe(!fits && (data.length > 0 || ne !== undefined));
  });
});
