import { fromHex, toHex } from '@myna/apdu';
import { adminCryptogram } from '@myna/card';
import { describe, expect, it } from 'vitest';
import { ascii, lc, openTestCard, PINS } from './fixtures/index.js';

/**
 * ERASE REFERENCE DATA `80 2C 00 P2` — the sandbox's administrative command that turns a holder
 * PIN into "no reference data" (a face-authentication card, pin-lifecycle.md §1.3); see
 * docs/faithfulness.md, "Designed for the sandbox".
 */
const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const SELECT_KENHOJO = '00A4040C0AD3921000310001010408';
const SELECT_JUKI = '00A4040C0AD3921000310001010401';
const sw = (r: string) => r.slice(-4);

async function authenticate(t: Awaited<ReturnType<typeof openTestCard>>): Promise<void> {
  const challenge = fromHex((await t.send('0084000010')).slice(0, -4));
  const crypt = toHex(adminCryptogram(t.image.adminKey, t.image.serial, challenge));
  expect(sw(await t.send(`00820000${lc(crypt)}`))).toBe('9000');
}

describe('ERASE REFERENCE DATA 80 2C 00 (sandbox admin command)', () => {
  it('without issuer authentication answers 6982 and changes nothing', async () => {
    const t = await openTestCard();
    await t.send(SELECT_JPKI);
    expect(sw(await t.send(`00200098${lc(ascii(PINS.auth))}`))).toBe('9000');
    expect(sw(await t.send('802C0098'))).toBe('6982');
    expect(sw(await t.send('802C0080'))).toBe('6982');
    expect(sw(await t.send('00200098'))).toBe('63C3');
    expect((await t.store.readPin(t.card.id, 'auth')).value).toBe(PINS.auth);
  });

  it('with it: VERIFY answers 6300 (status) / 6A88 (a value) afterwards; RESET RETRY COUNTER P1 02 sets a value again', async () => {
    const t = await openTestCard();
    await authenticate(t);
    await t.send(SELECT_JPKI);
    expect(sw(await t.send('802C0098'))).toBe('9000');
    expect(sw(await t.send('802C009B'))).toBe('9000');
    expect(sw(await t.send('00200098'))).toBe('6300');
    expect(sw(await t.send(`00200098${lc(ascii(PINS.auth))}`))).toBe('6A88');
    expect(sw(await t.send(`0020009B${lc(ascii(PINS.sign))}`))).toBe('6A88');
    // P1 03 (keep the value) has nothing to keep.
    expect(sw(await t.send('002C0398'))).toBe('6A88');
    expect(sw(await t.send(`002C0298${lc(ascii('2580'))}`))).toBe('9000');
    expect(sw(await t.send('00200098'))).toBe('63C3');
    expect(sw(await t.send(`00200098${lc(ascii('2580'))}`))).toBe('9000');
    // The other applications' PINs, by SFI.
    await t.send(SELECT_KENHOJO);
    expect(sw(await t.send('802C0091'))).toBe('9000');
    expect(sw(await t.send('00200091'))).toBe('6300');
    await t.send(SELECT_JUKI);
    expect(sw(await t.send('802C009C'))).toBe('9000');
    expect(sw(await t.send('0020009C'))).toBe('6300');
    expect(t.events.filter((e) => e.type === 'pin.erased').map((e) => [e.pin, e.terminal])).toEqual([
      ['auth', 'test-terminal'],
      ['sign', 'test-terminal'],
      ['kenhojo', 'test-terminal'],
      ['juki', 'test-terminal'],
    ]);
    for (const e of t.events) expect(JSON.stringify(e)).not.toContain(PINS.auth);
  });

  it('a verified PIN stops being verified once erased', async () => {
    const t = await openTestCard();
    await t.send(SELECT_JPKI);
    expect(sw(await t.send(`0020009B${lc(ascii(PINS.sign))}`))).toBe('9000');
    await authenticate(t);
    await t.send(SELECT_JPKI);
    expect(sw(await t.send('802C009B'))).toBe('9000');
    // The signature certificate EF needs the password verified: no longer.
    expect(sw(await t.send('00B0810000'))).toBe('6982');
  });

  it('refuses 照合番号 keys (6985), wrong P1 (6A86), data (6700), non-PIN EFs (6981)', async () => {
    const t = await openTestCard();
    await authenticate(t);
    await t.send(SELECT_KENHOJO);
    expect(sw(await t.send('802C0094'))).toBe('6985');
    expect(sw(await t.send('802C0198'))).toBe('6A86');
    await t.send(SELECT_JPKI);
    expect(sw(await t.send(`802C0098${lc(ascii('1234'))}`))).toBe('6700');
    expect(sw(await t.send('802C0081'))).toBe('6981');
    expect(sw(await t.send('00200098'))).toBe('63C3');
  });

  it('on a face-authentication card, P1 02 gives a PIN reference data it never had', async () => {
    const t = await openTestCard({ kind: 'face-auth' });
    await t.send(SELECT_JPKI);
    expect(sw(await t.send('00200098'))).toBe('6300');
    expect(sw(await t.send(`002C0298${lc(ascii('1357'))}`))).toBe('6982');
    await authenticate(t);
    await t.send(SELECT_JPKI);
    expect(sw(await t.send(`002C0298${lc(ascii('1357'))}`))).toBe('9000');
    expect(sw(await t.send(`00200098${lc(ascii('1357'))}`))).toBe('9000');
  });
});
