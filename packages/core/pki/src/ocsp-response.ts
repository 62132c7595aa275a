/**
 * OCSP responses (RFC 6960 §4.2). The CA answers for its own certificates (the "CA itself signs"
 * case of RFC 6960 §4.2.2.2, no delegated responder): BasicOCSPResponse signed with
 * sha256WithRSAEncryption, responderID byKey (default) or byName, the CA certificate optionally in
 * `certs`. Built and signed with pkijs (spec: stack.md §3); only DER crosses the API.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { copyBytes, digest } from './bytes.js';
import { derEnumerated, derTlv } from './der.js';
import { PkiError } from './errors.js';
import { subjectPublicKeyBits } from './extensions.js';
import { type CaCredentials, loadIssuer } from './issuer.js';
import { type OcspCertId, ocspCertIdMatchesIssuer, toPkijsCertId } from './ocsp-request.js';
import { OID_PKIX_OCSP_BASIC, OID_PKIX_OCSP_NONCE } from './oids.js';
import { assertRevocationReason, type CertificateStatus, REVOCATION_REASON_CODES } from './revocation.js';
import { wholeSeconds } from './time.js';

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
export const OCSP_RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

export type OcspErrorStatus = Exclude<keyof typeof OCSP_RESPONSE_STATUS, 'successful'>;

export interface OcspSingleResponseParams {
  /**
   * The CertID from the request (parseOcspRequest) or from createOcspCertId. It must name the
   * responder CA (check with ocspCertIdMatchesIssuer first), or createOcspResponse throws.
   */
  certId: OcspCertId;
  status: CertificateStatus;
  /** Overrides the response-wide thisUpdate for this certificate. */
  thisUpdate?: Date;
  /** Overrides the response-wide nextUpdate for this certificate. */
  nextUpdate?: Date;
}

export interface CreateOcspResponseParams {
  /** The CA that issued the certificates asked about; it signs the response. */
  responder: CaCredentials;
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  responses: readonly OcspSingleResponseParams[];
  /** The request's nonce (OcspRequestInfo.nonce), echoed as the response nonce extension. */
  nonce?: Uint8Array;
  /** ResponderID choice; default `byKey` (SHA-1 of the CA's public key bits). */
  responderId?: 'byKey' | 'byName';
  /** Put the CA certificate in BasicOCSPResponse.certs; default true. */
  includeCertificate?: boolean;
}

function certStatusSchema(status: CertificateStatus): asn1js.BaseBlock {
  switch (status.kind) {
    case 'good':
      return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
    case 'unknown':
      return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
    case 'revoked': {
      const value: asn1js.BaseBlock[] = [
        new asn1js.GeneralizedTime({ valueDate: wholeSeconds(status.revokedAt, 'revokedAt') }),
      ];
      if (status.reason !== undefined) {
        assertRevocationReason(status.reason);
        value.push(
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 0 },
            value: [new asn1js.Enumerated({ value: REVOCATION_REASON_CODES[status.reason] })],
          }),
        );
      }
      return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
    }
    default:
      throw new PkiError('BAD_PARAM', 'unknown certificate status kind');
  }
}

/** A successful, signed OCSPResponse (DER). spec: pin-lifecycle.md §5.3–5.4; RFC 6960. */
export async function createOcspResponse(params: CreateOcspResponseParams): Promise<Uint8Array> {
  if (params.responses.length === 0) throw new PkiError('BAD_PARAM', 'responses must not be empty');
  const issuer = await loadIssuer(params.responder);
  const caDer = copyBytes(params.responder.certDer);
  const caPkijs = pkijs.Certificate.fromBER(caDer);
  const producedAt = wholeSeconds(params.producedAt, 'producedAt');
  const thisUpdate = wholeSeconds(params.thisUpdate, 'thisUpdate');
  const nextUpdate = params.nextUpdate && wholeSeconds(params.nextUpdate, 'nextUpdate');

  const responderID =
    (params.responderId ?? 'byKey') === 'byKey'
      ? new asn1js.OctetString({
          valueHex: copyBytes(
            digest('SHA-1', subjectPublicKeyBits(new Uint8Array(issuer.cert.publicKey.rawData))),
          ),
        })
      : caPkijs.subject;

  const responses = params.responses.map((r) => {
    if (!ocspCertIdMatchesIssuer(r.certId, caDer)) {
      throw new PkiError(
        'BAD_PARAM',
        `CertID for serial ${r.certId.serialHex} names another issuer; answer createOcspErrorResponse('unauthorized')`,
      );
    }
    const single = new pkijs.SingleResponse({
      certID: toPkijsCertId(r.certId),
      certStatus: certStatusSchema(r.status),
      thisUpdate: r.thisUpdate ? wholeSeconds(r.thisUpdate, 'thisUpdate') : thisUpdate,
    });
    const next = r.nextUpdate ? wholeSeconds(r.nextUpdate, 'nextUpdate') : nextUpdate;
    if (next) {
      if (next.getTime() < single.thisUpdate.getTime()) {
        throw new PkiError('BAD_TIME', 'nextUpdate is before thisUpdate');
      }
      single.nextUpdate = next;
    }
    return single;
  });

  const data = new pkijs.ResponseData({ responderID, producedAt, responses });
  if (params.nonce) {
    data.responseExtensions = [
      new pkijs.Extension({
        extnID: OID_PKIX_OCSP_NONCE,
        critical: false,
        extnValue: copyBytes(params.nonce).buffer,
      }),
    ];
  }
  const basic = new pkijs.BasicOCSPResponse({ tbsResponseData: data });
  if (params.includeCertificate ?? true) basic.certs = [caPkijs];
  const engine = new pkijs.CryptoEngine({ name: 'myna-pki', crypto });
  await basic.sign(issuer.signingKey, 'SHA-256', engine);

  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: OCSP_RESPONSE_STATUS.successful }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: OID_PKIX_OCSP_BASIC,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
    }),
  });
  return copyBytes(response.toSchema().toBER());
}

/**
 * An unsuccessful OCSPResponse: just `SEQUENCE { responseStatus }`, unsigned (RFC 6960 §2.3).
 * Use `malformedRequest` when parseOcspRequest throws, `unauthorized` for CertIDs of another
 * issuer if the responder prefers that to `unknown`, `internalError` on failures.
 */
export function createOcspErrorResponse(status: OcspErrorStatus): Uint8Array {
  const code = (OCSP_RESPONSE_STATUS as Record<string, number>)[status];
  if (code === undefined || code === 0)
    throw new PkiError('BAD_PARAM', `not an OCSP error status: ${status}`);
  return derTlv(0x30, derEnumerated(code));
}
