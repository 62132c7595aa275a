import { constants, type KeyObject, privateEncrypt } from 'node:crypto';
import { ascii, concatBytes, encodeBerTlv, u16 } from '@myna/apdu';
import { SHA256_DIGEST_INFO_PREFIX, sha256 } from '../signing.js';
import { cardPublicKeyTlvs, privateKey, signedGroup } from './keys.js';
import { digitsPng, textBarsPng } from './png.js';

/**
 * 券面事項確認AP (card-face confirmation) files. spec: card.md §6.
 */

/** EF 0001 (age): `FF 10 82 02 1E { DF11 08 YYYYMMDD, DF12 82 01 09 <AP key>, DF13 82 01 00 <sig over DF11 ‖ DF12> }`. */
export function ageEf(birthDate: string, apPublicKey: KeyObject, signerPkcs8: Uint8Array): Uint8Array {
  const df11 = encodeBerTlv({ tag: 0xdf11, value: ascii(birthDate) });
  const df12 = encodeBerTlv({ tag: 0xdf12, value: cardPublicKeyTlvs(apPublicKey), lengthBytes: 3 });
  return signedGroup(0xff10, [df11, df12], 0xdf13, signerPkcs8);
}

export interface FaceData {
  readonly birthDate: string;
  readonly sex: '0' | '1' | '2' | '9';
  readonly name: string;
  readonly address: string;
  /** Face photo, JPEG 2000 (JP2), greyscale. */
  readonly photo: Uint8Array;
  readonly expiry: string;
  readonly securityCode: string;
}

/** The DigestInfo the DF28 signature covers: SHA-256 AlgorithmIdentifier and a 96-byte OCTET STRING. */
export function faceDigestInfo(d1: Uint8Array, d2: Uint8Array, d3: Uint8Array): Uint8Array {
  // SEQUENCE { SEQUENCE { OID sha256, NULL }, OCTET STRING (96) }
  const algo = SHA256_DIGEST_INFO_PREFIX.subarray(2, 2 + 15);
  const octets = encodeBerTlv({ tag: 0x04, value: concatBytes(d1, d2, d3) });
  return encodeBerTlv({ tag: 0x30, value: concatBytes(algo, octets) });
}

/**
 * EF 0002 (card face): `FF 20 82 LL LL { DF21 <u16 offsets from the file start to each of
 * DF22…DF2A>, DF22 birth, DF23 sex, DF24 AP public key, DF25 name PNG, DF26 address PNG,
 * DF27 photo JP2, DF28 signature, DF29 expiry, DF2A security-code PNG (24×12) }`.
 * DF28 = PKCS#1 v1.5 over a DigestInfo of three SHA-256 digests: of the DF22–DF24 TLVs, of the
 * DF25–DF26 TLVs, of the DF27 TLV (card.md §6). DF29/DF2A follow the signature, uncovered.
 */
export function faceEf(f: FaceData, apPublicKey: KeyObject, signerPkcs8: Uint8Array): Uint8Array {
  const t = (tag: number, value: Uint8Array, lengthBytes?: number) =>
    encodeBerTlv({ tag, value, lengthBytes });
  const df22 = t(0xdf22, ascii(f.birthDate));
  const df23 = t(0xdf23, ascii(f.sex));
  const df24 = t(0xdf24, cardPublicKeyTlvs(apPublicKey), 3);
  const df25 = t(0xdf25, textBarsPng(f.name), 3);
  const df26 = t(0xdf26, textBarsPng(f.address), 3);
  const df27 = t(0xdf27, f.photo, 3);
  const di = faceDigestInfo(
    sha256(concatBytes(df22, df23, df24)),
    sha256(concatBytes(df25, df26)),
    sha256(df27),
  );
  const sig = new Uint8Array(
    privateEncrypt({ key: privateKey(signerPkcs8), padding: constants.RSA_PKCS1_PADDING }, di),
  );
  const df28 = t(0xdf28, sig, 3);
  const df29 = t(0xdf29, ascii(f.expiry));
  const df2a = t(0xdf2a, digitsPng(f.securityCode), 3);
  const fields = [df22, df23, df24, df25, df26, df27, df28, df29, df2a];
  const header = 5; // FF 20 82 LL LL: the file is several KB, so always the 82 form
  const df21Len = 3 + 2 * fields.length;
  const offsets: number[] = [];
  let o = header + df21Len;
  for (const fld of fields) {
    offsets.push(o);
    o += fld.length;
  }
  const df21 = t(0xdf21, concatBytes(...offsets.map(u16)));
  return encodeBerTlv({ tag: 0xff20, value: concatBytes(df21, ...fields), lengthBytes: 3 });
}

/** EF 0003 (AP basic info): `FF 30 { DF31 04 06 03 0E 01, DF32 10 key ID, DF33 01 version, DF34 05 municipality, DF35 82 01 10 key ID ‖ 256 B }`. */
export function kenkakuApInfoEf(
  apKeyId: Uint8Array,
  municipalityCode: string,
  opaque256: Uint8Array,
): Uint8Array {
  return encodeBerTlv({
    tag: 0xff30,
    value: concatBytes(
      encodeBerTlv({ tag: 0xdf31, value: Uint8Array.of(0x06, 0x03, 0x0e, 0x01) }),
      encodeBerTlv({ tag: 0xdf32, value: apKeyId }),
      encodeBerTlv({ tag: 0xdf33, value: Uint8Array.of(0x01) }),
      encodeBerTlv({ tag: 0xdf34, value: ascii(municipalityCode) }),
      encodeBerTlv({ tag: 0xdf35, value: concatBytes(apKeyId, opaque256.subarray(0, 256)), lengthBytes: 3 }),
    ),
    lengthBytes: 3,
  });
}

/** EF 0005: `FF 40 { DF41 個人番号 PNG 72×12, DF42 AP key, DF43 sig over DF41 ‖ DF42 }` (readable with 照合番号A only). */
export function myNumberImageEf(
  myNumber: string,
  apPublicKey: KeyObject,
  signerPkcs8: Uint8Array,
): Uint8Array {
  const df41 = encodeBerTlv({ tag: 0xdf41, value: digitsPng(myNumber), lengthBytes: 3 });
  const df42 = encodeBerTlv({ tag: 0xdf42, value: cardPublicKeyTlvs(apPublicKey), lengthBytes: 3 });
  return signedGroup(0xff40, [df41, df42], 0xdf43, signerPkcs8);
}
