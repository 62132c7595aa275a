/** A plain-value view of any X.509 certificate (no signature check), via @peculiar/x509. */
import { hex } from './bytes.js';
import { parseX509 } from './issuer.js';
import { derMemo } from './memo.js';
import { serialToHex } from './serial.js';
import { x509 } from './x509.js';

export interface CertificateInfo {
  /** The serial as a bigint (a negative, i.e. malformed, serial is read as its magnitude). */
  serial: bigint;
  /** Upper-case hex of the serial's magnitude, even length ("01", "6D18006" → "06D18006"). */
  serialHex: string;
  /** Subject DN, most significant RDN first: `C=JP, CN=840444E37PAFHN08220003A`. */
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SubjectPublicKeyInfo, DER. */
  spkiDer: Uint8Array;
  /** basicConstraints cA=TRUE. */
  isCa: boolean;
  /** Upper-case hex of subjectKeyIdentifier, when present. */
  subjectKeyIdentifier?: string;
  /** Upper-case hex of authorityKeyIdentifier keyIdentifier, when present. */
  authorityKeyIdentifier?: string;
}

/** Reads a DER certificate. Throws PkiError BAD_CERTIFICATE. */
export function parseCertificate(der: Uint8Array): CertificateInfo {
  const info = parsed(der, '', () => readCertificate(der));
  return {
    ...info,
    notBefore: new Date(info.notBefore),
    notAfter: new Date(info.notAfter),
    spkiDer: info.spkiDer.slice(),
  };
}

/** Certificates read lately (the same few on every login: the card's, the CA's). */
const parsed = derMemo<CertificateInfo>(256);

function readCertificate(der: Uint8Array): CertificateInfo {
  const cert = parseX509(der);
  const serial = BigInt('0x' + (cert.serialNumber || '0'));
  const info: CertificateInfo = {
    serial,
    serialHex: serialToHex(serial),
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    spkiDer: new Uint8Array(cert.publicKey.rawData),
    isCa: cert.getExtension(x509.BasicConstraintsExtension)?.ca ?? false,
  };
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski) info.subjectKeyIdentifier = ski.keyId.toUpperCase();
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension);
  if (aki?.keyId) info.authorityKeyIdentifier = hex(Buffer.from(aki.keyId, 'hex'));
  return info;
}
