import { constants, createHash, createPublicKey, publicDecrypt, verify } from 'node:crypto';
import { decodeBerTlv, decodeBerTlvAt, decodeBerTlvs, findTlv, toHex, utf8 } from '@myna/apdu';
import {
  BASIC_FOUR_RULE,
  BASIC_FOUR_TEXT_MAX_BYTES,
  basicFourTextBytes,
  collationB,
  EF,
  eraBirthYymmdd,
  eraOf,
  faceDigestInfo,
  PersonalizationError,
  personalize,
} from '@myna/card';
import { describe, expect, it } from 'vitest';
import { key, spki, TEST_HOLDER, testProfile } from './fixtures/index.js';

const bin = (f: unknown) => f as Uint8Array;

describe('personalisation: byte layouts of card.md §§4–7', () => {
  it('kenhojo EF 0002 matches the J-LIS test card byte for byte (card.md §5)', async () => {
    const img = personalize(await testProfile());
    const ef = bin(img.files.kenhojo[EF.kenhojo.basicFour]);
    const want =
      'FF2065' +
      'DF2108000E002000590064' +
      'DF220F' +
      toHex(utf8(TEST_HOLDER.name)) +
      'DF2336' +
      toHex(utf8(TEST_HOLDER.address)) +
      'DF240831393830303231 37'.replace(' ', '') +
      'DF250131';
    expect(toHex(ef)).toBe(want);
  });

  it('kenhojo EF 0001 is FF 10 0C + 12 digits + FF FF (17 bytes)', async () => {
    const img = personalize(await testProfile());
    expect(toHex(bin(img.files.kenhojo[EF.kenhojo.myNumber]))).toBe(
      `FF100C${toHex(utf8(TEST_HOLDER.myNumber))}FFFF`,
    );
  });

  it('kenhojo EF 0003 holds both hashes and a signature verifiable with the EF 0004 CV certificate key', async () => {
    const img = personalize(await testProfile());
    const f = img.files.kenhojo;
    const ef3 = bin(f[EF.kenhojo.integrity]);
    expect(ef3.length).toBe(336);
    expect(toHex(ef3.subarray(0, 5))).toBe('FF3082014B');
    const kids = decodeBerTlvs(decodeBerTlv(ef3).value);
    const df31 = findTlv(kids, 0xdf31)!;
    const df32 = findTlv(kids, 0xdf32)!;
    const df33 = findTlv(kids, 0xdf33)!;
    const sha = (b: Uint8Array) => toHex(createHash('sha256').update(b).digest());
    expect(toHex(df31.value)).toBe(sha(bin(f[EF.kenhojo.myNumber])));
    const ef2 = bin(f[EF.kenhojo.basicFour]);
    expect(toHex(df32.value)).toBe(sha(ef2.subarray(14))); // from DF22 to the end
    // Public key from the CV certificate (EF 0004): 7F21 { 5F4E { ids, 90 e, 91 n }, 5F37 sig }
    const cv = bin(f[EF.kenhojo.cvCert]);
    expect(cv.length).toBe(568);
    expect(toHex(cv.subarray(0, 9))).toBe('7F218202335F4E8201');
    const body = decodeBerTlvs(decodeBerTlv(cv).value);
    const pk = decodeBerTlvs(findTlv(body, 0x5f4e)!.value.subarray(32));
    const jwk = {
      kty: 'RSA',
      n: Buffer.from(findTlv(pk, 0x91)!.value).toString('base64url'),
      e: Buffer.from(findTlv(pk, 0x90)!.value).toString('base64url'),
    };
    const pub = createPublicKey({ key: jwk, format: 'jwk' });
    const signed = ef3.subarray(5, 5 + 70);
    expect(verify('sha256', signed, pub, df33.value)).toBe(true);
    // The CV certificate itself verifies under the CV root, over the 297-byte 5F4E value without
    // its header (soltia48/myna-card src/data.rs; hebingchang/pymyna myna/core/certificate.py) …
    const cvRoot = createPublicKey({ key: Buffer.from(spki('cvRoot')), format: 'der', type: 'spki' });
    const value = findTlv(body, 0x5f4e)!.value;
    expect(value.length).toBe(297);
    expect(verify('sha256', value, cvRoot, findTlv(body, 0x5f37)!.value)).toBe(true);
    // … and not over the whole TLV.
    expect(verify('sha256', cv.subarray(5, 5 + 5 + 0x129), cvRoot, findTlv(body, 0x5f37)!.value)).toBe(false);
  });

  it('kenhojo EF 0005 keeps the non-minimal FF 40 82 00 9F form (164 bytes) in a 256-byte EF filled with FF', async () => {
    const img = personalize(await testProfile());
    const ef5 = bin(img.files.kenhojo[EF.kenhojo.apInfo]);
    expect(ef5.length).toBe(256);
    expect(toHex(ef5.subarray(0, 12))).toBe('FF4082009FDF410401030E01');
    expect(decodeBerTlvAt(ef5, 0).next).toBe(164);
    expect(toHex(ef5.subarray(164))).toBe('FF'.repeat(92));
    const kids = decodeBerTlvs(decodeBerTlv(ef5, { allowPadding: true }).value);
    expect(findTlv(kids, 0xdf43)!.lengthBytes).toBe(3);
  });

  it('kenhojo EF 0007 and kenkaku files have the card’s sizes', async () => {
    const img = personalize(await testProfile());
    expect(toHex(bin(img.files.kenhojo[EF.kenhojo.signedApKey]).subarray(0, 5))).toBe('FF50820213');
    expect(toHex(bin(img.files.kenkaku[EF.kenkaku.age]).subarray(0, 5))).toBe('FF1082021E');
    expect(toHex(bin(img.files.kenhojo[EF.kenhojo.unknown0008]))).toBe('FF'.repeat(16));
  });

  it('kenkaku EF 0002: offsets point at each tag and DF28 verifies over the three digests', async () => {
    const img = personalize(await testProfile());
    const ef = bin(img.files.kenkaku[EF.kenkaku.face]);
    const outer = decodeBerTlv(ef);
    const kids = decodeBerTlvs(outer.value);
    const head = ef.length - outer.value.length;
    const df21 = kids[0]!;
    const offsets = Array.from(
      { length: df21.value.length / 2 },
      (_, i) => (df21.value[2 * i]! << 8) | df21.value[2 * i + 1]!,
    );
    expect(offsets).toEqual(kids.slice(1).map((k) => head + k.offset!));
    expect(kids.slice(1).map((k) => k.tag.toString(16).toUpperCase())).toEqual([
      'DF22',
      'DF23',
      'DF24',
      'DF25',
      'DF26',
      'DF27',
      'DF28',
      'DF29',
      'DF2A',
    ]);
    const enc = (tag: number) => {
      const k = kids.find((x) => x.tag === tag)!;
      return outer.value.subarray(k.offset!, k.offset! + (k.lengthBytes ?? 1) + 2 + k.value.length);
    };
    const sha = (...b: Uint8Array[]) =>
      new Uint8Array(createHash('sha256').update(Buffer.concat(b)).digest());
    const di = faceDigestInfo(
      sha(enc(0xdf22), enc(0xdf23), enc(0xdf24)),
      sha(enc(0xdf25), enc(0xdf26)),
      sha(enc(0xdf27)),
    );
    const signerPub = createPublicKey({
      key: Buffer.from(spki('kenkakuSigner')),
      format: 'der',
      type: 'spki',
    });
    const recovered = publicDecrypt(
      { key: signerPub, padding: constants.RSA_PKCS1_PADDING },
      kids.find((k) => k.tag === 0xdf28)!.value,
    );
    expect(toHex(recovered)).toBe(toHex(di));
    // DF27 is the holder's JPEG 2000 photo; DF2A is a 24×12 PNG.
    expect(toHex(kids.find((k) => k.tag === 0xdf27)!.value.subarray(4, 8))).toBe('6A502020');
    const png = kids.find((k) => k.tag === 0xdf2a)!.value;
    expect(toHex(png.subarray(16, 24))).toBe('000000180000000C');
  });

  it('common AP EF 0001 record: 01 1C + serial, municipality, expiry', async () => {
    const img = personalize(await testProfile());
    const rec = (img.files.common[EF.common.serial] as Uint8Array[])[0]!;
    expect(Buffer.from(rec.subarray(2)).toString()).toBe('4000000127198431322120350217');
    expect(toHex(rec.subarray(0, 2))).toBe('011C');
  });

  it('under-15: no signature key, empty EF 0001, EF 0008 = 00 8F 00', async () => {
    const img = personalize(await testProfile({ kind: 'under-15' }));
    expect(img.keys.jpkiSign).toBeUndefined();
    expect(bin(img.files.jpki[EF.jpki.signCert]).length).toBe(0);
    expect(toHex(bin(img.files.jpki[EF.jpki.certAvailability]))).toBe('008F00');
    expect(img.pins.sign.value).toBeNull();
  });

  it('face-auth: no holder PIN has reference data', async () => {
    const img = personalize(await testProfile({ kind: 'face-auth' }));
    for (const id of ['auth', 'sign', 'kenhojo', 'juki', 'common'] as const)
      expect(img.pins[id].value).toBeNull();
    expect(img.pins.kenkakuB.value).toBe('55021720352285');
  });

  it('rejects a PIN that breaks its rule, naming the rule and never the value', async () => {
    const p = await testProfile();
    for (const [pins, field] of [
      [{ ...p.pins!, auth: '12a4' }, 'pins.auth'],
      [{ ...p.pins!, sign: 'abc123' }, 'pins.sign'],
      [{ ...p.pins!, sign: 'ABCDEF' }, 'pins.sign'],
      [{ ...p.pins!, sign: '123456' }, 'pins.sign'],
      [{ ...p.pins!, sign: 'A1' }, 'pins.sign'],
      [{ ...p.pins!, sign: 'A1234567890123456' }, 'pins.sign'],
      [{ ...p.pins!, kenhojo: '12345' }, 'pins.kenhojo'],
    ] as const) {
      try {
        personalize({ ...p, pins });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(PersonalizationError);
        expect((e as PersonalizationError).field).toBe(field);
        for (const v of Object.values(pins)) if (v) expect((e as Error).message).not.toContain(v);
      }
    }
    expect(() => personalize({ ...p, holder: { ...p.holder, birthDate: '19800230' } })).toThrowError(
      /calendar date/,
    );
  });

  it('fits the 基本4情報 record in a short-form length: 95 bytes of name and address, no more (card.md §5)', async () => {
    const p = await testProfile();
    const name = '山田　太郎'; // 15 bytes
    const at = (address: string) => personalize({ ...p, holder: { ...p.holder, name, address } });
    const fits = `${'東'.repeat(26)}ab`; // 78 + 2 = 80 bytes; with the name, 95
    expect(basicFourTextBytes(name, fits)).toBe(BASIC_FOUR_TEXT_MAX_BYTES);
    const ef = bin(at(fits).files.kenhojo[EF.kenhojo.basicFour]);
    // FF 20 7F: the longest record, still one length byte — what pymyna's get_attrs reads.
    expect(toHex(ef.subarray(0, 3))).toBe('FF207F');
    expect(ef.length).toBe(3 + ef[2]!);
    const over = `${fits}c`;
    expect(() => at(over)).toThrowError(PersonalizationError);
    try {
      at(over);
    } catch (e) {
      expect((e as PersonalizationError).field).toBe('holder.address');
      expect((e as PersonalizationError).rule).toBe(BASIC_FOUR_RULE);
      expect((e as Error).message).not.toContain(over);
    }
  });

  it('keeps the test keys consistent with the fixture (sanity)', () => {
    expect(key('auth').length).toBeGreaterThan(1000);
  });
});

describe('照合番号 and Japanese eras (card.md §3)', () => {
  it('reproduces the J-LIS test card’s 照合番号B', () => {
    expect(collationB('19800217', '20350217', '2285')).toBe('55021720352285');
    expect(eraBirthYymmdd('19800217')).toBe('550217');
  });
  it.each([
    ['19261224', '大正', 15],
    ['19261225', '昭和', 1],
    ['19890107', '昭和', 64],
    ['19890108', '平成', 1],
    ['20190430', '平成', 31],
    ['20190501', '令和', 1],
  ])('%s is %s %i', (d, name, year) => {
    const e = eraOf(d);
    expect(e.era.name).toBe(name);
    expect(e.year).toBe(year);
  });
  it('counts 明治元年 from 1868-01-25, the 改元の詔 applying retroactively (docs/faithfulness.md)', () => {
    expect(eraBirthYymmdd('18680501')).toBe('010501');
    expect(eraOf('18680125').era.name).toBe('明治');
    expect(() => eraOf('18680124')).toThrow(RangeError);
  });
});
