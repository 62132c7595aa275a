import { verify, X509Certificate } from 'node:crypto';
import { InProcessTransport, MynaCardClient, type TraceEntry, tracing } from '@myna/client';
import { expectCatalogError } from '@myna/test-support';
import { describe, expect, it } from 'vitest';
import { openTestCard, PINS, TEST_HOLDER } from '../../../core/card/test/fixtures/index.js';

async function setup(opts: Parameters<typeof openTestCard>[0] = {}) {
  const t = await openTestCard(opts);
  const trace: TraceEntry[] = [];
  const client = new MynaCardClient(tracing(new InProcessTransport(t.card, 'test'), (e) => trace.push(e)));
  return { ...t, client, trace };
}

describe('MynaCardClient over the in-process transport', () => {
  it('reads PIN status of every application without spending a try', async () => {
    const { client, store, card } = await setup();
    for (const pin of ['auth', 'sign', 'kenhojo', 'juki', 'common'] as const) {
      const s = await client.pinStatus(pin);
      expect(s).toMatchObject({ pin, set: true, blocked: false, triesLeft: s.maxTries });
    }
    expect((await store.readPin(card.id, 'auth')).triesLeft).toBe(3);
  });

  it('reports a face-authentication card’s PINs as not set', async () => {
    const { client } = await setup({ kind: 'face-auth' });
    expect(await client.pinStatus('auth')).toMatchObject({ set: false });
    await expectCatalogError(client.verifyPin('auth', '1234'), 'PIN_NOT_SET');
  });

  it('safe policy: wrong tries carry tries left; the last try needs confirmation; blocked is refused', async () => {
    const { client, store, card } = await setup();
    const e1 = await expectCatalogError(client.verifyPin('auth', '0000'), 'PIN_WRONG');
    expect(e1.details.triesLeft).toBe(2);
    await expectCatalogError(client.verifyPin('auth', '0001'), 'PIN_WRONG');
    // One try left: refused without confirmation, and nothing was spent.
    const last = await expectCatalogError(client.verifyPin('auth', '0002'), 'PIN_LAST_TRY');
    expect(last.details.triesLeft).toBe(1);
    expect((await store.readPin(card.id, 'auth')).triesLeft).toBe(1);
    const blocked = await expectCatalogError(
      client.verifyPin('auth', '0002', { confirmLastTry: true }),
      'PIN_BLOCKED',
    );
    expect(blocked.details.justBlocked).toBe(true);
    // Now blocked: even the right PIN is not sent.
    await expectCatalogError(client.verifyPin('auth', PINS.auth, { confirmLastTry: true }), 'PIN_BLOCKED');
    expect((await store.readPin(card.id, 'auth')).triesLeft).toBe(0);
  });

  it('safe policy: a malformed value is refused before it can cost a try', async () => {
    const { client, store, card } = await setup();
    const e = await expectCatalogError(client.verifyPin('auth', '123'), 'PIN_FORMAT');
    expect(e.details.rule).toBe('4 digits');
    await expectCatalogError(client.verifyPin('sign', 'ABCDEF'), 'PIN_FORMAT');
    expect((await store.readPin(card.id, 'auth')).triesLeft).toBe(3);
    expect((await store.readPin(card.id, 'sign')).triesLeft).toBe(5);
  });

  it('safe policy: never re-sends a PIN verified for one application to another unless asked', async () => {
    // The pitfall of seed 000: the 券面事項入力補助 PIN differs from the user-auth PIN.
    const { client, store, card } = await setup();
    await client.verifyPin('auth', PINS.auth);
    const e = await expectCatalogError(client.verifyPin('kenhojo', PINS.auth), 'PIN_RESEND_REFUSED');
    expect(e.details).toEqual({ pin: 'kenhojo', verifiedFor: 'auth' });
    expect((await store.readPin(card.id, 'kenhojo')).triesLeft).toBe(3);
    // When the caller explicitly asks (the holder said the PINs are the same), it is sent — and here it is wrong.
    await expectCatalogError(
      client.verifyPin('kenhojo', PINS.auth, { allowResendToOtherApplication: true }),
      'PIN_WRONG',
    );
    expect((await store.readPin(card.id, 'kenhojo')).triesLeft).toBe(2);
    // The 住基 and common PINs live in different applications too.
    await client.verifyPin('juki', PINS.juki);
    await expectCatalogError(client.verifyPin('common', PINS.juki), 'PIN_RESEND_REFUSED');
  });

  it('signature password: lower-case input is upper-cased like J-LIS clients do', async () => {
    const { client } = await setup();
    await client.verifyPin('sign', PINS.sign.toLowerCase());
  });

  it('changes PINs with 00 24 and 80 32', async () => {
    const { client } = await setup();
    await client.changePin('auth', PINS.auth, '4321');
    await client.verifyPin('auth', '4321');
    await expectCatalogError(client.changePin('kenhojo', PINS.kenhojo, '12345'), 'PIN_FORMAT');
    await client.changePin('juki', PINS.juki, '1357');
    await client.verifyPin('juki', '1357');
  });

  it('reads certificates and signs with either key; signatures verify against the certificates', async () => {
    const { client } = await setup();
    const data = new TextEncoder().encode('契約書 / contract');
    const authCert = new X509Certificate(Buffer.from(await client.readCertificate('auth')));
    expect(authCert.subject).toContain('CN=840444E37PAFHN08220003A');
    await expectCatalogError(client.sign('auth', data), 'PIN_NOT_VERIFIED');
    for (const hash of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
      const sig = await client.sign('auth', data, { hash, pin: hash === 'sha1' ? PINS.auth : undefined });
      expect(verify(hash, data, authCert.publicKey, sig)).toBe(true);
    }
    await expectCatalogError(client.readCertificate('sign'), 'PIN_NOT_VERIFIED');
    const sig = await client.sign('sign', data, { pin: PINS.sign });
    const signCert = new X509Certificate(Buffer.from(await client.readCertificate('sign')));
    expect(verify('sha256', data, signCert.publicKey, sig)).toBe(true);
    expect(new X509Certificate(Buffer.from(await client.readCertificate('authCa'))).ca).toBe(true);
    expect(await client.certificateAvailability()).toEqual({ sign: true, auth: true });
    expect(await client.tokenLabel()).toBe('JPKIAPICCTOKEN2');
  });

  it('an under-15 card has no signature certificate', async () => {
    const { client } = await setup({ kind: 'under-15' });
    expect(await client.certificateAvailability()).toEqual({ sign: false, auth: true });
    await expectCatalogError(client.verifyPin('sign', PINS.sign), 'PIN_NOT_SET');
  });

  it('reads the 券面事項入力補助 data and checks its integrity', async () => {
    const { client } = await setup();
    await client.verifyPin('kenhojo', PINS.kenhojo);
    expect(await client.readMyNumber()).toBe(TEST_HOLDER.myNumber);
    expect(await client.readBasicFour()).toEqual({
      name: TEST_HOLDER.name,
      address: TEST_HOLDER.address,
      birthDate: TEST_HOLDER.birthDate,
      sex: TEST_HOLDER.sex,
    });
    expect(await client.checkKenhojoIntegrity()).toEqual({
      myNumberHashOk: true,
      basicFourHashOk: true,
      signatureOk: true,
    });
  });

  it('reads the card face with 照合番号B and checks its signature', async () => {
    const { client } = await setup();
    await client.verifyPin('kenkakuB', '55021720352285');
    const face = await client.readFace();
    expect(face).toMatchObject({ birthDate: '19800217', sex: '1', expiry: '20350217', signatureOk: true });
    expect(Buffer.from(face.photo.subarray(4, 8)).toString()).toBe('jP  ');
  });

  it('reads long EFs in 256-byte chunks when the reader refuses extended length', async () => {
    const t = await openTestCard();
    // A short-APDU-only reader: extended APDUs answer 6700.
    const shortOnly = {
      label: 'short-only',
      transmit: (apdu: Uint8Array) =>
        apdu.length > 5 && apdu[4] === 0 && apdu.length <= 9 && apdu[1] === 0xb0
          ? Promise.resolve(Uint8Array.of(0x67, 0x00))
          : t.card.transmit(apdu),
    };
    const client = new MynaCardClient(shortOnly);
    const der = await client.readCertificate('auth');
    expect(new X509Certificate(Buffer.from(der)).subject).toContain('CN=');
  });

  it('traces carry command headers and status words, never PIN values', async () => {
    const { client, trace } = await setup();
    await expectCatalogError(client.verifyPin('auth', '9876'), 'PIN_WRONG');
    const text = JSON.stringify(trace);
    expect(text).toContain('00 20 00 98 Lc=4');
    expect(text).toContain('63C2');
    expect(text).not.toContain('9876');
    expect(text).not.toContain('39383736');
  });
});
