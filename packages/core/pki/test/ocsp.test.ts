import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectCodedError } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaCredentials,
  createCa,
  createOcspCertId,
  createOcspErrorResponse,
  createOcspResponse,
  issueSignCertificate,
  ocspCertIdMatchesIssuer,
  ocspStatusFor,
  PkiError,
  parseOcspRequest,
  type RevokedCertificate,
  type RsaKeyPair,
} from '../src/index.js';
import { KOKUTO, keyPairs, openssl, TempDir } from './helpers.js';

let tmp: TempDir;
let ca: CaCredentials;
let otherCa: CaCredentials;
const pem: Record<string, string> = {};

// OpenSSL checks thisUpdate/nextUpdate against its own clock, so these tests use the real time.
const now = new Date();
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

const revoked: RevokedCertificate[] = [
  { serial: 0x2001n, revokedAt: new Date('2024-12-01T00:00:00Z'), reason: 'keyCompromise' },
  { serial: 0x2002n, revokedAt: new Date('2024-12-02T03:04:05Z'), reason: 'certificateHold' },
];
const issued = new Set([0x2001n, 0x2002n, 0x2003n, 0x2004n]);

beforeAll(async () => {
  tmp = await TempDir.create();
  const [caKey, otherKey, card] = (await keyPairs(3)) as RsaKeyPair[];
  const makeCa = async (k: RsaKeyPair, kind: 'auth' | 'sign'): Promise<CaCredentials> => ({
    certDer: await createCa({
      kind,
      key: { pkcs8: k.privateKeyPkcs8, spki: k.publicKeySpki },
      serial: 1n,
      notBefore: minutes(-60 * 24),
      notAfter: minutes(60 * 24 * 365 * 10),
    }),
    privateKeyPkcs8: k.privateKeyPkcs8,
  });
  ca = await makeCa(caKey!, 'sign');
  otherCa = await makeCa(otherKey!, 'sign'); // another generation: same DN, other key
  pem.ca = await tmp.writeCertPem('ca.pem', ca.certDer);
  pem.otherCa = await tmp.writeCertPem('other-ca.pem', otherCa.certDer);
  const leaf = (issuer: CaCredentials, serial: bigint) =>
    issueSignCertificate({
      ca: issuer,
      subjectPublicKeySpki: card!.publicKeySpki,
      serial,
      notBefore: minutes(-60),
      notAfter: minutes(60 * 24 * 365),
      prefecture: 'Tokyo-to',
      city: 'Kiyose-shi',
      requestCn: '20250101000000001A00001',
      holder: { ...KOKUTO },
      ocspUrl: 'http://127.0.0.1/',
    });
  pem.revoked = await tmp.writeCertPem('revoked.pem', await leaf(ca, 0x2001n));
  pem.held = await tmp.writeCertPem('held.pem', await leaf(ca, 0x2002n));
  pem.good = await tmp.writeCertPem('good.pem', await leaf(ca, 0x2003n));
  pem.unissued = await tmp.writeCertPem('unissued.pem', await leaf(ca, 0x2999n));
  pem.foreign = await tmp.writeCertPem('foreign.pem', await leaf(otherCa, 0x2003n));
});
afterAll(() => tmp.cleanup());

let n = 0;
/** `openssl ocsp -reqout` for the given certificates. */
async function opensslRequest(certs: string[], nonce: boolean): Promise<{ path: string; der: Uint8Array }> {
  const path = tmp.path(`req${++n}.der`);
  const args = ['ocsp', '-issuer', pem.ca!, ...certs.flatMap((c) => ['-cert', c]), '-reqout', path];
  const r = await openssl(nonce ? args : [...args, '-no_nonce']);
  expect(r.code).toBe(0);
  return { path, der: new Uint8Array(await readFile(path)) };
}

/**
 * `openssl ocsp -respin` verified against the CA. With `certs`, OpenSSL builds its own request
 * (-no_nonce) to print one status line per certificate; with `reqPath` instead, it checks the
 * response against that request, nonce included.
 */
