/**
 * The client side of OCSP (RFC 6960): building an OCSPRequest, reading an OCSPResponse and
 * checking the responder's signature against the issuer the caller trusts. Encoding and decoding
 * use pkijs (with its own asn1js major); only DER bytes and plain values leave this module
 * (spec: stack.md §3). The counterpart of ocsp-request.ts / ocsp-response.ts (the responder side).
 */
import { createPublicKey, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { copyBytes } from './bytes.js';
import { PkiError } from './errors.js';
import { parseX509 } from './issuer.js';
import { certIdInfo, type OcspCertId } from './ocsp-request.js';
import { OCSP_RESPONSE_STATUS, type OcspErrorStatus } from './ocsp-response.js';
import {
  OID_PKIX_OCSP_BASIC,
  OID_PKIX_OCSP_NONCE,
  OID_SHA256_WITH_RSA,
  OID_SHA384_WITH_RSA,
  OID_SHA512_WITH_RSA,
} from './oids.js';
import { type CertificateStatus, revocationReasonFromCode } from './revocation.js';

/** RFC 8954 §2.1: a nonce is 1 to 32 octets. */
const NONCE_MAX_LENGTH = 32;

export interface CreateOcspRequestParams {
  /** The certificates asked about: CertIDs from createOcspCertId, or the DER of CertIDs. */
  certIds: readonly (OcspCertId | Uint8Array)[];
  /** The raw nonce octets (1–32; OpenSSL sends 16). Omit for a request without a nonce. */
  nonce?: Uint8Array;
}

/**
 * The nonce extension's extnValue contents for these nonce octets: the DER of an OCTET STRING
 * (RFC 8954, as OpenSSL sends it). `parseOcspRequest(...).nonce` and `parseOcspResponse(...).nonce`
 * return exactly these bytes, so a client compares the response's nonce with this.
 */
export function encodeOcspNonce(nonce: Uint8Array): Uint8Array {
  if (!(nonce instanceof Uint8Array) || nonce.length < 1 || nonce.length > NONCE_MAX_LENGTH) {
    throw new PkiError('BAD_PARAM', `an OCSP nonce is 1 to ${NONCE_MAX_LENGTH} octets (RFC 8954)`);
  }
  return copyBytes(new asn1js.OctetString({ valueHex: copyBytes(nonce) }).toBER());
}

function pkijsCertId(certId: OcspCertId | Uint8Array): pkijs.CertID {
  const der = copyBytes(certId instanceof Uint8Array ? certId : certId.der);
  try {
    const parsed = asn1js.fromBER(der);
    if (parsed.offset !== der.length) throw new Error('trailing bytes');
    return new pkijs.CertID({ schema: parsed.result });
  } catch {
    throw new PkiError('BAD_PARAM', 'a CertID is not the DER of an RFC 6960 CertID');
  }
}

/**
 * A DER OCSPRequest (RFC 6960 §4.1), unsigned, no requestorName: one Request per CertID and, when
 * `nonce` is given, the nonce extension (non-critical, extnValue = encodeOcspNonce(nonce)).
 */
export function createOcspRequest(params: CreateOcspRequestParams): Uint8Array {
  if (params.certIds.length === 0) throw new PkiError('BAD_PARAM', 'certIds must not be empty');
  const tbsRequest = new pkijs.TBSRequest({
    requestList: params.certIds.map((id) => new pkijs.Request({ reqCert: pkijsCertId(id) })),
  });
  if (params.nonce !== undefined) {
    tbsRequest.requestExtensions = [
      new pkijs.Extension({
        extnID: OID_PKIX_OCSP_NONCE,
        critical: false,
        extnValue: encodeOcspNonce(params.nonce).buffer as ArrayBuffer,
      }),
    ];
  }
  return copyBytes(new pkijs.OCSPRequest({ tbsRequest }).toSchema(true).toBER());
}

/** OCSPResponseStatus names (RFC 6960 §4.2.1). */
export type OcspResponseStatus = keyof typeof OCSP_RESPONSE_STATUS;

/** What a response says about one certificate (a SingleResponse, RFC 6960 §4.2.1). */
export interface OcspSingleResponseInfo {
  /** The CertID as answered; `certId.der` holds its bytes exactly as received. */
  certId: OcspCertId;
  /** `revoked` carries `reason` when the CRLReason is one the sandbox knows (see `reasonCode`). */
  status: CertificateStatus;
  /** The CRLReason code as sent, when the revoked status had one. */
  reasonCode?: number;
  thisUpdate: Date;
  nextUpdate?: Date;
}

/** A successful OCSPResponse with its BasicOCSPResponse decoded. */
export interface OcspSuccessfulResponseInfo {
  status: 'successful';
  statusCode: 0;
  producedAt: Date;
  /** ResponderID byKey: the SHA-1 of the responder's public key bits. */
  responderKeyHash?: Uint8Array;
  /** ResponderID byName: the DER of the responder's Name. */
  responderNameDer?: Uint8Array;
  /** The response nonce extension's extnValue contents as received (compare with encodeOcspNonce). */
  nonce?: Uint8Array;
  /** BasicOCSPResponse.certs, DER as received. */
  certs: Uint8Array[];
  /** The signed bytes: the DER of tbsResponseData exactly as received. */
  tbsResponseDataDer: Uint8Array;
  /** The signature algorithm OID, e.g. 1.2.840.113549.1.1.11 (sha256WithRSAEncryption). */
  signatureAlgorithm: string;
  signature: Uint8Array;
  responses: OcspSingleResponseInfo[];
}

/** An unsuccessful OCSPResponse: only a status (`unrecognized` for a code RFC 6960 does not define). */
export interface OcspUnsuccessfulResponseInfo {
  status: OcspErrorStatus | 'unrecognized';
  statusCode: number;
}

export type OcspResponseInfo = OcspSuccessfulResponseInfo | OcspUnsuccessfulResponseInfo;

const STATUS_BY_CODE = new Map<number, OcspResponseStatus>(
  Object.entries(OCSP_RESPONSE_STATUS).map(([name, code]) => [code, name as OcspResponseStatus]),
);

function bad(what: string): PkiError {
  return new PkiError('BAD_OCSP_RESPONSE', what);
}

function fromDer(der: Uint8Array, what: string): asn1js.AsnType {
  const bytes = copyBytes(der);
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.length) throw bad(`${what} is not a single DER object`);
  return parsed.result;
}

