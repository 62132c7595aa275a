import { createHmac } from 'node:crypto';
import { type CommandApdu, parseCommand } from '@myna/apdu';

/**
 * A reference model of the card's PIN state, written from the spec alone (card.md §2.1–§2.4,
 * §3, §9, §12; the sandbox's issuer channel as documented in docs/faithfulness.md) and sharing
 * no code with the card under test: its own EF inventory, its own format rules and try limits,
 * its own comparison of a candidate with the stored value, its own issuer cryptogram. Only the
 * ISO 7816-4 codec (`parseCommand` of @myna/apdu) is shared.
 *
 * Fed every APDU in order, it predicts, from the APDU alone, the status word of every command
 * that can touch a key reference or the state PIN commands depend on (SELECT, VERIFY, CHANGE
 * REFERENCE DATA / CHANGE KEY, RESET RETRY COUNTER, ERASE REFERENCE DATA, GET CHALLENGE,
 * EXTERNAL AUTHENTICATE) and keeps the value and counter each key reference must have in the
 * store. A card whose PIN check can be opened by anything but the stored value disagrees with
 * it at the first such VERIFY.
 */

export type ModelPin =
  | 'auth'
  | 'sign'
  | 'kenhojo'
  | 'kenhojoBlocked'
  | 'kenhojoA'
  | 'kenhojoB'
  | 'kenkakuBirth'
  | 'kenkakuB'
  | 'kenkakuA'
  | 'juki'
  | 'common';
type ModelAp = 'jpki' | 'kenhojo' | 'kenkaku' | 'juki' | 'common';

/** What the store must hold for one key reference. */
export interface StoredPin {
  value: string | null;
  tries: number;
  readonly max: number;
}

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/** DF names, in the order a prefix SELECT finds them (card.md §2.1). */
const DF_NAMES: readonly { readonly id: ModelAp | 'isd'; readonly aid: Uint8Array }[] = [
  { id: 'jpki', aid: hex('D392F000260100000001') },
  { id: 'kenhojo', aid: hex('D3921000310001010408') },
  { id: 'kenkaku', aid: hex('D3921000310001010402') },
  { id: 'juki', aid: hex('D3921000310001010401') },
  { id: 'common', aid: hex('D3921000310001010100') },
  { id: 'isd', aid: hex('A0000001510000') },
];

/** 'data' EFs exist only where the card image has content; the others always. */
type ModelEf =
  | { readonly kind: 'data' }
  | { readonly kind: 'other' }
  | { readonly kind: 'pin'; readonly pin: ModelPin };
const D: ModelEf = { kind: 'data' };
const O: ModelEf = { kind: 'other' };
const P = (pin: ModelPin): ModelEf => ({ kind: 'pin', pin });

/** Each application's EFs (card.md §4.1, §5, §6, §7) and the MF's (§2.2). */
const EFS: Readonly<Record<ModelAp | 'mf', ReadonlyMap<number, ModelEf>>> = {
  jpki: new Map([
    [0x01, D],
    [0x02, D],
    [0x06, D],
    [0x08, D],
    [0x09, O],
    [0x0a, D],
    [0x0b, D],
    [0x16, O],
    [0x17, O],
    [0x18, P('auth')],
    [0x1a, O],
    [0x1b, P('sign')],
    ...[0x05, 0x10, 0x19, 0x1c, 0x1e].map((f) => [f, O] as const),
  ]),
  kenhojo: new Map([
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((f) => [f, D] as const),
    [0x11, P('kenhojo')],
    [0x12, P('kenhojoBlocked')],
    [0x13, O],
    [0x14, P('kenhojoA')],
    [0x15, P('kenhojoB')],
    ...[0x10, 0x1c, 0x1e].map((f) => [f, O] as const),
  ]),
  kenkaku: new Map([
    ...[1, 2, 3, 4, 5, 6].map((f) => [f, D] as const),
    [0x11, P('kenkakuBirth')],
    [0x12, P('kenkakuB')],
    [0x13, P('kenkakuA')],
    ...[0x1a, 0x1c, 0x1e].map((f) => [f, O] as const),
  ]),
  juki: new Map([
    [0x02, D],
    [0x1c, P('juki')],
  ]),
  common: new Map([
    [0x01, D],
    [0x02, D],
    [0x19, O],
    [0x1c, P('common')],
  ]),
  mf: new Map([[0x1e, O]]),
};

