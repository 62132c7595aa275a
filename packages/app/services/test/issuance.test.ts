import { X509Certificate } from 'node:crypto';
import { createSandbox, type Sandbox, SandboxClock, withCard } from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, PINS, pem, run, tempDir } from './helpers.js';

let sb: Sandbox;
const tmp = tempDir();
beforeAll(async () => {
  const clock = new SandboxClock();
  clock.freeze('2026-11-22T10:00:00+09:00');
  sb = createSandbox({ clock, ocspUrl: 'http://127.0.0.1/ocsp' });
});
afterAll(() => tmp.cleanup());

describe('issuance (pin-lifecycle.md §§1, 5; card.md §8)', () => {
  it('issues an adult card: expiry on the 10th birthday, both certificates to the 5th, PIN tries read through APDUs', async () => {
    const res = await sb.municipality.registerResident(ADULT);
    expect(res.myNumber).toMatch(/^\d{12}$/);
    const { card, certificates } = await sb.municipality.issueCard({ residentId: res.id, pins: PINS });
    expect(card).toMatchObject({
      kind: 'adult',
      status: 'active',
      issuedOn: '2026-11-22',
      expiresOn: '2036-02-17',
    });
    expect(card.serial).toMatch(/^9\d{14}$/);
    expect(certificates.map((c) => c.kind)).toEqual(['auth', 'sign']);
    for (const c of certificates) expect(c.notAfter).toBe('2031-02-17T14:59:59.000Z');
    const status = await sb.municipality.cardStatus(card.id, sb.connector);
    expect(
      Object.fromEntries(Object.entries(status.pins).map(([k, v]) => [k, [v.triesLeft, v.maxTries]])),
    ).toEqual({
      auth: [3, 3],
      sign: [5, 5],
      kenhojo: [3, 3],
      juki: [3, 3],
      common: [3, 3],
    });
    // The chip holds what the register says.
    await withCard(sb.connector, card.id, 'test', async (client) => {
      await client.verifyPin('kenhojo', PINS.kenhojo);
      expect(await client.readMyNumber()).toBe(res.myNumber);
      expect((await client.readBasicFour()).birthDate).toBe('19800217');
      expect(await client.checkKenhojoIntegrity()).toEqual({
        myNumberHashOk: true,
        basicFourHashOk: true,
        signatureOk: true,
      });
    });
  });

  it('a minor’s card expires on the 5th birthday; under 15 there is no signature certificate', async () => {
    const teen = await sb.municipality.registerResident({
      ...ADULT,
      name: '黒桐　鮮花',
      birthDate: '2010-06-01',
    });
    const t = await sb.municipality.issueCard({ residentId: teen.id, pins: PINS });
    expect(t.card).toMatchObject({ kind: 'adult', expiresOn: '2031-06-01' });
    const child = await sb.municipality.registerResident({
      ...ADULT,
      name: '黒桐　未那',
      birthDate: '2016-04-01',
    });
    await expectCatalogError(
      sb.municipality.issueCard({ residentId: child.id, pins: PINS }),
      'PROFILE_INVALID',
    );
    const { sign: _omit, ...childPins } = PINS;
    const c = await sb.municipality.issueCard({ residentId: child.id, pins: childPins });
    expect(c.card.kind).toBe('under-15');
    expect(c.certificates.map((x) => x.kind)).toEqual(['auth']);
    const st = await sb.municipality.cardStatus(c.card.id, sb.connector);
    expect(st.pins.sign.set).toBe(false);
  });

  it('a face-authentication card has no PINs', async () => {
    const r = await sb.municipality.registerResident({ ...ADULT, name: '両儀　式' });
    await expectCatalogError(
      sb.municipality.issueCard({ residentId: r.id, faceAuth: true, pins: PINS }),
      'PROFILE_INVALID',
    );
    const { card } = await sb.municipality.issueCard({ residentId: r.id, faceAuth: true });
    const st = await sb.municipality.cardStatus(card.id, sb.connector);
    expect(Object.fromEntries(Object.entries(st.pins).map(([k, p]) => [k, p.set]))).toEqual({
      auth: false,
      sign: false,
      kenhojo: false,
      juki: false,
      common: false,
    });
  });

  it('the chip ATR profile: chosen at issuance, kept in the chip store, reported by card status', async () => {
    const r = await sb.municipality.registerResident({ ...ADULT, name: '蒼崎　橙子' });
    const before = (await sb.store.listCards(sb.id)).length;
    const e = await expectCatalogError(
      sb.municipality.issueCard({ residentId: r.id, pins: PINS, atr: 'contact-99' }),
      'PROFILE_INVALID',
    );
    expect(e.details).toMatchObject({ field: 'atr' });
    expect((await sb.store.listCards(sb.id)).length).toBe(before);
    const { card } = await sb.municipality.issueCard({ residentId: r.id, pins: PINS, atr: 'contact-t0' });
    expect((await sb.cards.load(card.id))?.atr).toBe('contact-t0');
    const st = await sb.municipality.cardStatus(card.id, sb.connector);
    expect(st.chip).toEqual({ atrProfile: 'contact-t0', atr: '3B6000FF', protocol: 'T=0' });
    // Read through APDUs on the T=0 chip.
    expect(st.pins.auth).toMatchObject({ set: true, triesLeft: 3 });
    const plain = await sb.municipality.issueCard({ residentId: r.id, pins: PINS });
    expect((await sb.municipality.cardStatus(plain.card.id, sb.connector)).chip.atrProfile).toBe('contact');
  });

  it('rejects PINs that break the rules, naming the rule and never the value', async () => {
    const r = await sb.municipality.registerResident({ ...ADULT, name: '浅上　藤乃' });
    for (const [pins, pin] of [
      [{ ...PINS, auth: '12345' }, 'auth'],
      [{ ...PINS, sign: 'abc123' }, 'sign'],
      [{ ...PINS, sign: 'ABCDEFG' }, 'sign'],
      [{ ...PINS, kenhojo: '12a4' }, 'kenhojo'],
    ] as const) {
      const e = await expectCatalogError(sb.municipality.issueCard({ residentId: r.id, pins }), 'PIN_FORMAT');
      expect(e.details.pin).toBe(pin);
      const text = JSON.stringify(e) + e.message + e.messageJa;
      for (const v of Object.values(pins)) expect(text).not.toContain(v);
    }
  });

  it('refuses a name and address too long for the card’s 基本4情報 record, naming the rule and writing nothing (card.md §5)', async () => {
    const before = (await sb.store.listResidents(sb.id)).length;
    const name = '両儀　式'; // 12 bytes in UTF-8
    const fits = `東京都${'観'.repeat(24)}１`; // 9 + 72 + 3 = 84 bytes: 96 with the name
    await expectCatalogError(
      sb.municipality.registerAndIssue({ ...ADULT, name, address: fits }, { pins: PINS }),
      'PROFILE_INVALID',
      { field: 'address', rule: expect.stringContaining('95 bytes') },
    );
    expect((await sb.store.listResidents(sb.id)).length).toBe(before);
    // Two bytes fewer fit (94), and the card's EF 0002 keeps its one-byte length.
    const r = await sb.municipality.registerResident({ ...ADULT, name, address: fits.slice(0, -1) + '1' });
    const issued = await sb.municipality.issueCard({ residentId: r.id, pins: PINS });
    expect(issued.card.residentId).toBe(r.id);
    const r0 = (await sb.store.listResidents(sb.id)).find((x) => x.id === r.id)!;
    await expectCatalogError(
      sb.municipality.changeResidentFacts(r0.id, { address: `${r0.address}１` }),
      'PROFILE_INVALID',
      { field: 'address' },
    );
    expect((await sb.municipality.resident(r.id)).address).toBe(r0.address);
  });

  it('validates My Numbers and refuses duplicates', async () => {
    await expectCatalogError(
      sb.municipality.registerResident({ ...ADULT, myNumber: '537686677187' }),
      'MY_NUMBER_INVALID',
    );
    await sb.municipality.registerResident({ ...ADULT, myNumber: '537686677188' });
    await expectCatalogError(
      sb.municipality.registerResident({ ...ADULT, myNumber: '537686677188' }),
      'MY_NUMBER_TAKEN',
    );
  });
});

