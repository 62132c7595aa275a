/**
 * Self-signed root certificates of the two sandbox JPKI hierarchies (spec: card.md §8, "CA
 * certificates (EF 000B / 0002)"): RSA-2048, sha256WithRSAEncryption, subject = issuer, keyUsage
 * critical keyCertSign+cRLSign, basicConstraints critical cA=TRUE, subjectAltName dirName,
 * cRLDistributionPoints = the CA's own DN (as J-LIS) and optionally a URL, subjectKeyIdentifier.
 */
import { copyBytes } from './bytes.js';
import {
  altNames,
  crlDistributionPoints,
  directoryName,
  keyUsage,
  subjectKeyIdentifier,
  uri,
} from './extensions.js';
import { assertKeyPair, importSigningKey } from './keys.js';
import { type CaKind, caAltName, caSubjectName, nameDer } from './names.js';
import { OID_CE_SUBJECT_ALT_NAME } from './oids.js';
import { type SerialNumber, serialToBigint, serialToHex } from './serial.js';
import { interval } from './time.js';
import { x509 } from './x509.js';

export interface KeyPairDer {
  /** PKCS#8 PrivateKeyInfo, DER. */
  pkcs8: Uint8Array;
  /** SubjectPublicKeyInfo, DER (must belong to `pkcs8`). */
  spki: Uint8Array;
}

export interface CreateCaParams {
  kind: CaKind;
  key: KeyPairDer;
  serial: SerialNumber;
  notBefore: Date;
  notAfter: Date;
  /**
   * Optional CA generation (1–99). J-LIS keeps the same DN across generations (2015 and 2023 CAs),
   * so by default nothing is added; when given, `OU=generation <n>` is appended to the DN.
   */
  generation?: number;
  /** Optional HTTP URL added to the CA's CRL distribution point next to its own DN. */
  crlUrl?: string;
}

/** Creates a sandbox JPKI CA certificate (DER). spec: card.md §8. */
export async function createCa(params: CreateCaParams): Promise<Uint8Array> {
  const { kind, key } = params;
  assertKeyPair(key.pkcs8, key.spki, 'CA key');
  const [notBefore, notAfter] = interval(params.notBefore, params.notAfter, 'notBefore', 'notAfter');
  const subject = nameDer(caSubjectName(kind, params.generation));
  const crlNames = [directoryName(subject)];
  if (params.crlUrl !== undefined) crlNames.push(uri(params.crlUrl, 'crlUrl'));
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialToHex(serialToBigint(params.serial)),
      subject: new x509.Name(subject),
      issuer: new x509.Name(subject),
      notBefore,
      notAfter,
      publicKey: copyBytes(key.spki),
      signingKey: await importSigningKey(key.pkcs8),
      extensions: [
        keyUsage(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign),
        new x509.BasicConstraintsExtension(true, undefined, true),
        altNames(OID_CE_SUBJECT_ALT_NAME, [directoryName(caAltName())]),
        crlDistributionPoints(crlNames),
        subjectKeyIdentifier(key.spki),
      ],
    },
    crypto,
  );
  return new Uint8Array(cert.rawData);
}
