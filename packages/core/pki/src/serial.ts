/**
 * Certificate serial numbers. The caller always chooses them (no hidden randomness); they cross
 * the API as a bigint or as unsigned big-endian bytes. RFC 5280 §4.1.2.2: a positive INTEGER of
 * at most 20 content octets, so 1 ≤ serial < 2^159.
 */
import { bigintToMagnitude, integerContent, magnitudeToBigint } from './der.js';
import { PkiError } from './errors.js';

/** A serial number: a bigint, or its unsigned big-endian magnitude (leading zero bytes ignored). */
export type SerialNumber = bigint | Uint8Array;

export const MAX_SERIAL = (1n << 159n) - 1n;

/** Validates and returns the serial as a bigint. Throws PkiError BAD_SERIAL. */
export function serialToBigint(serial: SerialNumber): bigint {
  const n = typeof serial === 'bigint' ? serial : magnitudeToBigint(serial);
  if (n < 1n) throw new PkiError('BAD_SERIAL', 'serial number must be positive (RFC 5280 §4.1.2.2)');
  if (integerContent(n).length > 20) {
    throw new PkiError('BAD_SERIAL', 'serial number longer than 20 octets (RFC 5280 §4.1.2.2)');
  }
  return n;
}

/**
 * Upper-case hex of the serial's magnitude, even length, no sign byte: 128n → "80", 1n → "01".
 * This is the form `openssl x509 -serial` prints and @peculiar/x509 expects.
 */
export function serialToHex(serial: SerialNumber): string {
  const n = typeof serial === 'bigint' ? serial : magnitudeToBigint(serial);
  const mag = bigintToMagnitude(n);
  return mag.length === 0 ? '00' : Buffer.from(mag).toString('hex').toUpperCase();
}

/** Parses hex (any case, optional sign byte / leading zeros, optional ':' separators) into a bigint. */
export function serialFromHex(hexString: string): bigint {
  const clean = hexString.replace(/:/g, '');
  if (!/^[0-9a-fA-F]+$/.test(clean)) throw new PkiError('BAD_SERIAL', 'serial is not hex');
  return BigInt('0x' + clean);
}
