import { constants, createPrivateKey, createPublicKey, type KeyObject, privateEncrypt } from 'node:crypto';
import { ascii, concatBytes, decodeBerTlv, encodeBerTlv, fromHex } from '@myna/apdu';
import { SHA256_DIGEST_INFO_PREFIX, sha256 } from '../signing.js';

/**
 * Key material formats of the 券面 APs (spec: card.md §5, §6, MC data.rs).
 */

/**
 * A 16-byte key ID: 7 ASCII digits, `08 05`, 3 ASCII digits, 4 padding bytes
 * (e.g. `"5000033" 08 05 "001" 00 00 00 00`). Production issuer IDs start with 5, J-LIS test
 * cards with 6; the sandbox uses 9 so its keys can never be mistaken for either.
 */
export function keyId(seven: string, three: string): Uint8Array {
  if (!/^[0-9]{7}$/.test(seven) || !/^[0-9]{3}$/.test(three)) throw new RangeError('key id digits');
  return concatBytes(ascii(seven), Uint8Array.of(0x08, 0x05), ascii(three), new Uint8Array(4));
}

/** RSA public key as the card writes it: `90 03 <e> 91 82 01 00 <n>` (card.md §5 EF 0004/0007). */
export function cardPublicKeyTlvs(publicKey: KeyObject | Uint8Array): Uint8Array {
  const key =
    publicKey instanceof Uint8Array
      ? createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' })
      : publicKey;
  const jwk = key.export({ format: 'jwk' });
  const n = new Uint8Array(Buffer.from(jwk.n!, 'base64url'));
  const e = new Uint8Array(Buffer.from(jwk.e!, 'base64url'));
  return concatBytes(
    encodeBerTlv({ tag: 0x90, value: e }),
    encodeBerTlv({ tag: 0x91, value: n, lengthBytes: 3 }),
  );
}

export function publicOf(pkcs8: Uint8Array): KeyObject {
  return createPublicKey(privateKey(pkcs8));
}

export function privateKey(pkcs8: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
}

/** sha256WithRSAEncryption (PKCS#1 v1.5) over `data`. */
export function rsaSha256(pkcs8: Uint8Array, data: Uint8Array): Uint8Array {
  const digest = sha256(data);
  return new Uint8Array(
    privateEncrypt(
      { key: privateKey(pkcs8), padding: constants.RSA_PKCS1_PADDING },
      concatBytes(SHA256_DIGEST_INFO_PREFIX, digest),
    ),
  );
}

/**
 * Card-verifiable certificate as in kenhojo/kenkaku EF 0004 and the MF's GET DATA 00F8/7F21
 * (card.md §5): `7F21 82 02 33 { 5F4E 82 01 29 <issuer key ID ‖ subject key ID ‖ 90 03 e
 * 91 82 01 00 n> 5F37 82 01 00 <signature> }`. The signature is sha256WithRSA (PKCS#1 v1.5) over
 * the 297-byte 5F4E **value**, without its header — how both public verifiers check it
 * (soltia48/myna-card `src/data.rs` `CardVerifiableCertificate::verify_with`, signed_data = "the
 * 5F4E value, without its own header"; hebingchang/pymyna `myna/core/certificate.py`
 * `verify_signature` over `aki + ski + pubkey`) and how myna-card's fixtures from a real card verify.
 */
export function cvCertificate(opts: {
  issuerKeyId: Uint8Array;
  subjectKeyId: Uint8Array;
  subjectPublicKey: KeyObject | Uint8Array;
  issuerPrivateKeyPkcs8: Uint8Array;
}): Uint8Array {
  const signed = concatBytes(opts.issuerKeyId, opts.subjectKeyId, cardPublicKeyTlvs(opts.subjectPublicKey));
  const body = encodeBerTlv({ tag: 0x5f4e, value: signed, lengthBytes: 3 });
  const sig = encodeBerTlv({
    tag: 0x5f37,
    value: rsaSha256(opts.issuerPrivateKeyPkcs8, signed),
    lengthBytes: 3,
  });
  return encodeBerTlv({ tag: 0x7f21, value: concatBytes(body, sig), lengthBytes: 3 });
}

/**
 * The contents of a CV certificate's `7F21` template (`5F4E … 5F37 …`, without the `7F21 82 02 33`
 * header): what GET DATA 00F8 and 7F21 return at MF level (soltia48/myna-card
 * `tests/fixtures/README.md`: "stored as GET DATA returns them — the contents of the 7F21 template
 * without the template itself").
 */
export function cvCertificateContents(cv: Uint8Array): Uint8Array {
  return decodeBerTlv(cv).value;
}

/** GlobalPlatform Card Recognition Data (GP Card Spec 2.3 §H.2), returned by GET DATA 0066. */
export const GP_CARD_RECOGNITION_DATA = fromHex(
  '664C734A06072A864886FC6B01600C060A2A864886FC6B02020101630906072A864886FC6B03640B06092A864886FC6B040215650B06092A864886FC6B020103660C060A2B060104012A026E0102',
);

/**
 * `outer { …fields, sigTag <sha256WithRSA over the fields' encodings> }` — the pattern of
 * kenhojo EF 0007 and kenkaku EF 0001/0005 (card.md §§5–6). Lengths use the 82 form.
 */
export function signedGroup(
  outerTag: number,
  fields: readonly Uint8Array[],
  sigTag: number,
  signerPkcs8: Uint8Array,
): Uint8Array {
  const signed = concatBytes(...fields);
  const sig = encodeBerTlv({ tag: sigTag, value: rsaSha256(signerPkcs8, signed), lengthBytes: 3 });
  return encodeBerTlv({ tag: outerTag, value: concatBytes(signed, sig), lengthBytes: 3 });
}
