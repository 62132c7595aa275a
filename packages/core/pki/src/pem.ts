/**
 * PEM armour (RFC 7468). CRLs use the label `X509 CRL`: OpenSSL refuses the `CRL` label that
 * @peculiar/x509 writes (spec: stack.md §3 pitfalls). Serve DER over HTTP (application/pkix-crl,
 * application/pkix-cert); PEM is for files and tools.
 */
import { copyBytes, toBase64Lines } from './bytes.js';
import { PkiError } from './errors.js';

export function toPem(der: Uint8Array, label: string): string {
  return `-----BEGIN ${label}-----\n${toBase64Lines(der)}-----END ${label}-----\n`;
}

export function certificateToPem(der: Uint8Array): string {
  return toPem(der, 'CERTIFICATE');
}

export function crlToPem(der: Uint8Array): string {
  return toPem(der, 'X509 CRL');
}

/** DER of the first PEM block (with `label`, when given). Throws PkiError BAD_PARAM. */
export function pemToDer(pem: string, label?: string): Uint8Array {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem)) {
    if (label === undefined || m[1] === label) {
      return copyBytes(Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64'));
    }
  }
  throw new PkiError('BAD_PARAM', label ? `no PEM block labelled ${label}` : 'no PEM block');
}
