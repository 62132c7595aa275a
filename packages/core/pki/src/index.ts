/**
 * @myna/pki — the sandbox JPKI authority as pure functions: CA certificates for the 利用者証明用
 * and 署名用 hierarchies, the two user-certificate profiles, validity rules, CRLs and OCSP.
 * No I/O, no clock, no hidden randomness (except `generateRsaKeyPair`). Everything crosses the
 * API as DER `Uint8Array`s and plain values. spec: card.md §8, pin-lifecycle.md §5.2–5.4, stack.md §3.
 */
export {
  ISSUE_ID_PATTERN,
  type IssueAuthCertificateParams,
  issueAuthCertificate,
  readAuthCertificateIssueId,
} from './auth-certificate.js';
export { type CreateCaParams, createCa, type KeyPairDer } from './ca-certificate.js';
export {
  type CalendarDate,
  endOfDayJst,
  jstDateOf,
  parseCalendarDate,
  startOfDayJst,
  type Ymd,
} from './calendar-date.js';
export { type CertificateInfo, parseCertificate } from './certificate-info.js';
export { type CreateCrlParams, type CrlEntryInfo, type CrlInfo, createCrl, parseCrl } from './crl.js';
export { PkiError } from './errors.js';
export { SANDBOX_CPS_URL } from './extensions.js';
export type { CaCredentials } from './issuer.js';
export {
  ERAS,
  type Era,
  type EraDigit,
  eraDigitOf,
  eraOf,
  fromJpkiBirthDate,
  toJpkiBirthDate,
} from './japanese-era.js';
export { assertRsa2048Spki, generateRsaKeyPair, type RsaKeyPair, spkiFromPkcs8 } from './keys.js';
export {
  CA_UNIT,
  type CaKind,
  SANDBOX_MARKER_UNIT,
  SANDBOX_MARKER_UNIT_JA,
  SANDBOX_ORGANIZATION,
  SANDBOX_ORGANIZATION_JA,
  SERVICE_UNIT_JA,
} from './names.js';
export * from './ocsp-client.js';
export {
  createOcspCertId,
  issuerHashes,
  type OcspCertId,
  type OcspRequestInfo,
  ocspCertIdMatchesIssuer,
  parseOcspRequest,
} from './ocsp-request.js';
export {
  type CreateOcspResponseParams,
  createOcspErrorResponse,
  createOcspResponse,
  OCSP_RESPONSE_STATUS,
  type OcspErrorStatus,
  type OcspSingleResponseParams,
} from './ocsp-response.js';
export * from './oids.js';
export { certificateToPem, crlToPem, pemToDer, toPem } from './pem.js';
export {
  type CertificateStatus,
  type HoldInstruction,
  type OcspStatusOptions,
  ocspStatusFor,
  REVOCATION_REASON_CODES,
  type RevocationReason,
  type RevokedCertificate,
  revocationReasonFromCode,
} from './revocation.js';
export { MAX_SERIAL, type SerialNumber, serialFromHex, serialToBigint, serialToHex } from './serial.js';
export {
  type IssueSignCertificateParams,
  issueSignCertificate,
  readSignCertificateHolder,
  type Sex,
  type SignCertificateHolder,
} from './sign-certificate.js';
export type { UserCertificateCommonParams } from './user-certificate.js';
export {
  ageOn,
  type CardExpiryParams,
  type CertificateNotAfterParams,
  cardExpiry,
  certificateNotAfter,
  isUnder15,
  nthBirthdayAfter,
} from './validity.js';
