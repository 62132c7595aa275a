import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMynaError } from '@myna/errors';
import { createOcspCertId, parseCertificate, parseOcspRequest } from '@myna/pki';
import { cryptoRandom } from '@myna/ports';
import {
  buildOcspRequest,
  createSandbox,
  httpOcspChecker,
  inProcessOcspChecker,
  OcspClient,
  type Sandbox,
  SandboxClock,
} from '@myna/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, PINS } from './helpers.js';

/** The OCSP client of the relying-party demo and the doctor (RFC 6960; pin-lifecycle.md §5.3–5.4). */

let sb: Sandbox;
let authCa: Uint8Array;
let signCa: Uint8Array;
let certs: { auth: Uint8Array; sign: Uint8Array; cardId: string };
let server: Server;
let url: string;

beforeAll(async () => {
  const clock = new SandboxClock();
  clock.freeze('2026-11-22T10:00:00+09:00');
  sb = createSandbox({ clock });
  const { card, certificates } = await sb.municipality.registerAndIssue(ADULT, { pins: PINS });
  certs = {
    auth: certificates.find((c) => c.kind === 'auth')!.der,
    sign: certificates.find((c) => c.kind === 'sign')!.der,
    cardId: card.id,
  };
  authCa = (await sb.authority.ca('auth')).certDer;
  signCa = (await sb.authority.ca('sign')).certDer;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void sb.authority.ocsp(new Uint8Array(Buffer.concat(chunks))).then((der) => {
        res.writeHead(200, { 'content-type': 'application/ocsp-response' });
        res.end(Buffer.from(der));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocsp`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isMynaError(e, 'RP_VERIFICATION_FAILED')) return String(e.details.reason);
    throw e;
  }
  throw new Error('expected RP_VERIFICATION_FAILED');
}

describe('OCSP client', () => {
  it('builds a request the authority parses (one CertID, the nonce as an OCTET STRING)', () => {
    const id = createOcspCertId({ issuerCertDer: authCa, serial: parseCertificate(certs.auth).serial });
    const req = parseOcspRequest(buildOcspRequest(id.der, Uint8Array.of(1, 2, 3)));
    expect(req.certIds).toHaveLength(1);
    expect(req.certIds[0]!.serialHex).toBe(parseCertificate(certs.auth).serialHex);
    expect(Buffer.from(req.nonce!).toString('hex')).toBe('0403010203');
  });

  it('reports good, hold (suspension) and revoked, in process and over HTTP', async () => {
    const inProc = inProcessOcspChecker(sb.authority, cryptoRandom, sb.clock);
    const http = httpOcspChecker(url, cryptoRandom, sb.clock);
    for (const checker of [inProc, http]) {
      expect((await checker.check(certs.auth, authCa)).status).toBe('good');
      expect((await checker.check(certs.sign, signCa)).status).toBe('good');
    }
    await sb.authority.holdCard(certs.cardId);
    const held = await inProc.check(certs.auth, authCa);
    expect(held).toMatchObject({ status: 'hold', reason: 'certificateHold' });
    expect((await http.check(certs.sign, signCa)).status).toBe('hold');
    await sb.authority.releaseCard(certs.cardId);
    expect((await inProc.check(certs.auth, authCa)).status).toBe('good');
    await sb.authority.revoke('sign', parseCertificate(certs.sign).serialHex, 'affiliationChanged');
    expect(await http.check(certs.sign, signCa)).toMatchObject({
      status: 'revoked',
      reason: 'affiliationChanged',
    });
    expect((await inProc.check(certs.auth, authCa)).status).toBe('good');
  });

  it('rejects what it cannot trust: an error status, a replayed nonce, a tampered signature, no responder', async () => {
    const other = createSandbox({ clock: sb.clock });
    // A responder that does not know this CA answers `unauthorized` (an error status).
    const wrong = new OcspClient({
      send: (r) => other.authority.ocsp(r),
      random: cryptoRandom,
      clock: sb.clock,
    });
    expect(await reason(wrong.check(certs.auth, authCa))).toBe('ocsp-error-status');
    // A replayed response (another nonce).
    let saved: Uint8Array | undefined;
    const replay = new OcspClient({
      send: async (r) => {
        saved ??= await sb.authority.ocsp(r);
        return saved;
      },
      random: cryptoRandom,
      clock: sb.clock,
    });
    await replay.check(certs.auth, authCa);
    expect(await reason(replay.check(certs.auth, authCa))).toBe('ocsp-nonce');
    // A tampered signature.
    const tampered = new OcspClient({
      send: async (r) => {
        const der = new Uint8Array(await sb.authority.ocsp(r));
        // producedAt (the first GeneralizedTime, inside the signed ResponseData): one second later.
        const at = Buffer.from(der).indexOf(Buffer.from([0x18, 0x0f]));
        der[at + 2 + 13]! ^= 0x01;
        return der;
      },
      random: cryptoRandom,
      clock: sb.clock,
    });
    expect(await reason(tampered.check(certs.auth, authCa))).toBe('ocsp-signature');
    const down = httpOcspChecker('http://127.0.0.1:1/ocsp', cryptoRandom, sb.clock, { timeoutMs: 2000 });
    expect(await reason(down.check(certs.auth, authCa))).toBe('ocsp-unreachable');
  });

  it('refuses a stale response (the clock moved past nextUpdate)', async () => {
    let saved: Uint8Array | undefined;
    const clock = new SandboxClock();
    clock.freeze(sb.clock.now());
    const client = new OcspClient({
      send: async (r) => {
        // Echo the nonce of each request, but the answer's window is an hour long.
        saved = await sb.authority.ocsp(r);
        return saved;
      },
      random: cryptoRandom,
      clock,
    });
    expect((await client.check(certs.auth, authCa)).status).toBe('good');
    const late = new OcspClient({
      send: async (r) => {
        const der = await sb.authority.ocsp(r);
        clock.advance(3 * 3600_000);
        return der;
      },
      random: cryptoRandom,
      clock,
    });
    expect(await reason(late.check(certs.auth, authCa))).toBe('ocsp-stale');
  });
});