describe('the authority: certificates validate with openssl; revocation and hold show in CRL and OCSP', () => {
  it('verifies against the CA read from the card, and fails after revocation (CRL and OCSP)', async () => {
    const r = await sb.municipality.registerResident({ ...ADULT, name: '蒼崎　橙子' });
    const { card, certificates } = await sb.municipality.issueCard({ residentId: r.id, pins: PINS });
    const { authCert, authCa } = await withCard(sb.connector, card.id, 'test', async (c) => ({
      authCert: await c.readCertificate('auth'),
      authCa: await c.readCertificate('authCa'),
    }));
    const ca = tmp.file(`ca-${card.id}.pem`, pem(authCa));
    const leaf = tmp.file(`leaf-${card.id}.pem`, pem(authCert));
    // Validity in the certificates is real time-based for openssl: use -attime within validity.
    const at = String(Math.floor(Date.parse('2027-01-01T00:00:00Z') / 1000));
    const ok = await run('openssl', ['verify', '-attime', at, '-CAfile', ca, leaf]);
    expect(ok.stdout).toContain('OK');
    expect(new X509Certificate(Buffer.from(authCert)).serialNumber.toUpperCase()).toBe(
      certificates[0]!.serialHex,
    );

    const ocsp = async () => {
      const req = tmp.file(`req-${card.id}.der`, new Uint8Array(0));
      await run('openssl', ['ocsp', '-issuer', ca, '-cert', leaf, '-reqout', req, '-no_nonce']);
      const { readFileSync } = await import('node:fs');
      const resp = tmp.file(
        `resp-${card.id}.der`,
        await sb.authority.ocsp(new Uint8Array(readFileSync(req))),
      );
      // The sandbox clock is frozen on another day than the machine's: tell openssl to accept
      // thisUpdate/nextUpdate that far from its own clock (-validity_period, seconds).
      const out = await run('openssl', [
        'ocsp',
        '-respin',
        resp,
        '-issuer',
        ca,
        '-cert',
        leaf,
        '-CAfile',
        ca,
        '-attime',
        at,
        '-validity_period',
        '315360000',
      ]);
      expect(out.stdout + out.stderr).toContain('Response verify OK');
      return out.stdout + out.stderr;
    };
    expect(await ocsp()).toMatch(/: good/);

    // Lost card: hold → OCSP says revoked (certificateHold); lifted → good again.
    await sb.authority.holdCard(card.id);
    expect(await ocsp()).toMatch(/: revoked[\s\S]*Reason: certificateHold/);
    await sb.authority.releaseCard(card.id);
    expect(await ocsp()).toMatch(/: good/);

    await sb.authority.revoke('auth', certificates[0]!.serialHex, 'keyCompromise');
    const crl = tmp.file(`crl-${card.id}.der`, await sb.authority.crl('auth'));
    const crlPem = tmp.file(`crl-${card.id}.pem`, '');
    await run('openssl', ['crl', '-inform', 'DER', '-in', crl, '-out', crlPem]);
    const revoked = await run('openssl', [
      'verify',
      '-attime',
      at,
      '-crl_check',
      '-CAfile',
      ca,
      '-CRLfile',
      crlPem,
      leaf,
    ]).catch((e) => e);
    expect(String(revoked.stdout) + String(revoked.stderr)).toMatch(/certificate revoked/);
    expect(await ocsp()).toMatch(/: revoked[\s\S]*Reason: keyCompromise/);
  });

  it('a change of address revokes the signature certificate only', async () => {
    const r = await sb.municipality.registerResident({ ...ADULT, name: '荒耶　宗蓮' });
    const { certificates } = await sb.municipality.issueCard({ residentId: r.id, pins: PINS });
    const { revoked } = await sb.municipality.changeResidentFacts(r.id, {
      address: '東京都清瀬市中清戸１－１',
    });
    const sign = certificates.find((c) => c.kind === 'sign')!;
    const auth = certificates.find((c) => c.kind === 'auth')!;
    expect(revoked).toEqual([sign.serialHex]);
    expect((await sb.authority.certificateStatus('sign', sign.serialHex)).status).toBe('revoked');
    expect((await sb.authority.certificateStatus('auth', auth.serialHex)).status).toBe('good');
    expect((await sb.municipality.resident(r.id)).factsVersion).toBe(2);
  });

  it('re-issue of a lost card abolishes the old one and revokes its certificates', async () => {
    const r = await sb.municipality.registerResident({ ...ADULT, name: '黒桐　幹也' });
    const old = await sb.municipality.issueCard({ residentId: r.id, pins: PINS });
    const fresh = await sb.municipality.reissueLostCard(old.card.id, { pins: PINS });
    expect((await sb.municipality.card(old.card.id)).status).toBe('abolished');
    for (const c of old.certificates)
      expect((await sb.authority.certificateStatus(c.kind, c.serialHex)).status).toBe('revoked');
    expect(fresh.card.residentId).toBe(r.id);
    expect(fresh.card.serial).not.toBe(old.card.serial);
  });

  it('answers malformedRequest to garbage', async () => {
    const der = await sb.authority.ocsp(new Uint8Array([1, 2, 3]));
    expect(Buffer.from(der).toString('hex')).toBe('30030a0101');
  });
});