/** The bytes a parsed asn1js block was decoded from. */
function encoded(block: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!block?.valueBeforeDecodeView.byteLength) throw bad(`${what} is missing`);
  return copyBytes(block.valueBeforeDecodeView);
}

function children(block: asn1js.AsnType | undefined): asn1js.AsnType[] {
  return block instanceof asn1js.Constructed ? block.valueBlock.value : [];
}

function certStatus(block: asn1js.AsnType): { status: CertificateStatus; reasonCode?: number } {
  const { tagClass, tagNumber } = block.idBlock;
  if (tagClass === 3 && tagNumber === 0) return { status: { kind: 'good' } };
  if (tagClass === 3 && tagNumber === 2) return { status: { kind: 'unknown' } };
  if (tagClass === 3 && tagNumber === 1) {
    const [time, reasonTag] = children(block);
    if (!(time instanceof asn1js.GeneralizedTime)) throw bad('revocationTime is not a GeneralizedTime');
    const status: CertificateStatus = { kind: 'revoked', revokedAt: time.toDate() };
    const code = children(reasonTag)[0];
    if (!(code instanceof asn1js.Enumerated)) return { status };
    const reason = revocationReasonFromCode(code.valueBlock.valueDec);
    if (reason) status.reason = reason;
    return { status, reasonCode: code.valueBlock.valueDec };
  }
  throw bad('unknown certStatus choice');
}

