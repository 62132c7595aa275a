import { fromHex, toHex } from '@myna/apdu';
import { adminCryptogram } from '@myna/card';
import { describe, expect, it } from 'vitest';
import { ascii, lc, openTestCard, PINS, type TestCard } from './fixtures/index.js';

/**
 * The edges of the PIN commands (spec: card.md §3, §9, §12.3, §12.4; the sandbox's RESET RETRY
 * COUNTER, docs/faithfulness.md) and the durable event each success commits — the gaps the
 * mutation run of stryker/card.config.mjs found.
 */
const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const sw = (r: string) => r.slice(-4);

async function authenticate(t: TestCard): Promise<void> {
  const challenge = fromHex((await t.send('0084000010')).slice(0, -4));
  const crypt = toHex(adminCryptogram(t.image.adminKey, t.image.serial, challenge));
  expect(sw(await t.send(`00820000${lc(crypt)}`))).toBe('9000');
}

const durable = (t: TestCard) => t.store.events(t.card.id).map((e) => [e.type, e.pin, e.triesLeft]);

describe('PIN commands: answers at the edges', () => {
  it('P2 80|1F is no short EF identifier (6A86), for VERIFY, CHANGE and RESET', async () => {
    const t = await openTestCard();
    await t.send(SELECT_JPKI);
    expect(sw(await t.send('0020009F'))).toBe('6A86');
    expect(sw(await t.send(`0024019F${lc(ascii('1234'))}`))).toBe('6A86');
    await authenticate(t);
    expect(sw(await t.send('002C039F'))).toBe('6A86');
  });

  it('CHANGE REFERENCE DATA without data → 6700; a non-ASCII value → 6A80; nothing changes', async () => {
    const t = await openTestCard();
    await t.send(SELECT_JPKI);
    expect(sw(await t.send(`00200098${lc(ascii(PINS.auth))}`))).toBe('9000');
    expect(sw(await t.send('00240198'))).toBe('6700');
    expect(sw(await t.send(`00240198${lc('313233B4')}`))).toBe('6A80');
    expect(sw(await t.send(`8032009B${lc('5349474EB2303235')}`))).toBe('6982'); // sign not verified
    expect(sw(await t.send(`0020009B${lc(ascii(PINS.sign))}`))).toBe('9000');
    expect(sw(await t.send(`8032009B${lc('5349474EB2303235')}`))).toBe('6A80');
    expect(await t.store.readPin(t.card.id, 'auth')).toEqual({ value: PINS.auth, maxTries: 3, triesLeft: 3 });
    expect(await t.store.readPin(t.card.id, 'sign')).toEqual({ value: PINS.sign, maxTries: 5, triesLeft: 5 });
    expect(durable(t)).toEqual([
      ['pin.verified', 'auth', 3],
      ['pin.verified', 'sign', 5],
    ]);
  });

  it('RESET RETRY COUNTER: P1 other than 02/03 → 6A86; a non-PIN EF → 6981; data on P1 03 or none on P1 02 → 6700; a non-ASCII value → 6A80', async () => {
    const t = await openTestCard();
    await t.send(SELECT_JPKI);
    for (let i = 0; i < 2; i++) await t.send(`00200098${lc(ascii('0000'))}`);
    await authenticate(t);
    expect(sw(await t.send('002C0198'))).toBe('6A86');
    expect(sw(await t.send(`002C0098${lc(ascii('2580'))}`))).toBe('6A86');
    expect(sw(await t.send('002C0381'))).toBe('6981');
    expect(sw(await t.send(`002C0281${lc(ascii('2580'))}`))).toBe('6981');
    expect(sw(await t.send(`002C0398${lc(ascii('2580'))}`))).toBe('6700');
    expect(sw(await t.send('002C0298'))).toBe('6700');
    expect(sw(await t.send(`002C0298${lc('323538B0')}`))).toBe('6A80');
    // Nothing of that changed the counter (1 left) or the value.
    expect(await t.store.readPin(t.card.id, 'auth')).toEqual({ value: PINS.auth, maxTries: 3, triesLeft: 1 });
    expect(durable(t)).toEqual([
      ['pin.failed', 'auth', 2],
      ['pin.failed', 'auth', 1],
    ]);
  });
});

describe('PIN commands: the durable event of each success', () => {
  it('VERIFY → pin.verified, CHANGE → pin.changed, RESET (P1 02 and 03) → pin.reset, with the full counter', async () => {
    const t = await openTestCard({ terminal: 'reader-1' });
    await t.send(SELECT_JPKI);
    await t.send(`00200098${lc(ascii('0000'))}`);
    expect(sw(await t.send(`00200098${lc(ascii(PINS.auth))}`))).toBe('9000');
    expect(sw(await t.send(`00240198${lc(ascii('1357'))}`))).toBe('9000');
    await authenticate(t);
    expect(sw(await t.send(`002C0298${lc(ascii('2468'))}`))).toBe('9000');
    expect(sw(await t.send('002C039B'))).toBe('9000');
    expect(durable(t)).toEqual([
      ['pin.failed', 'auth', 2],
      ['pin.verified', 'auth', 3],
      ['pin.changed', 'auth', 3],
      ['pin.reset', 'auth', 3],
      ['pin.reset', 'sign', 5],
    ]);
    expect(t.events.filter((e) => e.pin).map((e) => [e.type, e.terminal])).toEqual([
      ['pin.failed', 'reader-1'],
      ['pin.verified', 'reader-1'],
      ['pin.changed', 'reader-1'],
      ['pin.reset', 'reader-1'],
      ['pin.reset', 'reader-1'],
    ]);
    expect(await t.store.readPin(t.card.id, 'auth')).toEqual({ value: '2468', maxTries: 3, triesLeft: 3 });
  });

  it('RESET P1 03 on a key without reference data answers 6A88 and commits no event', async () => {
    const t = await openTestCard({ kind: 'face-auth' });
    await t.send(SELECT_JPKI);
    await authenticate(t);
    expect(sw(await t.send('002C0398'))).toBe('6A88');
    expect(t.store.events(t.card.id)).toEqual([]);
    expect(t.events.filter((e) => e.pin)).toEqual([]);
  });
});
