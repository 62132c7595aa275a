import { verify, X509Certificate } from 'node:crypto';
import {
  type BerTlv,
  bytesEqual,
  concatBytes,
  decodeBerTlv,
  decodeBerTlvAt,
  decodeBerTlvs,
  fromAscii,
  MynaError,
  tlv,
} from '@myna/apdu';
import type { Clock, Random } from '@myna/card';
import {
  createOcspCertId,
  parseCertificate,
  type RevocationReason,
  revocationReasonFromCode,
} from '@myna/pki';
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

const OID_OCSP_BASIC = Uint8Array.of(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01);
const OID_OCSP_NONCE = Uint8Array.of(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02);
const OID_SHA256_RSA = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b);
const SEQ = 0x30;
/** Responses may be produced a little ahead of our clock (a responder elsewhere). */
const CLOCK_SKEW_MS = 5 * 60_000;

function fail(reason: OcspFailure, extra: Record<string, string> = {}): MynaError {
  return new MynaError('RP_VERIFICATION_FAILED', { reason, ...extra });
}

/** A DER OCSPRequest (unsigned) for one CertID, with a nonce extension (RFC 8954). */
export function buildOcspRequest(certIdDer: Uint8Array, nonce: Uint8Array): Uint8Array {
  const request = tlv(SEQ, certIdDer);
  const nonceExt = tlv(SEQ, concatBytes(tlv(0x06, OID_OCSP_NONCE), tlv(0x04, tlv(0x04, nonce))));
  const tbs = tlv(SEQ, concatBytes(tlv(SEQ, request), tlv(0xa2, tlv(SEQ, nonceExt))));
  return tlv(SEQ, tbs);
}

