import { parseCommand } from '@myna/apdu';
import { ATR_PROFILE_NAMES, ATR_PROFILES, personalize, T0Responder } from '@myna/card';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascii, hex, lc, openTestCard, testProfile } from './fixtures/index.js';

/**
 * T=0 (ISO/IEC 7816-3 §10.3, §12.2; 7816-4 §5.3.4): 61xx / GET RESPONSE for answers with data to
 * case-3/4 commands, 6Cxx for a wrong Le on case 2 — and the ATR profiles (card.md §1) that say
 * which protocol a card speaks.
 */

const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const SIGN_DIGEST_INFO = '3031300D060960864801650304020105000420' + '11'.repeat(32);

/** Independent ISO/IEC 7816-3 §8 ATR parser: the protocols offered by TD1.. and whether TCK checks. */
function parseAtr(atr: Uint8Array): { protocols: number[]; tckOk: boolean; historical: number } {
  expect(atr[0]).toBe(0x3b);
  let i = 1;
  let y = atr[i]! >> 4;
  const k = atr[i]! & 0x0f;
  const protocols: number[] = [];
  for (;;) {
    if (y & 1) i++; // TA
    if (y & 2) i++; // TB
    if (y & 4) i++; // TC
    if (!(y & 8)) break;
    i++;
    const td = atr[i]!;
    protocols.push(td & 0x0f);
    y = td >> 4;
  }
  const end = i + 1 + k;
  const onlyT0 = protocols.every((p) => p === 0);
  let tckOk = true;
  if (!onlyT0) {
    expect(atr.length).toBe(end + 1);
    tckOk = atr.subarray(1).reduce((a, b) => a ^ b, 0) === 0;
  } else {
    expect(atr.length).toBe(end);
  }
  return { protocols: protocols.length ? protocols : [0], tckOk, historical: k };
}

describe('ATR profiles', () => {
  it('every ATR is well formed (structure, TCK); only contact-t0 offers T=0 alone', () => {
    for (const name of ATR_PROFILE_NAMES) {
      const p = ATR_PROFILES[name];
      const { protocols, tckOk } = parseAtr(p.atr);
      expect(tckOk, name).toBe(true);
      if (p.protocol === 'T=0') expect(protocols, name).toEqual([0]);
      else expect(protocols, name).toContain(1);
    }
    expect(ATR_PROFILE_NAMES.filter((n) => ATR_PROFILES[n].protocol === 'T=0')).toEqual(['contact-t0']);
    expect(Buffer.from(ATR_PROFILES.contact.atr).toString('hex')).toBe('3be000ff8131fe4514');
  });

  it('the card presents its profile ATR; GET DATA 5F51 gives the chip contact ATR without TS', async () => {
    for (const atr of ATR_PROFILE_NAMES) {
      const t = await openTestCard({ atr });
      expect(Buffer.from(t.card.atr)).toEqual(Buffer.from(ATR_PROFILES[atr].atr));
      expect(Buffer.from(t.card.powerOn())).toEqual(Buffer.from(ATR_PROFILES[atr].atr));
      expect(t.card.protocol).toBe(ATR_PROFILES[atr].protocol);
      const want = Buffer.from(ATR_PROFILES[atr].contactAtr.subarray(1)).toString('hex').toUpperCase();
      expect(
        await t.send(
          `00CA5F51${want.length / 2 === 256 ? '00' : (want.length / 2).toString(16).padStart(2, '0')}`,
        ),
      ).toBe(`${want}9000`);
      if (atr.startsWith('contactless')) expect(want).toBe('E000FF8131FE4514');
    }
  });

  it('an unknown profile name is refused at personalisation and the default is not stored', async () => {
    const p = await testProfile({ atr: 'nope' as never });
    expect(() => personalize(p)).toThrow(/atr/);
    expect(personalize(await testProfile({ atr: 'contact' })).atr).toBeUndefined();
    expect(personalize(await testProfile({ atr: 'contact-02' })).atr).toBe('contact-02');
  });
});

