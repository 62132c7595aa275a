/**
 * RSA keys. JPKI uses RSA-2048 with e = 65537 everywhere (spec: card.md §4.1 EF 0017/001A, §8 CA
 * certificates). Keys cross this package's API as DER: private keys as PKCS#8 `PrivateKeyInfo`,
 * public keys as X.509 `SubjectPublicKeyInfo` (other code stores them encrypted).
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { bytesEqual, copyBytes } from './bytes.js';
import { PkiError } from './errors.js';

export interface RsaKeyPair {
  /** PKCS#8 PrivateKeyInfo, DER. */
  privateKeyPkcs8: Uint8Array;
  /** SubjectPublicKeyInfo, DER. */
  publicKeySpki: Uint8Array;
}

/** WebCrypto algorithm used for every signature this package makes: sha256WithRSAEncryption. */
export const RSA_SHA256: RsaHashedImportParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

/**
 * Generates an RSA-2048 key pair with e = 65537. The only function in this package that uses
 * randomness; it runs on the libuv thread pool (node:crypto `generateKeyPair`), so it does not
 * block the event loop (≈50–150 ms per key).
 */
export function generateRsaKeyPair(): Promise<RsaKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicExponent: 0x10001,
        publicKeyEncoding: { type: 'spki', format: 'der' },
        privateKeyEncoding: { type: 'pkcs8', format: 'der' },
      },
      (err, publicKey, privateKey) => {
        if (err) reject(err);
        else resolve({ privateKeyPkcs8: copyBytes(privateKey), publicKeySpki: copyBytes(publicKey) });
      },
    );
  });
}

function checkRsa2048(key: KeyObject, what: string): void {
  const d = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType !== 'rsa' || d?.modulusLength !== 2048 || d.publicExponent !== 65537n) {
    throw new PkiError('BAD_KEY', `${what} must be an RSA-2048 key with e = 65537 (spec: card.md §8)`);
  }
}

/** Checks that the SPKI is RSA-2048, e = 65537. Throws PkiError BAD_KEY. */
export function assertRsa2048Spki(spki: Uint8Array, what = 'public key'): void {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    throw new PkiError('BAD_KEY', `${what} is not a DER SubjectPublicKeyInfo`);
  }
  checkRsa2048(key, what);
}

/** The SPKI (DER) belonging to a PKCS#8 private key. Throws PkiError BAD_KEY. */
export function spkiFromPkcs8(pkcs8: Uint8Array): Uint8Array {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    throw new PkiError('BAD_KEY', 'private key is not a DER PKCS#8 PrivateKeyInfo');
  }
  checkRsa2048(key, 'private key');
  return copyBytes(createPublicKey(key).export({ type: 'spki', format: 'der' }));
}

/** Throws PkiError BAD_KEY unless the PKCS#8 private key and the SPKI form one RSA-2048 pair. */
export function assertKeyPair(pkcs8: Uint8Array, spki: Uint8Array, what: string): void {
  if (!bytesEqual(spkiFromPkcs8(pkcs8), copyBytes(spki))) {
    throw new PkiError('BAD_KEY', `${what}: the private key does not match the public key`);
  }
}

/** Imports a PKCS#8 RSA key as a non-extractable WebCrypto signing key (sha256WithRSAEncryption). */
export async function importSigningKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  spkiFromPkcs8(pkcs8); // validates type and size with a clear error
  return crypto.subtle.importKey('pkcs8', copyBytes(pkcs8), RSA_SHA256, false, ['sign']);
}
