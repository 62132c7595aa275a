import { encodeCommand, toHex } from '@myna/apdu';
import { AID, type CardStateStore, type PinId, personalize, VirtualCard } from '@myna/card';
import { fixedClock, seededRandom } from '@myna/ports';
import { describe, expect, it } from 'vitest';
import { PINS, testProfile } from '../fixtures/index.js';
import { CardModel, MODEL_MAX_TRIES, type ModelPin } from '../reference/card-model.js';

/**
 * The card fuzz, as a suite any `CardStateStore` adapter runs (MemoryCardStore here; SqlCardStore
 * on SQLite and PostgreSQL in packages/adapters/store/test/card-suites.test.ts).
 *
 * The oracle is independent of the card under test: a reference model (../reference/card-model.ts)
 * of the stored values — each key reference's value and counter as personalisation wrote them —
 * predicts from each APDU alone the status word of every PIN command (and of the SELECT, GET
 * CHALLENGE and EXTERNAL AUTHENTICATE they depend on), and what the store must then hold. No
 * event the card emits is trusted.
 */
/** Every status word the card may return: card.md §2.5 and §12 (plus 6981 of §2.2/§2.4). */
const ALLOWED = new Set([
  0x9000, 0x6300, 0x66f1, 0x6700, 0x6881, 0x6882, 0x6981, 0x6982, 0x6984, 0x6985, 0x6987, 0x6988, 0x69fc,
  0x6a80, 0x6a82, 0x6a86, 0x6a88, 0x6b00, 0x6d00, 0x6e00, 0x6f00,
]);

