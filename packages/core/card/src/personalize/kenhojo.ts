import type { KeyObject } from 'node:crypto';
import { ascii, type BerTlv, concatBytes, encodeBerTlv, u16, utf8 } from '@myna/apdu';
import { sha256 } from '../signing.js';
import { cardPublicKeyTlvs, rsaSha256, signedGroup } from './keys.js';

/**
 * 券面事項入力補助AP (card-info input support) files. spec: card.md §5.
 */

/** EF 0001: `FF 10 0C` + 12 ASCII digits + `FF FF` filler = 17 bytes (TEX trace). */
export function myNumberEf(myNumber: string): Uint8Array {
  if (!/^[0-9]{12}$/.test(myNumber)) throw new RangeError('個人番号 must be 12 digits');
  return concatBytes(encodeBerTlv({ tag: 0xff10, value: ascii(myNumber) }), Uint8Array.of(0xff, 0xff));
}

/** Half-width digits and hyphens → full-width (the card stores addresses with full-width digits). */
export function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');
}

export interface BasicFour {
  /** Family and given name separated by U+3000 (ideographic space). */
  readonly name: string;
  readonly address: string;
  /** Gregorian YYYYMMDD. */
  readonly birthDate: string;
  /** JIS X 0303: '1' male, '2' female, '9' not applicable ('0' unknown). */
  readonly sex: '0' | '1' | '2' | '9';
}

/**
 * The most UTF-8 bytes 氏名 and 住所 may take together: EF 0002's outer value is then at most 127
 * bytes, so `FF 20` carries a one-byte (short-form) length, as on the only card whose EF 0002 is
 * published (`FF 20 65`, soltia48/myna-card `src/ap/text.rs`). 127 − DF21 (11) − DF24 (11) −
 * DF25 (4) − the DF22/DF23 headers (3 + 3) = 95. Readers that read byte 2 of the file as the
 * length — hebingchang/pymyna `myna/api/text_ap.py` `get_attrs` (`READ BINARY (2, 1)`, then
 * `3 + len`) and the myna-browser-extension (card.md §5) — misparse any longer record; no public
 * source gives the card's own field limits (docs/faithfulness.md).
 */
export const BASIC_FOUR_TEXT_MAX_BYTES = 95;

/** UTF-8 bytes of 氏名 plus 住所, as EF 0002 stores them (compare with {@link BASIC_FOUR_TEXT_MAX_BYTES}). */
export function basicFourTextBytes(name: string, address: string): number {
  return utf8(name).length + utf8(address).length;
}

/**
 * EF 0002 (基本4情報): `FF 20 L { DF21 <four u16 offsets from the file start to each tag>
 * DF22 name, DF23 address, DF24 birth YYYYMMDD, DF25 sex }`, L ≤ 127 in short form as on the J-LIS
 * test card (card.md §5). A name and address longer than {@link BASIC_FOUR_TEXT_MAX_BYTES} are
 * refused (RangeError); issuance checks the rule first and says which.
 */
export function basicFourEf(b: BasicFour): Uint8Array {
  if (basicFourTextBytes(b.name, b.address) > BASIC_FOUR_TEXT_MAX_BYTES)
    throw new RangeError(`氏名 and 住所 exceed ${BASIC_FOUR_TEXT_MAX_BYTES} bytes together`);
  const fields = [
    encodeBerTlv({ tag: 0xdf22, value: utf8(b.name) }),
    encodeBerTlv({ tag: 0xdf23, value: utf8(b.address) }),
    encodeBerTlv({ tag: 0xdf24, value: ascii(b.birthDate) }),
    encodeBerTlv({ tag: 0xdf25, value: ascii(b.sex) }),
  ];
  const df21Len = 3 + 8;
  const headerLen = 3;
  const offsets: number[] = [];
  let o = headerLen + df21Len;
  for (const f of fields) {
    offsets.push(o);
    o += f.length;
  }
  const df21 = encodeBerTlv({ tag: 0xdf21, value: concatBytes(...offsets.map(u16)) });
  return encodeBerTlv({ tag: 0xff20, value: concatBytes(df21, ...fields) });
}

