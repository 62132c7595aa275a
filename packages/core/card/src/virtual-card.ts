import { createPrivateKey, type KeyObject } from 'node:crypto';
import {
  type CommandApdu,
  concatBytes,
  encodeBerTlv,
  encodeResponse,
  parseCommand,
  SW,
  swTriesLeft,
  u16,
} from '@myna/apdu';
import { MynaError } from '@myna/errors';
import type { Clock, Random } from '@myna/ports';
import { checkAdminCryptogram, MIN_ADMIN_CHALLENGE } from './admin.js';
import { AID, type ApId, ATR, isHolderPin, PIN_RULES, type PinId } from './facts.js';
import type { CardImage } from './image.js';
import { type Access, APS, type ApSpec, type EfSpec, type KeyId, MF_EFS } from './layout.js';
import { asciiValue, type PinRecord, verifyTransition } from './pin.js';
import {
  applyImagePatch,
  type CardEvent,
  type CardEventListener,
  type CardEventType,
  type CardStateStore,
} from './ports.js';
import { computeSignature, type SignScheme, signInputOk } from './signing.js';

export interface VirtualCardOptions {
  readonly store: CardStateStore;
  readonly random: Random;
  readonly clock: Clock;
  /** Label of the terminal the card starts in (a reader name, "kiosk:…", "app:…"). */
  readonly terminal?: string;
  /** Called after each event is committed. */
  readonly onEvent?: CardEventListener;
  /** Called when the store fails; the card then answers 6F00. */
  readonly onError?: (error: unknown) => void;
}

interface Answer {
  readonly sw: number;
  readonly data?: Uint8Array;
}

const ok = (data?: Uint8Array): Answer => (data ? { sw: SW.OK, data } : { sw: SW.OK });
const sw = (code: number): Answer => ({ sw: code });

/** The card-session state that dies with reset or removal (spec: card.md §10b). */
interface Session {
  /** Current application, or null for the MF (power-on state). */
  ap: ApId | null;
  /** Current EF in the current DF. */
  ef: number | null;
  /** Key references verified in the current application. */
  verified: Set<PinId>;
  /** Issuer (administrative) authentication — sandbox design, see admin.ts. */
  admin: boolean;
  /** The last GET CHALLENGE response, consumed by EXTERNAL AUTHENTICATE. */
  challenge: Uint8Array | null;
}

/**
 * The card session as data, for a reader that keeps the card powered while the program driving
 * it moves (a kiosk served by several server instances): current DF/EF, verified key references,
 * the last challenge. Issuer authentication is never carried over. Holds no PIN value.
 */
export interface CardSessionState {
  readonly ap: ApId | null;
  readonly ef: number | null;
  readonly verified: readonly PinId[];
  readonly challenge: string | null;
}

const SELECTABLE: readonly { id: ApId | 'isd'; aid: Uint8Array }[] = [
  ...Object.values(APS).map((a) => ({ id: a.id, aid: a.aid })),
  { id: 'isd', aid: AID.isd },
];

/**
 * The virtual My Number Card. One instance is one physical card; it processes one APDU at a
 * time (concurrent `transmit` calls queue, as on a single-threaded chip). Its PIN counters live
 * in the `CardStateStore`, read fresh for every PIN command, so several processes or server
 * instances that open the same card see one set of counters.
 *
 * ```ts
 * const card = await VirtualCard.open(cardId, { store, random, clock, terminal: 'my-app' });
 * const rsp = await card.transmit(fromHex('00A4040C0AD392F000260100000001'));
 * ```
 */
export class VirtualCard {
  readonly atr: Uint8Array = ATR;
  private session: Session = freshSession();
  private queue: Promise<unknown> = Promise.resolve();
  private terminalLabel: string;

  /** Set by power-on and reset: the image is re-read before the next APDU (another process may have written it). */
  private stale = false;

  private constructor(
    readonly id: string,
    private image: CardImage,
    private keys: ReadonlyMap<KeyId, KeyObject>,
    private readonly opts: VirtualCardOptions,
  ) {
    this.terminalLabel = opts.terminal ?? 'unknown';
  }

  /** Loads a personalised card from the store. Throws CARD_NOT_FOUND if there is no such card. */
  static async open(cardId: string, opts: VirtualCardOptions): Promise<VirtualCard> {
    const image = await opts.store.load(cardId);
    if (!image) throw new MynaError('CARD_NOT_FOUND', { cardId });
    return new VirtualCard(cardId, image, loadKeys(image), opts);
  }

