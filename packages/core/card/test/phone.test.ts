import { X509Certificate } from 'node:crypto';
import { fromHex } from '@myna/apdu';
import { MemoryCardStore, PersonalizationError, personalizePhone, VirtualCard } from '@myna/card';
import { fixedClock, seededRandom } from '@myna/ports';
import { describe, expect, it } from 'vitest';
import { ascii, key, lc, testCertificates } from './fixtures/index.js';

const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const SELECT_KENHOJO = '00A4040C0AD3921000310001010408';
const sel = (fid: string) => `00A4020C02${fid}`;
const sw = (r: string) => r.slice(-4);
const PHONE_PINS = { auth: '4321', sign: 'PHONE2025' };

async function openPhone(element: 'android' | 'iphone' = 'android') {
  const c = await testCertificates();
  const store = new MemoryCardStore();
  const image = personalizePhone({
    id: `phone-${element}`,
    serial: '900000000000001',
    element,
    pins: PHONE_PINS,
    jpki: {
      auth: { privateKeyPkcs8: key('auth'), certificate: c.authCert },
      sign: { privateKeyPkcs8: key('sign'), certificate: c.signCert },
      authCaCertificate: c.authCa,
      signCaCertificate: c.signCa,
    },
    adminKey: new Uint8Array(32).fill(0x5a),
  });
  await store.create(image);
  const card = await VirtualCard.open(image.id, {
    store,
    random: seededRandom('phone'),
    clock: fixedClock('2026-11-22T09:00:00+09:00'),
    terminal: 'phone-test',
  });
  const send = async (hex: string) =>
    Buffer.from(await card.transmit(fromHex(hex)))
      .toString('hex')
      .toUpperCase();
  return { store, send, c };
}

describe('smartphone secure element (スマホ用電子証明書; docs/phone.md)', () => {
  it('EF 0006 carries the platform token: JPKIAPGPSETOKEN on Android, JPKIAPIOSTOKEN on iPhone (card.md §4.1)', async () => {
    for (const [element, token] of [
      ['android', 'JPKIAPGPSETOKEN'],
      ['iphone', 'JPKIAPIOSTOKEN'],
    ] as const) {
      const { send } = await openPhone(element);
      expect(sw(await send(SELECT_JPKI))).toBe('9000');
      expect(sw(await send(sel('0006')))).toBe('9000');
      const r = await send('00B0000020');
      expect(sw(r)).toBe('9000');
      // jpki/myna trims NULs and spaces from the first 0x20 bytes.
      expect(Buffer.from(r.slice(0, -4), 'hex').toString('ascii').trimEnd()).toBe(token);
    }
  });

  it('carries only the JPKI application: other AIDs answer 6A82', async () => {
    const { send } = await openPhone();
    expect(sw(await send(SELECT_KENHOJO))).toBe('6A82');
    expect(sw(await send('00A4040C07A0000001510000'))).toBe('6A82');
  });

  it('reading the user-auth certificate needs the phone PIN (jpki/myna src/cli.rs; issue #6)', async () => {
    const { send, c } = await openPhone();
    await send(SELECT_JPKI);
    await send(sel('000A'));
    expect(sw(await send('00B0000004'))).toBe('6982');
    await send(sel('0018'));
    expect(sw(await send(`00200080${lc(ascii(PHONE_PINS.auth))}`))).toBe('9000');
    await send(sel('000A'));
    const r = await send('00B00000000000');
    expect(sw(r)).toBe('9000');
    const cert = new X509Certificate(Buffer.from(r.slice(0, -4), 'hex'));
    expect(cert.raw.equals(Buffer.from(c.authCert))).toBe(true);
  });

  it('its passwords have their own counters: three wrong auth tries lock it (63C2, 63C1, 63C0, then 6984)', async () => {
    const { send, store } = await openPhone();
    await send(SELECT_JPKI);
    await send(sel('0018'));
    const wrong = `00200080${lc(ascii('0000'))}`;
    expect(sw(await send(wrong))).toBe('63C2');
    expect(sw(await send(wrong))).toBe('63C1');
    expect(sw(await send(wrong))).toBe('63C0');
    expect(sw(await send(`00200080${lc(ascii(PHONE_PINS.auth))}`))).toBe('6984');
    expect((await store.readPin('phone-android', 'auth')).triesLeft).toBe(0);
    // The signature password is untouched.
    expect((await store.readPin('phone-android', 'sign')).triesLeft).toBe(5);
  });

  it('refuses a password that breaks the card rule, naming the rule only', async () => {
    const c = await testCertificates();
    expect(() =>
      personalizePhone({
        id: 'p',
        serial: '900000000000002',
        element: 'android',
        pins: { auth: '12', sign: PHONE_PINS.sign },
        jpki: {
          auth: { privateKeyPkcs8: key('auth'), certificate: c.authCert },
          sign: { privateKeyPkcs8: key('sign'), certificate: c.signCert },
          authCaCertificate: c.authCa,
          signCaCertificate: c.signCa,
        },
        adminKey: new Uint8Array(32),
      }),
    ).toThrow(PersonalizationError);
  });
});
