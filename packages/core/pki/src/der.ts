/**
 * Minimal DER encoders for the few primitive values the ASN.1 libraries do not cover with a
 * convenient type (a bigint INTEGER for CRL numbers, an OID for holdInstructionCode). X.690 §8, §10.
 */
import { PkiError } from './errors.js';

export function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
}

export function derTlv(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const len = derLength(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

/** Big-endian magnitude of a non-negative bigint, no leading zero bytes (0n → []). */
export function bigintToMagnitude(n: bigint): Uint8Array {
  if (n < 0n) throw new PkiError('BAD_PARAM', 'negative integer');
  let h = n.toString(16);
  if (n === 0n) return new Uint8Array(0);
  if (h.length % 2) h = '0' + h;
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

export function magnitudeToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt('0x' + Buffer.from(bytes).toString('hex'));
}

/** Content octets of a DER INTEGER for a non-negative value (a 00 is prepended when the top bit is set). */
export function integerContent(n: bigint): Uint8Array {
  const mag = bigintToMagnitude(n);
  if (mag.length === 0) return Uint8Array.of(0);
  if (mag[0]! & 0x80) return Uint8Array.of(0, ...mag);
  return mag;
}

export function derInteger(n: bigint): Uint8Array<ArrayBuffer> {
  return derTlv(0x02, integerContent(n));
}

export function derOid(oid: string): Uint8Array<ArrayBuffer> {
  const arcs = oid.split('.').map((s) => {
    if (!/^\d+$/.test(s)) throw new PkiError('BAD_PARAM', `bad OID ${oid}`);
    return BigInt(s);
  });
  if (arcs.length < 2) throw new PkiError('BAD_PARAM', `bad OID ${oid}`);
  const out: number[] = [];
  const push = (v: bigint) => {
    const groups: number[] = [Number(v & 0x7fn)];
    for (let r = v >> 7n; r > 0n; r >>= 7n) groups.unshift(Number(r & 0x7fn) | 0x80);
    out.push(...groups);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return derTlv(0x06, Uint8Array.from(out));
}

/** GeneralizedTime `YYYYMMDDHHMMSSZ` (whole seconds, UTC), X.690 §11.7 / RFC 5280 §4.1.2.5.2. */
export function derGeneralizedTime(d: Date): Uint8Array<ArrayBuffer> {
  const s = d
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return derTlv(0x18, Uint8Array.from(Buffer.from(s, 'ascii')));
}

export function derEnumerated(n: number): Uint8Array<ArrayBuffer> {
  return derTlv(0x0a, integerContent(BigInt(n)));
}

/** Reads a whole DER INTEGER (tag 02) as a bigint (two's complement). Throws on anything else. */
export function readDerInteger(der: Uint8Array): bigint {
  if (der[0] !== 0x02 || der.length < 3) throw new PkiError('BAD_PARAM', 'not a DER INTEGER');
  let len = der[1]!;
  let off = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[off + i] ?? 0);
    off += n;
  }
  if (off + len !== der.length || len === 0) throw new PkiError('BAD_PARAM', 'not a DER INTEGER');
  const content = der.subarray(off);
  const value = magnitudeToBigint(content);
  return content[0]! & 0x80 ? value - (1n << BigInt(8 * len)) : value;
}
