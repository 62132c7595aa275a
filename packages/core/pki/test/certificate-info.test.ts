import { fc, test } from '@fast-check/vitest';
import { expectCodedError } from '@myna/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CaCredentials,
  certificateToPem,
  createCa,
  issueAuthCertificate,
  MAX_SERIAL,
  PkiError,
  parseCertificate,
  pemToDer,
  type RsaKeyPair,
  serialFromHex,
  serialToBigint,
  serialToHex,
} from '../src/index.js';
import { keyPairs } from './helpers.js';

let caKey: RsaKeyPair;
let card: RsaKeyPair;
let wideCa: CaCredentials;

const EARLIEST = Date.parse('1950-01-01T00:00:00Z'); // UTCTime from 1950, GeneralizedTime from 2050
const LATEST = Date.parse('2199-12-31T23:59:59Z');

beforeAll(async () => {
  [caKey, card] = (await keyPairs(2)) as [RsaKeyPair, RsaKeyPair];
  wideCa = {
    certDer: await createCa({
      kind: 'auth',
      key: { pkcs8: caKey.privateKeyPkcs8, spki: caKey.publicKeySpki },
      serial: 1n,
      notBefore: new Date(EARLIEST),
      notAfter: new Date(LATEST),
    }),
    privateKeyPkcs8: caKey.privateKeyPkcs8,
  };
});

const serialArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 0xffffn }),
  fc.bigInt({ min: 1n, max: MAX_SERIAL }),
  fc.constantFrom(1n, 0x7fn, 0x80n, 0xffn, 0x100n, MAX_SERIAL),
);
/** Whole seconds (DER times have no fractions), notBefore < notAfter. */
const validityArb = fc
  .tuple(
    fc.integer({ min: EARLIEST / 1000, max: LATEST / 1000 }),
    fc.integer({ min: EARLIEST / 1000, max: LATEST / 1000 }),
  )
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => [new Date(Math.min(a, b) * 1000), new Date(Math.max(a, b) * 1000)] as const);

describe('parseCertificate round trip (property)', () => {
  test.prop([serialArb, validityArb], { numRuns: 40 })(
    'CA certificates keep serial and dates',
    async (serial, [nb, na]) => {
      const der = await createCa({
        kind: 'sign',
        key: { pkcs8: caKey.privateKeyPkcs8, spki: caKey.publicKeySpki },
        serial,
        notBefore: nb,
        notAfter: na,
      });
      const info = parseCertificate(der);
      expect(info.serial).toBe(serial);
      expect(serialFromHex(info.serialHex)).toBe(serial);
      expect(info.notBefore).toEqual(nb);
      expect(info.notAfter).toEqual(na);
      expect(info.isCa).toBe(true);
    },
  );

  test.prop([serialArb, validityArb], { numRuns: 40 })(
    'user certificates keep serial and dates',
    async (serial, [nb, na]) => {
      const der = await issueAuthCertificate({
        ca: wideCa,
        subjectPublicKeySpki: card.publicKeySpki,
        issueId: 'ABCDEFGHIJKLMNOPQRSTUVW',
        serial,
        notBefore: nb,
        notAfter: na,
      });
      const info = parseCertificate(der);
      expect(info.serial).toBe(serial);
      expect(info.notBefore).toEqual(nb);
      expect(info.notAfter).toEqual(na);
      expect(info.isCa).toBe(false);
      expect(info.spkiDer).toEqual(card.publicKeySpki);
    },
  );

  test.prop([fc.uint8Array({ minLength: 1, maxLength: 19 }).filter((b) => b.some((x) => x !== 0))])(
    'byte serials are unsigned big-endian magnitudes',
    (bytes) => {
      const n = serialToBigint(bytes);
      expect(serialToBigint(Buffer.from(serialToHex(n), 'hex'))).toBe(n);
      expect(BigInt('0x' + Buffer.from(bytes).toString('hex'))).toBe(n);
    },
  );
});

describe('serials and PEM', () => {
  it('formats serials like openssl -serial', () => {
    expect(serialToHex(1n)).toBe('01');
    expect(serialToHex(0x80n)).toBe('80');
    expect(serialToHex(0x6d18006n)).toBe('06D18006');
    expect(serialToHex(new Uint8Array([0, 0, 0xab]))).toBe('AB');
    expect(serialFromHex('00:ab')).toBe(0xabn);
  });

  it('rejects zero, oversize and non-hex serials', async () => {
    await expectCodedError(() => serialToBigint(0n), PkiError, 'BAD_SERIAL');
    await expectCodedError(() => serialToBigint(new Uint8Array(3)), PkiError, 'BAD_SERIAL');
    await expectCodedError(() => serialToBigint(MAX_SERIAL + 1n), PkiError, 'BAD_SERIAL');
    expect(serialToBigint(new Uint8Array(20).fill(0x7f))).toBeGreaterThan(0n);
    await expectCodedError(() => serialToBigint(new Uint8Array(20).fill(0x80)), PkiError, 'BAD_SERIAL');
    await expectCodedError(() => serialFromHex('xyz'), PkiError, 'BAD_SERIAL');
  });

  it('PEM-armours certificates and reads them back', async () => {
    const pem = certificateToPem(wideCa.certDer);
    expect(pem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/,
    );
    expect(pemToDer(pem)).toEqual(wideCa.certDer);
    await expectCodedError(() => pemToDer(pem, 'X509 CRL'), PkiError, 'BAD_PARAM');
  });

  it('refuses non-certificates', async () => {
    await expectCodedError(() => parseCertificate(new Uint8Array([0x30, 0x00])), PkiError, 'BAD_CERTIFICATE');
  });
});
