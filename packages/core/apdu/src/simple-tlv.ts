import { ApduFormatError } from './errors.js';

/**
 * SIMPLE-TLV (ISO/IEC 7816-4:2020 §6.2): one tag byte 01–FE, then one length byte 00–FE,
 * or `FF` followed by two length bytes (0–65535). Used by the 共通カードAP's records
 * (spec: card.md §7, `01 1C` + 28 ASCII digits).
 */
export interface SimpleTlv {
  readonly tag: number;
  readonly value: Uint8Array;
}

export function encodeSimpleTlv({ tag, value }: SimpleTlv): Uint8Array {
  if (!Number.isInteger(tag) || tag < 0x01 || tag > 0xfe)
    throw new ApduFormatError('BAD_TAG', 'tag must be 01..FE');
  const n = value.length;
  if (n > 0xffff) throw new ApduFormatError('BAD_LENGTH', 'value longer than 65535 bytes');
  const head = n < 0xff ? Uint8Array.of(tag, n) : Uint8Array.of(tag, 0xff, n >> 8, n & 0xff);
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  out.set(value, head.length);
  return out;
}

export function decodeSimpleTlvs(buf: Uint8Array): SimpleTlv[] {
  const out: SimpleTlv[] = [];
  let p = 0;
  while (p < buf.length) {
    const tag = buf[p++]!;
    if (tag === 0x00 || tag === 0xff) throw new ApduFormatError('BAD_TAG', 'tag 00 and FF are invalid');
    if (p >= buf.length) throw new ApduFormatError('TRUNCATED', 'no length');
    let n = buf[p++]!;
    if (n === 0xff) {
      if (p + 2 > buf.length) throw new ApduFormatError('TRUNCATED', 'truncated length');
      n = (buf[p]! << 8) | buf[p + 1]!;
      p += 2;
    }
    if (p + n > buf.length) throw new ApduFormatError('TRUNCATED', 'value runs past the end');
    out.push({ tag, value: buf.subarray(p, p + n) });
    p += n;
  }
  return out;
}
