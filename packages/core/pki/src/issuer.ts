/**
 * The signing side of the authority: a CA certificate plus its private key, as stored by other
 * code (DER certificate, PKCS#8 key).
 */
import { createHash } from 'node:crypto';
import { copyBytes } from './bytes.js';
import { PkiError } from './errors.js';
import { keyIdentifierOf } from './extensions.js';
import { assertKeyPair, importSigningKey } from './keys.js';
import { OID_CE_SUBJECT_KEY_IDENTIFIER } from './oids.js';
import { serialToHex } from './serial.js';
import { x509 } from './x509.js';

/** A CA able to sign: its certificate (DER) and its PKCS#8 private key (DER). */
export interface CaCredentials {
  certDer: Uint8Array;
  privateKeyPkcs8: Uint8Array;
}

export interface LoadedIssuer {
  cert: x509.X509Certificate;
  /** DER of the CA certificate's subject Name, copied byte for byte into issued objects. */
  subjectDer: ArrayBuffer;
  /** Upper-case hex of the CA's subjectKeyIdentifier (or the RFC 5280 method-1 hash when absent). */
  keyIdHex: string;
  /** The CA certificate's serial, upper-case hex (serialToHex form). */
  serialHex: string;
  signingKey: CryptoKey;
}

export function parseX509(der: Uint8Array, what = 'certificate'): x509.X509Certificate {
  try {
    return new x509.X509Certificate(copyBytes(der));
  } catch {
    throw new PkiError('BAD_CERTIFICATE', `${what} is not a DER X.509 certificate`);
  }
}

/** Issuers loaded lately, by a digest of their certificate and key (least recently used first out). */
const loaded = new Map<string, Promise<LoadedIssuer>>();
const LOADED_KEPT = 64;

/**
 * The CA ready to sign. Parsing its certificate, checking the key pair and importing the key
 * cost a few ms, and every OCSP response, CRL and certificate a CA signs needs them: the result is
 * kept for the same certificate and key bytes (the objects are never changed once loaded).
 */
export function loadIssuer(ca: CaCredentials): Promise<LoadedIssuer> {
  const id = createHash('sha256').update(ca.certDer).update(ca.privateKeyPkcs8).digest('base64');
  let issuer = loaded.get(id);
  if (issuer) loaded.delete(id);
  else {
    issuer = parseIssuer(ca);
    issuer.catch(() => loaded.delete(id));
  }
  loaded.set(id, issuer);
  if (loaded.size > LOADED_KEPT) loaded.delete(loaded.keys().next().value as string);
  return issuer;
}

async function parseIssuer(ca: CaCredentials): Promise<LoadedIssuer> {
  const cert = parseX509(ca.certDer, 'CA certificate');
  const spki = new Uint8Array(cert.publicKey.rawData);
  assertKeyPair(ca.privateKeyPkcs8, spki, 'CA');
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (!bc?.ca) throw new PkiError('BAD_CERTIFICATE', 'CA certificate lacks basicConstraints cA=TRUE');
  const ski = cert.getExtension<x509.SubjectKeyIdentifierExtension>(OID_CE_SUBJECT_KEY_IDENTIFIER);
  return {
    cert,
    subjectDer: cert.subjectName.toArrayBuffer(),
    keyIdHex: ski ? ski.keyId.toUpperCase() : keyIdentifierOf(spki),
    serialHex: serialToHex(BigInt('0x' + (cert.serialNumber || '0'))),
    signingKey: await importSigningKey(ca.privateKeyPkcs8),
  };
}