const fourDigits = /^[0-9]{4}$/;
/** The holder's PINs and their format (card.md §3 table, pin-lifecycle.md §1.1); the rest cannot be set. */
export const MODEL_HOLDER_FORMAT: Partial<Record<ModelPin, (v: string) => boolean>> = {
  auth: (v) => fourDigits.test(v),
  sign: (v) => /^[A-Z0-9]{6,16}$/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v),
  kenhojo: (v) => fourDigits.test(v),
  juki: (v) => fourDigits.test(v),
  common: (v) => fourDigits.test(v),
};

/** Try limits: card.md §3 table; §12.7 (10 for 照合番号A/B and the birth-date key). */
export const MODEL_MAX_TRIES: Readonly<Record<ModelPin, number>> = {
  auth: 3,
  sign: 5,
  kenhojo: 3,
  kenhojoBlocked: 3,
  kenhojoA: 10,
  kenhojoB: 10,
  kenkakuBirth: 10,
  kenkakuB: 10,
  kenkakuA: 10,
  juki: 3,
  common: 3,
};

// Status words (card.md §2.5, §12.3).
const OK = 0x9000;
const WRONG_LENGTH = 0x6700;
const WRONG_P1P2 = 0x6a86;
const NOT_FOUND = 0x6a82;
const INCOMPATIBLE = 0x6981;
const SECURITY = 0x6982;
const BLOCKED = 0x6984;
const CONDITIONS = 0x6985;
const WRONG_DATA = 0x6a80;
const NO_DATA = 0x6a88;
const AUTH_FAILED = 0x6300;
const tries = (n: number) => 0x63c0 | n;

export interface ModelInit {
  /** The key references as personalisation stored them (value, tries left). */
  readonly pins: Readonly<Record<ModelPin, { readonly value: string | null; readonly triesLeft: number }>>;
  /** Which data EFs have content, per application. */
  readonly files: Readonly<Record<ModelAp, Readonly<Record<number, unknown>>>>;
  readonly adminKey: Uint8Array;
  readonly serial: string;
}

/** What the model expects of one APDU. `sw` undefined: the model makes no claim about this one. */
export interface Prediction {
  readonly sw?: number;
  /** The key reference whose stored record this APDU may have changed. */
  readonly pin?: ModelPin;
  /** The APDU was a VERIFY with the stored value of a key that was not blocked. */
  readonly rightVerify?: boolean;
  readonly wrongVerify?: boolean;
}

export class CardModel {
  readonly pins: Record<ModelPin, StoredPin>;
  private ap: ModelAp | null = null;
  private ef: number | null = null;
  private verified = new Set<ModelPin>();
  private admin = false;
  private challenge: Uint8Array | null = null;

  constructor(private readonly init: ModelInit) {
    this.pins = Object.fromEntries(
      (Object.keys(MODEL_MAX_TRIES) as ModelPin[]).map((p) => [
        p,
        { value: init.pins[p].value, tries: init.pins[p].triesLeft, max: MODEL_MAX_TRIES[p] },
      ]),
    ) as Record<ModelPin, StoredPin>;
  }

  /** Warm reset / power-on: the session dies, the stored records stay (card.md §10b). */
  reset(): void {
    this.ap = null;
    this.ef = null;
    this.verified = new Set();
    this.admin = false;
    this.challenge = null;
  }

  /**
   * Advances the model by one APDU. `response` (data ‖ SW) is read only for GET CHALLENGE, whose
   * random bytes the model must know to check an issuer cryptogram.
   */
  step(apdu: Uint8Array, response: Uint8Array): Prediction {
    let c: CommandApdu;
    try {
      c = parseCommand(apdu);
    } catch {
      return { sw: WRONG_LENGTH };
    }
    // Only the basic channel, plain (no SM, no chaining), interindustry 00 or proprietary 80.
    if (c.cla === 0x00) {
      switch (c.ins) {
        case 0xa4:
          return { sw: this.select(c) };
        case 0xb0:
          this.readBinarySideEffect(c);
          return {};
        case 0xb2:
          this.readRecordSideEffect(c);
          return {};
        case 0x20:
          return this.verify(c);
        case 0x24:
          return this.change(c, 0x01);
        case 0x2c:
          return this.resetRetryCounter(c);
        case 0x84:
          return { sw: this.getChallenge(c, response) };
        case 0x82:
          return { sw: this.externalAuthenticate(c) };
        default:
          return {};
      }
    }
    if (c.cla === 0x80) {
      if (c.ins === 0x32) return this.change(c, 0x00);
      if (c.ins === 0x2c) return this.erase(c);
    }
    return {};
  }

  private efs(): ReadonlyMap<number, ModelEf> {
    return EFS[this.ap ?? 'mf'];
  }

