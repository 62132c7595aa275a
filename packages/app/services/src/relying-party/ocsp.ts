import { bytesEqual } from '@myna/apdu';
import { MynaError } from '@myna/errors';
import {
  createOcspCertId,
  createOcspRequest,
  encodeOcspNonce,
  type OcspSuccessfulResponseInfo,
  OID_SHA256_WITH_RSA,
  parseCertificate,
  parseOcspResponse,
  type RevocationReason,
  verifyOcspResponseSignature,
} from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import type { JpkiAuthority } from '../authority.js';

/**
 * An OCSP client for relying parties and the support guide (RFC 6960): it builds a request with
 * a nonce for one certificate, sends it through an `OcspSend` (in process to the sandbox's
 * `JpkiAuthority.ocsp`, or over HTTP to the URL of a responder), and checks the answer — the
 * responder's signature against the issuer (the trust anchor the caller holds, never a copy the
 * responder supplies), the CertID, the nonce and the freshness window against the injected clock.
 *
 * A suspension (一時保留) is `revoked` with reason `certificateHold`; the status reported is then
 * `hold` (pin-lifecycle.md §5.4). Relying parties see revocation as a failed check (§5.3).
 */

/** What OCSP said about one certificate. */
export interface OcspResult {
  readonly status: 'good' | 'revoked' | 'hold' | 'unknown';
  readonly reason?: RevocationReason;
  readonly revokedAt?: string;
  readonly thisUpdate: string;
  readonly nextUpdate?: string;
  readonly producedAt: string;
}

/** The port: asks about a certificate issued by `issuerDer`. */
export interface OcspChecker {
  check(certificateDer: Uint8Array, issuerDer: Uint8Array): Promise<OcspResult>;
}

/** Carries one DER OCSPRequest to a responder and returns its DER OCSPResponse. */
export type OcspSend = (requestDer: Uint8Array) => Promise<Uint8Array>;

/** Failure reasons of an OCSP exchange (in `MynaError('RP_VERIFICATION_FAILED').details.reason`). */
export type OcspFailure =
  | 'ocsp-unreachable'
  | 'ocsp-error-status'
  | 'ocsp-malformed'
  | 'ocsp-signature'
  | 'ocsp-nonce'
  | 'ocsp-cert-id'
  | 'ocsp-stale';

/** Responses may be produced a little ahead of our clock (a responder elsewhere). */
const CLOCK_SKEW_MS = 5 * 60_000;

function fail(reason: OcspFailure, extra: Record<string, string> = {}): MynaError {
  return new MynaError('RP_VERIFICATION_FAILED', { reason, ...extra });
}

/** A DER OCSPRequest (unsigned) for one CertID, with a nonce extension (RFC 8954). */
export function buildOcspRequest(certIdDer: Uint8Array, nonce: Uint8Array): Uint8Array {
  return createOcspRequest({ certIds: [certIdDer], nonce });
}

/** A successful, decodable response, or the failure reason (`ocsp-error-status`, `ocsp-malformed`). */
function readResponse(der: Uint8Array): OcspSuccessfulResponseInfo {
  let parsed: ReturnType<typeof parseOcspResponse>;
  try {
    parsed = parseOcspResponse(der);
  } catch {
    throw fail('ocsp-malformed');
  }
  if (parsed.status !== 'successful')
    throw fail('ocsp-error-status', { responseStatus: String(parsed.statusCode) });
  return parsed;
}

/**
 * Checks one certificate by OCSP through `send`. The response must be signed by the issuer
 * (sha256WithRSAEncryption: the sandbox CA signs its own responses, RFC 6960 §4.2.2.2), echo the
 * nonce, name the certificate, and be fresh by `clock`.
 */
export class OcspClient implements OcspChecker {
  constructor(
    private readonly deps: {
      send: OcspSend;
      random: Random;
      clock: Clock;
    },
  ) {}

  async check(certificateDer: Uint8Array, issuerDer: Uint8Array): Promise<OcspResult> {
    const info = parseCertificate(certificateDer);
    const certId = createOcspCertId({ issuerCertDer: issuerDer, serial: info.serial });
    const nonce = this.deps.random.bytes(16);
    let responseDer: Uint8Array;
    try {
      responseDer = await this.deps.send(createOcspRequest({ certIds: [certId], nonce }));
    } catch (e) {
      throw new MynaError('RP_VERIFICATION_FAILED', { reason: 'ocsp-unreachable' }, { cause: e });
    }
    const parsed = readResponse(responseDer);
    if (parsed.signatureAlgorithm !== OID_SHA256_WITH_RSA) throw fail('ocsp-signature');
    if (!verifyOcspResponseSignature(parsed, issuerDer)) throw fail('ocsp-signature');
    if (!parsed.nonce || !bytesEqual(parsed.nonce, encodeOcspNonce(nonce))) throw fail('ocsp-nonce');
    const single = parsed.responses.find((r) => bytesEqual(r.certId.der, certId.der));
    if (!single) throw fail('ocsp-cert-id');
    const now = this.deps.clock.now().getTime();
    if (single.thisUpdate.getTime() > now + CLOCK_SKEW_MS) throw fail('ocsp-stale');
    if (single.nextUpdate && single.nextUpdate.getTime() < now - CLOCK_SKEW_MS) throw fail('ocsp-stale');
    const { status } = single;
    const reason: RevocationReason | undefined =
      status.kind === 'revoked' ? (status.reason ?? 'unspecified') : undefined;
    return {
      status: reason === 'certificateHold' ? 'hold' : status.kind,
      ...(reason ? { reason } : {}),
      ...(status.kind === 'revoked' ? { revokedAt: status.revokedAt.toISOString() } : {}),
      thisUpdate: single.thisUpdate.toISOString(),
      ...(single.nextUpdate ? { nextUpdate: single.nextUpdate.toISOString() } : {}),
      producedAt: parsed.producedAt.toISOString(),
    };
  }
}

/** OCSP answered in process by the sandbox's authority (`JpkiAuthority.ocsp`). */
export function inProcessOcspChecker(authority: JpkiAuthority, random: Random, clock: Clock): OcspChecker {
  return new OcspClient({ send: (req) => authority.ocsp(req), random, clock });
}

/** OCSP over HTTP (RFC 6960 Appendix A.1, POST application/ocsp-request), e.g. `authority serve`. */
export function httpOcspChecker(
  url: string,
  random: Random,
  clock: Clock,
  opts: { timeoutMs?: number } = {},
): OcspChecker {
  return new OcspClient({
    random,
    clock,
    send: async (req) => {
      const rsp = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: new Uint8Array(req),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      if (!rsp.ok) throw new Error(`OCSP responder answered HTTP ${rsp.status}`);
      return new Uint8Array(await rsp.arrayBuffer());
    },
  });
}
