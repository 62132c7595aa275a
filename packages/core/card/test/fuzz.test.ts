import { encodeCommand, fromHex, toHex } from '@myna/apdu';
import {
  AID,
  type CardEvent,
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
import { PINS, testProfile } from './fixtures/index.js';

/** Every status word the card may return: card.md §2.5 and §12 (plus 6981 of §2.2/§2.4). */
const ALLOWED = new Set([
  0x9000, 0x6300, 0x66f1, 0x6700, 0x6881, 0x6882, 0x6981, 0x6982, 0x6984, 0x6985, 0x6987, 0x6988, 0x69fc,
  0x6a80, 0x6a82, 0x6a86, 0x6a88, 0x6b00, 0x6d00, 0x6e00, 0x6f00,
]);

/** A store that checks the counter invariant on every committed transition. */
class InvariantStore implements CardStateStore {
  violations: string[] = [];
  transitions = 0;
  raises = 0;
  constructor(private readonly inner: MemoryCardStore) {}
  create = (i: Parameters<CardStateStore['create']>[0]) => this.inner.create(i);
  load = (id: string) => this.inner.load(id);
  readPin = (id: string, p: PinId) => this.inner.readPin(id, p);
  updateImage = async (...a: Parameters<CardStateStore['updateImage']>) => {
    this.violations.push('image written without the issuer key');
    return this.inner.updateImage(...a);
  };
  updatePin<T>(id: string, p: PinId, fn: (c: PinRecord) => PinUpdate<T>): Promise<T> {
    return this.inner.updatePin(id, p, (cur) => {
      const u = fn(cur);
      this.transitions++;
      const types = new Set(u.events.map((e: CardEvent) => e.type));
      if (u.next) {
        if (u.next.triesLeft > cur.triesLeft) {
          this.raises++;
          if (!types.has('pin.verified') && !types.has('pin.changed') && !types.has('pin.reset')) {
            this.violations.push(
              `${p}: counter rose ${cur.triesLeft}→${u.next.triesLeft} without a correct VERIFY`,
            );
          }
        }
        if (u.next.triesLeft < 0 || u.next.triesLeft > cur.maxTries)
          this.violations.push(`${p}: counter out of range`);
        if (u.next.value !== cur.value && !types.has('pin.changed') && !types.has('pin.reset')) {
          this.violations.push(`${p}: value changed without CHANGE/RESET`);
        }
      }
      if (types.has('pin.reset')) this.violations.push(`${p}: reset without the issuer key`);
      if (types.has('pin.changed') && cur.triesLeft === 0)
        this.violations.push(`${p}: changed while blocked`);
      return u;
    });
  }
}

/** xorshift32: fast, seeded, reproducible. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return {
    int: (n: number) => next() % n,
    pick: <T>(xs: readonly T[]) => xs[next() % xs.length]!,
    bytes: (n: number) => Uint8Array.from({ length: n }, () => next() & 0xff),
  };
}

const AIDS = Object.values(AID);
const INS = [
  0xa4, 0xb0, 0xb2, 0x20, 0x24, 0x84, 0xca, 0x88, 0x82, 0x2c, 0x2a, 0x32, 0xae, 0xfc, 0xa2, 0x50, 0x70, 0xcb,
  0x00, 0xff,
];
const CLA = [0x00, 0x00, 0x00, 0x80, 0x80, 0x0c, 0x08, 0x01, 0x84, 0xff, 0x10, 0x40, 0x90];
const P = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x0c, 0x80, 0x81, 0x82, 0x8a, 0x91, 0x92, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c,
  0xff,
];
const VALUES = [
  PINS.auth,
  PINS.sign,
  PINS.kenhojo,
  PINS.juki,
  '0000',
  'ABC123',
  '537686677188',
  '55021720352285',
  '550217',
];

type Rng = ReturnType<typeof rng>;

/** Fields chosen independently from interesting values. */
function wild(r: Rng): Uint8Array {
  const ins = r.pick(INS);
  let data: Uint8Array;
  switch (r.int(6)) {
    case 0:
      data = new Uint8Array(0);
      break;
    case 1:
      data = r.pick(AIDS);
      break;
    case 2:
      data = Uint8Array.of(0, r.int(0x20));
      break;
    case 3:
      data = new TextEncoder().encode(r.pick(VALUES));
      break;
    case 4:
      data = r.bytes(r.int(300));
      break;
    default:
      data = r.bytes(r.int(12));
  }
  const neMode = r.int(4);
  const extended = r.int(5) === 0 || data.length > 255;
  const ne = neMode === 0 ? undefined : neMode === 1 ? 256 : extended ? 1 + r.int(65536) : 1 + r.int(256);
  return encodeCommand({
    cla: r.pick(CLA),
    ins,
    p1: r.pick(P),
    p2: r.pick(P),
    data,
    ne,
    extended: extended && (data.length > 0 || ne !== undefined),
  });
}

/** Commands shaped like the ones clients send, with random choices inside each shape. */
function plausible(r: Rng): Uint8Array {
  const enc = (
    cla: number,
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array = new Uint8Array(0),
    ne?: number,
    extended = false,
  ) =>
    encodeCommand({ cla, ins, p1, p2, data, ne, extended: extended || data.length > 255 || (ne ?? 0) > 256 });
  const ref = () => (r.int(4) === 0 ? 0x80 : 0x80 | (1 + r.int(0x1e)));
  const value = () =>
    new TextEncoder().encode(r.int(3) === 0 ? r.pick(VALUES).slice(0, 1 + r.int(16)) : r.pick(VALUES));
  switch (r.int(14)) {
    case 0:
    case 1:
      return enc(
        0x00,
        0xa4,
        0x04,
        r.pick([0x0c, 0x00, 0x02]),
        r.int(6) === 0 ? r.pick(AIDS).subarray(0, 1 + r.int(10)) : r.pick(AIDS),
        r.int(2) ? 256 : undefined,
      );
    case 2:
      return enc(
        0x00,
        0xa4,
        r.pick([0x02, 0x02, 0x00, 0x09]),
        r.pick([0x0c, 0x00, 0x04]),
        Uint8Array.of(0, 1 + r.int(0x1e)),
        r.int(2) ? 256 : undefined,
      );
    case 3:
    case 4:
      return enc(0x00, 0x20, 0x00, ref(), r.int(2) ? new Uint8Array(0) : value());
    case 5:
      return r.int(2)
        ? enc(
            0x00,
            0xb0,
            0x80 | (1 + r.int(0x1e)),
            r.int(256),
            undefined,
            r.pick([1, 4, 255, 256, 65536]),
            r.int(2) === 0,
          )
        : enc(0x00, 0xb0, r.int(8), r.int(256), undefined, r.pick([4, 255, 256, 0x61f]), r.int(2) === 0);
    case 6:
      return enc(0x00, 0xb2, r.int(3), ((1 + r.int(0x1e)) << 3) | 4, undefined, 256);
    case 7:
      return enc(r.pick([0x00, 0x80]), r.pick([0x24, 0x32]), r.pick([0x00, 0x01]), ref(), value());
    case 8: {
      const len = r.pick([32, 51, 1 + r.int(300)]);
      return enc(
        0x80,
        0x2a,
        r.int(7),
        r.pick([0x80, 0x97, 0x9a, 0x93, 0x00]),
        r.bytes(len),
        r.int(4) ? 256 : undefined,
      );
    }
    case 9:
      return enc(0x00, 0x84, 0x00, 0x00, undefined, 1 + r.int(256), r.int(8) === 0);
    case 10:
      return enc(
        0x00,
        0xca,
        r.pick([0x00, 0x5f, 0x7f, 0xdf]),
        r.pick([0x42, 0x45, 0x66, 0xf0, 0xf2, 0xf7, 0xf8, 0x51, 0x21]),
        undefined,
        r.pick([1, 16, 256, 65536]),
      );
    case 11:
      return enc(0x00, 0x88, 0x00, r.pick([0x99, 0x97, 0x93, 0x80]), r.bytes(1 + r.int(300)), 256);
    case 12:
      return enc(0x00, 0x82, 0x00, 0x00, r.bytes(r.pick([32, 31, 16])));
    default:
      return enc(0x00, 0x2c, r.pick([0x02, 0x03]), ref(), r.int(2) ? value() : new Uint8Array(0));
  }
}

describe('fuzz: random APDUs never break the card', () => {
  it('100,000 APDUs: never throw, always a status word from the spec, counters never rise without a correct VERIFY', async () => {
    const inner = new MemoryCardStore();
    const image = personalize(await testProfile({ id: 'fuzz' }));
    await inner.create(image);
    const store = new InvariantStore(inner);
    const errors: unknown[] = [];
    const card = await VirtualCard.open(image.id, {
      store,
      random: seededRandom('fuzz'),
      clock: fixedClock('2026-01-01T00:00:00Z'),
      onError: (e) => errors.push(e),
    });
    const r = rng(0x5eed);
    const N = 100_000;
    const swCount = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      let apdu: Uint8Array;
      const mode = r.int(10);
      if (mode === 0) apdu = r.bytes(r.int(40));
      else if (mode <= 3) apdu = wild(r);
      else apdu = plausible(r);
      // Sometimes corrupt one byte of an otherwise plausible command.
      if (mode > 3 && apdu.length > 0 && r.int(8) === 0) apdu[r.int(apdu.length)] = r.int(256);
      const rsp = await card.transmit(apdu);
      expect(rsp.length).toBeGreaterThanOrEqual(2);
      const sw = (rsp[rsp.length - 2]! << 8) | rsp[rsp.length - 1]!;
      if (!ALLOWED.has(sw) && (sw & 0xfff0) !== 0x63c0)
        throw new Error(`APDU ${toHex(apdu)} → SW ${sw.toString(16)}`);
      if (rsp.length > 2 && sw !== 0x9000)
        throw new Error(`data with SW ${sw.toString(16)} for ${toHex(apdu)}`);
      swCount.set(sw, (swCount.get(sw) ?? 0) + 1);
      if (r.int(50) === 0) card.reset();
    }
    if (process.env.FUZZ_DEBUG) console.log([...swCount].map(([k, v]) => `${k.toString(16)}:${v}`).join(' '));
    expect(errors).toEqual([]);
    expect(store.violations).toEqual([]);
    expect(swCount.get(0x6f00) ?? 0).toBe(0);
    // The fuzzer reached the interesting paths: successes, PIN failures, correct VERIFYs.
    expect(swCount.get(0x9000) ?? 0).toBeGreaterThan(1000);
    expect(store.transitions).toBeGreaterThan(100);
    expect(store.raises).toBeGreaterThan(0);
    void fromHex;
  });
});