async function opensslCheck(resp: Uint8Array, certs: string[], reqPath?: string, extra: string[] = []) {
  const respPath = await tmp.write(`resp${++n}.der`, resp);
  const args = ['ocsp', '-respin', respPath, '-CAfile', pem.ca!, '-issuer', pem.ca!, '-resp_text', ...extra];
  if (reqPath) args.push('-reqin', reqPath);
  else args.push('-no_nonce', ...certs.flatMap((c) => ['-cert', c]));
  const r = await openssl(args);
  return { ...r, out: r.stdout + r.stderr };
}

/** The responder logic a server would run: parse, look up, answer. */
async function answer(reqDer: Uint8Array, options: Partial<Parameters<typeof createOcspResponse>[0]> = {}) {
  let req: ReturnType<typeof parseOcspRequest>;
  try {
    req = parseOcspRequest(reqDer);
  } catch {
    return createOcspErrorResponse('malformedRequest');
  }
  if (!req.certIds.every((id) => ocspCertIdMatchesIssuer(id, ca.certDer))) {
    return createOcspErrorResponse('unauthorized');
  }
  return createOcspResponse({
    responder: ca,
    producedAt: now,
    thisUpdate: minutes(-1),
    nextUpdate: minutes(60),
    responses: req.certIds.map((certId) => ({
      certId,
      status: ocspStatusFor(certId.serial, revoked, { isIssued: (s) => issued.has(s) }),
    })),
    ...(req.nonce ? { nonce: req.nonce } : {}),
    ...options,
  });
}

describe('parseOcspRequest', () => {
  it('reads the CertID OpenSSL sends (SHA-1, no nonce)', async () => {
    const { der } = await opensslRequest([pem.good!], false);
    const req = parseOcspRequest(der);
    expect(req.nonce).toBeUndefined();
    expect(req.signed).toBe(false);
    expect(req.certIds).toHaveLength(1);
    const id = req.certIds[0]!;
    expect(id).toMatchObject({
      serial: 0x2003n,
      serialHex: '2003',
      hashAlgorithm: '1.3.14.3.2.26',
      hashName: 'SHA-1',
    });
    expect(id.issuerNameHash).toHaveLength(20);
    expect(ocspCertIdMatchesIssuer(id, ca.certDer)).toBe(true);
    expect(ocspCertIdMatchesIssuer(id, otherCa.certDer)).toBe(false); // same DN, other key
    expect(createOcspCertId({ issuerCertDer: ca.certDer, serial: 0x2003n }).der).toEqual(id.der);
  });

  it('reads a nonce, several CertIDs and SHA-256 CertIDs', async () => {
    const { der } = await opensslRequest([pem.good!, pem.revoked!], true);
    const req = parseOcspRequest(der);
    expect(req.certIds.map((c) => c.serial)).toEqual([0x2003n, 0x2001n]);
    expect(req.nonce?.[0]).toBe(0x04); // OpenSSL wraps its 16 random bytes in an OCTET STRING
    expect(req.nonce).toHaveLength(18);

    const path = tmp.path('sha256.der');
    await openssl(['ocsp', '-sha256', '-issuer', pem.ca!, '-cert', pem.good!, '-reqout', path, '-no_nonce']);
    const id = parseOcspRequest(new Uint8Array(await readFile(path))).certIds[0]!;
    expect(id.hashName).toBe('SHA-256');
    expect(ocspCertIdMatchesIssuer(id, ca.certDer)).toBe(true);
    expect(createOcspCertId({ issuerCertDer: ca.certDer, serial: 0x2003n, hashName: 'SHA-256' }).der).toEqual(
      id.der,
    );
  });

  it('rejects garbage', async () => {
    for (const bad of [
      new Uint8Array(),
      new Uint8Array([0x30, 0x00]),
      new Uint8Array([1, 2, 3]),
      new Uint8Array([0x30, 0x03, 0x30, 0x01, 0x00, 0xff]),
    ]) {
      await expectCodedError(() => parseOcspRequest(bad), PkiError, 'BAD_OCSP_REQUEST');
    }
  });
});

