/**
 * CA generations (J-LIS rolled its roots over in 2019 and 2023, certs/README.md of
 * soltia48/myna-card): issue before, roll over, issue after; each certificate chains to its own
 * generation only, each generation's CRL and OCSP answer for its own certificates, renewal moves a
 * card to the new generation. Checked with openssl, not with the code that built them.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createSandbox,
  inProcessOcspChecker,
  issuingAnchor,
  JpkiAuthority,
  MemoryAuthorityStore,
  type Sandbox,
  SandboxClock,
  withCard,
} from '@myna/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, PINS, pem, run, tempDir } from './helpers.js';

let sb: Sandbox;
let clock: SandboxClock;
const tmp = tempDir();
/** openssl's verification time: inside every validity period below. */
const AT = String(Math.floor(Date.parse('2027-06-01T00:00:00Z') / 1000));

beforeAll(() => {
  clock = new SandboxClock();
  clock.freeze('2026-11-22T10:00:00+09:00');
  sb = createSandbox({ clock, ocspUrl: 'http://127.0.0.1/ocsp' });
});
afterAll(() => tmp.cleanup());

const verify = (ca: string, leaf: string, extra: string[] = []) =>
  run('openssl', ['verify', '-attime', AT, ...extra, '-CAfile', ca, leaf]).then(
    (r) => ({ ok: true, out: r.stdout + r.stderr }),
    (e: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );

async function ocspText(name: string, caPem: string, leafPem: string): Promise<string> {
  const req = tmp.file(`${name}-req.der`, new Uint8Array(0));
  await run('openssl', ['ocsp', '-issuer', caPem, '-cert', leafPem, '-reqout', req, '-no_nonce']);
  const resp = tmp.file(`${name}-resp.der`, await sb.authority.ocsp(new Uint8Array(readFileSync(req))));
  const out = await run('openssl', [
    'ocsp',
    '-respin',
    resp,
    '-issuer',
    caPem,
    '-cert',
    leafPem,
    '-CAfile',
    caPem,
    '-attime',
    AT,
    '-validity_period',
    '315360000',
  ]);
  expect(out.stderr).toContain('Response verify OK');
  return out.stdout;
}

async function crlPem(name: string, der: Uint8Array): Promise<string> {
  const d = tmp.file(`${name}.der`, der);
  const p = tmp.file(`${name}.pem`, '');
  await run('openssl', ['crl', '-inform', 'DER', '-in', d, '-out', p]);
  return p;
}

describe('CA roll-over (new generation, old certificates keep their chain)', () => {
  it('issue, roll over, issue: two chains, two CRLs, two OCSP responders', async () => {
    const before = await sb.municipality.issueCard({
      residentId: (await sb.municipality.registerResident({ ...ADULT, name: '両儀　式' })).id,
      pins: PINS,
    });
    const gen1 = await sb.authority.currentGeneration('auth');
    expect(gen1.generation).toBe(1);
    expect(gen1.serialHex).toBe('01');

    clock.set('2026-12-01T09:00:00+09:00');
    const gen2 = await sb.authority.rollOver('auth');
    expect(gen2.generation).toBe(2);
    expect(gen2.serialHex).toMatch(/^[0-9A-F]{8}$/); // 4 bytes, as J-LIS's 0133C349 / 06D18006
    expect(gen2.notBefore.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(gen2.notAfter.toISOString()).toBe('2036-11-30T23:59:59.000Z');
    expect((await sb.authority.generations('auth')).map((g) => g.generation)).toEqual([1, 2]);
    expect((await sb.authority.currentGeneration('auth')).generation).toBe(2);
    expect((await sb.authority.currentGeneration('sign')).generation).toBe(1); // per hierarchy

    const after = await sb.municipality.issueCard({
      residentId: (await sb.municipality.registerResident({ ...ADULT, name: '浅上　藤乃' })).id,
      pins: PINS,
    });
    const leafOf = (r: typeof before) => r.certificates.find((c) => c.kind === 'auth')!;
    const oldLeaf = tmp.file('old-leaf.pem', pem(leafOf(before).der));
    const newLeaf = tmp.file('new-leaf.pem', pem(leafOf(after).der));
    const ca1 = tmp.file('ca1.pem', pem(gen1.credentials.certDer));
    const ca2 = tmp.file('ca2.pem', pem(gen2.credentials.certDer));
    const both = tmp.file('both.pem', pem(gen1.credentials.certDer) + pem(gen2.credentials.certDer));

    // One DN for both generations (as J-LIS); the keys and serials tell them apart.
    const subject = async (f: string) =>
      (await run('openssl', ['x509', '-in', f, '-noout', '-subject'])).stdout;
    expect(await subject(ca1)).toBe(await subject(ca2));
    const text = (await run('openssl', ['x509', '-in', newLeaf, '-noout', '-text'])).stdout;
    expect(text).toMatch(new RegExp(`serial:${gen2.serialHex.match(/../g)!.join(':')}\\n`));

    // Each chains to its own generation only; a relying party trusting both accepts both.
    expect((await verify(ca1, oldLeaf)).ok).toBe(true);
    expect((await verify(ca2, oldLeaf)).ok).toBe(false);
    expect((await verify(ca2, newLeaf)).ok).toBe(true);
    expect((await verify(ca1, newLeaf)).ok).toBe(false);
    expect((await verify(both, oldLeaf)).ok).toBe(true);
    expect((await verify(both, newLeaf)).ok).toBe(true);

    // The relying-party view: trusting every generation, each leaf finds its own root, and OCSP
    // through the RP's client answers against that root.
    const anchors = (await sb.authority.generations('auth')).map((g) => g.credentials.certDer);
    const rpOcsp = inProcessOcspChecker(sb.authority, sb.random, sb.clock);
    for (const [leaf, gen] of [
      [leafOf(before).der, gen1],
      [leafOf(after).der, gen2],
    ] as const) {
      const anchor = issuingAnchor(new X509Certificate(Buffer.from(leaf)), anchors);
      expect(anchor && Buffer.from(anchor.raw).equals(Buffer.from(gen.credentials.certDer))).toBe(true);
      expect((await rpOcsp.check(leaf, gen.credentials.certDer)).status).toBe('good');
    }
    expect(
      issuingAnchor(new X509Certificate(Buffer.from(leafOf(before).der)), [gen2.credentials.certDer]),
    ).toBe(undefined);

    // The card issued after carries the new root in EF 000B; the one before keeps the old.
    const caOn = (cardId: string) =>
      withCard(sb.connector, cardId, 'test', (c) => c.readCertificate('authCa'));
    expect(Buffer.from(await caOn(after.card.id)).equals(Buffer.from(gen2.credentials.certDer))).toBe(true);
    expect(Buffer.from(await caOn(before.card.id)).equals(Buffer.from(gen1.credentials.certDer))).toBe(true);

    // OCSP: each generation answers for its own certificates, signed with its own key.
    expect(await ocspText('old-good', ca1, oldLeaf)).toMatch(/: good/);
    expect(await ocspText('new-good', ca2, newLeaf)).toMatch(/: good/);
    // Asked under the wrong generation, the serial is unknown (that CA never signed it).
    const wrongReq = tmp.file('wrong-req.der', new Uint8Array(0));
    await run('openssl', ['ocsp', '-issuer', ca2, '-cert', oldLeaf, '-reqout', wrongReq, '-no_nonce']);
    const wrong = tmp.file('wrong-resp.der', await sb.authority.ocsp(new Uint8Array(readFileSync(wrongReq))));
    const wrongText = await run('openssl', ['ocsp', '-respin', wrong, '-resp_text', '-noverify']);
    expect(wrongText.stdout).toMatch(/Cert Status: unknown/);

    // Revoke one certificate of each generation: each CRL lists only its own.
    await sb.authority.revoke('auth', leafOf(before).serialHex, 'keyCompromise');
    await sb.authority.revoke('auth', leafOf(after).serialHex, 'cessationOfOperation');
    const crl1 = await crlPem('crl1', await sb.authority.crl('auth', 1));
    const crl2 = await crlPem('crl2', await sb.authority.crl('auth'));
    const listed = async (crl: string, ca: string) => {
      const r = await run('openssl', ['crl', '-in', crl, '-noout', '-text', '-CAfile', ca]);
      expect(r.stderr).toContain('verify OK');
      return [...r.stdout.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1]);
    };
    expect(await listed(crl1, ca1)).toEqual([leafOf(before).serialHex]);
    expect(await listed(crl2, ca2)).toEqual([leafOf(after).serialHex]);
    expect((await verify(ca1, oldLeaf, ['-crl_check', '-CRLfile', crl1])).out).toMatch(/certificate revoked/);
    expect((await verify(ca2, newLeaf, ['-crl_check', '-CRLfile', crl2])).out).toMatch(/certificate revoked/);
    expect(await ocspText('old-revoked', ca1, oldLeaf)).toMatch(/: revoked[\s\S]*Reason: keyCompromise/);
  });

  it('two instances over one store agree: a roll-over on one is seen by the other, a race makes one generation', async () => {
    const store = new MemoryAuthorityStore();
    const c = new SandboxClock();
    c.freeze('2026-11-22T10:00:00+09:00');
    const a = new JpkiAuthority(store, c, { sandboxId: 'shared' });
    const b = new JpkiAuthority(store, c, { sandboxId: 'shared' });
    expect((await a.currentGeneration('sign')).keyIdHex).toBe((await b.currentGeneration('sign')).keyIdHex);
    const [x, y] = await Promise.all([a.rollOver('sign'), b.rollOver('sign')]);
    expect([x.generation, y.generation]).toEqual([2, 2]);
    expect(Buffer.from(x.credentials.certDer).equals(Buffer.from(y.credentials.certDer))).toBe(true);
    await a.rollOver('sign');
    expect((await b.currentGeneration('sign')).generation).toBe(3);
    expect((await b.generations('sign')).map((g) => g.generation)).toEqual([1, 2, 3]);
  });

  it('renewal after a roll-over issues under the new generation and writes its root to the card', async () => {
    const s = createSandbox({ clock: new SandboxClock(), ocspUrl: 'http://127.0.0.1/ocsp' });
    const c = s.clock;
    c.freeze('2026-11-22T10:00:00+09:00');
    const r = await s.municipality.registerResident({ ...ADULT, birthDate: '1990-03-10' });
    const { card } = await s.municipality.issueCard({ residentId: r.id, pins: PINS });
    c.set('2030-12-10T10:00:00+09:00');
    const gen2 = await s.authority.rollOver('auth');
    const renewed = await s.municipality.renewCertificates(card.id, s.connector);
    const auth = renewed.certificates.find((x) => x.kind === 'auth')!;
    expect((await s.authority.generationFor('auth', auth.der))?.generation).toBe(2);
    const sign = renewed.certificates.find((x) => x.kind === 'sign')!;
    expect((await s.authority.generationFor('sign', sign.der))?.generation).toBe(1);
    await withCard(s.connector, card.id, 'test', async (client) => {
      expect(
        Buffer.from(await client.readCertificate('authCa')).equals(Buffer.from(gen2.credentials.certDer)),
      ).toBe(true);
    });
    const ca = tmp.file('renew-ca.pem', pem(gen2.credentials.certDer));
    const leaf = tmp.file('renew-leaf.pem', pem(auth.der));
    const at = String(Math.floor(Date.parse('2031-01-01T00:00:00Z') / 1000));
    const ok = await run('openssl', ['verify', '-attime', at, '-CAfile', ca, leaf]);
    expect(ok.stdout).toContain('OK');
  });
});