/** A reference T=0 reader: repeats on 6Cxx, collects 61xx with GET RESPONSE (Le = SW2). */
async function t0Exchange(send: (h: string) => Promise<string>, cmd: string): Promise<string> {
  let r = await send(cmd);
  if (r.length === 4 && r.startsWith('6C')) r = await send(cmd.slice(0, 8) + r.slice(2));
  let data = '';
  for (let n = 0; r.length === 4 && r.startsWith('61'); n++) {
    if (n > 300) throw new Error('endless 61xx');
    r = await send(`00C00000${r.slice(2)}`);
    data += r.slice(0, -4);
    if (!r.slice(-4).startsWith('61')) return data + r.slice(-4);
    r = r.slice(-4);
  }
  return data + r;
}

describe('T0Responder (pure)', () => {
  it('GET RESPONSE in any chunk sizes returns the held-back data and SW exactly once', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 1200 }),
        fc.constantFrom(0x9000, 0x6282),
        fc.array(fc.integer({ min: 1, max: 256 }), { minLength: 1, maxLength: 40 }),
        (data, sw, les) => {
          const r = new T0Responder();
          const first = r.respond(parseCommand(hex('802A00800401020304')), { sw, data });
          expect(first.sw).toBe(0x6100 | (Math.min(data.length, 256) & 0xff));
          expect(first.data).toBeUndefined();
          let got = new Uint8Array(0);
          let remaining = data.length;
          let last = first.sw;
          const get = (le: number) =>
            r.getResponse(parseCommand(hex(`00C00000${(le & 0xff).toString(16).padStart(2, '0')}`)));
          for (let i = 0; remaining > 0; i++) {
            let le = les[i % les.length]!;
            if (le > remaining) {
              // Wrong Le: 6Cxx with the exact length left, nothing consumed; then ask for that.
              expect(get(le).sw).toBe(0x6c00 | (remaining & 0xff));
              le = remaining;
            }
            const a = get(le);
            got = new Uint8Array([...got, ...a.data!]);
            remaining -= le;
            last = a.sw;
            expect(a.sw).toBe(remaining > 0 ? 0x6100 | (Math.min(remaining, 256) & 0xff) : sw);
          }
          expect(Buffer.from(got)).toEqual(Buffer.from(data));
          expect(last).toBe(sw);
          expect(r.getResponse(parseCommand(hex('00C0000000'))).sw).toBe(0x6985);
        },
      ),
    );
  });

  it('case 2: Le right → data at once; Le too large → 6Cxx and nothing held back; no data → SW only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 256 }), (n, le) => {
        const r = new T0Responder();
        const c = parseCommand(hex(`00B00000${(le & 0xff).toString(16).padStart(2, '0')}`));
        const data = new Uint8Array(Math.min(n, le)).fill(7);
        const a = r.respond(c, { sw: 0x9000, data });
        if (data.length === le) expect(a).toEqual({ sw: 0x9000, data });
        else expect(a).toEqual({ sw: 0x6c00 | (data.length & 0xff) });
        expect(r.getResponse(parseCommand(hex('00C0000001'))).sw).toBe(0x6985);
        expect(r.respond(c, { sw: 0x6982 })).toEqual({ sw: 0x6982 });
      }),
    );
  });

  it('GET RESPONSE: P1P2 ≠ 0 → 6A86, no Le → 6700; another command drops what was held', () => {
    const r = new T0Responder();
    r.respond(parseCommand(hex('802A00800101')), { sw: 0x9000, data: new Uint8Array(10) });
    expect(r.getResponse(parseCommand(hex('00C0010000'))).sw).toBe(0x6a86);
    expect(r.getResponse(parseCommand(hex('00C00000'))).sw).toBe(0x6700);
    r.respond(parseCommand(hex('00A4020C020017')), { sw: 0x9000 });
    expect(r.getResponse(parseCommand(hex('00C000000A'))).sw).toBe(0x6985);
  });
});

