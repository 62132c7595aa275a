import { verify, X509Certificate } from 'node:crypto';
import { bridgeCard, type VpcdCardConnection } from '@myna/bridge';
import { collationB } from '@myna/card';
import { ATR } from '@myna/card/facts';
import {
  listPcscReaders,
  MynaCardClient,
  openPcscTransport,
  type PcscTransport,
  pcscSocketInUse,
} from '@myna/client';
import { expectCatalogError } from '@myna/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../../adapters/bridge/test/helpers.js';
import { openTestCard, PHOTO, PINS, TEST_CARD, TEST_HOLDER } from '../../../core/card/test/fixtures/index.js';

/**
 * The client SDK over the real PC/SC stack: `smartcard` (N-API) → libpcsclite → a private pcscd
 * (TCP_NODELAY preload) → vpcd → @myna/bridge → VirtualCard. Slot 0 holds the J-LIS test card;
 * slot 1 is empty until a test inserts something.
 */
let s: Stack;
const open: PcscTransport[] = [];
const extra: VpcdCardConnection[] = [];

beforeAll(async () => {
  s = await startStack({ id: 'pcsc-client-card', slots: 2 });
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  for (const b of extra.splice(0)) await b.stop();
});
afterAll(async () => {
  await s?.stop();
});

const READER = 'Virtual PCD 00 00';
const EMPTY = 'Virtual PCD 00 01';

async function connect(opts: Parameters<typeof openPcscTransport>[0] = {}): Promise<PcscTransport> {
  const t = await openPcscTransport({ socket: s.pcsc.socketPath, ...opts });
  open.push(t);
  return t;
}

const der = (fid: number) => Buffer.from(s.image.files.jpki[fid] as Uint8Array);
const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const text = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('readers', () => {
  it('lists the private pcscd’s readers (socket fixed for this process), the card and its ATR', async () => {
    const readers = await listPcscReaders({ socket: s.pcsc.socketPath });
    expect(pcscSocketInUse()).toBe(s.pcsc.socketPath);
    expect(readers.map((r) => [r.name, r.cardPresent])).toEqual([
      [READER, true],
      [EMPTY, false],
    ]);
    expect(text(readers[0]!.atr!)).toBe(text(ATR));
  });

  it('opens the first reader with a card: label = reader name, T=1, the ATR', async () => {
    const t = await connect();
    expect(t.label).toBe(READER);
    expect(t.protocol).toBe('T=1');
    expect(text(t.atr)).toBe(text(ATR));
  });

  it('an empty reader: card-absent; an unknown one: no-reader; another socket: socket-fixed', async () => {
    expect((await expectCatalogError(connect({ reader: EMPTY }), 'TRANSPORT_ERROR')).details).toMatchObject({
      reason: 'card-absent',
    });
    expect(
      (await expectCatalogError(connect({ reader: /Gemalto/ }), 'TRANSPORT_ERROR')).details,
    ).toMatchObject({
      reason: 'no-reader',
      readers: `${READER}, ${EMPTY}`,
    });
    expect(
      (await expectCatalogError(openPcscTransport({ socket: '/run/pcscd/pcscd.comm' }), 'TRANSPORT_ERROR'))
        .details,
    ).toMatchObject({ reason: 'socket-fixed', inUse: s.pcsc.socketPath });
  });
});

