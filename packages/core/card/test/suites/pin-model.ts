import { toHex } from '@myna/apdu';
import {
  APS,
  adminCryptogram,
  type CardImage,
  type CardStateStore,
  PIN_AP,
  type PinId,
  personalize,
  pinFid,
  VirtualCard,
} from '@myna/card';
import { fixedClock, seededRandom } from '@myna/ports';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testProfile } from '../fixtures/index.js';
import { MODEL_HOLDER_FORMAT, MODEL_MAX_TRIES } from '../reference/card-model.js';

/**
 * Model-based tests of every PIN's state machine (spec: card.md §3, §9, §12.2, §12.4) against a
 * reference model, with fast-check's command runner: status queries, right and wrong VERIFYs,
 * changes, re-selection, selection of another AP, resets and authenticated admin resets. The
 * model's try limits and format rules are the spec's (../reference/card-model.ts), not the
 * card's. A suite any `CardStateStore` adapter runs: MemoryCardStore in ../pin-model.test.ts,
 * SqlCardStore on SQLite and PostgreSQL in packages/adapters/store/test/card-suites.test.ts.
 */
interface Model {
  value: string;
  tries: number;
  readonly max: number;
  verified: boolean;
}

interface Real {
  card: VirtualCard;
  store: CardStateStore;
  image: CardImage;
  pin: PinId;
  tx(h: string): Promise<string>;
}

const hexAscii = (s: string) => Buffer.from(s, 'latin1').toString('hex').toUpperCase();
const lc = (h: string) => (h.length / 2).toString(16).padStart(2, '0').toUpperCase() + h;
const p2 = (pin: PinId) => (0x80 | pinFid(pin)).toString(16).toUpperCase();
const selectAp = (pin: PinId) => `00A4040C${lc(toHex(APS[PIN_AP[pin]].aid))}`;
const otherAp = (pin: PinId) => `00A4040C${lc(toHex(APS[PIN_AP[pin] === 'jpki' ? 'kenkaku' : 'jpki'].aid))}`;
const sw = (r: string) => r.slice(-4);
const triesSw = (t: number) => `63C${t.toString(16).toUpperCase()}`;

class Status implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    expect(sw(await r.tx(`002000${p2(r.pin)}`))).toBe(triesSw(m.tries));
  }
  toString = () => 'status';
}

class VerifyRight implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const got = sw(await r.tx(`002000${p2(r.pin)}${lc(hexAscii(m.value))}`));
    if (m.tries === 0) {
      expect(got).toBe('6984');
      m.verified = false;
    } else {
      expect(got).toBe('9000');
      m.tries = m.max;
      m.verified = true;
    }
  }
  toString = () => 'verify(right)';
}

class VerifyWrong implements fc.AsyncCommand<Model, Real> {
  constructor(readonly candidate: string) {}
  check = (m: Readonly<Model>) => this.candidate !== m.value;
  async run(m: Model, r: Real) {
    const got = sw(await r.tx(`002000${p2(r.pin)}${lc(hexAscii(this.candidate))}`));
    m.verified = false;
    if (m.tries === 0) expect(got).toBe('6984');
    else {
      m.tries -= 1;
      expect(got).toBe(triesSw(m.tries));
    }
  }
  toString = () => `verify(wrong ${JSON.stringify(this.candidate)})`;
}

class Change implements fc.AsyncCommand<Model, Real> {
  constructor(readonly next: string) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const got = sw(await r.tx(`002401${p2(r.pin)}${lc(hexAscii(this.next))}`));
    if (!MODEL_HOLDER_FORMAT[r.pin]) return expect(got).toBe('6985');
    if (!m.verified) return expect(got).toBe('6982');
    if (!MODEL_HOLDER_FORMAT[r.pin]!(this.next)) return expect(got).toBe('6A80');
    expect(got).toBe('9000');
    m.value = this.next;
    m.tries = m.max;
  }
  toString = () => `change(${JSON.stringify(this.next)})`;
}