describe('createOcspResponse, checked by openssl ocsp', () => {
  it('answers good, signed by the CA (Response verify OK)', async () => {
    const req = await opensslRequest([pem.good!], false);
    const r = await opensslCheck(await answer(req.der), [pem.good!]);
    expect(r.out).toContain('Response verify OK');
    expect(r.out).toMatch(new RegExp(`${pem.good}: good\\n`));
    expect(r.out).toContain('OCSP Response Status: successful (0x0)');
    expect(r.out).toContain('Response Type: Basic OCSP Response');
    expect(r.out).toMatch(/Responder Id: [0-9A-F]{40}\n/); // byKey
    expect(r.out).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(r.code).toBe(0);
  });

  it('answers revoked with its reason, and a hold as revoked/certificateHold', async () => {
    const req = await opensslRequest([pem.revoked!, pem.held!, pem.good!], false);
    const r = await opensslCheck(await answer(req.der), [pem.revoked!, pem.held!, pem.good!]);
    expect(r.out).toContain('Response verify OK');
    expect(r.out).toMatch(new RegExp(`${pem.revoked}: revoked\\n(\\t.*\\n)*?\\tReason: keyCompromise\\n`));
    expect(r.out).toMatch(
      new RegExp(
        `${pem.held}: revoked\\n(\\t.*\\n)*?\\tReason: certificateHold\\n\\tRevocation Time: Dec  2 03:04:05 2024 GMT`,
      ),
    );
    expect(r.out).toMatch(new RegExp(`${pem.good}: good\\n`));
  });

  it('answers unknown for a serial the CA never issued', async () => {
    const req = await opensslRequest([pem.unissued!], false);
    const r = await opensslCheck(await answer(req.der), [pem.unissued!]);
    expect(r.out).toContain('Response verify OK');
    expect(r.out).toMatch(new RegExp(`${pem.unissued}: unknown\\n`));
  });

  it('echoes the nonce (OpenSSL checks it against the request)', async () => {
    const req = await opensslRequest([pem.held!], true);
    const ok = await opensslCheck(await answer(req.der), [], req.path);
    expect(ok.out).toContain('Response verify OK');
    expect(ok.out).not.toMatch(/Nonce Verify error|no nonce in response/);
    expect(ok.out).toContain('Revocation Reason: certificateHold (0x6)');
    expect(ok.out).toMatch(/Response Extensions:\n\s+OCSP Nonce: \n\s+0410[0-9A-F]{32}\n/);

    const { certIds, nonce } = parseOcspRequest(req.der);
    const base = { responder: ca, producedAt: now, thisUpdate: now };
    const responses = [{ certId: certIds[0]!, status: { kind: 'good' } as const }];
    const missing = await opensslCheck(await createOcspResponse({ ...base, responses }), [], req.path);
    expect(missing.out).toContain('WARNING: no nonce in response');
    const wrongNonce = Uint8Array.from(nonce!, (b, i) => (i === 5 ? b ^ 1 : b));
    const wrong = await opensslCheck(
      await createOcspResponse({ ...base, responses, nonce: wrongNonce }),
      [],
      req.path,
    );
    expect(wrong.out).toContain('Nonce Verify error');
  });

  it('supports responderID byName, and leaving the CA certificate out', async () => {
    const req = await opensslRequest([pem.good!], false);
    const resp = await answer(req.der, { responderId: 'byName', includeCertificate: false });
    const r = await opensslCheck(resp, [pem.good!]);
    expect(r.out).toContain('Response verify OK');
    expect(r.out).toContain('Responder Id: C = JP, O = JPKI Sandbox, OU = JPKI for digital signature');
    expect(r.out).not.toContain('Certificate:');
    const va = await opensslCheck(resp, [pem.good!], undefined, ['-VAfile', pem.ca!]);
    expect(va.out).toContain('Response verify OK');
  });

  it('fails verification against another CA', async () => {
    const req = await opensslRequest([pem.good!], false);
    const respPath = await tmp.write('resp-other.der', await answer(req.der));
    const r = await openssl([
      'ocsp',
      '-respin',
      respPath,
      '-CAfile',
      pem.otherCa!,
      '-VAfile',
      pem.otherCa!,
      '-issuer',
      pem.otherCa!,
      '-cert',
      pem.good!,
    ]);
    expect(r.stdout + r.stderr).toContain('Response Verify Failure');
  });

  it('makes unsigned error responses', async () => {
    for (const [status, code] of [
      ['malformedRequest', 1],
      ['internalError', 2],
      ['tryLater', 3],
      ['sigRequired', 5],
      ['unauthorized', 6],
    ] as const) {
      const der = createOcspErrorResponse(status);
      expect(der).toEqual(new Uint8Array([0x30, 0x03, 0x0a, 0x01, code]));
      const p = await tmp.write(`err-${status}.der`, der);
      const r = await openssl(['ocsp', '-respin', p, '-resp_text']);
      expect((r.stdout + r.stderr).toLowerCase()).toContain(
        `responder error: ${status.toLowerCase()} (${code})`,
      );
    }
    await expectCodedError(() => createOcspErrorResponse('successful' as 'tryLater'), PkiError, 'BAD_PARAM');
  });

  it('rejects empty responses and reversed times', async () => {
    const certId = createOcspCertId({ issuerCertDer: ca.certDer, serial: 0x2003n });
    const base = { responder: ca, producedAt: now, thisUpdate: now };
    await expectCodedError(createOcspResponse({ ...base, responses: [] }), PkiError, 'BAD_PARAM');
    await expectCodedError(
      createOcspResponse({
        ...base,
        nextUpdate: minutes(-5),
        responses: [{ certId, status: { kind: 'good' } }],
      }),
      PkiError,
      'BAD_TIME',
    );
  });

  it('refuses to sign for a CertID of another issuer (OpenSSL would reject such a response)', async () => {
    const foreign = createOcspCertId({ issuerCertDer: otherCa.certDer, serial: 0x2003n });
    await expectCodedError(
      createOcspResponse({
        responder: ca,
        producedAt: now,
        thisUpdate: now,
        responses: [{ certId: foreign, status: { kind: 'good' } }],
      }),
      PkiError,
      'BAD_PARAM',
    );
  });
});

