import { ApduFormatError } from './errors.js';

/**
 * BER-TLV (ISO/IEC 7816-4:2020 §6.3; ITU-T X.690 §8.1) as the My Number Card writes it.
 *
 * The card uses non-minimal length forms — e.g. kenhojo EF 0005 starts `FF 40 82 00 9F`
 * where a minimal encoder would write `FF 40 81 9F` (spec: card.md §5, §11.6). A decoded
 * node therefore remembers its length form (`lengthBytes`), and `encodeBerTlv` reproduces
 * it, so decode∘encode is the identity on the card's bytes.
 */
export interface BerTlv {
  /** The tag as an unsigned integer of its bytes, e.g. 0xDF22, 0x7F21, 0x5F4E. */
  readonly tag: number;
  readonly value: Uint8Array;
  /**
   * Length octets used on the wire: 1 = short form (or minimal), 2 = `81 xx`, 3 = `82 xx xx`,
   * 4 = `83 xx xx xx`. Omit to use the minimal form.
   */
  readonly lengthBytes?: number | undefined;
  /** Offset of the tag's first byte in the buffer it was decoded from. */
  readonly offset?: number;
}

/** Bytes of a tag number (1–3 bytes). */
export function encodeTag(tag: number): Uint8Array {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff)
    throw new ApduFormatError('BAD_TAG', 'tag out of range');
  if (tag <= 0xff) return Uint8Array.of(tag);
  if (tag <= 0xffff) return Uint8Array.of(tag >> 8, tag & 0xff);
  return Uint8Array.of(tag >> 16, (tag >> 8) & 0xff, tag & 0xff);
}

/** True if the tag's first byte marks a constructed object (bit 6, b6 = 0x20). */
export function isConstructed(tag: number): boolean {
  const first = tag > 0xffff ? tag >> 16 : tag > 0xff ? tag >> 8 : tag;
  return (first & 0x20) !== 0;
}

export function minimalLengthBytes(len: number): number {
  if (len < 0x80) return 1;
  if (len <= 0xff) return 2;
  if (len <= 0xffff) return 3;
  if (len <= 0xffffff) return 4;
  throw new ApduFormatError('BAD_LENGTH', 'length too large');
}

export function encodeLength(len: number, lengthBytes = minimalLengthBytes(len)): Uint8Array {
  const min = minimalLengthBytes(len);
  if (lengthBytes < min || lengthBytes > 4) {
    throw new ApduFormatError('BAD_LENGTH', `length ${len} does not fit ${lengthBytes} length octets`);
  }
  if (lengthBytes === 1) return Uint8Array.of(len);
  const out = new Uint8Array(lengthBytes);
  out[0] = 0x80 | (lengthBytes - 1);
  for (let i = lengthBytes - 1, v = len; i >= 1; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

export function encodeBerTlv(node: BerTlv): Uint8Array {
  const t = encodeTag(node.tag);
  const l = encodeLength(node.value.length, node.lengthBytes ?? minimalLengthBytes(node.value.length));
  const out = new Uint8Array(t.length + l.length + node.value.length);
  out.set(t, 0);
  out.set(l, t.length);
  out.set(node.value, t.length + l.length);
  return out;
}

/** Shorthand: a TLV with the minimal (or the given) length form. */
export function tlv(tag: number, value: Uint8Array, lengthBytes?: number): Uint8Array {
  return encodeBerTlv({ tag, value, lengthBytes });
}

/** Decodes one TLV starting at `offset`; returns it and the offset after it. */
export function decodeBerTlvAt(buf: Uint8Array, offset = 0): { node: BerTlv; next: number } {
  let p = offset;
  if (p >= buf.length) throw new ApduFormatError('TRUNCATED', 'no tag');
  let tag = buf[p++]!;
  if ((tag & 0x1f) === 0x1f) {
    // Subsequent tag bytes while b8 is set; we accept up to 3 tag bytes in total.
    let count = 1;
    for (;;) {
      if (p >= buf.length) throw new ApduFormatError('TRUNCATED', 'truncated tag');
      const b = buf[p++]!;
      tag = (tag << 8) | b;
      count++;
      if ((b & 0x80) === 0) break;
      if (count >= 3) throw new ApduFormatError('BAD_TAG', 'tag longer than 3 bytes');
    }
  }
  if (p >= buf.length) throw new ApduFormatError('TRUNCATED', 'no length');
  const first = buf[p++]!;
  let len: number;
  let lengthBytes = 1;
  if (first < 0x80) len = first;
  else {
    const k = first & 0x7f;
    if (k === 0 || k > 3) throw new ApduFormatError('BAD_LENGTH', 'unsupported length form');
    if (p + k > buf.length) throw new ApduFormatError('TRUNCATED', 'truncated length');
    len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + buf[p++]!;
    lengthBytes = k + 1;
  }
  if (p + len > buf.length) throw new ApduFormatError('TRUNCATED', 'value runs past the end');
  return { node: { tag, value: buf.subarray(p, p + len), lengthBytes, offset }, next: p + len };
}

/**
 * Decodes a sequence of TLVs filling `buf` exactly. With `allowPadding`, trailing 00 or FF
 * filler bytes (as found after data on physical EFs) end the sequence.
 */
export function decodeBerTlvs(buf: Uint8Array, opts: { allowPadding?: boolean } = {}): BerTlv[] {
  const out: BerTlv[] = [];
  let p = 0;
  while (p < buf.length) {
    if (opts.allowPadding && (buf[p] === 0x00 || buf[p] === 0xff)) {
      const rest = buf.subarray(p);
      if (rest.every((b) => b === 0x00) || rest.every((b) => b === 0xff)) break;
    }
    const { node, next } = decodeBerTlvAt(buf, p);
    out.push(node);
    p = next;
  }
  return out;
}

/** Decodes exactly one TLV; trailing bytes are an error unless `allowPadding`. */
export function decodeBerTlv(buf: Uint8Array, opts: { allowPadding?: boolean } = {}): BerTlv {
  const { node, next } = decodeBerTlvAt(buf, 0);
  if (next !== buf.length) {
    const rest = buf.subarray(next);
    const filler = rest.every((b) => b === 0xff) || rest.every((b) => b === 0x00);
    if (!(opts.allowPadding && filler)) throw new ApduFormatError('TRAILING_BYTES', 'bytes after the TLV');
  }
  return node;
}

/** First child with `tag` inside a constructed value, or undefined. */
export function findTlv(children: readonly BerTlv[], tag: number): BerTlv | undefined {
  return children.find((c) => c.tag === tag);
}
