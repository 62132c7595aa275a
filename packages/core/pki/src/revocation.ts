/**
 * Revocation vocabulary shared by CRLs and OCSP (RFC 5280 §5.3.1 CRLReason, RFC 6960 §2.2), and
 * the rule deciding a certificate's status from the authority's revocation records.
 *
 * JPKI lifecycle (spec: pin-lifecycle.md §5.3–5.4) maps onto the reasons as follows (sandbox
 * convention, J-LIS's own codes are not public): loss/theft suspension (一時保留) →
 * `certificateHold`, lifting it → `removeFromCRL`; 基本4情報 change revoking the signature
 * certificate → `affiliationChanged`; renewal → `superseded`; the holder's request or card
 * abolition → `cessationOfOperation`; key compromise → `keyCompromise`; revocation by the
 * governor for recording errors → `privilegeWithdrawn`.
 */
import { PkiError } from './errors.js';
import { type SerialNumber, serialToBigint } from './serial.js';

export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold'
  | 'removeFromCRL'
  | 'privilegeWithdrawn';

/** CRLReason ENUMERATED values (RFC 5280 §5.3.1). */
export const REVOCATION_REASON_CODES: Readonly<Record<RevocationReason, number>> = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
};

export function revocationReasonFromCode(code: number): RevocationReason | undefined {
  for (const [name, value] of Object.entries(REVOCATION_REASON_CODES)) {
    if (value === code) return name as RevocationReason;
  }
  return undefined;
}

export function assertRevocationReason(reason: unknown): asserts reason is RevocationReason {
  if (typeof reason !== 'string' || !Object.hasOwn(REVOCATION_REASON_CODES, reason)) {
    throw new PkiError('BAD_PARAM', `unknown revocation reason ${String(reason)}`);
  }
}

/** Hold instruction (RFC 3280 §5.3.2), optional on `certificateHold` CRL entries. */
export type HoldInstruction = 'none' | 'callIssuer' | 'reject';

/** One revocation record of the authority. */
export interface RevokedCertificate {
  serial: SerialNumber;
  revokedAt: Date;
  reason: RevocationReason;
  /** CRL entry invalidityDate (when the key is known or suspected to have become invalid). */
  invalidityDate?: Date;
  /** CRL entry holdInstructionCode; only with reason `certificateHold`. */
  holdInstruction?: HoldInstruction;
}

/** A certificate's status as OCSP reports it (RFC 6960 §2.2). A hold is `revoked` + `certificateHold`. */
export type CertificateStatus =
  | { kind: 'good' }
  | { kind: 'revoked'; revokedAt: Date; reason?: RevocationReason }
  | { kind: 'unknown' };

export interface OcspStatusOptions {
  /**
   * Whether the authority issued this serial. When given and false, the status is `unknown`
   * (RFC 6960 §2.2 allows "good" for never-issued serials, but `unknown` is more useful in tests).
   */
  isIssued?: (serial: bigint) => boolean;
}

/**
 * The status of `serial` given the authority's revocation records. When several records name the
 * serial, the latest `revokedAt` wins, so a `certificateHold` followed by `removeFromCRL` is good
 * again (spec: pin-lifecycle.md §5.4: suspension lifted at the counter).
 */
export function ocspStatusFor(
  serial: SerialNumber,
  revoked: readonly RevokedCertificate[],
  options: OcspStatusOptions = {},
): CertificateStatus {
  const n = serialToBigint(serial);
  if (options.isIssued && !options.isIssued(n)) return { kind: 'unknown' };
  let latest: RevokedCertificate | undefined;
  for (const r of revoked) {
    if (serialToBigint(r.serial) !== n) continue;
    if (!latest || r.revokedAt.getTime() >= latest.revokedAt.getTime()) latest = r;
  }
  if (!latest || latest.reason === 'removeFromCRL') return { kind: 'good' };
  return { kind: 'revoked', revokedAt: new Date(latest.revokedAt.getTime()), reason: latest.reason };
}
