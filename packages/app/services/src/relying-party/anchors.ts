import { X509Certificate } from 'node:crypto';

/**
 * What a relying party trusts for one hierarchy: one CA certificate, or every generation of it.
 * After a CA roll-over a certificate keeps chaining to the generation that signed it until it is
 * renewed, so a relying party trusts all generations that are still in use (J-LIS publishes
 * authca01–03 / signca01–03 side by side for that reason).
 */
export type TrustAnchors = Uint8Array | readonly Uint8Array[];

/**
 * The trust anchor that issued `cert`: same name (checkIssued, which also compares the
 * authorityKeyIdentifier with the anchor's subjectKeyIdentifier) and a signature its key verifies.
 * Every generation of a JPKI root shares one DN, so the name alone cannot decide. `undefined` when
 * none did (or an anchor is not a certificate).
 */
export function issuingAnchor(cert: X509Certificate, anchors: TrustAnchors): X509Certificate | undefined {
  const list = anchors instanceof Uint8Array ? [anchors] : anchors;
  for (const der of list) {
    let anchor: X509Certificate;
    try {
      anchor = new X509Certificate(Buffer.from(der));
    } catch {
      continue;
    }
    if (cert.checkIssued(anchor) && cert.verify(anchor.publicKey)) return anchor;
  }
  return undefined;
}
