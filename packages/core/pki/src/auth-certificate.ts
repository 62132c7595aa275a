/**
 * 利用者証明用電子証明書 (user-authentication certificate), after the production TBS decoded in
 * spec: card.md §8 [MYNA03]: subject `C=JP, CN=<23-character issue ID>` and **no personal data**;
 * keyUsage critical digitalSignature; extKeyUsage clientAuth; certificatePolicies critical
 * 1.2.392.200149.8.5.1.3.30 with a CPS qualifier; issuerAltName dirName; cRLDistributionPoints
 * dirName (partitioned by municipality); authorityInfoAccess OCSP; authorityKeyIdentifier.
 */
import { PkiError } from './errors.js';
import { parseX509 } from './issuer.js';
import { rdn } from './names.js';
import { OID_KP_CLIENT_AUTH, OID_POLICY_AUTH } from './oids.js';
import {
  crlPartitionOf,
  issueUserCertificate,
  type UserCertificateCommonParams,
} from './user-certificate.js';
import { x509 } from './x509.js';

/** 23 upper-case alphanumerics, e.g. `840444E37PAFHN08220003A` (spec: card.md §8). */
export const ISSUE_ID_PATTERN = /^[0-9A-Z]{23}$/;

export interface IssueAuthCertificateParams extends UserCertificateCommonParams {
  /** The 23-character issue ID that becomes the subject CN. */
  issueId: string;
  /** Romanised prefecture (e.g. `Ibaraki-ken`) for the CRL partition name; with `city`. */
  prefecture?: string;
  /** Romanised municipality (e.g. `Mito-shi`) for the CRL partition name; with `prefecture`. */
  city?: string;
}

/** Issues a sandbox 利用者証明用 certificate (DER). spec: card.md §8. */
export async function issueAuthCertificate(params: IssueAuthCertificateParams): Promise<Uint8Array> {
  if (typeof params.issueId !== 'string' || !ISSUE_ID_PATTERN.test(params.issueId)) {
    throw new PkiError('BAD_PARAM', 'issueId must be 23 upper-case letters or digits');
  }
  return issueUserCertificate(params, {
    kind: 'auth',
    subject: [rdn('C', 'JP'), rdn('CN', params.issueId)],
    policyOid: OID_POLICY_AUTH,
    usages: x509.KeyUsageFlags.digitalSignature,
    afterKeyUsage: [new x509.ExtendedKeyUsageExtension([OID_KP_CLIENT_AUTH], false)],
    crlPartition: crlPartitionOf(params.prefecture, params.city),
  });
}

/** The issue ID (subject CN) of a user-authentication certificate. Throws BAD_CERTIFICATE. */
export function readAuthCertificateIssueId(der: Uint8Array): string {
  const cn = parseX509(der).subjectName.getField('CN');
  if (cn.length !== 1 || cn[0] === undefined) {
    throw new PkiError('BAD_CERTIFICATE', 'subject has no single CN');
  }
  return cn[0];
}
