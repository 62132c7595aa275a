import { expectCodedError } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaCredentials,
  createCa,
  issueAuthCertificate,
  issueSignCertificate,
  PkiError,
  parseCertificate,
  type RsaKeyPair,
  readAuthCertificateIssueId,
  readSignCertificateHolder,
} from '../src/index.js';
import {
  CA_NOT_AFTER,
  CA_NOT_BEFORE,
  decodeOpensslEscapes,
  dumpExtension,
  KOKUTO,
  keyPairs,
  openssl,
  TempDir,
} from './helpers.js';

let tmp: TempDir;
let authCa: CaCredentials;
let signCa: CaCredentials;
let otherCa: CaCredentials;
let card: { auth: RsaKeyPair; sign: RsaKeyPair };
const files: Record<string, string> = {};

/** Verification time inside every validity period below (deterministic, not the wall clock). */
const AT = String(Date.parse('2025-01-01T00:00:00Z') / 1000);
const NOT_BEFORE = new Date('2024-07-25T01:23:45Z');
const ISSUE_ID = '840444E37PAFHN08220003A';

beforeAll(async () => {
  tmp = await TempDir.create();
  const [a, s, o, ca, cs] = (await keyPairs(5)) as RsaKeyPair[];
  const ca_ = async (kind: 'auth' | 'sign', k: RsaKeyPair, serial: bigint): Promise<CaCredentials> => ({
    certDer: await createCa({
      kind,
      key: { pkcs8: k.privateKeyPkcs8, spki: k.publicKeySpki },
      serial,
      notBefore: CA_NOT_BEFORE,
      notAfter: CA_NOT_AFTER,
    }),
    privateKeyPkcs8: k.privateKeyPkcs8,
  });
  authCa = await ca_('auth', a!, 1n);
  signCa = await ca_('sign', s!, 2n);
  otherCa = await ca_('auth', o!, 1n); // same DN as authCa, different key: a second generation
  card = { auth: ca!, sign: cs! };
  files.authCa = await tmp.writeCertPem('auth-ca.pem', authCa.certDer);
  files.signCa = await tmp.writeCertPem('sign-ca.pem', signCa.certDer);
  files.otherCa = await tmp.writeCertPem('other-ca.pem', otherCa.certDer);
});
afterAll(() => tmp.cleanup());

const authParams = () => ({
  ca: authCa,
  subjectPublicKeySpki: card.auth.publicKeySpki,
  issueId: ISSUE_ID,
  serial: 0x01020304n,
  notBefore: NOT_BEFORE,
  notAfter: new Date('2029-02-17T14:59:59Z'),
  prefecture: 'Ibaraki-ken',
  city: 'Mito-shi',
  ocspUrl: 'http://127.0.0.1:8080/ocsp/auth',
});

const signParams = () => ({
  ca: signCa,
  subjectPublicKeySpki: card.sign.publicKeySpki,
  serial: 0x0a0b0c0dn,
  notBefore: NOT_BEFORE,
  notAfter: new Date('2029-02-17T14:59:59Z'),
  prefecture: 'Tokyo-to',
  city: 'Kiyose-shi',
  requestCn: '20240725102345001A00001',
  holder: { ...KOKUTO, nameAlt: '00000', addressAlt: '0000000000000000000' },
  ocspUrl: 'http://127.0.0.1:8080/ocsp/sign',
});

async function text(pem: string): Promise<string> {
  const r = await openssl(['x509', '-in', pem, '-noout', '-text', '-nameopt', 'oneline,-esc_msb']);
  expect(r.code).toBe(0);
  return decodeOpensslEscapes(r.stdout);
}

