/**
 * Certificate revocation lists, X.509 v2 (RFC 5280 §5), signed by the CA itself with
 * sha256WithRSAEncryption. Extensions: authorityKeyIdentifier, cRLNumber, and deltaCRLIndicator
 * for delta CRLs. Entry extensions: reasonCode (omitted for `unspecified`, RFC 5280 §5.3.1),
 * holdInstructionCode (holds only), invalidityDate. J-LIS CRLs are not public; the profile here
 * is plain RFC 5280. Serve the DER (application/pkix-crl); `crlToPem` writes the `X509 CRL` label.
 */
import { copyBytes, hex } from './bytes.js';
import {
  derEnumerated,
  derGeneralizedTime,
  derInteger,
  derOid,
  integerContent,
  readDerInteger,
} from './der.js';
import { PkiError } from './errors.js';
import { authorityKeyIdentifier } from './extensions.js';
import { type CaCredentials, loadIssuer } from './issuer.js';
import { RSA_SHA256 } from './keys.js';
import {
  OID_CE_CRL_NUMBER,
  OID_CE_CRL_REASON,
  OID_CE_DELTA_CRL_INDICATOR,
  OID_CE_HOLD_INSTRUCTION_CODE,
  OID_CE_INVALIDITY_DATE,
  OID_HOLD_INSTRUCTION,
} from './oids.js';
import {
  assertRevocationReason,
  REVOCATION_REASON_CODES,
  type RevocationReason,
  type RevokedCertificate,
  revocationReasonFromCode,
} from './revocation.js';
import { serialToBigint, serialToHex } from './serial.js';
import { interval, wholeSeconds } from './time.js';
import { x509 } from './x509.js';

export interface CreateCrlParams {
  /** The CA whose certificates are listed; it signs the CRL. */
  ca: CaCredentials;
  thisUpdate: Date;
  /** Required by RFC 5280 §5.1.2.5 for conforming CRL issuers. */
  nextUpdate: Date;
  /** Monotonically increasing per CA (RFC 5280 §5.2.3); 0 ≤ n, at most 20 octets. */
  crlNumber: bigint | number;
  revoked: readonly RevokedCertificate[];
  /**
   * Makes this a delta CRL against the complete CRL with this number (critical deltaCRLIndicator,
   * RFC 5280 §5.2.4). `removeFromCRL` entries are only allowed in delta CRLs.
   */
  deltaOf?: bigint | number;
}

function crlNumberValue(n: bigint | number, what: string): bigint {
  const v = typeof n === 'number' ? (Number.isSafeInteger(n) ? BigInt(n) : -1n) : n;
  if (v < 0n || integerContent(v).length > 20) {
    throw new PkiError('BAD_PARAM', `${what} must be a non-negative integer of at most 20 octets`);
  }
  return v;
}