/** Counts what reaches the store, and refuses image writes (the fuzzer cannot hold the issuer key). */
class WatchedStore implements CardStateStore {
  violations: string[] = [];
  transitions = 0;
  constructor(private readonly inner: CardStateStore) {}
  create: CardStateStore['create'] = (i) => this.inner.create(i);
  load: CardStateStore['load'] = (id) => this.inner.load(id);
  readPin: CardStateStore['readPin'] = (id, p) => this.inner.readPin(id, p);
  updateImage: CardStateStore['updateImage'] = (...a) => {
    this.violations.push('image written without the issuer key');
    return this.inner.updateImage(...a);
  };
  updatePin: CardStateStore['updatePin'] = (id, p, fn) => {
    this.transitions++;
    return this.inner.updatePin(id, p, fn);
  };
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
/** Candidate values: the test card's PINs and collation numbers, and wrong ones (0000 among them). */
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

/** SFIs of the key references across the applications (card.md §3 table). */
const PIN_SFIS = [0x11, 0x12, 0x13, 0x14, 0x15, 0x18, 0x1b, 0x1c];

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
  // Key references by SFI half the time (the PIN EFs of every application), so PIN paths are hit often.
  const ref = () => (r.int(4) === 0 ? 0x80 : 0x80 | (r.int(2) ? r.pick(PIN_SFIS) : 1 + r.int(0x1e)));
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

export interface FuzzOptions {
  /** Names the store in the test title. */
  readonly label: string;
  /** A store with no card of id `fuzz` (a fresh database for a SQL adapter). */
  readonly open: () => Promise<CardStateStore>;
  /** How many APDUs (100,000 in memory; fewer on a SQL store). */
  readonly apdus: number;
  readonly seed?: number;
}

/** APDU count in a test title: 100,000. */
const count = (n: number) => n.toLocaleString('en-US');

export function fuzzSuite(opts: FuzzOptions): void {
  const N = opts.apdus;
  describe(`fuzz on ${opts.label}: random APDUs never break the card`, () => {
    it(`${count(N)} APDUs: never throw, always a status word from the spec, every PIN answer and stored counter as a reference model of the stored values predicts (no counter rises without a correct VERIFY)`, async () => {
      const image = personalize(await testProfile({ id: 'fuzz' }));
      const inner = await opts.open();
      await inner.create(image);
      const store = new WatchedStore(inner);
      // The model starts from what personalisation stored, and agrees with it on every try limit.
      const model = new CardModel(image);
      for (const p of Object.keys(MODEL_MAX_TRIES) as ModelPin[])
        expect(image.pins[p].maxTries, `${p} try limit`).toBe(MODEL_MAX_TRIES[p]);
      const errors: unknown[] = [];
      const card = await VirtualCard.open(image.id, {
        store,
        random: seededRandom('fuzz'),
        clock: fixedClock('2026-01-01T00:00:00Z'),
        onError: (e) => errors.push(e),
      });
      /** The stored record of a key reference equals the model's (read through the adapter, not the card). */
      const agree = async (p: ModelPin, apdu: Uint8Array) => {
        const stored = await inner.readPin(image.id, p as PinId);
        const want = model.pins[p];
        if (stored.value !== want.value || stored.triesLeft !== want.tries)
          throw new Error(
            `after ${toHex(apdu)}: ${p} stored ${stored.triesLeft} tries (value ${stored.value === want.value ? 'as expected' : 'changed'}), the model expects ${want.tries}`,
          );
      };
      const r = rng(opts.seed ?? 0x5eed);
      const swCount = new Map<number, number>();
      let rightVerifies = 0;
      let raises = 0;
      let wrongVerifies = 0;
      for (let i = 0; i < N; i++) {
        let apdu: Uint8Array;
        const mode = r.int(10);
        if (mode === 0) apdu = r.bytes(r.int(40));
        else if (mode <= 3) apdu = wild(r);
        else apdu = plausible(r);
        // Sometimes corrupt one byte of an otherwise plausible command.
        if (mode > 3 && apdu.length > 0 && r.int(8) === 0) apdu[r.int(apdu.length)] = r.int(256);
        const before = new Map(Object.entries(model.pins).map(([p, v]) => [p, v.tries]));
        const rsp = await card.transmit(apdu);
        expect(rsp.length).toBeGreaterThanOrEqual(2);
        const sw = (rsp[rsp.length - 2]! << 8) | rsp[rsp.length - 1]!;
        if (!ALLOWED.has(sw) && (sw & 0xfff0) !== 0x63c0)
          throw new Error(`APDU ${toHex(apdu)} → SW ${sw.toString(16)}`);
        if (rsp.length > 2 && sw !== 0x9000)
          throw new Error(`data with SW ${sw.toString(16)} for ${toHex(apdu)}`);
        swCount.set(sw, (swCount.get(sw) ?? 0) + 1);
        const want = model.step(apdu, rsp);
        if (want.sw !== undefined && sw !== want.sw)
          throw new Error(
            `APDU ${toHex(apdu)} → SW ${sw.toString(16)}, the reference model expects ${want.sw.toString(16)}`,
          );
        if (want.rightVerify) {
          rightVerifies++;
          if (before.get(want.pin!)! < model.pins[want.pin!].tries) raises++;
        }
        if (want.wrongVerify) wrongVerifies++;
        if (want.pin) await agree(want.pin, apdu);
        if (i % 1000 === 999) for (const p of Object.keys(model.pins) as ModelPin[]) await agree(p, apdu);
        if (r.int(50) === 0) {
          card.reset();
          model.reset();
        }
      }
      for (const p of Object.keys(model.pins) as ModelPin[]) await agree(p, new Uint8Array(0));
      if (process.env.FUZZ_DEBUG)
        console.log([...swCount].map(([k, v]) => `${k.toString(16)}:${v}`).join(' '), {
          rightVerifies,
          raises,
          wrongVerifies,
          transitions: store.transitions,
        });
      expect(errors).toEqual([]);
      expect(store.violations).toEqual([]);
      expect(swCount.get(0x6f00) ?? 0).toBe(0);
      // The fuzzer reached the interesting paths: successes, PIN failures, correct VERIFYs that refill.
      expect(swCount.get(0x9000) ?? 0).toBeGreaterThan(N / 100);
      expect(store.transitions).toBeGreaterThan(N / 1000);
      expect(wrongVerifies).toBeGreaterThan(N / 1000);
      expect(raises).toBeGreaterThan(0);
    });
  });
}