  /** The terminal the card is in; PIN events carry it. */
  get terminal(): string {
    return this.terminalLabel;
  }

  /** Card inserted / powered in a terminal: cold reset. Returns the ATR. */
  powerOn(terminal?: string): Uint8Array {
    if (terminal !== undefined) this.terminalLabel = terminal;
    this.session = freshSession();
    this.stale = true;
    return this.atr;
  }

  /** Warm reset: clears the session (current DF, verified PINs, admin state). Returns the ATR. */
  reset(): Uint8Array {
    this.session = freshSession();
    this.stale = true;
    return this.atr;
  }

  /** The card session as data (see CardSessionState); the card keeps it. */
  suspendSession(): CardSessionState {
    const s = this.session;
    return {
      ap: s.ap,
      ef: s.ef,
      verified: [...s.verified],
      challenge: s.challenge ? Buffer.from(s.challenge).toString('hex') : null,
    };
  }

  /** Takes up a card session saved by `suspendSession` (after power-on, in the same terminal). */
  resumeSession(state: CardSessionState): void {
    this.session = {
      ap: state.ap,
      ef: state.ef,
      verified: new Set(state.verified),
      admin: false,
      challenge: state.challenge ? new Uint8Array(Buffer.from(state.challenge, 'hex')) : null,
    };
  }

  /** Removal / power off: the session is lost. */
  powerOff(): void {
    this.session = freshSession();
  }

  /**
   * Processes one command APDU and returns the response APDU (data ‖ SW1 SW2). Never throws:
   * a malformed APDU gets 6700, an internal failure 6F00.
   */
  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const run = this.queue.then(() => this.process(apdu));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(apdu: Uint8Array): Promise<Uint8Array> {
    let answer: Answer;
    try {
      if (this.stale) {
        const image = await this.opts.store.load(this.id);
        if (image && image !== this.image) {
          this.image = image;
          this.keys = loadKeys(image);
        }
        this.stale = false;
      }
      let c: CommandApdu;
      try {
        c = parseCommand(apdu);
      } catch {
        return encodeResponse({ sw: SW.WRONG_LENGTH, data: new Uint8Array(0) });
      }
      answer = await this.dispatch(c);
    } catch (e) {
      this.opts.onError?.(e);
      answer = sw(SW.NO_PRECISE_DIAGNOSIS);
    }
    return encodeResponse({ sw: answer.sw, data: answer.data ?? new Uint8Array(0) });
  }

  /** CLA/INS dispatch. spec: card.md §2.4 (channels, SM), §12.3 (6D00/6E00). */
  private dispatch(c: CommandApdu): Promise<Answer> | Answer {
    const cla = c.cla;
    if (cla === 0xff || (cla & 0x60) === 0x20) return sw(SW.CLA_NOT_SUPPORTED);
    // Further interindustry classes (channels 4–19) and channel bits 1–3.
    if ((cla & 0x40) !== 0 || (cla & 0x03) !== 0) return sw(SW.LOGICAL_CHANNEL_NOT_SUPPORTED);
    if ((cla & 0x10) !== 0) return sw(SW.CLA_NOT_SUPPORTED); // command chaining
    if ((cla & 0x0c) !== 0) {
      // Secure messaging outside a kenhojo SM session (spec: card.md §2.4).
      return sw(c.ins === 0xb0 || c.ins === 0x20 ? SW.SM_SESSION_BROKEN : SW.SECURE_MESSAGING_NOT_SUPPORTED);
    }
    if (cla === 0x00) {
      switch (c.ins) {
        case 0xa4:
          return this.select(c);
        case 0xb0:
          return this.readBinary(c);
        case 0xb2:
          return this.readRecord(c);
        case 0x20:
          return this.verify(c);
        case 0x24:
          return this.changeReferenceData(c, 0x01);
        case 0x84:
          return this.getChallenge(c);
        case 0xca:
          return this.getData(c);
        case 0x88:
          return this.internalAuthenticate(c);
        case 0x82:
          return this.externalAuthenticate(c);
        case 0x2c:
          return this.resetRetryCounter(c);
        case 0x70:
          return sw(SW.LOGICAL_CHANNEL_NOT_SUPPORTED); // MANAGE CHANNEL
        default:
          return sw(SW.INS_NOT_SUPPORTED);
      }
    }
    // cla === 0x80: JICSAP / proprietary instructions.
    switch (c.ins) {
      case 0x2a:
        return this.computeDigitalSignature(c);
      case 0x32:
        return this.changeReferenceData(c, 0x00);
      case 0x2c:
        return this.eraseReferenceData(c);
      case 0xd6:
        return this.writeEf(c);
      case 0xda:
        return this.putKey(c);
      case 0xae:
        return this.setSessionKey();
      case 0xfc:
        return sw(SW.WRONG_LENGTH); // iPhone-token "last command": 6700 on physical cards (card.md §2.4)
      case 0xa2: {
        // SET PUBLIC IC KEY: these P1P2 are rejected by real cards; terminal authentication is not emulated.
        const p = (c.p1 << 8) | c.p2;
        return sw(
          [0x0000, 0x00ae, 0x8000, 0x00b6].includes(p) ? SW.WRONG_P1P2 : SW.SECURITY_STATUS_NOT_SATISFIED,
        );
      }
      case 0x50:
      case 0x52:
      case 0x54:
      case 0x8a:
        // LOCK/UNLOCK DF, UNLOCK KEY, MANAGE ATTRIBUTES: behind issuer security (card.md §2.4).
        return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
      default:
        return sw(SW.INS_NOT_SUPPORTED);
    }
  }