describe('利用者証明用 certificate (card.md §8)', () => {
  it('has the production profile, without personal data', async () => {
    const der = await issueAuthCertificate(authParams());
    const pem = await tmp.writeCertPem('auth.pem', der);
    files.auth = pem;
    const t = await text(pem);
    expect(t).toContain('Version: 3 (0x2)');
    expect(t).toContain('Serial Number: 16909060 (0x1020304)');
    expect(t).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(t).toContain(
      'Issuer: C = JP, O = JPKI Sandbox, OU = JPKI for user authentication, OU = myna-sandbox (not J-LIS)\n',
    );
    expect(t).toContain(`Subject: C = JP, CN = ${ISSUE_ID}\n`);
    expect(t).toContain('Not Before: Jul 25 01:23:45 2024 GMT');
    expect(t).toContain('Not After : Feb 17 14:59:59 2029 GMT');
    expect(t).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature\n/);
    expect(t).toMatch(/X509v3 Extended Key Usage: \n\s+TLS Web Client Authentication\n/);
    expect(t).toMatch(
      /X509v3 Certificate Policies: critical\n\s+Policy: 1\.2\.392\.200149\.8\.5\.1\.3\.30\n\s+CPS: http:\/\/myna-sandbox\.invalid\/cps\n/,
    );
    // OpenSSL 3.0 truncates long GeneralName DNs in -text output; read the issuerAltName itself.
    const ian = await dumpExtension(pem, 'X509v3 Issuer Alternative Name');
    expect(ian).toMatch(/cont \[ 4 \]/); // directoryName
    for (const v of [':JP', ':公的個人認証サービス (サンドボックス)', ':公的個人認証サービス利用者証明用']) {
      expect(ian).toContain(v);
    }
    expect(ian).toContain(':myna-sandbox (地方公共団体情報システム機構ではありません)');
    expect(t).toContain(
      'DirName:C = JP, O = JPKI Sandbox, OU = JPKI for user authentication, OU = CRL Distribution Points, OU = Ibaraki-ken, CN = Mito-shi CRLDP',
    );
    expect(t).toMatch(
      /Authority Information Access: \n\s+OCSP - URI:http:\/\/127\.0\.0\.1:8080\/ocsp\/auth\n/,
    );
    // AKI as J-LIS writes it: keyid, the CA's name and the CA's serial (it tells generations apart).
    expect(t).toMatch(
      /X509v3 Authority Key Identifier: \n\s+keyid:[0-9A-F:]{59}\n\s+DirName:\/C=JP\/O=JPKI Sandbox\/OU=JPKI for user authentication\/OU=myna-sandbox \(not J-LIS\)\n\s+serial:01\n/,
    );
    expect(t).toMatch(/X509v3 Subject Key Identifier: \n\s+[0-9A-F:]{59}\n/);
    expect(t).not.toContain('Subject Alternative Name');
    expect(t).not.toContain('X509v3 Basic Constraints');
  });

  it('chains to its CA and to no other (not even one with the same DN)', async () => {
    const ok = await openssl([
      'verify',
      '-attime',
      AT,
      '-x509_strict',
      '-CAfile',
      files.authCa!,
      files.auth!,
    ]);
    expect(ok.stdout.trim()).toBe(`${files.auth}: OK`);
    expect(ok.code).toBe(0);
    for (const ca of [files.signCa!, files.otherCa!]) {
      const bad = await openssl(['verify', '-attime', AT, '-CAfile', ca, files.auth!]);
      expect(bad.code).not.toBe(0);
      expect(bad.stdout + bad.stderr).toMatch(/unable to get local issuer certificate|signature failure/);
    }
  });

  it('gives back its issue ID, serial, validity and key', async () => {
    const der = await issueAuthCertificate(authParams());
    expect(readAuthCertificateIssueId(der)).toBe(ISSUE_ID);
    const info = parseCertificate(der);
    expect(info).toMatchObject({
      serial: 0x01020304n,
      serialHex: '01020304',
      isCa: false,
      notBefore: NOT_BEFORE,
      subject: `C=JP, CN=${ISSUE_ID}`,
    });
    expect(info.spkiDer).toEqual(card.auth.publicKeySpki);
    expect(info.authorityKeyIdentifier).toBe(parseCertificate(authCa.certDer).subjectKeyIdentifier);
  });

  it('without prefecture/city, points the CRLDP at the CA DN; a CRL URL is added when given', async () => {
    const { prefecture: _p, city: _c, ocspUrl: _o, ...rest } = authParams();
    const der = await issueAuthCertificate({ ...rest, crlUrl: 'http://myna-sandbox.invalid/auth.crl' });
    const t = await text(await tmp.writeCertPem('auth-nopart.pem', der));
    expect(t).toContain(
      'DirName:C = JP, O = JPKI Sandbox, OU = JPKI for user authentication, OU = myna-sandbox (not J-LIS)\n',
    );
    expect(t).toContain('URI:http://myna-sandbox.invalid/auth.crl');
    expect(t).not.toContain('Authority Information Access');
  });

  it('rejects bad input', async () => {
    for (const url of [{ ocspUrl: 'http://例え.jp/' }, { crlUrl: 'not a url' }, { cpsUrl: '' }]) {
      await expectCodedError(issueAuthCertificate({ ...authParams(), ...url }), PkiError, 'BAD_PARAM');
    }
    await expectCodedError(
      issueAuthCertificate({ ...authParams(), issueId: 'SHORT' }),
      PkiError,
      'BAD_PARAM',
    );
    await expectCodedError(issueAuthCertificate({ ...authParams(), city: undefined }), PkiError, 'BAD_PARAM');
    await expectCodedError(
      issueAuthCertificate({ ...authParams(), ca: signCa }),
      PkiError,
      'BAD_CERTIFICATE',
    );
    await expectCodedError(
      issueAuthCertificate({
        ...authParams(),
        ca: { ...authCa, privateKeyPkcs8: card.auth.privateKeyPkcs8 },
      }),
      PkiError,
      'BAD_KEY',
    );
    await expectCodedError(
      issueAuthCertificate({ ...authParams(), notAfter: new Date('2034-01-01T00:00:00Z') }),
      PkiError,
      'BAD_TIME',
    );
    await expectCodedError(
      issueAuthCertificate({ ...authParams(), subjectPublicKeySpki: new Uint8Array([1, 2, 3]) }),
      PkiError,
      'BAD_KEY',
    );
    await expectCodedError(
      issueAuthCertificate({ ...authParams(), ca: { ...authCa, certDer: new Uint8Array(4) } }),
      PkiError,
      'BAD_CERTIFICATE',
    );
  });
});