  private exists(fid: number, ef: ModelEf): boolean {
    if (ef.kind !== 'data') return true;
    return this.ap !== null && this.init.files[this.ap][fid] !== undefined;
  }

  /** Makes an EF current by SFI if it exists; false if the command stops there. */
  private bySfi(sfi: number): boolean {
    if (sfi === 0 || sfi === 0x1f) return false;
    const ef = this.efs().get(sfi);
    if (!ef || !this.exists(sfi, ef)) return false;
    this.ef = sfi;
    return true;
  }

  private select(c: CommandApdu): number {
    if (c.p1 === 0x04) {
      if (c.data.length < 1 || c.data.length > 16) return WRONG_LENGTH;
      if (![0x00, 0x02, 0x0c, 0x0e].includes(c.p2)) return WRONG_P1P2;
      const matches = DF_NAMES.filter(
        (d) => c.data.length <= d.aid.length && c.data.every((b, i) => d.aid[i] === b),
      );
      if (matches.length === 0) return NOT_FOUND;
      let target = matches[0]!;
      if ((c.p2 & 0x03) === 0x02) {
        const cur = matches.findIndex((m) => m.id === this.ap);
        if (cur < 0 || cur + 1 >= matches.length) return NOT_FOUND;
        target = matches[cur + 1]!;
      }
      if (target.id === 'isd') {
        const admin = this.admin;
        this.reset();
        this.admin = admin;
      } else {
        if (this.ap !== target.id) this.verified = new Set();
        this.ap = target.id;
        this.ef = null;
      }
      return OK;
    }
    if (c.p1 === 0x00) {
      if (c.data.length === 0) return this.ap === null ? WRONG_P1P2 : OK;
      if (c.data.length !== 2) return WRONG_LENGTH;
      if (c.data[0] === 0x3f && c.data[1] === 0x00) return NOT_FOUND;
      return this.selectEf(c);
    }
    if (c.p1 === 0x02) {
      if (c.data.length !== 2) return WRONG_LENGTH;
      return this.selectEf(c);
    }
    return WRONG_P1P2;
  }

  private selectEf(c: CommandApdu): number {
    if (![0x00, 0x04, 0x0c].includes(c.p2)) return WRONG_P1P2;
    const fid = (c.data[0]! << 8) | c.data[1]!;
    const ef = this.efs().get(fid);
    if (!ef || !this.exists(fid, ef)) return NOT_FOUND;
    this.ef = fid;
    return OK;
  }

  /** READ BINARY by SFI makes the EF current before the access check (card.md §2.3). */
  private readBinarySideEffect(c: CommandApdu): void {
    if (c.data.length > 0 || c.ne === undefined) return;
    if (c.p1 & 0x80 && !(c.p1 & 0x60)) this.bySfi(c.p1 & 0x1f);
  }

  private readRecordSideEffect(c: CommandApdu): void {
    if (c.data.length > 0 || c.ne === undefined) return;
    if (c.p1 === 0 || (c.p2 & 0x07) !== 0x04) return;
    if (c.p2 >> 3 !== 0) this.bySfi(c.p2 >> 3);
  }

  /** P2 of a PIN command: 80 = the current EF, 80|SFI = by SFI (card.md §2.3, §3). */
  private target(p2: number): ModelPin | number {
    let ef: ModelEf | undefined;
    if (p2 === 0x80) {
      if (this.ef === null) return CONDITIONS;
      ef = this.efs().get(this.ef);
    } else {
      if ((p2 & 0xe0) !== 0x80 || (p2 & 0x1f) === 0x1f) return WRONG_P1P2;
      ef = this.efs().get(p2 & 0x1f);
      if (!ef) return NOT_FOUND;
    }
    return ef?.kind === 'pin' ? ef.pin : INCOMPATIBLE;
  }

  /** VERIFY (card.md §3, §12.2): status without a try; blocked → 6984; match → full; else − 1. */
  private verify(c: CommandApdu): Prediction {
    if (c.p1 !== 0x00) return { sw: WRONG_P1P2 };
    const pin = this.target(c.p2);
    if (typeof pin === 'number') return { sw: pin };
    const rec = this.pins[pin];
    // No reference data: the status query keeps SW1 63 for OpenSC (6300, no counter); a value → 6A88.
    if (rec.value === null) return { sw: c.data.length === 0 ? 0x6300 : NO_DATA, pin };
    if (c.data.length === 0) return { sw: tries(rec.tries), pin };
    if (rec.tries === 0) {
      this.verified.delete(pin);
      return { sw: BLOCKED, pin };
    }
    if (Buffer.from(c.data).equals(Buffer.from(rec.value, 'latin1'))) {
      rec.tries = rec.max;
      this.verified.add(pin);
      return { sw: OK, pin, rightVerify: true };
    }
    rec.tries -= 1;
    this.verified.delete(pin);
    return { sw: tries(rec.tries), pin, wrongVerify: true };
  }