function readBasic(basicDer: Uint8Array): Omit<OcspSuccessfulResponseInfo, 'status' | 'statusCode'> {
  const root = fromDer(basicDer, 'BasicOCSPResponse');
  const basic = new pkijs.BasicOCSPResponse({ schema: root });
  // pkijs has checked the structure; the raw blocks give the exact bytes of what it decoded.
  const [tbsBlock, , , certsTag] = children(root);
  const rawSingles = children(children(tbsBlock).find((b) => b instanceof asn1js.Sequence));
  const data = basic.tbsResponseData;
  if (rawSingles.length !== data.responses.length) throw bad('responses do not line up');
  const responses = data.responses.map((single, i): OcspSingleResponseInfo => {
    const certIdDer = encoded(rawSingles[i] && children(rawSingles[i])[0], 'certID');
    const out: OcspSingleResponseInfo = {
      certId: certIdInfo(single.certID, certIdDer),
      ...certStatus(single.certStatus as asn1js.AsnType),
      thisUpdate: single.thisUpdate,
    };
    if (single.nextUpdate) out.nextUpdate = single.nextUpdate;
    return out;
  });
  const info: Omit<OcspSuccessfulResponseInfo, 'status' | 'statusCode'> = {
    producedAt: data.producedAt,
    certs: children(children(certsTag)[0]).map((c) => encoded(c, 'certificate')),
    tbsResponseDataDer: copyBytes(data.tbsView),
    signatureAlgorithm: basic.signatureAlgorithm.algorithmId,
    signature: copyBytes(basic.signature.valueBlock.valueHexView),
    responses,
  };
  if (data.responderID instanceof pkijs.RelativeDistinguishedNames) {
    info.responderNameDer = copyBytes(data.responderID.valueBeforeDecode);
  } else if (data.responderID instanceof asn1js.OctetString) {
    info.responderKeyHash = copyBytes(data.responderID.valueBlock.valueHexView);
  } else throw bad('unknown responderID choice');
  const nonce = data.responseExtensions?.find((e) => e.extnID === OID_PKIX_OCSP_NONCE);
  if (nonce) info.nonce = copyBytes(nonce.extnValue.valueBlock.valueHexView);
  return info;
}

/**
 * Decodes a DER OCSPResponse (RFC 6960 §4.2.1). An error status is returned, not thrown (it is a
 * valid answer); anything undecodable, or a successful response that is not a BasicOCSPResponse,
 * throws BAD_OCSP_RESPONSE. Nothing is verified here: see verifyOcspResponseSignature.
 */
export function parseOcspResponse(der: Uint8Array): OcspResponseInfo {
  try {
    const response = new pkijs.OCSPResponse({ schema: fromDer(der, 'OCSP response') });
    const statusCode = response.responseStatus.valueBlock.valueDec;
    if (statusCode !== OCSP_RESPONSE_STATUS.successful) {
      const status = STATUS_BY_CODE.get(statusCode) as OcspErrorStatus | undefined;
      return { status: status ?? 'unrecognized', statusCode };
    }
    const bytes = response.responseBytes;
    if (!bytes) throw bad('a successful response without responseBytes');
    if (bytes.responseType !== OID_PKIX_OCSP_BASIC)
      throw bad(`unsupported responseType ${bytes.responseType}`);
    return { status: 'successful', statusCode: 0, ...readBasic(bytes.response.valueBlock.valueHexView) };
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw bad('not an RFC 6960 OCSPResponse');
  }
}

const HASH_BY_SIGNATURE_OID: Readonly<Record<string, string>> = {
  [OID_SHA256_WITH_RSA]: 'sha256',
  [OID_SHA384_WITH_RSA]: 'sha384',
  [OID_SHA512_WITH_RSA]: 'sha512',
};

/**
 * Whether the response was signed by the key of `issuerCertDer`: the "CA itself signs" case of
 * RFC 6960 §4.2.2.2, which is how the sandbox answers. Pass the issuer the caller trusts, never a
 * certificate taken from the response. Accepts RSASSA-PKCS1-v1_5 with SHA-256/384/512 only
 * (anything else, SHA-1 included, is false). Throws BAD_CERTIFICATE if `issuerCertDer` is not one.
 */
export function verifyOcspResponseSignature(
  response: Pick<OcspSuccessfulResponseInfo, 'tbsResponseDataDer' | 'signatureAlgorithm' | 'signature'>,
  issuerCertDer: Uint8Array,
): boolean {
  const issuer = parseX509(issuerCertDer, 'issuer certificate');
  const hash = HASH_BY_SIGNATURE_OID[response.signatureAlgorithm];
  if (!hash) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(issuer.publicKey.rawData), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'rsa') return false;
    return verify(hash, response.tbsResponseDataDer, key, response.signature);
  } catch {
    return false;
  }
}
