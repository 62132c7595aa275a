import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaCredentials,
  type CertificateStatus,
  createCa,
  createOcspCertId,
  createOcspErrorResponse,
  createOcspRequest,
  createOcspResponse,
  encodeOcspNonce,
  issuerHashes,
  type OcspResponseInfo,
  type OcspSuccessfulResponseInfo,
  PkiError,
  parseOcspRequest,
  parseOcspResponse,
  type RsaKeyPair,
  toPem,
  verifyOcspResponseSignature,
} from '../src/index.js';
import { keyPairs, openssl, TempDir } from './helpers.js';

/** The client side of OCSP: createOcspRequest, parseOcspResponse, verifyOcspResponseSignature. */

let tmp: TempDir;
let ca: CaCredentials;
let otherCa: CaCredentials;
let caPem: string;

// OpenSSL checks thisUpdate/nextUpdate against its own clock, so these tests use the real time.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex');

beforeAll(async () => {
  tmp = await TempDir.create();
  const [caKey, otherKey] = (await keyPairs(2)) as RsaKeyPair[];
  const makeCa = async (k: RsaKeyPair): Promise<CaCredentials> => ({
    certDer: await createCa({
      kind: 'auth',
      key: { pkcs8: k.privateKeyPkcs8, spki: k.publicKeySpki },
      serial: 1n,
      notBefore: minutes(-60 * 24),
      notAfter: minutes(60 * 24 * 365),
    }),
    privateKeyPkcs8: k.privateKeyPkcs8,
  });
  ca = await makeCa(caKey!);
  otherCa = await makeCa(otherKey!); // another generation: same DN, other key
  caPem = await tmp.writeCertPem('ca.pem', ca.certDer);
});
afterAll(() => tmp.cleanup());

function successful(info: OcspResponseInfo): OcspSuccessfulResponseInfo {
  if (info.status !== 'successful') throw new Error(`expected successful, got ${info.status}`);
  return info;
}

function pkiErrorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof PkiError) return e.code;
    throw e;
  }
  return undefined;
}