/** The part of EF 0002 that DF32 hashes: the outer value from DF22 to the end (offset table excluded). */
export function basicFourHashedPart(ef0002: Uint8Array, outer: BerTlv, df21: BerTlv): Uint8Array {
  const valueStart = ef0002.length - outer.value.length;
  const afterDf21 = df21.offset! + 3 + df21.value.length;
  return ef0002.subarray(valueStart + afterDf21);
}

/**
 * EF 0003 (integrity): `FF 30 82 01 4B { DF31 20 SHA-256(EF 0001, all 17 bytes) DF32 20
 * SHA-256(EF 0002 from DF22 to the end) DF33 82 01 00 sig }`, sig = sha256WithRSA over the
 * DF31 ‖ DF32 TLVs (70 bytes) by the issuer's data-signing key (card.md §5). 336 bytes.
 */
export function integrityEf(
  ef0001: Uint8Array,
  ef0002HashedPart: Uint8Array,
  signerPkcs8: Uint8Array,
): Uint8Array {
  const df31 = encodeBerTlv({ tag: 0xdf31, value: sha256(ef0001) });
  const df32 = encodeBerTlv({ tag: 0xdf32, value: sha256(ef0002HashedPart) });
  const df33 = encodeBerTlv({
    tag: 0xdf33,
    value: rsaSha256(signerPkcs8, concatBytes(df31, df32)),
    lengthBytes: 3,
  });
  return encodeBerTlv({ tag: 0xff30, value: concatBytes(df31, df32, df33), lengthBytes: 3 });
}

/** Physical size of EF 0005: the 256 bytes every reader asks for (see {@link apInfoEf}). */
export const AP_INFO_EF_SIZE = 256;

/**
 * EF 0005 (AP basic info): `FF 40 82 00 9F { DF41 04 01 03 0E 01, DF42 10 <key ID>,
 * DF43 82 00 80 <32 bytes + 96 × FF> }` — the 164-byte TLV with the non-minimal lengths of the
 * real card (card.md §5, JM's BER test vector), then FF filler to a physical size of 256 bytes.
 * The size: pymyna (`myna/api/text_ap.py` `get_basic_info`) reads 256 bytes with an extended Le
 * and asserts it got 256; jpki/myna's Go reader (`_go/libmyna/text_ap.go` `ReadBasicInfo`) reads
 * 256 in short APDUs and fails on anything less — both were written against real cards, so the
 * EF holds at least 256 bytes. The filler: FF, as the card pads everywhere it was seen (EF 0001's
 * `FF FF` after its TLV in TEX's trace; DF43's 96 × FF; EF 0008 and 券面確認 EF 0006 all FF), and
 * what myna-card's `TlvFields::parse` stops at after the objects.
 */
export function apInfoEf(apKeyId: Uint8Array, opaque32: Uint8Array): Uint8Array {
  const df43 = concatBytes(opaque32.subarray(0, 32), new Uint8Array(96).fill(0xff));
  const tlv = encodeBerTlv({
    tag: 0xff40,
    lengthBytes: 3,
    value: concatBytes(
      encodeBerTlv({ tag: 0xdf41, value: Uint8Array.of(0x01, 0x03, 0x0e, 0x01) }),
      encodeBerTlv({ tag: 0xdf42, value: apKeyId }),
      encodeBerTlv({ tag: 0xdf43, value: df43, lengthBytes: 3 }),
    ),
  });
  const ef = new Uint8Array(AP_INFO_EF_SIZE).fill(0xff);
  ef.set(tlv);
  return ef;
}

/** EF 0006: the SM session-key RSA public key `A1 L { 90 … 91 … }`. */
export function sessionKeyEf(publicKey: KeyObject | Uint8Array): Uint8Array {
  return encodeBerTlv({ tag: 0xa1, value: cardPublicKeyTlvs(publicKey) });
}

/**
 * EF 0007: `FF 50 82 02 13 { DF51 82 01 09 <public key of EF 0013> DF52 82 01 00 <issuer
 * signature over the DF51 TLV> }` (card.md §5).
 */
export function signedApKeyEf(apPublicKey: KeyObject, signerPkcs8: Uint8Array): Uint8Array {
  const df51 = encodeBerTlv({ tag: 0xdf51, value: cardPublicKeyTlvs(apPublicKey), lengthBytes: 3 });
  return signedGroup(0xff50, [df51], 0xdf52, signerPkcs8);
}