describe('署名用 certificate (card.md §8)', () => {
  it('has the profile, with the six 基本4情報 otherNames', async () => {
    const der = await issueSignCertificate(signParams());
    const pem = await tmp.writeCertPem('sign.pem', der);
    files.sign = pem;
    const t = await text(pem);
    expect(t).toContain(
      'Issuer: C = JP, O = JPKI Sandbox, OU = JPKI for digital signature, OU = myna-sandbox (not J-LIS)\n',
    );
    expect(t).toContain('Subject: C = JP, L = Tokyo-to, L = Kiyose-shi, CN = 20240725102345001A00001\n');
    expect(t).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature, Non Repudiation\n/);
    expect(t).toMatch(
      /X509v3 Certificate Policies: critical\n\s+Policy: 1\.2\.392\.200149\.8\.5\.1\.1\.20\n\s+CPS: http:\/\/myna-sandbox\.invalid\/cps\n/,
    );
    // J-LIS's order and 代替文字の使用位置情報 strings, as a real certificate prints them
    // (docs/faithfulness.md): 氏名, 生年月日, 性別, 住所, then the two position strings.
    expect(t).toContain(
      'othername: 1.2.392.200149.8.5.5.1::黒桐　幹也, othername: 1.2.392.200149.8.5.5.4::319800217, ' +
        'othername: 1.2.392.200149.8.5.5.3::1, othername: 1.2.392.200149.8.5.5.5::東京都清瀬市観布子南１２－７－２０２, ' +
        'othername: 1.2.392.200149.8.5.5.2::00000, othername: 1.2.392.200149.8.5.5.6::0000000000000000000\n',
    );
    expect(await dumpExtension(pem, 'X509v3 Issuer Alternative Name')).toContain(
      ':公的個人認証サービス署名用',
    );
    expect(t).toContain('OU = CRL Distribution Points, OU = Tokyo-to, CN = Kiyose-shi CRLDP');
    expect(t).toContain('OCSP - URI:http://127.0.0.1:8080/ocsp/sign');
    expect(t).not.toContain('Extended Key Usage');

    // Each GeneralName is otherName [0] { type-id, [0] EXPLICIT UTF8String } (card.md §8).
    const san = await dumpExtension(pem, 'X509v3 Subject Alternative Name');
    const otherNames = [...san.matchAll(/OBJECT +:([\d.]+)\n.*cont \[ 0 \] *\n.*UTF8STRING +:(.*)\n/g)];
    expect(otherNames.map((m) => [m[1], m[2]])).toEqual([
      ['1.2.392.200149.8.5.5.1', '黒桐　幹也'],
      ['1.2.392.200149.8.5.5.4', '319800217'],
      ['1.2.392.200149.8.5.5.3', '1'],
      ['1.2.392.200149.8.5.5.5', '東京都清瀬市観布子南１２－７－２０２'],
      ['1.2.392.200149.8.5.5.2', '00000'],
      ['1.2.392.200149.8.5.5.6', '0000000000000000000'],
    ]);
  });

  it('chains to the signature CA only', async () => {
    const ok = await openssl([
      'verify',
      '-attime',
      AT,
      '-x509_strict',
      '-CAfile',
      files.signCa!,
      files.sign!,
    ]);
    expect(ok.stdout.trim()).toBe(`${files.sign}: OK`);
    const bad = await openssl(['verify', '-attime', AT, '-CAfile', files.authCa!, files.sign!]);
    expect(bad.code).not.toBe(0);
  });

  it('round-trips the holder through readSignCertificateHolder', async () => {
    const holders = [
      { ...KOKUTO },
      {
        name: '髙橋　𠮷子',
        // 髙 and 𠮷 are outside JIS X 0208: J-LIS marks their positions with 1.
        nameAlt: '10010',
        sex: '2',
        birthDate: '1989-01-08',
        address: '大阪府大阪市北区中之島１－３－２０',
        addressAlt: '00000000000000000',
      },
      { name: 'SMITH JOHN', sex: '9', birthDate: '2009-05-01', address: '北海道札幌市中央区北１条西２丁目' },
    ] as const;
    for (const holder of holders) {
      const der = await issueSignCertificate({ ...signParams(), holder });
      expect(readSignCertificateHolder(der)).toEqual({
        nameAlt: '0'.repeat([...holder.name].length),
        addressAlt: '0'.repeat([...holder.address].length),
        ...holder,
      });
    }
  });

  it('is not issued under 15, nor with bad holder data', async () => {
    const young = { ...KOKUTO, birthDate: '2010-07-26' }; // 14 on 2024-07-25 JST
    await expectCodedError(issueSignCertificate({ ...signParams(), holder: young }), PkiError, 'BAD_PARAM');
    const fifteen = { ...KOKUTO, birthDate: '2009-07-25' };
    await expect(issueSignCertificate({ ...signParams(), holder: fifteen })).resolves.toBeInstanceOf(
      Uint8Array,
    );
    await expectCodedError(
      issueSignCertificate({ ...signParams(), holder: { ...KOKUTO, sex: '3' as '1' } }),
      PkiError,
      'BAD_PARAM',
    );
    await expectCodedError(
      issueSignCertificate({ ...signParams(), holder: { ...KOKUTO, birthDate: '1980-02-30' } }),
      PkiError,
      'BAD_DATE',
    );
    await expectCodedError(
      issueSignCertificate({ ...signParams(), holder: { ...KOKUTO, name: '' } }),
      PkiError,
      'BAD_PARAM',
    );
    await expectCodedError(
      issueSignCertificate({ ...signParams(), ca: authCa }),
      PkiError,
      'BAD_CERTIFICATE',
    );
  });

  it('readSignCertificateHolder refuses a certificate without the otherNames', async () => {
    const der = await issueAuthCertificate(authParams());
    expect(() => readSignCertificateHolder(der)).toThrow(/subjectAltName/);
  });
});