  // ───────────────────────────── SELECT ─────────────────────────────

  /**
   * SELECT FILE `00 A4`. spec: card.md §2.2. By DF name (P1 04, P2 0C/00, prefix names, P2 02
   * for the next occurrence), by EF id under the current DF (P1 02), MF quirks (P1 00).
   * P2 00 with Le returns an FCI `6F { 84 DF-name }` — the ISO 7816-4 §7.1.1 answer, since the
   * real card's is unknown (§11.2).
   */
  private select(c: CommandApdu): Answer {
    const s = this.session;
    if (c.p1 === 0x04) {
      if (c.data.length < 1 || c.data.length > 16) return sw(SW.WRONG_LENGTH);
      if (![0x00, 0x02, 0x0c, 0x0e].includes(c.p2)) return sw(SW.WRONG_P1P2);
      const matches = SELECTABLE.filter((a) => startsWith(a.aid, c.data));
      if (matches.length === 0) return sw(SW.FILE_NOT_FOUND);
      let target = matches[0]!;
      if ((c.p2 & 0x03) === 0x02) {
        const cur = matches.findIndex((m) => m.id === s.ap);
        if (cur < 0 || cur + 1 >= matches.length) return sw(SW.FILE_NOT_FOUND);
        target = matches[cur + 1]!;
      }
      if (target.id === 'isd') {
        this.session = { ...freshSession(), admin: s.admin };
      } else {
        if (s.ap !== target.id) s.verified = new Set();
        s.ap = target.id;
        s.ef = null;
      }
      if ((c.p2 & 0x0c) === 0 && c.ne !== undefined) {
        return ok(encodeBerTlv({ tag: 0x6f, value: encodeBerTlv({ tag: 0x84, value: target.aid }) }));
      }
      return ok();
    }
    if (c.p1 === 0x00) {
      if (c.data.length === 0) return sw(s.ap === null ? SW.WRONG_P1P2 : SW.OK);
      if (c.data.length !== 2) return sw(SW.WRONG_LENGTH);
      if (c.data[0] === 0x3f && c.data[1] === 0x00) return sw(SW.FILE_NOT_FOUND);
      return this.selectEf(c);
    }
    if (c.p1 === 0x02) {
      if (c.data.length !== 2) return sw(SW.WRONG_LENGTH);
      return this.selectEf(c);
    }
    return sw(SW.WRONG_P1P2);
  }

  private selectEf(c: CommandApdu): Answer {
    if (![0x00, 0x04, 0x0c].includes(c.p2)) return sw(SW.WRONG_P1P2);
    const fid = (c.data[0]! << 8) | c.data[1]!;
    const ef = this.efs().get(fid);
    if (!ef || !this.exists(fid, ef)) return sw(SW.FILE_NOT_FOUND);
    this.session.ef = fid;
    if (c.p2 !== 0x0c && c.ne !== undefined) {
      const size = ef.kind === 'binary' ? this.binary(fid).length : 0;
      const fcp = concatBytes(
        encodeBerTlv({ tag: 0x80, value: u16(size) }),
        encodeBerTlv({ tag: 0x82, value: Uint8Array.of(efDescriptor(ef)) }),
        encodeBerTlv({ tag: 0x83, value: c.data }),
      );
      return ok(encodeBerTlv({ tag: c.p2 === 0x04 ? 0x62 : 0x6f, value: fcp }));
    }
    return ok();
  }

