import { X509Certificate } from 'node:crypto';
import { buildServer, type SandboxServer } from '@myna/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** CA generations over HTTP: the list, the roll-over, and each generation's public certificate and CRL. */
let s: SandboxServer;
let key: string;
const h = () => ({ 'x-api-key': key });

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(5) });
  key = s.defaultSandbox.apiKey;
});
afterAll(() => s.close());

interface Gen {
  kind: string;
  generation: number;
  current: boolean;
  serialHex: string;
  subject: string;
  keyIdHex: string;
  certificates: number;
  certificatePem: string;
  caUrl: string;
  crlUrl: string;
}
const generations = async (): Promise<Gen[]> =>
  (await s.app.inject({ url: '/api/authority/generations', headers: h() })).json();

describe('CA generations (API)', () => {
  it('lists, rolls over, and publishes each generation', async () => {
    expect((await s.app.inject({ method: 'POST', url: '/api/authority/auth/rollover' })).statusCode).toBe(
      401,
    );
    const first = await generations();
    expect(first.map((g) => [g.kind, g.generation, g.current, g.serialHex])).toEqual([
      ['auth', 1, true, '01'],
      ['sign', 1, true, '01'],
    ]);
    expect(first[0]!.caUrl).toBe('/s/default/ca/auth/1.cer');

    const before = await s.app.inject({ method: 'POST', url: '/api/cards', headers: h(), payload: {} });
    expect(before.statusCode).toBe(201);

    const r = await s.app.inject({ method: 'POST', url: '/api/authority/auth/rollover', headers: h() });
    expect(r.statusCode).toBe(200);
    const gen2 = r.json() as Gen;
    expect([gen2.kind, gen2.generation, gen2.current, gen2.certificates]).toEqual(['auth', 2, true, 0]);
    expect(gen2.serialHex).toMatch(/^[0-9A-F]{8}$/);
    expect(gen2.subject).toBe(first[0]!.subject);

    const after = await s.app.inject({ method: 'POST', url: '/api/cards', headers: h(), payload: {} });
    expect(after.statusCode).toBe(201);
    const list = await generations();
    expect(list.map((g) => [g.kind, g.generation, g.current, g.certificates])).toEqual([
      ['auth', 1, false, 1],
      ['auth', 2, true, 1],
      ['sign', 1, true, 2],
    ]);
    // The card detail says which generation signed each certificate: the old card stays on 1.
    const signedBy = async (id: string) =>
      (
        (await s.app.inject({ url: `/api/cards/${id}`, headers: h() })).json() as {
          certificates: { kind: string; generation: number | null }[];
        }
      ).certificates.map((c) => [c.kind, c.generation]);
    expect(await signedBy(before.json().id)).toEqual([
      ['auth', 1],
      ['sign', 1],
    ]);
    expect(await signedBy(after.json().id)).toEqual([
      ['auth', 2],
      ['sign', 1],
    ]);

    // Public, without an API key: the current generation at the old path, each at its own.
    const der = async (url: string) => {
      const res = await s.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      return new X509Certificate(res.rawPayload);
    };
    const pem2 = new X509Certificate(gen2.certificatePem);
    expect((await der('/s/default/ca/auth.cer')).fingerprint256).toBe(pem2.fingerprint256);
    expect((await der(gen2.caUrl)).fingerprint256).toBe(pem2.fingerprint256);
    expect((await der('/s/default/ca/auth/1.cer')).fingerprint256).toBe(
      new X509Certificate(first[0]!.certificatePem).fingerprint256,
    );
    const crl = await s.app.inject({ url: gen2.crlUrl });
    expect([crl.statusCode, crl.headers['content-type']]).toEqual([200, 'application/pkix-crl']);
    expect((await s.app.inject({ url: '/s/default/crl/auth/1.crl' })).statusCode).toBe(200);
    const missing = await s.app.inject({ url: '/s/default/ca/sign/2.cer' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'NOT_FOUND']);
    expect((await s.app.inject({ url: '/s/default/crl/auth/0.crl' })).json().code).toBe('INVALID_ARGUMENT');
    const badKind = await s.app.inject({
      method: 'POST',
      url: '/api/authority/other/rollover',
      headers: h(),
    });
    expect([badKind.statusCode, badKind.json().code]).toEqual([400, 'INVALID_ARGUMENT']);
  });
});
