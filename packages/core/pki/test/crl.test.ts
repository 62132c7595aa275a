import { expectCodedError } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaCredentials,
  createCa,
  createCrl,
  crlToPem,
  issueAuthCertificate,
  ocspStatusFor,
  PkiError,
  parseCertificate,
  parseCrl,
  pemToDer,
  type RevokedCertificate,
  type RsaKeyPair,
} from '../src/index.js';
import { CA_NOT_AFTER, CA_NOT_BEFORE, keyPairs, openssl, TempDir } from './helpers.js';

let tmp: TempDir;
let ca: CaCredentials;
let caPem: string;
const leafPem: Record<string, string> = {};

const THIS_UPDATE = new Date('2025-01-01T00:00:00Z');
const NEXT_UPDATE = new Date('2025-01-02T00:00:00Z');
const AT = String(Date.parse('2025-01-01T12:00:00Z') / 1000);

const revoked: RevokedCertificate[] = [
  { serial: 0x1001n, revokedAt: new Date('2024-12-01T00:00:00Z'), reason: 'keyCompromise' },
  {
    serial: 0x1002n,
    revokedAt: new Date('2024-12-02T00:00:00Z'),
    reason: 'certificateHold',
    holdInstruction: 'callIssuer',
    invalidityDate: new Date('2024-11-30T00:00:00Z'),
  },
  {
    serial: new Uint8Array([0x00, 0xff, 0x01]),
    revokedAt: new Date('2024-12-03T00:00:00Z'),
    reason: 'unspecified',
  },
  { serial: 0x1004n, revokedAt: new Date('2024-12-04T00:00:00Z'), reason: 'affiliationChanged' },
];

beforeAll(async () => {
  tmp = await TempDir.create();
  const [caKey, card] = (await keyPairs(2)) as [RsaKeyPair, RsaKeyPair];
  ca = {
    certDer: await createCa({
      kind: 'auth',
      key: { pkcs8: caKey.privateKeyPkcs8, spki: caKey.publicKeySpki },
      serial: 1n,
      notBefore: CA_NOT_BEFORE,
      notAfter: CA_NOT_AFTER,
    }),
    privateKeyPkcs8: caKey.privateKeyPkcs8,
  };
  caPem = await tmp.writeCertPem('ca.pem', ca.certDer);
  for (const [name, serial] of [
    ['revoked', 0x1001n],
    ['held', 0x1002n],
    ['good', 0x1003n],
  ] as const) {
    const der = await issueAuthCertificate({
      ca,
      subjectPublicKeySpki: card.publicKeySpki,
      issueId: `ISSUE${serial.toString(16).toUpperCase().padStart(18, '0')}`,
      serial,
      notBefore: new Date('2024-07-25T00:00:00Z'),
      notAfter: new Date('2029-07-25T14:59:59Z'),
      prefecture: 'Ibaraki-ken',
      city: 'Mito-shi',
    });
    leafPem[name] = await tmp.writeCertPem(`${name}.pem`, der);
  }
});
afterAll(() => tmp.cleanup());

const crlParams = () => ({ ca, thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE, crlNumber: 42n, revoked });