/** GeneralizedTime `YYYYMMDDHHMMSS[.fff]Z` → ISO string. */
function generalizedTime(node: BerTlv): string {
  if (node.tag !== 0x18) throw fail('ocsp-malformed', { at: 'time' });
  const s = fromAscii(node.value);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(s);
  if (!m) throw fail('ocsp-malformed', { at: 'time' });
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`).toISOString();
}

/** One SingleResponse as decoded. */
export interface OcspSingleInfo {
  certIdDer: Uint8Array;
  status: OcspResult['status'];
  reason?: RevocationReason;
  revokedAt?: string;
  thisUpdate: string;
  nextUpdate?: string;
}

/** A successful OCSPResponse as decoded (the signed bytes kept for the signature check). */
export interface OcspResponseInfo {
  tbs: Uint8Array;
  signatureAlgorithm: Uint8Array;
  signature: Uint8Array;
  producedAt: string;
  responses: OcspSingleInfo[];
  nonce?: Uint8Array;
}

/** Decodes an OCSPResponse far enough to check it (RFC 6960 §4.2.1). */
export function parseOcspResponse(der: Uint8Array): OcspResponseInfo {
  try {
    const outer = decodeBerTlvs(decodeBerTlv(der).value);
    const status = outer[0];
    if (status?.tag !== 0x0a) throw fail('ocsp-malformed');
    if (status.value[0] !== 0) throw fail('ocsp-error-status', { responseStatus: String(status.value[0]) });
    const bytes = outer.find((n) => n.tag === 0xa0);
    if (!bytes) throw fail('ocsp-malformed');
    const [type, response] = decodeBerTlvs(decodeBerTlv(bytes.value).value);
    if (type?.tag !== 0x06 || !bytesEqual(type.value, OID_OCSP_BASIC) || response?.tag !== 0x04)
      throw fail('ocsp-malformed', { at: 'responseType' });
    const basic = decodeBerTlv(response.value).value;
    const { node: tbsNode, next } = decodeBerTlvAt(basic, 0);
    const tbs = basic.subarray(0, next);
    const [alg, sig] = decodeBerTlvs(basic.subarray(next));
    if (alg?.tag !== SEQ || sig?.tag !== 0x03) throw fail('ocsp-malformed', { at: 'signature' });
    const fields = decodeBerTlvs(tbsNode.value);
    let i = 0;
    if (fields[i]?.tag === 0xa0) i++; // version
    i++; // responderID ([1] byName / [2] byKey)
    const producedAt = generalizedTime(fields[i++]!);
    const list = fields[i++];
    if (list?.tag !== SEQ) throw fail('ocsp-malformed', { at: 'responses' });
    const responses = decodeBerTlvs(list.value).map(parseSingle);
    let nonce: Uint8Array | undefined;
    const ext = fields[i];
    if (ext?.tag === 0xa1) {
      for (const e of decodeBerTlvs(decodeBerTlv(ext.value).value)) {
        const [oid, ...rest] = decodeBerTlvs(e.value);
        const value = rest.find((n) => n.tag === 0x04);
        if (oid && value && bytesEqual(oid.value, OID_OCSP_NONCE)) nonce = value.value;
      }
    }
    return {
      tbs,
      signatureAlgorithm: decodeBerTlvs(alg.value)[0]?.value ?? new Uint8Array(),
      signature: sig.value.subarray(1),
      producedAt,
      responses,
      ...(nonce ? { nonce } : {}),
    };
  } catch (e) {
    if (e instanceof MynaError) throw e;
    throw fail('ocsp-malformed');
  }
}

function parseSingle(node: BerTlv): OcspSingleInfo {
  const kids = decodeBerTlvs(node.value);
  const certId = kids[0]!;
  const st = kids[1]!;
  const encodedCertId = node.value.subarray(0, decodeBerTlvAt(node.value, 0).next);
  const out: OcspSingleInfo = {
    certIdDer: encodedCertId,
    status: 'unknown',
    thisUpdate: generalizedTime(kids[2]!),
  };
  if (certId.tag !== SEQ) throw fail('ocsp-malformed', { at: 'certID' });
  const next = kids[3];
  if (next?.tag === 0xa0) out.nextUpdate = generalizedTime(decodeBerTlv(next.value));
  if (st.tag === 0x80) out.status = 'good';
  else if (st.tag === 0x82) out.status = 'unknown';
  else if (st.tag === 0xa1) {
    const info = decodeBerTlvs(st.value);
    out.revokedAt = generalizedTime(info[0]!);
    const r = info.find((n) => n.tag === 0xa0);
    const code = r ? decodeBerTlv(r.value).value[0] : undefined;
    out.reason = (code === undefined ? undefined : revocationReasonFromCode(code)) ?? 'unspecified';
    out.status = out.reason === 'certificateHold' ? 'hold' : 'revoked';
  } else throw fail('ocsp-malformed', { at: 'certStatus' });
  return out;
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
      responseDer = await this.deps.send(buildOcspRequest(certId.der, nonce));
    } catch (e) {
      throw new MynaError('RP_VERIFICATION_FAILED', { reason: 'ocsp-unreachable' }, { cause: e });
    }
    const parsed = parseOcspResponse(responseDer);
    if (!bytesEqual(parsed.signatureAlgorithm, OID_SHA256_RSA)) throw fail('ocsp-signature');
    const issuerKey = new X509Certificate(Buffer.from(issuerDer)).publicKey;
    if (!verify('sha256', parsed.tbs, issuerKey, parsed.signature)) throw fail('ocsp-signature');
    if (!parsed.nonce || !bytesEqual(parsed.nonce, tlv(0x04, nonce))) throw fail('ocsp-nonce');
    const single = parsed.responses.find((r) => bytesEqual(r.certIdDer, certId.der));
    if (!single) throw fail('ocsp-cert-id');
    const now = this.deps.clock.now().getTime();
    if (Date.parse(single.thisUpdate) > now + CLOCK_SKEW_MS) throw fail('ocsp-stale');
    if (single.nextUpdate && Date.parse(single.nextUpdate) < now - CLOCK_SKEW_MS) throw fail('ocsp-stale');
    return {
      status: single.status,
      ...(single.reason ? { reason: single.reason } : {}),
      ...(single.revokedAt ? { revokedAt: single.revokedAt } : {}),
      thisUpdate: single.thisUpdate,
      ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
      producedAt: parsed.producedAt,
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
