import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  publicDecrypt,
  verify,
  X509Certificate,
} from 'node:crypto';
import { fromHex, toHex } from '@myna/apdu';
import {
  adminCryptogram,
  type CardStateStore,
  MemoryCardStore,
  type PinId,
  type PinRecord,
  type PinUpdate,
  personalize,
  VirtualCard,
} from '@myna/card';
import { fixedClock, seededRandom } from '@myna/ports';
import { describe, expect, it } from 'vitest';
import { ascii, lc, openTestCard, PINS, testProfile } from './fixtures/index.js';

const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const sel = (fid: string) => `00A4020C02${fid}`;
const sw = (r: string) => r.slice(-4);
const data = (r: string) => fromHex(r.slice(0, -4));

async function readCertificate(send: (h: string) => Promise<string>, fid: string): Promise<X509Certificate> {
  await send(sel(fid));
  const r = await send('00B0000000000000'.slice(0, 14));
  return new X509Certificate(Buffer.from(data(r)));
}

describe('COMPUTE DIGITAL SIGNATURE in every mode verifies against the certificate (card.md §4.2)', () => {
  const msg = new TextEncoder().encode('myna-sandbox: 電子署名のテスト');
  const hash = new Uint8Array(createHash('sha256').update(msg).digest());
  const digestInfo = fromHex('3031300D060960864801650304020105000420' + toHex(hash));

  for (const [which, pinEf, keyEf, certEf, pin] of [
    ['user-auth key (0017)', '0018', '0017', '000A', PINS.auth],
    ['signature key (001A)', '001B', '001A', '0001', PINS.sign],
  ] as const) {
    it(`${which}: P1 00–05`, async () => {
      const { send } = await openTestCard();
      await send(SELECT_JPKI);
      await send(sel(pinEf));
      expect(sw(await send(`0020008${'0'}${lc(ascii(pin))}`))).toBe('9000');
      const cert = await readCertificate(send, certEf);
      const pub = cert.publicKey;
      await send(sel(keyEf));
      const sign = async (p1: number, input: Uint8Array) => {
        const r = await send(`802A${p1.toString(16).padStart(2, '0')}80${lc(toHex(input))}00`);
        expect(sw(r)).toBe('9000');
        const s = data(r);
        expect(s.length).toBe(256);
        return s;
      };
      // 00: caller's DigestInfo, PKCS#1 v1.5 → an ordinary sha256WithRSAEncryption signature
      expect(verify('sha256', msg, pub, await sign(0, digestInfo))).toBe(true);
      // 01: the card hashes and signs the bare hash (no DigestInfo)
      expect(
        toHex(publicDecrypt({ key: pub, padding: constants.RSA_PKCS1_PADDING }, await sign(1, msg))),
      ).toBe(toHex(hash));
      // 02: 32-byte hash in, DigestInfo added by the card
      expect(verify('sha256', msg, pub, await sign(2, hash))).toBe(true);
      // 03: whole message, sha256WithRSAEncryption
      expect(verify('sha256', msg, pub, await sign(3, msg))).toBe(true);
      // 04/05: RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32)
      const pss = { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
      expect(verify('sha256', msg, pss, await sign(4, hash))).toBe(true);
      expect(verify('sha256', msg, pss, await sign(5, msg))).toBe(true);
      // Wrong lengths → 6700; unknown scheme → 6A86
      expect(sw(await send(`802A0280${lc(toHex(hash.subarray(1)))}00`))).toBe('6700');
      expect(sw(await send(`802A0080${lc('00'.repeat(246))}00`))).toBe('6700');
      expect(sw(await send(`802A0680${lc(toHex(hash))}00`))).toBe('6A86');
      // The same key by SFI gives the same PKCS#1 v1.5 signature (deterministic)
      const bySfi = await send(
        `802A00${(0x80 | Number.parseInt(keyEf, 16)).toString(16).toUpperCase()}${lc(toHex(digestInfo))}00`,
      );
      expect(bySfi.slice(0, -4)).toBe(toHex(await sign(0, digestInfo)));
    });
  }

  it('the 共通 AP key answers INTERNAL AUTHENTICATE; the JPKI keys do not (card.md §2.4, §7)', async () => {
    const { send } = await openTestCard();
    await send('00A4040C0AD3921000310001010100');
    const r = await send(`00880099${lc('0102030405060708')}00`);
    expect(sw(r)).toBe('9000');
    expect(data(r).length).toBe(256);
    await send(SELECT_JPKI);
    expect(sw(await send(`00880097${lc('0102')}00`))).toBe('6982');
    await send('00A4040C0AD3921000310001010408');
    expect(sw(await send(`00880093${lc('0102')}00`))).toBe('6985');
  });
});

describe('CHANGE REFERENCE DATA (card.md §9, §12.4)', () => {
  it('needs the current value verified, enforces the format, and resets nothing else', async () => {
    const { send, store, card } = await openTestCard();
    await send(SELECT_JPKI);
    await send(sel('0018'));
    expect(sw(await send(`00240180${lc(ascii('4321'))}`))).toBe('6982');
    expect(sw(await send(`00200080${lc(ascii(PINS.auth))}`))).toBe('9000');
    expect(sw(await send(`00240180${lc(ascii('43210'))}`))).toBe('6A80');
    expect(sw(await send(`00240180${lc(ascii('43A1'))}`))).toBe('6A80');
    expect((await store.readPin(card.id, 'auth')).value).toBe(PINS.auth);
    expect(sw(await send(`00240180${lc(ascii('4321'))}`))).toBe('9000');
    expect(sw(await send(`00200080${lc(ascii(PINS.auth))}`))).toBe('63C2');
    expect(sw(await send(`00200080${lc(ascii('4321'))}`))).toBe('9000');
    // Signature password: lower case is a format error (the card compares bytes; clients upper-case)
    await send(sel('001B'));
    await send(`00200080${lc(ascii(PINS.sign))}`);
    expect(sw(await send(`00240180${lc(ascii('newpass1'))}`))).toBe('6A80');
    expect(sw(await send(`00240180${lc(ascii('NEWPASS1'))}`))).toBe('9000');
  });

  it('80 32 changes the 住基 and common PINs after VERIFY', async () => {
    const { send } = await openTestCard();
    await send('00A4040C0AD3921000310001010401');
    expect(sw(await send(`8032009C${lc(ascii('1111'))}`))).toBe('6982');
    expect(sw(await send(`0020009C${lc(ascii(PINS.juki))}`))).toBe('9000');
    expect(sw(await send(`8032009C${lc(ascii('1111'))}`))).toBe('9000');
    expect(sw(await send(`0020009C${lc(ascii('1111'))}`))).toBe('9000');
    // 照合番号 keys cannot be changed
    await send('00A4040C0AD3921000310001010408');
    await send(`00200094${lc(ascii('537686677188'))}`);
    expect(sw(await send(`00240194${lc(ascii('111111111111'))}`))).toBe('6985');
  });
});

describe('administrative reset (sandbox design, docs/faithfulness.md)', () => {
  it('without EXTERNAL AUTHENTICATE, RESET RETRY COUNTER answers 6982 and changes nothing', async () => {
    const { send, store, card } = await openTestCard();
    await send(SELECT_JPKI);
    for (let i = 0; i < 3; i++) await send(`00200098${lc(ascii('0000'))}`);
    expect(sw(await send('00200098'))).toBe('63C0');
    expect(sw(await send(`002C0298${lc(ascii('1111'))}`))).toBe('6982');
    expect(sw(await send('002C0398'))).toBe('6982');
    // A wrong cryptogram fails with 6300 and opens nothing
    await send('0084000010');
    expect(sw(await send(`00820000${lc('00'.repeat(32))}`))).toBe('6300');
    expect(sw(await send(`002C0298${lc(ascii('1111'))}`))).toBe('6982');
    // EXTERNAL AUTHENTICATE without a fresh challenge → 6985
    expect(sw(await send(`00820000${lc('00'.repeat(32))}`))).toBe('6985');
    expect((await store.readPin(card.id, 'auth')).triesLeft).toBe(0);
  });

  it('with the issuer key: new value and full counter; the challenge is single-use', async () => {
    const { send, image, events } = await openTestCard();
    await send(SELECT_JPKI);
    for (let i = 0; i < 3; i++) await send(`00200098${lc(ascii('0000'))}`);
    expect(sw(await send(`00200098${lc(ascii(PINS.auth))}`))).toBe('6984');
    const challenge = data(await send('0084000010'));
    const crypt = toHex(adminCryptogram(image.adminKey, image.serial, challenge));
    expect(sw(await send(`00820000${lc(crypt)}`))).toBe('9000');
    expect(sw(await send(`00820000${lc(crypt)}`))).toBe('6985');
    expect(sw(await send(`002C0298${lc(ascii('12a4'))}`))).toBe('6A80');
    expect(sw(await send(`002C0298${lc(ascii('9876'))}`))).toBe('9000');
    expect(sw(await send('00200098'))).toBe('63C3');
    expect(sw(await send(`00200098${lc(ascii('9876'))}`))).toBe('9000');
    // Admin state dies with a reset
    await send('00A4040C0AD3921000310001010408');
    expect(sw(await send('002C0391'))).toBe('9000');
    expect(events.map((e) => e.type)).toContain('pin.reset');
  });

  it('a reset card session forgets the authentication', async () => {
    const { send, card, image } = await openTestCard();
    const challenge = data(await send('0084000008'));
    expect(
      sw(await send(`00820000${lc(toHex(adminCryptogram(image.adminKey, image.serial, challenge)))}`)),
    ).toBe('9000');
    card.reset();
    await send(SELECT_JPKI);
    expect(sw(await send('002C0398'))).toBe('6982');
  });
});

describe('events carry the terminal and never a PIN', () => {
  it('reports checked, failed, blocked, refused, verified with tries left', async () => {
    const { send, card, events, store } = await openTestCard({ terminal: 'Virtual PCD 00 00' });
    await send('00A4040C0AD3921000310001010408');
    await send('00200091');
    for (let i = 0; i < 3; i++) await send(`00200091${lc(ascii('0000'))}`);
    await send(`00200091${lc(ascii(PINS.kenhojo))}`);
    card.powerOn('kiosk:seven-eleven');
    await send('00A4040C0AD3921000310001010408');
    await send('00200091');
    expect(events.map((e) => [e.type, e.triesLeft, e.terminal])).toEqual([
      ['pin.checked', 3, 'Virtual PCD 00 00'],
      ['pin.failed', 2, 'Virtual PCD 00 00'],
      ['pin.failed', 1, 'Virtual PCD 00 00'],
      ['pin.failed', 0, 'Virtual PCD 00 00'],
      ['pin.blocked', 0, 'Virtual PCD 00 00'],
      ['pin.refused', 0, 'Virtual PCD 00 00'],
      ['pin.checked', 0, 'kiosk:seven-eleven'],
    ]);
    expect(JSON.stringify(events)).not.toContain(PINS.kenhojo);
    // Durable events are in the store (checked ones are only streamed)
    expect(store.events(card.id).map((e) => e.type)).toEqual([
      'pin.failed',
      'pin.failed',
      'pin.failed',
      'pin.blocked',
      'pin.refused',
    ]);
  });
});

/** A store that records the order of commits and answers, and can fail. */
class ObservedStore implements CardStateStore {
  log: string[] = [];
  failNext = false;
  constructor(private readonly inner: MemoryCardStore) {}
  create = (i: Parameters<CardStateStore['create']>[0]) => this.inner.create(i);
  load = (id: string) => this.inner.load(id);
  readPin = (id: string, p: PinId) => this.inner.readPin(id, p);
  updateImage = (...a: Parameters<CardStateStore['updateImage']>) => this.inner.updateImage(...a);
  async updatePin<T>(id: string, p: PinId, fn: (c: PinRecord) => PinUpdate<T>): Promise<T> {
    await new Promise((r) => setTimeout(r, 2));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    const r = await this.inner.updatePin(id, p, fn);
    this.log.push(`commit ${p} ${(await this.inner.readPin(id, p)).triesLeft}`);
    return r;
  }
}

describe('durability (architecture.md "State and durability")', () => {
  async function observed() {
    const inner = new MemoryCardStore();
    const image = personalize(await testProfile());
    await inner.create(image);
    const store = new ObservedStore(inner);
    const card = await VirtualCard.open(image.id, {
      store,
      random: seededRandom('d'),
      clock: fixedClock('2026-01-01T00:00:00Z'),
    });
    const send = async (h: string) => toHex(await card.transmit(fromHex(h)));
    return { store, card, send, inner };
  }

  it('a failed VERIFY is committed before its status word is returned', async () => {
    const { store, send } = await observed();
    await send(SELECT_JPKI);
    const r = await send(`00200098${lc(ascii('0000'))}`);
    store.log.push(`answer ${sw(r)}`);
    expect(store.log).toEqual(['commit auth 2', 'answer 63C2']);
  });

  it('a store failure answers 6F00 and spends no try', async () => {
    const { store, send, card, inner } = await observed();
    await send(SELECT_JPKI);
    store.failNext = true;
    expect(sw(await send(`00200098${lc(ascii('0000'))}`))).toBe('6F00');
    expect((await inner.readPin(card.id, 'auth')).triesLeft).toBe(3);
  });

  it('concurrent transmits are processed one at a time, in order', async () => {
    const { send, store } = await observed();
    await send(SELECT_JPKI);
    const rs = await Promise.all([1, 2, 3, 4].map(() => send(`00200098${lc(ascii('0000'))}`)));
    expect(rs.map(sw)).toEqual(['63C2', '63C1', '63C0', '6984']);
    expect(store.log).toEqual(['commit auth 2', 'commit auth 1', 'commit auth 0', 'commit auth 0']);
  });

  it('two card objects on one store share the counters (as two processes would)', async () => {
    const inner = new MemoryCardStore();
    const image = personalize(await testProfile());
    await inner.create(image);
    const open = () =>
      VirtualCard.open(image.id, {
        store: inner,
        random: seededRandom('x'),
        clock: fixedClock('2026-01-01T00:00:00Z'),
      });
    const [a, b] = await Promise.all([open(), open()]);
    const tx = async (c: VirtualCard, h: string) => toHex(await c.transmit(fromHex(h)));
    await tx(a, SELECT_JPKI);
    await tx(b, SELECT_JPKI);
    expect(sw(await tx(a, `00200098${lc(ascii('0000'))}`))).toBe('63C2');
    expect(sw(await tx(b, '00200098'))).toBe('63C2');
    expect(sw(await tx(b, `00200098${lc(ascii('0000'))}`))).toBe('63C1');
    expect(sw(await tx(a, '00200098'))).toBe('63C1');
  });
});

describe('misc card behaviour', () => {
  it('GET CHALLENGE honours Le 1–256 exactly; extended Le → 6985', async () => {
    const { send } = await openTestCard();
    for (const le of [1, 8, 255])
      expect(data(await send(`00840000${le.toString(16).padStart(2, '0')}`)).length).toBe(le);
    expect(data(await send('0084000000')).length).toBe(256);
    expect(sw(await send('0084000000000101'.slice(0, 14)))).toBe('6985');
  });

  it('the signature certificate is readable after the password, and its key matches', async () => {
    const { send } = await openTestCard();
    await send(SELECT_JPKI);
    await send(sel('001B'));
    await send(`00200080${lc(ascii(PINS.sign))}`);
    const cert = await readCertificate(send, '0001');
    const der = Buffer.from((await testProfile()).jpki.sign!.privateKeyPkcs8);
    const pk = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    expect(cert.publicKey.export({ format: 'jwk' }).n).toBe(pk.export({ format: 'jwk' }).n);
    expect(cert.subject).toContain('Kiyose-shi');
  });
});

describe('sandbox WRITE EF and PUT KEY (administrative, docs/faithfulness.md)', () => {
  it('need issuer authentication; written content reaches other card objects at power-on', async () => {
    const { send, image, store, card } = await openTestCard();
    const other = await VirtualCard.open(card.id, {
      store,
      random: seededRandom('o'),
      clock: fixedClock('2026-01-01T00:00:00Z'),
    });
    await send(SELECT_JPKI);
    expect(sw(await send(`80D6008B${lc('3003020100')}`))).toBe('6982');
    expect(sw(await send(`80DA0097${lc('00')}`))).toBe('6982');
    const ch = data(await send('0084000010'));
    expect(sw(await send(`00820000${lc(toHex(adminCryptogram(image.adminKey, image.serial, ch)))}`))).toBe(
      '9000',
    );
    expect(sw(await send(`80DA0097${lc('3003020100')}`))).toBe('6A80');
    const newKey = (await testProfile()).jpki.sign!.privateKeyPkcs8;
    // Extended Lc for a 1.2 KB key and certificate.
    const ext = (hdr: string, body: Uint8Array) =>
      `${hdr}00${body.length.toString(16).padStart(4, '0')}${toHex(body)}`;
    expect(sw(await send(ext('80DA0097', newKey)))).toBe('9000');
    const certDer = data(await send('00B08A00000000'));
    expect(sw(await send(ext('80D6008B', certDer)))).toBe('9000');
    // Another object of the same card, opened before the writes, sees the new key after power-on.
    other.powerOn('other');
    const tx = async (h: string) => toHex(await other.transmit(fromHex(h)));
    await tx(SELECT_JPKI);
    expect(sw(await tx(`00200098${lc(ascii(PINS.auth))}`))).toBe('9000');
    const digest = createHash('sha256').update('x').digest();
    const sig = data(await tx(`802A0097${lc('3031300D060960864801650304020105000420' + toHex(digest))}00`));
    const signPub = createPublicKey(
      createPrivateKey({ key: Buffer.from(newKey), format: 'der', type: 'pkcs8' }),
    );
    expect(verify('sha256', Buffer.from('x'), signPub, sig)).toBe(true);
    expect(toHex(data(await tx('00B08B00000000')))).toBe(toHex(certDer));
  });
});