class AdminReset implements fc.AsyncCommand<Model, Real> {
  constructor(readonly next: string | null) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const ch = (await r.tx('0084000010')).slice(0, -4);
    const crypt = toHex(adminCryptogram(r.image.adminKey, r.image.serial, Buffer.from(ch, 'hex')));
    expect(sw(await r.tx(`00820000${lc(crypt)}`))).toBe('9000');
    const cmd = this.next === null ? `002C03${p2(r.pin)}` : `002C02${p2(r.pin)}${lc(hexAscii(this.next))}`;
    const got = sw(await r.tx(cmd));
    if (this.next === null) {
      expect(got).toBe('9000');
      m.tries = m.max;
    } else if (!MODEL_HOLDER_FORMAT[r.pin]) expect(got).toBe('6985');
    else if (!MODEL_HOLDER_FORMAT[r.pin]!(this.next)) expect(got).toBe('6A80');
    else {
      expect(got).toBe('9000');
      m.value = this.next;
      m.tries = m.max;
    }
  }
  toString = () => `adminReset(${JSON.stringify(this.next)})`;
}

class Reselect implements fc.AsyncCommand<Model, Real> {
  constructor(readonly other: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    if (this.other) {
      expect(sw(await r.tx(otherAp(r.pin)))).toBe('9000');
      m.verified = false;
    }
    expect(sw(await r.tx(selectAp(r.pin)))).toBe('9000'); // same AP again keeps the state (§12.1)
  }
  toString = () => (this.other ? 'select(other AP, back)' : 'select(same AP)');
}

class Reset implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    r.card.reset();
    m.verified = false;
    expect(sw(await r.tx(selectAp(r.pin)))).toBe('9000');
  }
  toString = () => 'reset';
}

/** Candidate values: the right format, wrong formats, other alphabets, empty-ish. */
const candidate = fc.oneof(
  fc.stringMatching(/^[0-9]{4}$/),
  fc.stringMatching(/^[A-Z0-9]{6,16}$/),
  fc.stringMatching(/^[0-9]{12}$/),
  fc.stringMatching(/^[0-9]{14}$/),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x') || 'x'),
);

const PINS_UNDER_TEST: PinId[] = [
  'auth',
  'sign',
  'kenhojo',
  'juki',
  'common',
  'kenhojoA',
  'kenhojoB',
  'kenkakuBirth',
  'kenkakuA',
  'kenkakuB',
];

export interface PinModelOptions {
  /** Names the store in the test title. */
  readonly label: string;
  /** A store for one PIN's runs (a fresh database for a SQL adapter); each run creates its own card. */
  readonly open: () => Promise<CardStateStore>;
  /** fast-check runs per PIN (60 in memory; fewer on a SQL store). */
  readonly numRuns: number;
}

export function pinModelSuite(opts: PinModelOptions): void {
  let image: CardImage;
  let serials = 0;
  beforeAll(async () => {
    image = personalize(await testProfile({ id: 'model' }));
  });

  describe(`PIN state machines against a reference model (${opts.label})`, () => {
    for (const pin of PINS_UNDER_TEST) {
      it(`${pin} (${MODEL_MAX_TRIES[pin]} tries)`, async () => {
        const right = image.pins[pin].value!;
        const commands = [
          fc.constant(new Status()),
          fc.constant(new VerifyRight()),
          candidate.map((c) => new VerifyWrong(c)),
          fc.constant(new VerifyWrong(right.slice(0, -1))),
          fc.constant(new VerifyWrong(right.toLowerCase() === right ? `${right}0` : right.toLowerCase())),
          fc.oneof(candidate, fc.constant(right)).map((c) => new Change(c)),
          fc.option(candidate, { nil: null }).map((c) => new AdminReset(c)),
          fc.boolean().map((b) => new Reselect(b)),
          fc.constant(new Reset()),
        ];
        const store = await opts.open();
        await fc.assert(
          fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (cmds) => {
            // One card per run; a unique id and serial, as a SQL store keeps every card of the file.
            const n = ++serials;
            const runImage: CardImage = {
              ...image,
              id: `model-${pin}-${n}`,
              serial: `49${String(n).padStart(13, '0')}`,
            };
            await store.create(runImage);
            const card = await VirtualCard.open(runImage.id, {
              store,
              random: seededRandom(pin),
              clock: fixedClock('2026-01-01T00:00:00Z'),
            });
            const tx = async (h: string) => toHex(await card.transmit(Buffer.from(h, 'hex')));
            await tx(selectAp(pin));
            const max = MODEL_MAX_TRIES[pin];
            const model: Model = { value: right, tries: max, max, verified: false };
            await fc.asyncModelRun(() => ({ model, real: { card, store, image: runImage, pin, tx } }), cmds);
            // The durable counter equals the model's after every run.
            const stored = await store.readPin(runImage.id, pin);
            expect(stored.triesLeft).toBe(model.tries);
            expect(stored.value).toBe(model.value);
          }),
          { numRuns: opts.numRuns },
        );
      });
    }
  });
}