describe('certificate renewal (pin-lifecycle.md §5.2)', () => {
  it('opens 3 months before expiry; new keys and certificates are written to the card; PINs are kept', async () => {
    const clock = new SandboxClock();
    clock.freeze('2026-11-22T10:00:00+09:00');
    const s = createSandbox({ clock });
    const r = await s.municipality.registerResident({ ...ADULT, birthDate: '1990-03-10' });
    const { card, certificates } = await s.municipality.issueCard({ residentId: r.id, pins: PINS });
    // 5th birthday after issuance: 2031-03-10 (23:59:59 JST).
    expect(certificates[0]!.notAfter).toBe('2031-03-10T14:59:59.000Z');
    const early = await expectCatalogError(
      s.municipality.renewCertificates(card.id, s.connector),
      'RENEWAL_TOO_EARLY',
    );
    expect(early.details.opensOn).toBe('2030-12-10');
    // A wrong PIN before renewal: renewal keeps the counters as they are.
    await withCard(s.connector, card.id, 'test', (c) => c.verifyPin('auth', '0000').catch(() => undefined));
    clock.set('2030-12-10T10:00:00+09:00');
    const renewed = await s.municipality.renewCertificates(card.id, s.connector);
    expect(renewed.certificates.map((c) => c.kind)).toEqual(['auth', 'sign']);
    expect(renewed.certificates[0]!.notAfter).toBe('2035-03-10T14:59:59.000Z');
    for (const c of certificates) {
      const st = await s.authority.certificateStatus(c.kind, c.serialHex);
      expect([st.status, st.record.reason]).toEqual(['revoked', 'superseded']);
    }
    await withCard(s.connector, card.id, 'test', async (client) => {
      expect((await client.pinStatus('auth')).triesLeft).toBe(2);
      const der = await client.readCertificate('auth');
      expect(Buffer.from(der).equals(Buffer.from(renewed.certificates[0]!.der))).toBe(true);
      const data = new TextEncoder().encode('renewed');
      const sig = await client.sign('auth', data, { pin: PINS.auth });
      const { verify } = await import('node:crypto');
      expect(verify('sha256', data, new X509Certificate(Buffer.from(der)).publicKey, sig)).toBe(true);
    });
  });
});