describe('a T=0 card', () => {
  it('reads any part of a certificate EF as a T=1 card does, through 6Cxx (property)', async () => {
    const t0 = await openTestCard({ atr: 'contact-t0' });
    const t1 = await openTestCard();
    for (const t of [t0, t1]) await t.send(`${SELECT_JPKI}`);
    for (const t of [t0, t1]) await t.send('00A4020C02000A');
    const size = (t1.image.files.jpki[0x000a] as Uint8Array).length;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: size + 20 }),
        fc.integer({ min: 1, max: 256 }),
        async (off, le) => {
          const cmd = `00B0${off.toString(16).padStart(4, '0')}${(le & 0xff).toString(16).padStart(2, '0')}`;
          expect(await t0Exchange(t0.send, cmd)).toBe(await t1.send(cmd));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('signs through 61xx + GET RESPONSE with the bytes a T=1 card returns; extended APDUs → 6700', async () => {
    const t0 = await openTestCard({ atr: 'contact-t0' });
    const t1 = await openTestCard();
    for (const t of [t0, t1]) {
      await t.send(SELECT_JPKI);
      await t.send('00A4020C020018');
      expect(await t.send(`00200080${lc(ascii('1234'))}`)).toBe('9000');
      await t.send('00A4020C020017');
    }
    const sig1 = await t1.send(`802A0080${lc(SIGN_DIGEST_INFO)}00`);
    expect(await t0.send(`802A0080${lc(SIGN_DIGEST_INFO)}`)).toBe('6100');
    expect(await t0.send('00C0000000')).toBe(sig1);
    // With Le as an APDU-level client sends it: the same.
    expect(await t0Exchange(t0.send, `802A0080${lc(SIGN_DIGEST_INFO)}00`)).toBe(sig1);
    expect(await t0.send('00B00000000100')).toBe('6700');
    // Reset drops what was held back.
    expect(await t0.send(`802A0080${lc(SIGN_DIGEST_INFO)}`)).toBe('6100');
    t0.card.reset();
    expect(await t0.send('00C0000000')).toBe('6985');
  });

  it('a T=1 card does not know GET RESPONSE (6D00)', async () => {
    const t1 = await openTestCard();
    expect(await t1.send('00C0000000')).toBe('6D00');
  });
});

describe('VERIFY per card kind (the PINs OpenSC queries while binding)', () => {
  const status = async (kind: 'adult' | 'under-15' | 'face-auth') => {
    const t = await openTestCard({ kind });
    await t.send(SELECT_JPKI);
    const out: Record<string, string> = {};
    for (const [name, fid] of [
      ['auth', '0018'],
      ['sign', '001B'],
    ] as const) {
      await t.send(`00A4020C02${fid}`);
      out[name] = await t.send('00200080');
      out[`${name}+value`] = await t.send(`00200080${lc(ascii(name === 'auth' ? '9999' : 'WRONG1'))}`);
    }
    return out;
  };

  it('adult: 63C3 / 63C5, a wrong value spends a try', async () => {
    expect(await status('adult')).toEqual({
      auth: '63C3',
      'auth+value': '63C2',
      sign: '63C5',
      'sign+value': '63C4',
    });
  });

  it('under 15: the user-auth PIN answers 63C3; the signature password (no reference data) 6300 / 6A88', async () => {
    expect(await status('under-15')).toEqual({
      auth: '63C3',
      'auth+value': '63C2',
      sign: '6300',
      'sign+value': '6A88',
    });
  });

  it('face-auth: every PIN 6300 to a status query (SW1 63: OpenSC binds), 6A88 to a value', async () => {
    expect(await status('face-auth')).toEqual({
      auth: '6300',
      'auth+value': '6A88',
      sign: '6300',
      'sign+value': '6A88',
    });
  });
});
