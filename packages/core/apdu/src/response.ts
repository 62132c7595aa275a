import { ApduFormatError } from './errors.js';

/** A response APDU: response data followed by the two status bytes SW1 SW2 (ISO/IEC 7816-4 §5.1). */
export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1 << 8 | SW2. */
  readonly sw: number;
}

export function response(sw: number, data: Uint8Array = new Uint8Array(0)): ResponseApdu {
  if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff)
    throw new ApduFormatError('BAD_FIELD', 'SW must be 16 bits');
  return { data, sw };
}

export function encodeResponse(r: ResponseApdu): Uint8Array {
  const out = new Uint8Array(r.data.length + 2);
  out.set(r.data, 0);
  out[r.data.length] = r.sw >> 8;
  out[r.data.length + 1] = r.sw & 0xff;
  return out;
}

export function parseResponse(b: Uint8Array): ResponseApdu {
  if (b.length < 2) throw new ApduFormatError('TOO_SHORT', 'a response APDU has at least 2 bytes');
  const n = b.length;
  return { data: b.subarray(0, n - 2), sw: (b[n - 2]! << 8) | b[n - 1]! };
}
