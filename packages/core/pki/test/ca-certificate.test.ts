import { expectCodedError } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCa,
  generateRsaKeyPair,
  PkiError,
  parseCertificate,
  type RsaKeyPair,
  spkiFromPkcs8,
} from '../src/index.js';
import { CA_NOT_AFTER, CA_NOT_BEFORE, decodeOpensslEscapes, keyPairs, openssl, TempDir } from './helpers.js';

let tmp: TempDir;
let key: RsaKeyPair;
let other: RsaKeyPair;

beforeAll(async () => {
  tmp = await TempDir.create();
  [key, other] = (await keyPairs(2)) as [RsaKeyPair, RsaKeyPair];
});
afterAll(() => tmp.cleanup());

const caParams = () => ({
  key: { pkcs8: key.privateKeyPkcs8, spki: key.publicKeySpki },
  serial: 1n,
  notBefore: CA_NOT_BEFORE,
  notAfter: CA_NOT_AFTER,
});

describe('generateRsaKeyPair', () => {
  it('makes RSA-2048, e = 65537 keys as PKCS#8 / SPKI DER', async () => {
    const k = await generateRsaKeyPair();
    expect(spkiFromPkcs8(k.privateKeyPkcs8)).toEqual(k.publicKeySpki);
    const p = await tmp.write('k.der', k.publicKeySpki);
    const r = await openssl(['pkey', '-pubin', '-inform', 'DER', '-in', p, '-text', '-noout']);
    expect(r.stdout).toContain('Public-Key: (2048 bit)');
    expect(r.stdout).toContain('Exponent: 65537 (0x10001)');
  });
});

describe('createCa (card.md §8)', () => {
  it.each(['auth', 'sign'] as const)('%s CA has the JPKI CA profile, with sandbox names', async (kind) => {
    const der = await createCa({ kind, ...caParams() });
    const pem = await tmp.writeCertPem(`ca-${kind}.pem`, der);
    const unit = kind === 'auth' ? 'JPKI for user authentication' : 'JPKI for digital signature';
    const dn = `C = JP, O = JPKI Sandbox, OU = ${unit}, OU = myna-sandbox (not J-LIS)`;
    const r = await openssl(['x509', '-in', pem, '-noout', '-text', '-nameopt', 'oneline,-esc_msb']);
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text).toContain(`Issuer: ${dn}\n`);
    expect(text).toContain(`Subject: ${dn}\n`);
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/X509v3 Key Usage: critical\n\s+Certificate Sign, CRL Sign\n/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:TRUE\n/);
    expect(text).toMatch(/X509v3 Subject Alternative Name: \n\s+DirName:/);
    expect(text).toContain(`DirName:${dn}`); // CRLDP = own DN, as J-LIS
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).not.toContain('Japan Agency for Local Authority Information Systems');

    expect(decodeOpensslEscapes(text)).toContain('DirName:/C=JP/O=公的個人認証サービス (サンドボックス)\n');

    const v = await openssl(['verify', '-x509_strict', '-CAfile', pem, pem]);
    expect(v.stdout.trim()).toBe(`${pem}: OK`);
  });

  it('adds a CRL URL and, on request, the generation', async () => {
    const der = await createCa({
      kind: 'sign',
      ...caParams(),
      generation: 3,
      crlUrl: 'http://myna-sandbox.invalid/crl/sign.crl',
    });
    const pem = await tmp.writeCertPem('ca-gen3.pem', der);
    const r = await openssl(['x509', '-in', pem, '-noout', '-text']);
    expect(r.stdout).toContain('OU = generation 3');
    expect(r.stdout).toContain('URI:http://myna-sandbox.invalid/crl/sign.crl');
  });

  it('is readable with parseCertificate', async () => {
    const der = await createCa({ kind: 'auth', ...caParams(), serial: 0x6d18006n });
    const info = parseCertificate(der);
    expect(info).toMatchObject({
      serial: 0x6d18006n,
      serialHex: '06D18006',
      isCa: true,
      notBefore: CA_NOT_BEFORE,
      notAfter: CA_NOT_AFTER,
      subject: 'C=JP, O=JPKI Sandbox, OU=JPKI for user authentication, OU=myna-sandbox (not J-LIS)',
    });
    expect(info.issuer).toBe(info.subject);
    expect(info.spkiDer).toEqual(key.publicKeySpki);
    expect(info.subjectKeyIdentifier).toMatch(/^[0-9A-F]{40}$/);
  });

  it('is deterministic: same inputs, same DER (PKCS#1 v1.5 signatures have no randomness)', async () => {
    const a = await createCa({ kind: 'auth', ...caParams() });
    const b = await createCa({ kind: 'auth', ...caParams() });
    expect(a).toEqual(b);
  });

  it('rejects mismatched keys, bad serials and bad validity', async () => {
    const bad = (p: Partial<Parameters<typeof createCa>[0]>) =>
      createCa({ kind: 'auth', ...caParams(), ...p });
    await expectCodedError(
      bad({ key: { pkcs8: key.privateKeyPkcs8, spki: other.publicKeySpki } }),
      PkiError,
      'BAD_KEY',
    );
    await expectCodedError(bad({ serial: 0n }), PkiError, 'BAD_SERIAL');
    await expectCodedError(bad({ serial: 1n << 160n }), PkiError, 'BAD_SERIAL');
    await expectCodedError(bad({ notAfter: CA_NOT_BEFORE }), PkiError, 'BAD_TIME');
    await expectCodedError(bad({ notBefore: new Date(Number.NaN) }), PkiError, 'BAD_TIME');
    await expectCodedError(bad({ generation: 0 }), PkiError, 'BAD_PARAM');
  });
});