describe('createCrl (RFC 5280 §5)', () => {
  it('is a v2 CRL that OpenSSL verifies, with AKI, CRL number and entry extensions', async () => {
    const der = await createCrl(crlParams());
    const pem = crlToPem(der);
    expect(pem.startsWith('-----BEGIN X509 CRL-----\n')).toBe(true);
    expect(pem.endsWith('-----END X509 CRL-----\n')).toBe(true);
    expect(pemToDer(pem, 'X509 CRL')).toEqual(der);
    const crlPath = await tmp.write('crl.pem', pem);
    const r = await openssl(['crl', '-in', crlPath, '-noout', '-text', '-CAfile', caPem]);
    expect(r.stderr).toContain('verify OK');
    const t = r.stdout;
    expect(t).toContain('Version 2 (0x1)');
    expect(t).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(t).toContain(
      'Issuer: C = JP, O = JPKI Sandbox, OU = JPKI for user authentication, OU = myna-sandbox (not J-LIS)',
    );
    expect(t).toContain('Last Update: Jan  1 00:00:00 2025 GMT');
    expect(t).toContain('Next Update: Jan  2 00:00:00 2025 GMT');
    expect(t).toMatch(/X509v3 CRL Number: \n\s+42\n/);
    expect(t).toContain(parseCertificate(ca.certDer).subjectKeyIdentifier!.match(/../g)!.join(':'));
    expect(t).toMatch(
      /Serial Number: 1001\n\s+Revocation Date: Dec {2}1 00:00:00 2024 GMT\n.*\n.*\n\s+Key Compromise/,
    );
    expect(t).toMatch(
      /Serial Number: 1002\n[\s\S]*?Certificate Hold\n\s+Hold Instruction Code: \n\s+Hold Instruction Call Issuer\n\s+Invalidity Date: \n\s+Nov 30 00:00:00 2024 GMT/,
    );
    // unspecified → no reasonCode extension at all (RFC 5280 §5.3.1)
    expect(t).toMatch(
      /Serial Number: FF01\n\s+Revocation Date: Dec {2}3 00:00:00 2024 GMT\n\s+Serial Number: 1004/,
    );
    expect(t).toContain('Affiliation Changed');
  });

  it('makes `openssl verify -crl_check` report revoked and held certificates, and pass others', async () => {
    const crlPath = await tmp.write('crl2.pem', crlToPem(await createCrl(crlParams())));
    const verify = (leaf: string) =>
      openssl(['verify', '-attime', AT, '-crl_check', '-CAfile', caPem, '-CRLfile', crlPath, leaf]);
    const good = await verify(leafPem.good!);
    expect(good.stdout.trim()).toBe(`${leafPem.good}: OK`);
    for (const name of ['revoked', 'held']) {
      const r = await verify(leafPem[name]!);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('certificate revoked');
    }
    // An empty CRL revokes nothing.
    const empty = await tmp.write('empty.pem', crlToPem(await createCrl({ ...crlParams(), revoked: [] })));
    const r = await openssl([
      'verify',
      '-attime',
      AT,
      '-crl_check',
      '-CAfile',
      caPem,
      '-CRLfile',
      empty,
      leafPem.held!,
    ]);
    expect(r.code).toBe(0);
  });

  it('fails verification once the CRL has expired (nextUpdate is honoured)', async () => {
    const crlPath = await tmp.write('crl3.pem', crlToPem(await createCrl(crlParams())));
    const later = String(Date.parse('2025-01-03T00:00:00Z') / 1000);
    const r = await openssl([
      'verify',
      '-attime',
      later,
      '-crl_check',
      '-CAfile',
      caPem,
      '-CRLfile',
      crlPath,
      leafPem.good!,
    ]);
    expect(r.stdout + r.stderr).toContain('CRL has expired');
  });

  it('reads back with parseCrl', async () => {
    const info = parseCrl(await createCrl(crlParams()));
    expect(info).toMatchObject({
      thisUpdate: THIS_UPDATE,
      nextUpdate: NEXT_UPDATE,
      crlNumber: 42n,
      authorityKeyIdentifier: parseCertificate(ca.certDer).subjectKeyIdentifier,
    });
    expect(info.deltaOf).toBeUndefined();
    expect(info.entries).toEqual([
      {
        serial: 0x1001n,
        serialHex: '1001',
        revokedAt: new Date('2024-12-01T00:00:00Z'),
        reason: 'keyCompromise',
      },
      {
        serial: 0x1002n,
        serialHex: '1002',
        revokedAt: new Date('2024-12-02T00:00:00Z'),
        reason: 'certificateHold',
      },
      { serial: 0xff01n, serialHex: 'FF01', revokedAt: new Date('2024-12-03T00:00:00Z') },
      {
        serial: 0x1004n,
        serialHex: '1004',
        revokedAt: new Date('2024-12-04T00:00:00Z'),
        reason: 'affiliationChanged',
      },
    ]);
  });

  it('makes delta CRLs, the only place for removeFromCRL', async () => {
    const lifted: RevokedCertificate = {
      serial: 0x1002n,
      revokedAt: new Date('2024-12-20T00:00:00Z'),
      reason: 'removeFromCRL',
    };
    await expectCodedError(createCrl({ ...crlParams(), revoked: [lifted] }), PkiError, 'BAD_PARAM');
    const der = await createCrl({ ...crlParams(), crlNumber: 43n, deltaOf: 42n, revoked: [lifted] });
    const p = await tmp.write('delta.pem', crlToPem(der));
    const t = (await openssl(['crl', '-in', p, '-noout', '-text'])).stdout;
    expect(t).toMatch(/X509v3 Delta CRL Indicator: critical\n\s+42\n/);
    expect(t).toContain('Remove From CRL');
    expect(parseCrl(der)).toMatchObject({ crlNumber: 43n, deltaOf: 42n });
  });

  it('rejects duplicates, bad numbers, misplaced hold instructions and reversed times', async () => {
    const dup = [...revoked, { ...revoked[0]!, reason: 'superseded' as const }];
    await expectCodedError(createCrl({ ...crlParams(), revoked: dup }), PkiError, 'BAD_PARAM');
    await expectCodedError(createCrl({ ...crlParams(), crlNumber: -1n }), PkiError, 'BAD_PARAM');
    await expectCodedError(createCrl({ ...crlParams(), crlNumber: 1.5 }), PkiError, 'BAD_PARAM');
    await expectCodedError(
      createCrl({
        ...crlParams(),
        revoked: [{ serial: 1n, revokedAt: THIS_UPDATE, reason: 'keyCompromise', holdInstruction: 'reject' }],
      }),
      PkiError,
      'BAD_PARAM',
    );
    await expectCodedError(
      createCrl({
        ...crlParams(),
        revoked: [{ serial: 1n, revokedAt: THIS_UPDATE, reason: 'cACompromise' as 'unspecified' }],
      }),
      PkiError,
      'BAD_PARAM',
    );
    await expectCodedError(createCrl({ ...crlParams(), nextUpdate: THIS_UPDATE }), PkiError, 'BAD_TIME');
  });
});