describe('end to end: openssl ocsp -url against a node:http responder', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const ok = req.method === 'POST' && req.headers['content-type'] === 'application/ocsp-request';
        const body = ok
          ? await answer(new Uint8Array(Buffer.concat(chunks)))
          : createOcspErrorResponse('malformedRequest');
        res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  const query = (issuer: string, certs: string[]) =>
    openssl([
      'ocsp',
      '-url',
      url,
      '-issuer',
      issuer,
      '-CAfile',
      issuer,
      ...certs.flatMap((c) => ['-cert', c]),
    ]);

  it('answers good / revoked / held / unknown with a nonce', async () => {
    const r = await query(pem.ca!, [pem.good!, pem.revoked!, pem.held!, pem.unissued!]);
    const out = r.stdout + r.stderr;
    expect(out).toContain('Response verify OK');
    expect(out).not.toContain('WARNING');
    expect(out).toMatch(new RegExp(`${pem.good}: good\\n`));
    expect(out).toMatch(new RegExp(`${pem.revoked}: revoked\\n(\\t.*\\n)*?\\tReason: keyCompromise\\n`));
    expect(out).toMatch(new RegExp(`${pem.held}: revoked\\n(\\t.*\\n)*?\\tReason: certificateHold\\n`));
    expect(out).toMatch(new RegExp(`${pem.unissued}: unknown\\n`));
    expect(r.code).toBe(0);
  });

  it('refuses CertIDs of another CA generation with "unauthorized"', async () => {
    const r = await query(pem.otherCa!, [pem.foreign!]);
    expect(r.stdout + r.stderr).toContain('Responder Error: unauthorized (6)');
  });
});
