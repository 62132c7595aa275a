import { fc, test } from '@fast-check/vitest';
import { expectCodedError } from '@myna/test-support';
import { describe, expect, it } from 'vitest';
import {
  ApduFormatError,
  decodeBerTlv,
  decodeBerTlvs,
  decodeSimpleTlvs,
  encodeBerTlv,
  encodeSimpleTlv,
  fromHex,
  toHex,
  utf8,
} from '../src/index.js';

describe('BER-TLV on the card’s own bytes (spec: card.md §5)', () => {
  it('keeps the non-minimal 82 00 9F form of kenhojo EF 0005', () => {
    const value = new Uint8Array(0x9f);
    const ef = fromHex(`FF40 82009F ${toHex(value)}`);
    const node = decodeBerTlv(ef);
    expect(node.tag).toBe(0xff40);
    expect(node.value.length).toBe(0x9f);
    expect(node.lengthBytes).toBe(3);
    expect(toHex(encodeBerTlv(node))).toBe(toHex(ef));
    // The minimal form would differ.
    expect(toHex(encodeBerTlv({ tag: 0xff40, value }))).toMatch(/^FF40819F/);
  });

  it('decodes the 基本4情報 layout of the J-LIS test card', () => {
    const name = utf8('黒桐　幹也');
    const addr = utf8('東京都清瀬市観布子南１２－７－２０２');
    const inner = [
      encodeBerTlv({ tag: 0xdf21, value: fromHex('000E002000590064') }),
      encodeBerTlv({ tag: 0xdf22, value: name }),
      encodeBerTlv({ tag: 0xdf23, value: addr }),
      encodeBerTlv({ tag: 0xdf24, value: utf8('19800217') }),
      encodeBerTlv({ tag: 0xdf25, value: utf8('1') }),
    ];
    const body = new Uint8Array(inner.reduce((n, b) => n + b.length, 0));
    let o = 0;
    for (const b of inner) {
      body.set(b, o);
      o += b.length;
    }
    const file = encodeBerTlv({ tag: 0xff20, value: body });
    expect(toHex(file.subarray(0, 3))).toBe('FF2065');
    const kids = decodeBerTlvs(decodeBerTlv(file).value);
    expect(kids.map((k) => k.tag.toString(16))).toEqual(['df21', 'df22', 'df23', 'df24', 'df25']);
    // DF21's offsets point at each field's tag from the start of the file.
    expect(kids.slice(1).map((k) => 3 + k.offset!)).toEqual([0x0e, 0x20, 0x59, 0x64]);
  });

  it('tolerates physical filler after the data only when asked', async () => {
    const b = fromHex('DF250131FFFFFF');
    await expectCodedError(() => decodeBerTlv(b), ApduFormatError, 'TRAILING_BYTES');
    expect(decodeBerTlv(b, { allowPadding: true }).value).toEqual(fromHex('31'));
    expect(decodeBerTlvs(b, { allowPadding: true })).toHaveLength(1);
  });

  it('rejects truncation', async () => {
    expect(() => decodeBerTlv(fromHex('DF2205414243'))).toThrowError(/past the end/);
    await expectCodedError(() => decodeBerTlv(fromHex('DF')), ApduFormatError, 'TRUNCATED');
    await expectCodedError(() => decodeBerTlv(fromHex('3084000000')), ApduFormatError, 'BAD_LENGTH');
  });
});

const arbTag = fc.oneof(
  fc.integer({ min: 0, max: 0xff }).filter((t) => (t & 0x1f) !== 0x1f),
  fc
    .tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 0x7f }))
    .map(([hi, lo]) => (((hi << 5) | 0x1f) << 8) | lo),
  fc
    .tuple(
      fc.integer({ min: 0, max: 7 }),
      fc.integer({ min: 0x80, max: 0xff }),
      fc.integer({ min: 0, max: 0x7f }),
    )
    .map(([hi, mid, lo]) => (((((hi << 5) | 0x1f) << 8) | mid) << 8) | lo),
);

describe('TLV codec properties', () => {
  test.prop([arbTag, fc.uint8Array({ maxLength: 700 }), fc.integer({ min: 0, max: 3 })])(
    'BER decode ∘ encode = id, whatever length form is chosen',
    (tag, value, extra) => {
      const minimal = value.length < 0x80 ? 1 : value.length <= 0xff ? 2 : 3;
      const lengthBytes = Math.min(4, minimal + extra);
      const enc = encodeBerTlv({ tag, value, lengthBytes });
      const back = decodeBerTlv(enc);
      expect(back.tag).toBe(tag);
      expect(toHex(back.value)).toBe(toHex(value));
      expect(toHex(encodeBerTlv(back))).toBe(toHex(enc));
    },
  );

  test.prop([fc.uint8Array({ maxLength: 200 })])(
    'BER decoder never throws anything but ApduFormatError',
    (b) => {
      try {
        decodeBerTlvs(b);
      } catch (e) {
        expect(e).toBeInstanceOf(ApduFormatError);
      }
    },
  );

  test.prop([
    fc.array(
      fc.record({ tag: fc.integer({ min: 1, max: 0xfe }), value: fc.uint8Array({ maxLength: 400 }) }),
      { maxLength: 5 },
    ),
  ])('SIMPLE-TLV decode ∘ encode = id (including the FF-prefixed long length)', (items) => {
    const parts = items.map(encodeSimpleTlv);
    const buf = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      buf.set(p, o);
      o += p.length;
    }
    const back = decodeSimpleTlvs(buf);
    expect(back.map((t) => [t.tag, toHex(t.value)])).toEqual(items.map((t) => [t.tag, toHex(t.value)]));
  });

  it('SIMPLE-TLV of the common AP record', () => {
    const rec = fromHex('011C' + toHex(utf8('4000000127198431322120350217')));
    const [t] = decodeSimpleTlvs(rec);
    expect(t!.tag).toBe(1);
    expect(t!.value.length).toBe(28);
  });
});