  // ─────────────────────────── READ BINARY / RECORD ───────────────────────────

  /**
   * READ BINARY `00 B0`. spec: card.md §2.3 (SFI in P1, 15-bit offsets, extended Le for a whole
   * EF), §12.5 (offset at/after the end → 6B00; a longer Le returns the rest with 9000),
   * §12.6 (certificate access), §12.8 (EF size = DER size).
   */
  private readBinary(c: CommandApdu): Answer {
    if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
    let offset: number;
    let fid: number;
    if (c.p1 & 0x80) {
      if (c.p1 & 0x60) return sw(SW.WRONG_P1P2);
      const found = this.selectBySfi(c.p1 & 0x1f);
      if (typeof found !== 'number') return found;
      fid = found;
      offset = c.p2;
    } else {
      if (this.session.ef === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
      fid = this.session.ef;
      offset = (c.p1 << 8) | c.p2;
    }
    const ef = this.efs().get(fid)!;
    if (ef.kind !== 'binary') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
    if (!this.allowed(ef.read)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    const data = this.binary(fid);
    if (offset >= data.length) return sw(SW.OFFSET_OUTSIDE_EF);
    return ok(data.subarray(offset, offset + Math.min(c.ne, data.length - offset)));
  }

  /**
   * READ RECORD `00 B2 P1 P2`: P1 = record number, P2 = SFI << 3 | 4 (or 04 for the current EF).
   * spec: card.md §7 (`00 B2 01 0C 00` on the common AP). A record that does not exist → 6A86
   * (the number in P1 is out of range; 6A83 is not in the card's observed set).
   */
  private readRecord(c: CommandApdu): Answer {
    if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
    if (c.p1 === 0 || (c.p2 & 0x07) !== 0x04) return sw(SW.WRONG_P1P2);
    const sfi = c.p2 >> 3;
    let fid: number;
    if (sfi === 0) {
      if (this.session.ef === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
      fid = this.session.ef;
    } else {
      const found = this.selectBySfi(sfi);
      if (typeof found !== 'number') return found;
      fid = found;
    }
    const ef = this.efs().get(fid)!;
    if (ef.kind !== 'record') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
    if (!this.allowed(ef.read)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    const rec = this.records(fid)[c.p1 - 1];
    if (!rec) return sw(SW.WRONG_P1P2);
    return ok(rec.subarray(0, Math.min(c.ne, rec.length)));
  }

  // ─────────────────────────── VERIFY / CHANGE / RESET ───────────────────────────

  /**
   * VERIFY `00 20 00 P2`. spec: card.md §3, §12.2. No data: report tries without spending one
   * (63Cx, also right after a success; 63C0 when blocked). Data: blocked → 6984; match → 9000 and
   * counter back to full; mismatch → 63Cx with the new count (63C0 for the exhausting try).
   * The failed try is committed to the store before this method returns.
   */
  private async verify(c: CommandApdu): Promise<Answer> {
    if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
    const target = this.pinTarget(c.p2);
    if ('sw' in target) return target;
    const pin = target.pin;
    const terminal = this.terminalLabel;
    if (c.data.length === 0) {
      const rec = await this.opts.store.readPin(this.id, pin);
      if (rec.value === null) return sw(SW.DATA_NOT_FOUND);
      this.notify([this.event('pin.checked', pin, rec, terminal)]);
      return sw(swTriesLeft(rec.triesLeft));
    }
    const data = c.data.slice();
    const { outcome, events } = await this.opts.store.updatePin(this.id, pin, (cur) => {
      const t = verifyTransition(cur, data);
      const evs: CardEvent[] = [];
      switch (t.outcome.kind) {
        case 'verified':
          evs.push(this.event('pin.verified', pin, t.next, terminal));
          break;
        case 'wrong':
          evs.push(this.event('pin.failed', pin, t.next, terminal));
          if (t.next.triesLeft === 0) evs.push(this.event('pin.blocked', pin, t.next, terminal));
          break;
        case 'refused-blocked':
          evs.push(this.event('pin.refused', pin, t.next, terminal));
          break;
        case 'no-reference-data':
          break;
      }
      const changed = t.next.triesLeft !== cur.triesLeft;
      return { next: changed ? t.next : undefined, events: evs, result: { outcome: t.outcome, events: evs } };
    });
    this.notify(events);
    switch (outcome.kind) {
      case 'verified':
        this.session.verified.add(pin);
        return ok();
      case 'wrong':
        this.session.verified.delete(pin);
        return sw(swTriesLeft(outcome.triesLeft));
      case 'refused-blocked':
        this.session.verified.delete(pin);
        return sw(SW.REFERENCE_BLOCKED);
      case 'no-reference-data':
        return sw(SW.DATA_NOT_FOUND);
    }
  }

  /**
   * CHANGE REFERENCE DATA `00 24 01 P2` (new value only) and JICSAP CHANGE KEY `80 32 00 P2`.
   * spec: card.md §9, §12.4: the current value must have been verified in this application
   * (else 6982); a new value breaking the PIN's format → 6A80 and nothing changes. Only the
   * holder's PINs can be changed (not 照合番号A/B or the birth-date key → 6985).
   */
  private async changeReferenceData(c: CommandApdu, p1: number): Promise<Answer> {
    if (c.p1 !== p1) return sw(SW.WRONG_P1P2);
    const target = this.pinTarget(c.p2);
    if ('sw' in target) return target;
    const pin = target.pin;
    if (c.data.length === 0) return sw(SW.WRONG_LENGTH);
    if (!isHolderPin(pin)) return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (!this.session.verified.has(pin)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    const value = asciiValue(c.data);
    if (value === undefined || !PIN_RULES[pin].check(value)) return sw(SW.WRONG_DATA);
    return this.writePin(pin, value, 'pin.changed');
  }

  /**
   * RESET RETRY COUNTER `00 2C P1 P2` — sandbox administrative reset (see admin.ts; not the real
   * card's, whose issuer commands are not public: card.md §9). Requires EXTERNAL AUTHENTICATE
   * with the card's issuer key in this session, else 6982. P1 02: new value and a full counter;
   * P1 03: full counter, value kept.
   */
  private async resetRetryCounter(c: CommandApdu): Promise<Answer> {
    if (!this.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (c.p1 !== 0x02 && c.p1 !== 0x03) return sw(SW.WRONG_P1P2);
    const target = this.pinTarget(c.p2);
    if ('sw' in target) return target;
    const pin = target.pin;
    if (c.p1 === 0x03) {
      if (c.data.length !== 0) return sw(SW.WRONG_LENGTH);
      return this.writePin(pin, null, 'pin.reset');
    }
    if (c.data.length === 0) return sw(SW.WRONG_LENGTH);
    if (!isHolderPin(pin)) return sw(SW.CONDITIONS_NOT_SATISFIED);
    const value = asciiValue(c.data);
    if (value === undefined || !PIN_RULES[pin].check(value)) return sw(SW.WRONG_DATA);
    return this.writePin(pin, value, 'pin.reset');
  }

  /**
   * ERASE REFERENCE DATA `80 2C 00 P2` — sandbox administrative command (docs/faithfulness.md; not
   * the real card's): removes a holder PIN's reference data (P2 80 = current EF, 80|SFI), as on a
   * face-authentication card (顔認証マイナンバーカード, pin-lifecycle.md §1.3). VERIFY then answers
   * 6A88 until RESET RETRY COUNTER P1 02 sets a value again. Needs issuer authentication (else
   * 6982); only the holder's PINs (else 6985); no data (else 6700).
   */
  private async eraseReferenceData(c: CommandApdu): Promise<Answer> {
    if (!this.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
    if (c.data.length !== 0) return sw(SW.WRONG_LENGTH);
    const target = this.pinTarget(c.p2);
    if ('sw' in target) return target;
    const pin = target.pin;
    if (!isHolderPin(pin)) return sw(SW.CONDITIONS_NOT_SATISFIED);
    const terminal = this.terminalLabel;
    const events = await this.opts.store.updatePin(this.id, pin, (cur) => {
      const next: PinRecord = { value: null, maxTries: cur.maxTries, triesLeft: cur.maxTries };
      const evs = [this.event('pin.erased', pin, next, terminal)];
      return { next, events: evs, result: evs };
    });
    this.session.verified.delete(pin);
    this.notify(events);
    return ok();
  }

  /** Sets a new value (or keeps it, for `null`) with a full counter, atomically with its event. */
  private async writePin(pin: PinId, value: string | null, type: CardEventType): Promise<Answer> {
    const terminal = this.terminalLabel;
    const result = await this.opts.store.updatePin(this.id, pin, (cur) => {
      const newValue = value ?? cur.value;
      if (newValue === null) return { events: [], result: { events: [] as CardEvent[], ok: false } };
      const next: PinRecord = { value: newValue, maxTries: cur.maxTries, triesLeft: cur.maxTries };
      const events = [this.event(type, pin, next, terminal)];
      return { next, events, result: { events, ok: true } };
    });
    this.notify(result.events);
    return sw(result.ok ? SW.OK : SW.DATA_NOT_FOUND);
  }

  /**
   * WRITE EF `80 D6 00 P2 <content>` — sandbox administrative command (docs/faithfulness.md):
   * replaces the whole content of a transparent EF of the current application (P2 80 = current
   * EF, 80|SFI). Needs issuer authentication (else 6982). Used for certificate renewal.
   */
  private async writeEf(c: CommandApdu): Promise<Answer> {
    if (!this.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
    const ap = this.session.ap;
    if (ap === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
    const fid = c.p2 === 0x80 ? this.session.ef : (c.p2 & 0xe0) === 0x80 ? c.p2 & 0x1f : -1;
    if (fid === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (fid < 0 || fid === 0x1f) return sw(SW.WRONG_P1P2);
    const ef = this.efs().get(fid);
    if (!ef) return sw(SW.FILE_NOT_FOUND);
    if (ef.kind !== 'binary') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
    const content = c.data.slice();
    const event = this.adminEvent(`${ap}/EF ${fid.toString(16).padStart(4, '0')}`);
    await this.opts.store.updateImage(this.id, { files: [{ ap, fid, content }] }, [event]);
    this.image = applyImagePatch(this.image, { files: [{ ap, fid, content }] });
    this.notify([event]);
    return ok();
  }

  /**
   * PUT KEY `80 DA 00 P2 <PKCS#8>` — sandbox administrative command: replaces the RSA-2048 private
   * key of a key EF (P2 80|SFI or 80); empty data removes it. Needs issuer authentication.
   */
  private async putKey(c: CommandApdu): Promise<Answer> {
    if (!this.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
    const target = this.keyTarget(c.p2, false);
    if ('sw' in target) return target;
    let key: KeyObject | null = null;
    if (c.data.length > 0) {
      try {
        key = createPrivateKey({ key: Buffer.from(c.data), format: 'der', type: 'pkcs8' });
      } catch {
        return sw(SW.WRONG_DATA);
      }
      if (key.asymmetricKeyType !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== 2048)
        return sw(SW.WRONG_DATA);
    }
    const pkcs8 = c.data.length > 0 ? c.data.slice() : null;
    const event = this.adminEvent(`key ${target.ef.key}`);
    await this.opts.store.updateImage(this.id, { keys: [{ key: target.ef.key, pkcs8 }] }, [event]);
    this.image = applyImagePatch(this.image, { keys: [{ key: target.ef.key, pkcs8 }] });
    const keys = new Map(this.keys);
    if (key) keys.set(target.ef.key, key);
    else keys.delete(target.ef.key);
    this.keys = keys;
    this.notify([event]);
    return ok();
  }

  private adminEvent(target: string): CardEvent {
    return { type: 'admin.written', cardId: this.id, target, terminal: this.terminalLabel, at: this.now() };
  }

  // ─────────────────────────── CHALLENGE / DATA / AUTH ───────────────────────────

  /** GET CHALLENGE `00 84 00 00 Le`: Le 1–256 honoured exactly; extended Le → 6985 (card.md §2.4). */
  private getChallenge(c: CommandApdu): Answer {
    if (c.p1 !== 0 || c.p2 !== 0) return sw(SW.WRONG_P1P2);
    if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
    if (c.extended) return sw(SW.CONDITIONS_NOT_SATISFIED);
    const challenge = this.opts.random.bytes(c.ne);
    this.session.challenge = challenge;
    return ok(challenge);
  }

  /**
   * GET DATA `00 CA P1P2 Le` (card.md §2.4): card-level objects at MF level only; 5F51 (contact
   * ATR without TS) also inside an application. Absent → 6A88; Le shorter than the object → 6700.
   */
  private getData(c: CommandApdu): Answer {
    if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
    const tag = (c.p1 << 8) | c.p2;
    const obj =
      tag === 0x5f51 ? ATR.subarray(1) : this.session.ap === null ? this.image.getData[tag] : undefined;
    if (!obj) return sw(SW.DATA_NOT_FOUND);
    if (c.ne < obj.length) return sw(SW.WRONG_LENGTH);
    return ok(obj);
  }

  /**
   * COMPUTE DIGITAL SIGNATURE `80 2A P1 P2 Lc data Le`. spec: card.md §4.2: P2 80 = current EF,
   * 80|SFI = key by SFI (97, 9A), 00 = the 券面 AP's own key; P1 = scheme 00–05 (others 6A86);
   * the key's PIN must be verified in this application (6982); bad input length → 6700.
   */
  private computeDigitalSignature(c: CommandApdu): Answer {
    if (c.p1 > 5) return sw(SW.WRONG_P1P2);
    const key = this.keyTarget(c.p2, true);
    if ('sw' in key) return key;
    if (key.ef.op !== 'sign') return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (!this.allowed(key.ef.use)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    const scheme = c.p1 as SignScheme;
    if (!signInputOk(scheme, c.data.length)) return sw(SW.WRONG_LENGTH);
    if (c.ne === undefined || c.ne < 256) return sw(SW.WRONG_LENGTH);
    const k = this.keys.get(key.ef.key);
    if (!k) return sw(SW.CONDITIONS_NOT_SATISFIED);
    return ok(computeSignature(k, scheme, c.data, this.opts.random));
  }

  /**
   * INTERNAL AUTHENTICATE `00 88 00 P2`: only the common AP's EF 0019 answers, with a
   * sha256WithRSAEncryption signature over the 1–255-byte challenge (card.md §7). Keys behind a
   * PIN → 6982; the 券面 signing keys → 6985 (card.md §2.4).
   */
  private internalAuthenticate(c: CommandApdu): Answer {
    if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
    const key = this.keyTarget(c.p2, false);
    if ('sw' in key) return key;
    if (key.ef.op !== 'internal-auth') {
      return sw(this.allowed(key.ef.use) ? SW.CONDITIONS_NOT_SATISFIED : SW.SECURITY_STATUS_NOT_SATISFIED);
    }
    if (c.data.length < 1 || c.data.length > 255) return sw(SW.WRONG_LENGTH);
    if (c.ne === undefined || c.ne < 256) return sw(SW.WRONG_LENGTH);
    const k = this.keys.get(key.ef.key);
    if (!k) return sw(SW.CONDITIONS_NOT_SATISFIED);
    return ok(computeSignature(k, 3, c.data, this.opts.random));
  }

  /** EXTERNAL AUTHENTICATE `00 82 00 00 20 <cryptogram>` — the sandbox's issuer authentication (admin.ts). */
  private externalAuthenticate(c: CommandApdu): Answer {
    if (c.p1 !== 0 || c.p2 !== 0) return sw(SW.WRONG_P1P2);
    if (c.data.length !== 32) return sw(SW.WRONG_LENGTH);
    const challenge = this.session.challenge;
    this.session.challenge = null;
    if (!challenge || challenge.length < MIN_ADMIN_CHALLENGE) return sw(SW.CONDITIONS_NOT_SATISFIED);
    const good = checkAdminCryptogram(this.image.adminKey, this.image.serial, challenge, c.data);
    this.session.admin = good;
    this.notify([
      {
        type: good ? 'admin.authenticated' : 'admin.failed',
        cardId: this.id,
        terminal: this.terminalLabel,
        at: this.now(),
      },
    ]);
    return sw(good ? SW.OK : SW.VERIFICATION_FAILED);
  }

  /**
   * SET SESSION KEY `80 AE` (kenhojo secure messaging, card.md §5): 66F1 in the common and
   * 券面確認 APs, 6982 in 住基 and before the kenhojo PIN. Secure messaging itself is not
   * emulated yet (docs/faithfulness.md), so a verified kenhojo session gets 6D00.
   */
  private setSessionKey(): Answer {
    const ap = this.session.ap;
    if (ap === 'common' || ap === 'kenkaku') return sw(SW.SET_SESSION_KEY_UNAVAILABLE);
    if (ap === 'juki') return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (ap === 'kenhojo') {
      return sw(
        this.session.verified.has('kenhojo') ? SW.INS_NOT_SUPPORTED : SW.SECURITY_STATUS_NOT_SATISFIED,
      );
    }
    return sw(SW.INS_NOT_SUPPORTED);
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private apSpec(): ApSpec | undefined {
    return this.session.ap ? APS[this.session.ap] : undefined;
  }

  private efs(): ReadonlyMap<number, EfSpec> {
    return this.apSpec()?.efs ?? MF_EFS;
  }

  private exists(fid: number, ef: EfSpec): boolean {
    if (ef.kind !== 'binary' && ef.kind !== 'record') return true;
    return this.session.ap !== null && this.image.files[this.session.ap]?.[fid] !== undefined;
  }

  private binary(fid: number): Uint8Array {
    const f = this.session.ap ? this.image.files[this.session.ap]?.[fid] : undefined;
    return f instanceof Uint8Array ? f : new Uint8Array(0);
  }

  private records(fid: number): readonly Uint8Array[] {
    const f = this.session.ap ? this.image.files[this.session.ap]?.[fid] : undefined;
    return Array.isArray(f) ? f : [];
  }

  /** Selects an EF by short EF identifier (FID 0001–001E ⇔ SFI 1–30; card.md §2.3). */
  private selectBySfi(sfi: number): number | Answer {
    if (sfi === 0 || sfi === 0x1f) return sw(SW.WRONG_P1P2);
    const ef = this.efs().get(sfi);
    if (!ef || !this.exists(sfi, ef)) return sw(SW.FILE_NOT_FOUND);
    this.session.ef = sfi;
    return sfi;
  }

  /** Resolves P2 of VERIFY/CHANGE/RESET: 80 = current EF, 80|SFI = by SFI. */
  private pinTarget(p2: number): { pin: PinId } | Answer {
    const ef = this.efByP2(p2);
    if ('sw' in ef) return ef;
    if (ef.spec.kind !== 'pin') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
    return { pin: ef.spec.pin };
  }

  private keyTarget(p2: number, ownKeyAllowed: boolean): { ef: Extract<EfSpec, { kind: 'key' }> } | Answer {
    if (p2 === 0x00 && ownKeyAllowed) {
      const own = this.apSpec()?.ownKey;
      if (!own) return sw(SW.WRONG_P1P2);
      return { ef: { kind: 'key', key: own, use: { kind: 'always' }, op: 'sign' } };
    }
    const ef = this.efByP2(p2);
    if ('sw' in ef) return ef;
    if (ef.spec.kind !== 'key') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
    return { ef: ef.spec };
  }

  /** P2 = 80 (current EF) or 80|SFI. Key references named by SFI do not change the current EF. */
  private efByP2(p2: number): { spec: EfSpec } | Answer {
    if (p2 === 0x80) {
      if (this.session.ef === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
      return { spec: this.efs().get(this.session.ef)! };
    }
    if ((p2 & 0xe0) !== 0x80 || (p2 & 0x1f) === 0x1f) return sw(SW.WRONG_P1P2);
    const spec = this.efs().get(p2 & 0x1f);
    if (!spec) return sw(SW.FILE_NOT_FOUND);
    return { spec };
  }

  private allowed(rule: Access): boolean {
    switch (rule.kind) {
      case 'always':
        return true;
      case 'never':
        return false;
      case 'pin':
        return rule.anyOf.some((p) => this.session.verified.has(p));
    }
  }

  private now(): string {
    return this.opts.clock.now().toISOString();
  }

  private event(type: CardEventType, pin: PinId, rec: PinRecord, terminal: string): CardEvent {
    return {
      type,
      cardId: this.id,
      pin,
      triesLeft: rec.triesLeft,
      maxTries: rec.maxTries,
      terminal,
      at: this.now(),
    };
  }

  private notify(events: readonly CardEvent[]): void {
    const l = this.opts.onEvent;
    if (!l) return;
    for (const e of events) {
      try {
        l(e);
      } catch (err) {
        this.opts.onError?.(err);
      }
    }
  }
}

function loadKeys(image: CardImage): ReadonlyMap<KeyId, KeyObject> {
  const keys = new Map<KeyId, KeyObject>();
  for (const [id, der] of Object.entries(image.keys) as [KeyId, Uint8Array | undefined][]) {
    if (der) keys.set(id, createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }));
  }
  return keys;
}

function freshSession(): Session {
  return { ap: null, ef: null, verified: new Set(), admin: false, challenge: null };
}

function startsWith(aid: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > aid.length) return false;
  for (let i = 0; i < prefix.length; i++) if (aid[i] !== prefix[i]) return false;
  return true;
}

/** ISO 7816-4 file descriptor byte: 01 transparent, 02/04 linear record, 08-ish internal. */
function efDescriptor(ef: EfSpec): number {
  switch (ef.kind) {
    case 'binary':
      return 0x01;
    case 'record':
      return 0x02;
    default:
      return 0x11; // internal EF (proprietary)
  }
}