  private newValue(pin: ModelPin, data: Uint8Array): string | number {
    const format = MODEL_HOLDER_FORMAT[pin];
    if (!format) return CONDITIONS;
    const printable = data.every((b) => b >= 0x20 && b <= 0x7e);
    const value = Buffer.from(data).toString('latin1');
    return printable && format(value) ? value : WRONG_DATA;
  }

  /** CHANGE REFERENCE DATA `00 24 01` / CHANGE KEY `80 32 00` (card.md §9, §12.4). */
  private change(c: CommandApdu, p1: number): Prediction {
    if (c.p1 !== p1) return { sw: WRONG_P1P2 };
    const pin = this.target(c.p2);
    if (typeof pin === 'number') return { sw: pin };
    if (c.data.length === 0) return { sw: WRONG_LENGTH };
    if (!MODEL_HOLDER_FORMAT[pin]) return { sw: CONDITIONS };
    if (!this.verified.has(pin)) return { sw: SECURITY };
    const value = this.newValue(pin, c.data);
    if (typeof value === 'number') return { sw: value };
    const rec = this.pins[pin];
    rec.value = value;
    rec.tries = rec.max;
    return { sw: OK, pin };
  }

  /** RESET RETRY COUNTER `00 2C 02/03` behind the issuer channel (docs/faithfulness.md). */
  private resetRetryCounter(c: CommandApdu): Prediction {
    if (!this.admin) return { sw: SECURITY };
    if (c.p1 !== 0x02 && c.p1 !== 0x03) return { sw: WRONG_P1P2 };
    const pin = this.target(c.p2);
    if (typeof pin === 'number') return { sw: pin };
    const rec = this.pins[pin];
    if (c.p1 === 0x03) {
      if (c.data.length !== 0) return { sw: WRONG_LENGTH };
      if (rec.value === null) return { sw: NO_DATA, pin };
      rec.tries = rec.max;
      return { sw: OK, pin };
    }
    if (c.data.length === 0) return { sw: WRONG_LENGTH };
    const value = this.newValue(pin, c.data);
    if (typeof value === 'number') return { sw: value };
    rec.value = value;
    rec.tries = rec.max;
    return { sw: OK, pin };
  }

  /** ERASE REFERENCE DATA `80 2C 00` behind the issuer channel: holder PINs only, no data. */
  private erase(c: CommandApdu): Prediction {
    if (!this.admin) return { sw: SECURITY };
    if (c.p1 !== 0x00) return { sw: WRONG_P1P2 };
    if (c.data.length !== 0) return { sw: WRONG_LENGTH };
    const pin = this.target(c.p2);
    if (typeof pin === 'number') return { sw: pin };
    if (!MODEL_HOLDER_FORMAT[pin]) return { sw: CONDITIONS };
    const rec = this.pins[pin];
    rec.value = null;
    rec.tries = rec.max;
    this.verified.delete(pin);
    return { sw: OK, pin };
  }

  /** GET CHALLENGE: Le 1–256, short only (card.md §2.4). */
  private getChallenge(c: CommandApdu, response: Uint8Array): number {
    if (c.p1 !== 0 || c.p2 !== 0) return WRONG_P1P2;
    if (c.data.length > 0 || c.ne === undefined) return WRONG_LENGTH;
    if (c.extended) return CONDITIONS;
    this.challenge = response.slice(0, -2);
    return OK;
  }

  /** EXTERNAL AUTHENTICATE: HMAC-SHA-256(adminKey, "MYNA-SANDBOX-ADMIN" ‖ serial ‖ challenge). */
  private externalAuthenticate(c: CommandApdu): number {
    if (c.p1 !== 0 || c.p2 !== 0) return WRONG_P1P2;
    if (c.data.length !== 32) return WRONG_LENGTH;
    const challenge = this.challenge;
    this.challenge = null;
    if (!challenge || challenge.length < 8) return CONDITIONS;
    const want = createHmac('sha256', this.init.adminKey)
      .update(Buffer.concat([Buffer.from('MYNA-SANDBOX-ADMIN'), Buffer.from(this.init.serial), challenge]))
      .digest();
    this.admin = want.equals(Buffer.from(c.data));
    return this.admin ? OK : AUTH_FAILED;
  }
}