describe('ocspStatusFor', () => {
  it('derives good / revoked / hold / lifted hold / unknown', () => {
    expect(ocspStatusFor(0x1003n, revoked)).toEqual({ kind: 'good' });
    expect(ocspStatusFor(0x1001n, revoked)).toEqual({
      kind: 'revoked',
      revokedAt: new Date('2024-12-01T00:00:00Z'),
      reason: 'keyCompromise',
    });
    expect(ocspStatusFor(new Uint8Array([0x10, 0x02]), revoked)).toMatchObject({
      kind: 'revoked',
      reason: 'certificateHold',
    });
    expect(ocspStatusFor(0xff01n, revoked)).toMatchObject({ kind: 'revoked', reason: 'unspecified' });
    const lifted = [
      ...revoked,
      { serial: 0x1002n, revokedAt: new Date('2024-12-20T00:00:00Z'), reason: 'removeFromCRL' as const },
    ];
    expect(ocspStatusFor(0x1002n, lifted)).toEqual({ kind: 'good' });
    const heldAgain = [
      ...lifted,
      { serial: 0x1002n, revokedAt: new Date('2024-12-21T00:00:00Z'), reason: 'keyCompromise' as const },
    ];
    expect(ocspStatusFor(0x1002n, heldAgain)).toMatchObject({ kind: 'revoked', reason: 'keyCompromise' });
    expect(ocspStatusFor(0x1500n, revoked, { isIssued: (s) => s < 0x2000n })).toEqual({ kind: 'good' });
    expect(ocspStatusFor(0x1500n, revoked, { isIssued: (s) => s < 0x1005n })).toEqual({ kind: 'unknown' });
  });
});