describe('createOcspRequest', () => {
  const nonce = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

  it('builds what OpenSSL reads (openssl ocsp -reqin -req_text): CertIDs and the nonce as OpenSSL sends it', async () => {
    const sha1 = createOcspCertId({ issuerCertDer: ca.certDer, serial: 0x2003n });
    const sha256 = createOcspCertId({ issuerCertDer: ca.certDer, serial: 0x80n, hashName: 'SHA-256' });
    const der = createOcspRequest({ certIds: [sha1, sha256.der], nonce });
    const path = await tmp.write('req.der', der);
    const r = await openssl(['ocsp', '-reqin', path, '-req_text']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Hash Algorithm: sha1');
    expect(text).toContain(`Issuer Key Hash: ${hex(sha1.issuerKeyHash).toUpperCase()}`);
    expect(text).toContain('Serial Number: 2003');
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toContain('Serial Number: 80');
    expect(text).toContain(`OCSP Nonce: 0410${hex(nonce).toUpperCase()}`);
    expect(text).not.toContain('Requestor Name');

    // The responder side reads it back: same CertID bytes, the nonce as encodeOcspNonce gives it.
    const req = parseOcspRequest(der);
    expect(req.signed).toBe(false);
    expect(req.certIds.map((c) => hex(c.der))).toEqual([hex(sha1.der), hex(sha256.der)]);
    expect(hex(req.nonce)).toBe(`0410${hex(nonce)}`);
    expect(hex(req.nonce)).toBe(hex(encodeOcspNonce(nonce)));
  });

  it('leaves the nonce extension out when no nonce is given', () => {
    const id = createOcspCertId({ issuerCertDer: ca.certDer, serial: 7n });
    expect(parseOcspRequest(createOcspRequest({ certIds: [id] })).nonce).toBeUndefined();
  });

  it('rejects no CertIDs, a CertID that is not DER, and nonces outside 1–32 octets', () => {
    const id = createOcspCertId({ issuerCertDer: ca.certDer, serial: 7n });
    expect(pkiErrorCode(() => createOcspRequest({ certIds: [] }))).toBe('BAD_PARAM');
    expect(pkiErrorCode(() => createOcspRequest({ certIds: [Uint8Array.of(0x30, 0x01)] }))).toBe('BAD_PARAM');
    expect(pkiErrorCode(() => createOcspRequest({ certIds: [id], nonce: new Uint8Array(0) }))).toBe(
      'BAD_PARAM',
    );
    expect(pkiErrorCode(() => createOcspRequest({ certIds: [id], nonce: new Uint8Array(33) }))).toBe(
      'BAD_PARAM',
    );
    expect(createOcspRequest({ certIds: [id], nonce: new Uint8Array(32) })).toBeInstanceOf(Uint8Array);
  });
});

describe('parseOcspResponse', () => {
  const statuses: CertificateStatus[] = [
    { kind: 'good' },
    { kind: 'revoked', revokedAt: new Date('2024-12-01T00:00:00Z'), reason: 'keyCompromise' },
    { kind: 'revoked', revokedAt: new Date('2024-12-02T03:04:05Z'), reason: 'certificateHold' },
    { kind: 'revoked', revokedAt: new Date('2024-12-03T00:00:00Z') }, // no reason
    { kind: 'unknown' },
  ];

  it('round-trips createOcspResponse (byKey, CA certificate included, nonce echoed)', async () => {
    const ids = statuses.map((_, i) =>
      createOcspCertId({ issuerCertDer: ca.certDer, serial: 0x3000n + BigInt(i) }),
    );
    const nonce = Uint8Array.of(1, 2, 3, 4);
    const req = parseOcspRequest(createOcspRequest({ certIds: ids, nonce }));
    const der = await createOcspResponse({
      responder: ca,
      producedAt: now,
      thisUpdate: minutes(-1),
      nextUpdate: minutes(60),
      responses: req.certIds.map((certId, i) => ({
        certId,
        status: statuses[i]!,
        ...(i === 4 ? { nextUpdate: minutes(5) } : {}),
      })),
      ...(req.nonce ? { nonce: req.nonce } : {}),
    });
    const rsp = successful(parseOcspResponse(der));
    expect(rsp.statusCode).toBe(0);
    expect(rsp.producedAt).toEqual(now);
    expect(hex(rsp.responderKeyHash)).toBe(hex(issuerHashes(ca.certDer, 'SHA-1').issuerKeyHash));
    expect(rsp.responderNameDer).toBeUndefined();
    expect(hex(rsp.nonce)).toBe(hex(encodeOcspNonce(nonce)));
    expect(rsp.certs.map(hex)).toEqual([hex(ca.certDer)]);
    expect(rsp.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
    expect(rsp.signature).toHaveLength(256);
    expect(rsp.responses).toHaveLength(statuses.length);
    rsp.responses.forEach((single, i) => {
      expect(hex(single.certId.der)).toBe(hex(ids[i]!.der));
      expect(single.certId.serialHex).toBe((0x3000 + i).toString(16).toUpperCase());
      expect(single.status).toEqual(statuses[i]);
      expect(single.thisUpdate).toEqual(minutes(-1));
      expect(single.nextUpdate).toEqual(i === 4 ? minutes(5) : minutes(60));
    });
    expect(rsp.responses.map((r) => r.reasonCode)).toEqual([undefined, 1, 6, undefined, undefined]);
    // The signed bytes are the ones in the message, and they verify against the issuer only.
    expect(Buffer.from(der).includes(Buffer.from(rsp.tbsResponseDataDer))).toBe(true);
    expect(verifyOcspResponseSignature(rsp, ca.certDer)).toBe(true);
    expect(verifyOcspResponseSignature(rsp, otherCa.certDer)).toBe(false);
  });

  it('reads responderID byName, no nonce, no certificates, no nextUpdate', async () => {
    const certId = createOcspCertId({ issuerCertDer: ca.certDer, serial: 9n });
    const der = await createOcspResponse({
      responder: ca,
      producedAt: now,
      thisUpdate: now,
      responses: [{ certId, status: { kind: 'good' } }],
      responderId: 'byName',
      includeCertificate: false,
    });
    const rsp = successful(parseOcspResponse(der));
    expect(rsp.responderKeyHash).toBeUndefined();
    // The DER of the CA's subject Name: its SHA-256 is the CertID's issuerNameHash.
    const nameHash = createHash('sha256').update(rsp.responderNameDer!).digest();
    expect(hex(nameHash)).toBe(hex(issuerHashes(ca.certDer, 'SHA-256').issuerNameHash));
    expect(rsp.nonce).toBeUndefined();
    expect(rsp.certs).toEqual([]);
    expect(rsp.responses[0]!.nextUpdate).toBeUndefined();
    expect(verifyOcspResponseSignature(rsp, ca.certDer)).toBe(true);
  });

  it('catches a tampered response or signature, and refuses signature algorithms other than RSA SHA-2', async () => {
    const certId = createOcspCertId({ issuerCertDer: ca.certDer, serial: 9n });
    const der = await createOcspResponse({
      responder: ca,
      producedAt: now,
      thisUpdate: now,
      responses: [{ certId, status: { kind: 'good' } }],
    });
    const rsp = successful(parseOcspResponse(der));
    const tbs = Uint8Array.from(rsp.tbsResponseDataDer);
    tbs[tbs.length - 1]! ^= 1;
    expect(verifyOcspResponseSignature({ ...rsp, tbsResponseDataDer: tbs }, ca.certDer)).toBe(false);
    expect(verifyOcspResponseSignature({ ...rsp, signature: rsp.signature.subarray(1) }, ca.certDer)).toBe(
      false,
    );
    expect(
      verifyOcspResponseSignature({ ...rsp, signatureAlgorithm: '1.2.840.113549.1.1.5' }, ca.certDer),
    ).toBe(false);
    expect(pkiErrorCode(() => verifyOcspResponseSignature(rsp, Uint8Array.of(1, 2)))).toBe('BAD_CERTIFICATE');
  });

  it('returns error statuses, and rejects garbage and unknown response types', async () => {
    for (const status of [
      'malformedRequest',
      'internalError',
      'tryLater',
      'sigRequired',
      'unauthorized',
    ] as const) {
      expect(parseOcspResponse(createOcspErrorResponse(status)).status).toBe(status);
    }
    expect(parseOcspResponse(createOcspErrorResponse('unauthorized'))).toEqual({
      status: 'unauthorized',
      statusCode: 6,
    });
    expect(parseOcspResponse(Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x04))).toEqual({
      status: 'unrecognized',
      statusCode: 4,
    });
    for (const garbage of [
      new Uint8Array(0),
      Uint8Array.of(0x30, 0x03, 0x0a, 0x01), // truncated
      Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x00), // successful without responseBytes
      Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x06, 0x00), // trailing byte
    ]) {
      expect(pkiErrorCode(() => parseOcspResponse(garbage))).toBe('BAD_OCSP_RESPONSE');
    }
    const certId = createOcspCertId({ issuerCertDer: ca.certDer, serial: 9n });
    const der = await createOcspResponse({
      responder: ca,
      producedAt: now,
      thisUpdate: now,
      responses: [{ certId, status: { kind: 'good' } }],
    });
    // id-pkix-ocsp-basic → id-pkix-ocsp.9 (not a BasicOCSPResponse).
    const other = Buffer.from(der);
    const at = other.indexOf(Buffer.from('2b0601050507300101', 'hex'));
    other[at + 8] = 0x09;
    expect(pkiErrorCode(() => parseOcspResponse(new Uint8Array(other)))).toBe('BAD_OCSP_RESPONSE');
    // A BasicOCSPResponse that is cut short.
    expect(pkiErrorCode(() => parseOcspResponse(der.subarray(0, der.length - 10)))).toBe('BAD_OCSP_RESPONSE');
  });

  it("reads and verifies OpenSSL's own responder answering createOcspRequest (openssl ocsp -index)", async () => {
    const keyPath = await tmp.write('ca.key', toPem(ca.privateKeyPkcs8, 'PRIVATE KEY'));
    const exp = '351231235959Z';
    const index = [
      `V\t${exp}\t\t3001\tunknown\t/CN=good`,
      `R\t${exp}\t241201000000Z,keyCompromise\t3002\tunknown\t/CN=revoked`,
    ].join('\n');
    const indexPath = await tmp.write('index.txt', `${index}\n`);
    const ids = [0x3001n, 0x3002n, 0x3003n].map((serial) =>
      createOcspCertId({ issuerCertDer: ca.certDer, serial }),
    );
    const nonce = Uint8Array.from({ length: 16 }, (_, i) => i);
    const reqPath = await tmp.write('openssl-req.der', createOcspRequest({ certIds: ids, nonce }));
    const respPath = tmp.path('openssl-resp.der');
    const r = await openssl([
      'ocsp',
      ...['-index', indexPath, '-CA', caPem, '-rsigner', caPem, '-rkey', keyPath],
      ...['-reqin', reqPath, '-respout', respPath, '-ndays', '1'],
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rsp = successful(parseOcspResponse(new Uint8Array(await readFile(respPath))));
    expect(verifyOcspResponseSignature(rsp, ca.certDer)).toBe(true);
    expect(hex(rsp.nonce)).toBe(hex(encodeOcspNonce(nonce)));
    expect(rsp.certs.map(hex)).toEqual([hex(ca.certDer)]);
    expect(rsp.responses.map((s) => hex(s.certId.der))).toEqual(ids.map((id) => hex(id.der)));
    expect(rsp.responses.map((s) => s.status)).toEqual([
      { kind: 'good' },
      { kind: 'revoked', revokedAt: new Date('2024-12-01T00:00:00Z'), reason: 'keyCompromise' },
      { kind: 'unknown' },
    ]);
    expect(rsp.responses[0]!.nextUpdate!.getTime()).toBeGreaterThan(rsp.responses[0]!.thisUpdate.getTime());
  });
});