describe('the client SDK reads every application through PC/SC', () => {
  it('JPKI: token label, availability, the four certificates (sign after the password), PIN status, sign + verify', async () => {
    const client = new MynaCardClient(await connect({ reader: READER }));
    expect(await client.tokenLabel()).toBe('JPKIAPICCTOKEN2');
    expect(await client.certificateAvailability()).toEqual({ sign: true, auth: true });
    expect(Buffer.from(await client.readCertificate('auth')).equals(der(0x000a))).toBe(true);
    expect(Buffer.from(await client.readCertificate('authCa')).equals(der(0x000b))).toBe(true);
    expect(Buffer.from(await client.readCertificate('signCa')).equals(der(0x0002))).toBe(true);
    await expectCatalogError(client.readCertificate('sign'), 'PIN_NOT_VERIFIED');
    expect(await client.pinStatus('auth')).toMatchObject({ set: true, triesLeft: 3, maxTries: 3 });
    expect(await client.pinStatus('sign')).toMatchObject({ set: true, triesLeft: 5, maxTries: 5 });
    await client.verifyPin('sign', PINS.sign);
    const signCert = await client.readCertificate('sign');
    expect(Buffer.from(signCert).equals(der(0x0001))).toBe(true);

    const data = Buffer.from('PC/SC 経由の署名 / signed through pcscd');
    const authSig = await client.sign('auth', data, { pin: PINS.auth });
    const signSig = await client.sign('sign', data, { pin: PINS.sign });
    const authKey = new X509Certificate(der(0x000a)).publicKey;
    const signKey = new X509Certificate(Buffer.from(signCert)).publicKey;
    expect(verify('sha256', data, authKey, authSig)).toBe(true);
    expect(verify('sha256', data, signKey, signSig)).toBe(true);
    expect(verify('sha256', data, authKey, signSig)).toBe(false);
    // The card saw the reader's name as its terminal.
    expect(s.events.some((e) => e.type === 'pin.verified' && e.pin === 'sign' && e.terminal === READER)).toBe(
      true,
    );
  });

  it('券面事項入力補助: My Number and the basic four after the PIN, integrity check', async () => {
    const client = new MynaCardClient(await connect());
    await expectCatalogError(client.readMyNumber(), 'PIN_NOT_VERIFIED');
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

  it('券面確認: the card face with 照合番号B, its signature checked', async () => {
    const client = new MynaCardClient(await connect());
    await expectCatalogError(client.readFace(), 'PIN_NOT_VERIFIED');
    await client.verifyPin(
      'kenkakuB',
      collationB(TEST_HOLDER.birthDate, TEST_CARD.expiry, TEST_CARD.securityCode),
    );
    const face = await client.readFace();
    expect(face.signatureOk).toBe(true);
    expect(face.birthDate).toBe(TEST_HOLDER.birthDate);
    expect(face.sex).toBe(TEST_HOLDER.sex);
    expect(Buffer.from(face.photo).equals(Buffer.from(PHOTO))).toBe(true);
    expect(Buffer.from(face.namePng.subarray(1, 4)).toString('latin1')).toBe('PNG');
  });

  it('住基 and 共通: PIN status (no try spent)', async () => {
    const client = new MynaCardClient(await connect());
    expect(await client.pinStatus('juki')).toMatchObject({ ap: 'juki', set: true, triesLeft: 3 });
    expect(await client.pinStatus('common')).toMatchObject({ ap: 'common', set: true, triesLeft: 3 });
    expect(await client.pinStatus('kenhojo')).toMatchObject({ ap: 'kenhojo', set: true, triesLeft: 3 });
    expect((await s.store.readPin(s.image.id, 'juki')).triesLeft).toBe(3);
  });
});

describe('sessions and sharing', () => {
  it('close() resets the card: a PIN verified through one transport is not verified for the next', async () => {
    const a = await connect();
    await new MynaCardClient(a).verifyPin('auth', PINS.auth);
    await a.close();
    await expectCatalogError(
      new MynaCardClient(await connect()).sign('auth', Buffer.from('x')),
      'PIN_NOT_VERIFIED',
    );
    // With onClose: 'leave' (what OpenSC does), the verified state stays on the card.
    const c = await connect({ onClose: 'leave' });
    await new MynaCardClient(c).verifyPin('auth', PINS.auth);
    await c.close();
    expect((await new MynaCardClient(await connect()).sign('auth', Buffer.from('x'))).length).toBe(256);
  });

  it('another application resets the card: card-reset once, then the transport works again', async () => {
    const a = await connect();
    const client = new MynaCardClient(a);
    await client.select('jpki');
    const other = await connect(); // shared; its close() resets the card
    await other.close();
    expect((await expectCatalogError(client.select('jpki'), 'TRANSPORT_ERROR')).details).toMatchObject({
      reason: 'card-reset',
      transport: READER,
    });
    await client.select('jpki');
    expect((await client.pinStatus('auth')).triesLeft).toBe(3);
  });

  it('exclusive: nobody else connects until close', async () => {
    const a = await connect({ shareMode: 'exclusive' });
    expect((await expectCatalogError(connect(), 'TRANSPORT_ERROR')).details.reason).toBe('sharing-violation');
    await a.close();
    await connect();
  });
});

describe('what pcscd passes through as is', () => {
  /** A card in slot 1 that answers like a T=0 card behind a transparent reader. */
  const received: string[] = [];
  function insertChattyCard(): VpcdCardConnection {
    received.length = 0;
    const card = {
      atr: ATR,
      powerOn: () => ATR,
      reset: () => ATR,
      powerOff: () => {},
      async transmit(apdu: Uint8Array): Promise<Uint8Array> {
        const h = text(apdu);
        received.push(h);
        if (h === '00CA010100') return hex(`${'11'.repeat(200)}6140`); // 200 now, 0x40 more
        if (h === '00C0000040') return hex(`${'22'.repeat(0x40)}9000`);
        if (h === '00B0000000') return hex('6C10');
        if (h === '00B0000010') return hex(`${'33'.repeat(16)}9000`);
        return hex('6D00');
      },
    };
    const b = bridgeCard({ card, port: s.pcsc.ports[1]!, label: EMPTY });
    extra.push(b);
    return b;
  }

  it('61xx and 6Cxx reach the client unchanged (T=1); the transport completes them', async () => {
    await insertChattyCard().whenPresent(10_000);
    const t = await connect({ reader: EMPTY });
    const r = await t.transmit(hex('00CA010100'));
    expect(r.length).toBe(200 + 0x40 + 2);
    expect(text(r.subarray(-2))).toBe('9000');
    expect(text(await t.transmit(hex('00B0000000')))).toBe(`${'33'.repeat(16)}9000`);
    // pcscd and vpcd add nothing for T=1: the follow-ups are the transport's.
    expect(received).toEqual(['00CA010100', '00C0000040', '00B0000000', '00B0000010']);
  });

  it('the card leaves: card-removed, for good', async () => {
    const b = insertChattyCard();
    await b.whenPresent(10_000);
    const t = await connect({ reader: EMPTY });
    await b.stop();
    expect(
      (await expectCatalogError(t.transmit(hex('00B0000010')), 'TRANSPORT_ERROR')).details,
    ).toMatchObject({
      reason: 'card-removed',
      transport: EMPTY,
    });
    expect((await expectCatalogError(t.transmit(hex('00B0000010')), 'TRANSPORT_ERROR')).details.reason).toBe(
      'card-removed',
    );
  });
});

describe('a T=0 card (ATR profile contact-t0) in the second reader', () => {
  it('T=1 only refuses it (protocol-mismatch); with protocol any: T=0, and every flow works through 61xx/6Cxx', async () => {
    const t0 = await openTestCard({ id: 'pcsc-t0-card', atr: 'contact-t0' });
    const b = bridgeCard({ card: t0.card, port: s.pcsc.ports[1]!, label: EMPTY });
    extra.push(b);
    await b.whenPresent(10_000);
    expect((await expectCatalogError(connect({ reader: EMPTY }), 'TRANSPORT_ERROR')).details).toMatchObject({
      reason: 'protocol-mismatch',
    });
    const t = await connect({ reader: EMPTY, protocol: 'any' });
    // pcscd picked T=0 from the ATR (no TD1); vpcd passes the APDUs through unchanged.
    expect(t.protocol).toBe('T=0');
    expect(text(t.atr)).toBe('3B6000FF');
    const client = new MynaCardClient(t);
    const cert = await client.readCertificate('auth');
    expect(Buffer.from(cert).equals(Buffer.from(t0.image.files.jpki[0x000a] as Uint8Array))).toBe(true);
    const data = new TextEncoder().encode('T=0 over PC/SC');
    const sig = await client.sign('auth', data, { pin: PINS.auth });
    expect(verify('sha256', data, new X509Certificate(Buffer.from(cert)).publicKey, sig)).toBe(true);
    expect(await client.pinStatus('auth')).toMatchObject({ set: true, triesLeft: 3 });
  });
});
