/**
 * OCSP requests (RFC 6960 §4.1) and CertIDs. Parsing uses pkijs (with its own asn1js major); only
 * DER bytes and plain values leave this module (spec: stack.md §3).
 */

import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, copyBytes, digest, type HashName, hex } from './bytes.js';
import { PkiError } from './errors.js';
import { subjectPublicKeyBits } from './extensions.js';
import { parseX509 } from './issuer.js';
import { derMemo } from './memo.js';
import { OID_PKIX_OCSP_NONCE, OID_SHA1, OID_SHA256, OID_SHA384, OID_SHA512 } from './oids.js';
import { type SerialNumber, serialToBigint, serialToHex } from './serial.js';

const HASH_BY_OID: Readonly<Record<string, HashName>> = {
  [OID_SHA1]: 'SHA-1',
  [OID_SHA256]: 'SHA-256',
  [OID_SHA384]: 'SHA-384',
  [OID_SHA512]: 'SHA-512',
};
const OID_BY_HASH: Readonly<Record<HashName, string>> = {
  'SHA-1': OID_SHA1,
  'SHA-256': OID_SHA256,
  'SHA-384': OID_SHA384,
  'SHA-512': OID_SHA512,
};

/** A CertID (RFC 6960 §4.1.1) as requested; `der` is echoed verbatim in the response. */
export interface OcspCertId {
  /** Hash algorithm OID, e.g. 1.3.14.3.2.26 (SHA-1, what OpenSSL sends by default). */
  hashAlgorithm: string;
  /** The hash's WebCrypto name when known. */
  hashName?: HashName;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  /** The serial number (a negative, i.e. malformed, serial is read as its unsigned magnitude). */
  serial: bigint;
  /** Upper-case hex of the serial's magnitude (see serialToHex). */
  serialHex: string;
  /** DER of the CertID as received. */
  der: Uint8Array;
}

export interface OcspRequestInfo {
  certIds: OcspCertId[];
  /**
   * The nonce extension's extnValue contents exactly as sent (RFC 8954: the DER of an OCTET
   * STRING, e.g. `04 10 …` from OpenSSL). Echo it unchanged with `createOcspResponse({ nonce })`.
   */
  nonce?: Uint8Array;
  /** Whether the request carried an optionalSignature (not verified; the sandbox answers anyone). */
  signed: boolean;
}

function parseDer(der: Uint8Array, what: string): asn1js.AsnType {
  const bytes = copyBytes(der);
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.length) {
    throw new PkiError('BAD_OCSP_REQUEST', `${what} is not a single DER object`);
  }
  return parsed.result;
}

/** A CertID as plain values; `der` is `exactDer` when given (the bytes as received), else re-encoded. */
export function certIdInfo(id: pkijs.CertID, exactDer?: Uint8Array): OcspCertId {
  const serialBytes = id.serialNumber.valueBlock.valueHexView;
  const serial = BigInt('0x' + (hex(serialBytes) || '0'));
  const info: OcspCertId = {
    hashAlgorithm: id.hashAlgorithm.algorithmId,
    issuerNameHash: copyBytes(id.issuerNameHash.valueBlock.valueHexView),
    issuerKeyHash: copyBytes(id.issuerKeyHash.valueBlock.valueHexView),
    serial,
    serialHex: serialToHex(serial),
    der: copyBytes(exactDer ?? id.toSchema().toBER()),
  };
  const hashName = HASH_BY_OID[info.hashAlgorithm];
  if (hashName) info.hashName = hashName;
  return info;
}

/** Parses a DER OCSPRequest (the body of a POST application/ocsp-request). Throws BAD_OCSP_REQUEST. */
export function parseOcspRequest(der: Uint8Array): OcspRequestInfo {
  let req: pkijs.OCSPRequest;
  try {
    req = new pkijs.OCSPRequest({ schema: parseDer(der, 'OCSP request') });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('BAD_OCSP_REQUEST', 'not an RFC 6960 OCSPRequest');
  }
  const list = req.tbsRequest.requestList;
  if (list.length === 0) throw new PkiError('BAD_OCSP_REQUEST', 'empty requestList');
  const info: OcspRequestInfo = {
    certIds: list.map((r) => certIdInfo(r.reqCert)),
    signed: req.optionalSignature !== undefined,
  };
  const nonce = req.tbsRequest.requestExtensions?.find((e) => e.extnID === OID_PKIX_OCSP_NONCE);
  if (nonce) info.nonce = copyBytes(nonce.extnValue.valueBlock.valueHexView);
  return info;
}

/** issuerNameHash and issuerKeyHash of a CA certificate (RFC 6960 §4.1.1). */
export function issuerHashes(
  issuerCertDer: Uint8Array,
  hashName: HashName,
): { issuerNameHash: Uint8Array; issuerKeyHash: Uint8Array } {
  const h = hashesOf(issuerCertDer, hashName, () => {
    const cert = parseX509(issuerCertDer, 'issuer certificate');
    return {
      issuerNameHash: digest(hashName, cert.subjectName.toArrayBuffer()),
      issuerKeyHash: digest(hashName, subjectPublicKeyBits(new Uint8Array(cert.publicKey.rawData))),
    };
  });
  return { issuerNameHash: h.issuerNameHash.slice(), issuerKeyHash: h.issuerKeyHash.slice() };
}

/** The hashes of the CA certificates seen lately (every OCSP request and response needs them). */
const hashesOf = derMemo<{ issuerNameHash: Uint8Array; issuerKeyHash: Uint8Array }>(64);

/**
 * Whether a requested CertID names a certificate of this issuer (same name hash and key hash).
 * A responder answers `unknown` (or `unauthorized`) for CertIDs of other issuers; CA generations
 * that share a DN are told apart by the key hash.
 */
export function ocspCertIdMatchesIssuer(certId: OcspCertId, issuerCertDer: Uint8Array): boolean {
  const name = HASH_BY_OID[certId.hashAlgorithm];
  if (!name) return false;
  const h = issuerHashes(issuerCertDer, name);
  return (
    bytesEqual(h.issuerNameHash, certId.issuerNameHash) && bytesEqual(h.issuerKeyHash, certId.issuerKeyHash)
  );
}

/** Builds a CertID for a serial of this issuer (what an OCSP client would send). Default hash SHA-1. */
export function createOcspCertId(params: {
  issuerCertDer: Uint8Array;
  serial: SerialNumber;
  hashName?: HashName;
}): OcspCertId {
  const hashName = params.hashName ?? 'SHA-1';
  const hashOid = OID_BY_HASH[hashName] as string | undefined;
  if (!hashOid) throw new PkiError('BAD_PARAM', `unsupported hash ${String(hashName)}`);
  const serial = serialToBigint(params.serial);
  const { issuerNameHash, issuerKeyHash } = issuerHashes(params.issuerCertDer, hashName);
  const id = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: hashOid,
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({ valueHex: copyBytes(issuerNameHash) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: copyBytes(issuerKeyHash) }),
    serialNumber: new asn1js.Integer({ valueHex: copyBytes(Buffer.from(integerHex(serial), 'hex')) }),
  });
  return certIdInfo(id);
}

function integerHex(serial: bigint): string {
  const h = serialToHex(serial);
  return Number.parseInt(h.slice(0, 2), 16) & 0x80 ? '00' + h : h;
}

/** The CertID as pkijs needs it (parsed from its DER, never shared as an object). */
export function toPkijsCertId(certId: OcspCertId): pkijs.CertID {
  return new pkijs.CertID({ schema: parseDer(certId.der, 'CertID') });
}
