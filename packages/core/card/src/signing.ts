import { constants, createHash, type KeyObject, privateEncrypt } from 'node:crypto';
import { concatBytes, fromHex } from '@myna/apdu';
import type { Random } from '@myna/ports';

/**
 * COMPUTE DIGITAL SIGNATURE schemes (`80 2A P1 …`), spec: card.md §4.2, established by
 * myna-card testing every P1 against a card. RSA-2048 only (k = 256).
 *
 * | P1 | input                  | the card does                                   |
 * |----|------------------------|-------------------------------------------------|
 * | 00 | 1–245 B (k − 11)       | PKCS#1 v1.5 type-1 padding of the bytes as given |
 * | 01 | message 1–255 B        | SHA-256, sign the bare 32-byte hash             |
 * | 02 | exactly 32 B hash      | SHA-256 DigestInfo + PKCS#1 v1.5                |
 * | 03 | message 1–255 B        | SHA-256 + DigestInfo + PKCS#1 v1.5              |
 * | 04 | exactly 32 B hash      | RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) |
 * | 05 | message 1–255 B        | SHA-256 + RSASSA-PSS                            |
 *
 * PKCS#1 v1.5 uses `privateEncrypt` with RSA_PKCS1_PADDING (never `crypto.sign(null, …)`,
 * which re-hashes: stack.md §3). PSS is encoded here (RFC 8017 §9.1.1) so the salt comes from
 * the injected `Random`, then raw RSA (RSA_NO_PADDING).
 */
export type SignScheme = 0 | 1 | 2 | 3 | 4 | 5;

export const SHA256_DIGEST_INFO_PREFIX = fromHex('3031300d060960864801650304020105000420');
const K = 256;

export type SignInputError = 'length';

/** Validates the input length for a scheme; true if acceptable. */
export function signInputOk(scheme: SignScheme, n: number): boolean {
  switch (scheme) {
    case 0:
      return n >= 1 && n <= K - 11;
    case 2:
    case 4:
      return n === 32;
    default:
      return n >= 1 && n <= 255;
  }
}

/** SHA-256 of `b`. */
export function sha256(b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(b).digest());
}

function pkcs1(key: KeyObject, block: Uint8Array): Uint8Array {
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, block));
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) for a 2048-bit modulus, SHA-256, sLen = 32. */
export function emsaPssEncode(mHash: Uint8Array, salt: Uint8Array, emBits = 2047): Uint8Array {
  const hLen = 32;
  const emLen = Math.ceil(emBits / 8);
  const mPrime = concatBytes(new Uint8Array(8), mHash, salt);
  const h = sha256(mPrime);
  const ps = new Uint8Array(emLen - salt.length - hLen - 2);
  const db = concatBytes(ps, Uint8Array.of(0x01), salt);
  const mask = mgf1(h, emLen - hLen - 1);
  const maskedDb = db.map((b, i) => b ^ mask[i]!);
  maskedDb[0]! &= 0xff >> (8 * emLen - emBits);
  return concatBytes(maskedDb, h, Uint8Array.of(0xbc));
}

function mgf1(seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let o = 0;
  for (let counter = 0; o < len; counter++) {
    const c = Uint8Array.of(counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff);
    const block = sha256(concatBytes(seed, c));
    out.set(block.subarray(0, Math.min(block.length, len - o)), o);
    o += block.length;
  }
  return out;
}

function pss(key: KeyObject, mHash: Uint8Array, random: Random): Uint8Array {
  const em = emsaPssEncode(mHash, random.bytes(32));
  // emLen = 256 = k, so the encoded message is a full-length integer below the modulus (top bit cleared).
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, em));
}

/** Signs `input` with `scheme`. The caller has checked `signInputOk`. */
export function computeSignature(
  key: KeyObject,
  scheme: SignScheme,
  input: Uint8Array,
  random: Random,
): Uint8Array {
  switch (scheme) {
    case 0:
      return pkcs1(key, input);
    case 1:
      return pkcs1(key, sha256(input));
    case 2:
      return pkcs1(key, concatBytes(SHA256_DIGEST_INFO_PREFIX, input));
    case 3:
      return pkcs1(key, concatBytes(SHA256_DIGEST_INFO_PREFIX, sha256(input)));
    case 4:
      return pss(key, input, random);
    case 5:
      return pss(key, sha256(input), random);
  }
}