/** Creates a signed CRL (DER). spec: pin-lifecycle.md §5.3–5.4 (revocation and suspension). */
export async function createCrl(params: CreateCrlParams): Promise<Uint8Array> {
  const issuer = await loadIssuer(params.ca);
  const [thisUpdate, nextUpdate] = interval(params.thisUpdate, params.nextUpdate, 'thisUpdate', 'nextUpdate');
  const extensions = [
    authorityKeyIdentifier(issuer.keyIdHex),
    new x509.Extension(OID_CE_CRL_NUMBER, false, derInteger(crlNumberValue(params.crlNumber, 'crlNumber'))),
  ];
  if (params.deltaOf !== undefined) {
    extensions.push(
      new x509.Extension(
        OID_CE_DELTA_CRL_INDICATOR,
        true,
        derInteger(crlNumberValue(params.deltaOf, 'deltaOf')),
      ),
    );
  }
  const seen = new Set<bigint>();
  const entries: x509.X509CrlEntryParams[] = params.revoked.map((r) => {
    const serial = serialToBigint(r.serial);
    if (seen.has(serial)) throw new PkiError('BAD_PARAM', `serial ${serialToHex(serial)} listed twice`);
    seen.add(serial);
    assertRevocationReason(r.reason);
    if (r.reason === 'removeFromCRL' && params.deltaOf === undefined) {
      throw new PkiError('BAD_PARAM', 'removeFromCRL entries belong in delta CRLs only (RFC 5280 §5.3.1)');
    }
    const entryExtensions: x509.Extension[] = [];
    if (r.reason !== 'unspecified') {
      entryExtensions.push(
        new x509.Extension(OID_CE_CRL_REASON, false, derEnumerated(REVOCATION_REASON_CODES[r.reason])),
      );
    }
    if (r.holdInstruction !== undefined) {
      if (r.reason !== 'certificateHold') {
        throw new PkiError('BAD_PARAM', 'holdInstruction is only for certificateHold entries');
      }
      const oid = OID_HOLD_INSTRUCTION[r.holdInstruction];
      if (!oid) throw new PkiError('BAD_PARAM', 'unknown holdInstruction');
      entryExtensions.push(new x509.Extension(OID_CE_HOLD_INSTRUCTION_CODE, false, derOid(oid)));
    }
    if (r.invalidityDate !== undefined) {
      const when = wholeSeconds(r.invalidityDate, 'invalidityDate');
      entryExtensions.push(new x509.Extension(OID_CE_INVALIDITY_DATE, false, derGeneralizedTime(when)));
    }
    return {
      serialNumber: serialToHex(serial),
      revocationDate: wholeSeconds(r.revokedAt, 'revokedAt'),
      extensions: entryExtensions,
    };
  });
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: new x509.Name(issuer.subjectDer),
      thisUpdate,
      nextUpdate,
      extensions,
      entries,
      signingKey: issuer.signingKey,
      signingAlgorithm: RSA_SHA256,
    },
    crypto,
  );
  return new Uint8Array(crl.rawData);
}

export interface CrlEntryInfo {
  serial: bigint;
  serialHex: string;
  revokedAt: Date;
  /** Absent when the entry has no reasonCode (RFC 5280: treat as unspecified). */
  reason?: RevocationReason;
}

export interface CrlInfo {
  issuer: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  crlNumber?: bigint;
  /** deltaCRLIndicator (base CRL number) when this is a delta CRL. */
  deltaOf?: bigint;
  /** Upper-case hex of the authorityKeyIdentifier keyIdentifier. */
  authorityKeyIdentifier?: string;
  entries: CrlEntryInfo[];
}

/** Reads a DER CRL (no signature check). Throws PkiError BAD_CRL. */
export function parseCrl(der: Uint8Array): CrlInfo {
  let crl: x509.X509Crl;
  try {
    crl = new x509.X509Crl(copyBytes(der));
  } catch {
    throw new PkiError('BAD_CRL', 'not a DER X.509 CRL');
  }
  const intExt = (oid: string): bigint | undefined => {
    const e = crl.getExtension(oid);
    return e ? readDerInteger(new Uint8Array(e.value)) : undefined;
  };
  const aki = crl.getExtension<x509.AuthorityKeyIdentifierExtension>(x509.AuthorityKeyIdentifierExtension);
  const info: CrlInfo = {
    issuer: crl.issuer,
    thisUpdate: crl.thisUpdate,
    entries: crl.entries.map((e) => {
      const entry: CrlEntryInfo = {
        serial: BigInt('0x' + e.serialNumber),
        serialHex: serialToHex(BigInt('0x' + e.serialNumber)),
        revokedAt: e.revocationDate,
      };
      const reason = e.reason === undefined ? undefined : revocationReasonFromCode(e.reason);
      if (reason) entry.reason = reason;
      return entry;
    }),
  };
  if (crl.nextUpdate) info.nextUpdate = crl.nextUpdate;
  const n = intExt(OID_CE_CRL_NUMBER);
  if (n !== undefined) info.crlNumber = n;
  const d = intExt(OID_CE_DELTA_CRL_INDICATOR);
  if (d !== undefined) info.deltaOf = d;
  if (aki?.keyId) info.authorityKeyIdentifier = hex(Buffer.from(aki.keyId, 'hex'));
  return info;
}
