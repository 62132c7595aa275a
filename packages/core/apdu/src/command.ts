import { ApduFormatError } from './errors.js';

/**
 * A command APDU (ISO/IEC 7816-4:2020 §5.1, §5.2).
 *
 * `ne` is Ne, the maximum number of response bytes expected: absent for cases 1 and 3,
 * 1..256 for a short Le (Le byte `00` means 256), 1..65536 for an extended Le (`00 00` means
 * 65536). `extended` records which length form was (or will be) used on the wire.
 */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  readonly ne?: number | undefined;
  readonly extended: boolean;
}

/** The four ISO cases, with S/E for short and extended length fields. */
export type ApduCase = '1' | '2S' | '3S' | '4S' | '2E' | '3E' | '4E';

export const MAX_SHORT_NC = 255;
export const MAX_SHORT_NE = 256;
export const MAX_EXTENDED_NC = 65535;
export const MAX_EXTENDED_NE = 65536;

const EMPTY = new Uint8Array(0);

/** Builds a command, choosing the extended form only when the data or Ne do not fit a short APDU. */
export function command(
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  data: Uint8Array = EMPTY,
  ne?: number,
  opts: { extended?: boolean } = {},
): CommandApdu {
  for (const [name, v] of [
    ['CLA', cla],
    ['INS', ins],
    ['P1', p1],
    ['P2', p2],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff)
      throw new ApduFormatError('BAD_FIELD', `${name} must be a byte`);
  }
  if (data.length > MAX_EXTENDED_NC)
    throw new ApduFormatError('BAD_LC', 'command data longer than 65535 bytes');
  if (ne !== undefined && (!Number.isInteger(ne) || ne < 1 || ne > MAX_EXTENDED_NE)) {
    throw new ApduFormatError('BAD_LE', 'Ne must be 1..65536');
  }
  const extended = opts.extended ?? (data.length > MAX_SHORT_NC || (ne ?? 0) > MAX_SHORT_NE);
  return { cla, ins, p1, p2, data, ne, extended };
}

/** The ISO case of a command as it will be encoded. */
export function apduCase(c: CommandApdu): ApduCase {
  const hasData = c.data.length > 0;
  const hasLe = c.ne !== undefined;
  if (!hasData && !hasLe) return '1';
  const s = c.extended ? 'E' : 'S';
  if (!hasData) return `2${s}`;
  if (!hasLe) return `3${s}`;
  return `4${s}`;
}

/** Encodes a command APDU (ISO/IEC 7816-3 §12.1.3 / 7816-4 §5.1). */
export function encodeCommand(c: CommandApdu): Uint8Array {
  const nc = c.data.length;
  const hasLe = c.ne !== undefined;
  if (!c.extended) {
    if (nc > MAX_SHORT_NC || (c.ne ?? 0) > MAX_SHORT_NE) {
      throw new ApduFormatError('BAD_LENGTH', 'data or Ne too large for a short APDU');
    }
    const out = new Uint8Array(4 + (nc > 0 ? 1 + nc : 0) + (hasLe ? 1 : 0));
    out.set([c.cla, c.ins, c.p1, c.p2]);
    let o = 4;
    if (nc > 0) {
      out[o++] = nc;
      out.set(c.data, o);
      o += nc;
    }
    if (hasLe) out[o] = c.ne === 256 ? 0 : c.ne!;
    return out;
  }
  if (nc === 0 && !hasLe) throw new ApduFormatError('BAD_LENGTH', 'an extended APDU needs data or Le');
  const out = new Uint8Array(4 + 1 + (nc > 0 ? 2 + nc : 0) + (hasLe ? 2 : 0));
  out.set([c.cla, c.ins, c.p1, c.p2, 0]);
  let o = 5;
  if (nc > 0) {
    out[o++] = nc >> 8;
    out[o++] = nc & 0xff;
    out.set(c.data, o);
    o += nc;
  }
  if (hasLe) {
    const le = c.ne === 65536 ? 0 : c.ne!;
    out[o++] = le >> 8;
    out[o] = le & 0xff;
  }
  return out;
}

/**
 * Decodes a command APDU, recognising all seven ISO cases (ISO/IEC 7816-3 §12.1.3).
 * Throws `ApduFormatError` for any byte string that is not exactly one well-formed APDU.
 */
export function parseCommand(b: Uint8Array): CommandApdu {
  const n = b.length;
  if (n < 4) throw new ApduFormatError('TOO_SHORT', 'a command APDU has at least 4 bytes');
  const cla = b[0]!;
  const ins = b[1]!;
  const p1 = b[2]!;
  const p2 = b[3]!;
  if (n === 4) return { cla, ins, p1, p2, data: EMPTY, ne: undefined, extended: false };
  const b4 = b[4]!;
  if (n === 5) return { cla, ins, p1, p2, data: EMPTY, ne: b4 === 0 ? 256 : b4, extended: false };
  if (b4 !== 0) {
    // Short Lc.
    const nc = b4;
    if (n === 5 + nc)
      return { cla, ins, p1, p2, data: b.subarray(5, 5 + nc), ne: undefined, extended: false };
    if (n === 6 + nc) {
      const le = b[5 + nc]!;
      return { cla, ins, p1, p2, data: b.subarray(5, 5 + nc), ne: le === 0 ? 256 : le, extended: false };
    }
    throw new ApduFormatError('BAD_LC', 'Lc does not match the APDU length');
  }
  // b4 == 0 with more bytes: extended length.
  if (n < 7) throw new ApduFormatError('BAD_LENGTH', 'truncated extended length');
  const l = (b[5]! << 8) | b[6]!;
  if (n === 7) return { cla, ins, p1, p2, data: EMPTY, ne: l === 0 ? 65536 : l, extended: true };
  if (l === 0) throw new ApduFormatError('BAD_LC', 'extended Lc of zero');
  const nc = l;
  if (n === 7 + nc) return { cla, ins, p1, p2, data: b.subarray(7, 7 + nc), ne: undefined, extended: true };
  if (n === 9 + nc) {
    const le = (b[7 + nc]! << 8) | b[8 + nc]!;
    return { cla, ins, p1, p2, data: b.subarray(7, 7 + nc), ne: le === 0 ? 65536 : le, extended: true };
  }
  throw new ApduFormatError('BAD_LC', 'extended Lc does not match the APDU length');
}

/**
 * A short human-readable header for logs: CLA INS P1 P2, Lc and Ne — never the data field,
 * which may hold a PIN.
 */
export function describeCommand(c: CommandApdu): string {
  const h = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');
  const lc = c.data.length > 0 ? ` Lc=${c.data.length}` : '';
  const le = c.ne !== undefined ? ` Ne=${c.ne}` : '';
  return `${h(c.cla)} ${h(c.ins)} ${h(c.p1)} ${h(c.p2)}${lc}${le}${c.extended ? ' (ext)' : ''}`;
}
