import { type CommandApdu, encodeResponse, parseCommand, SW } from '@myna/apdu';
import { MynaError } from '@myna/errors';
import type { Clock, Random } from '@myna/ports';
import { type AtrProfile, atrProfile } from './atr.js';
import { type Answer, CardContext, freshSession, loadKeys, sameKeys, sw } from './commands/context.js';
import { dispatch } from './commands/dispatch.js';
import type { ApId, PinId } from './facts.js';
import type { CardImage } from './image.js';
import type { CardEventListener, CardStateStore } from './ports.js';
import { T0Responder } from './t0.js';

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

/**
 * The virtual My Number Card. One instance is one physical card; it processes one APDU at a
 * time (concurrent `transmit` calls queue, as on a single-threaded chip). Its PIN counters live
 * in the `CardStateStore`, read fresh for every PIN command, so several processes or server
 * instances that open the same card see one set of counters.
 *
 * The instructions themselves are in `commands/` (one module per family behind one CLA/INS
 * table, `commands/dispatch.ts`); the applications' files, keys and PINs in `ap/`.
 *
 * ```ts
 * const card = await VirtualCard.open(cardId, { store, random, clock, terminal: 'my-app' });
 * const rsp = await card.transmit(fromHex('00A4040C0AD392F000260100000001'));
 * ```
 */
export class VirtualCard {
  private readonly card: CardContext;
  /** Present on a T=0 card (ATR profile `contact-t0`): holds answers back for GET RESPONSE. */
  private readonly t0: T0Responder | null;
  private queue: Promise<unknown> = Promise.resolve();

  /** Set by power-on and reset: the image is re-read before the next APDU (another process may have written it). */
  private stale = false;

  private constructor(
    readonly id: string,
    image: CardImage,
    private readonly opts: VirtualCardOptions,
  ) {
    this.card = new CardContext(id, image, loadKeys(image), opts);
    this.t0 = this.profile.protocol === 'T=0' ? new T0Responder() : null;
  }

  /** The ATR/protocol profile chosen at issuance (atr.ts; spec: card.md §1). */
  get profile(): AtrProfile {
    return atrProfile(this.card.image.atr);
  }

  /** The ATR the card presents (its profile's). */
  get atr(): Uint8Array {
    return this.profile.atr;
  }

  /** The transmission protocol the ATR offers: T=1, or T=0 only. */
  get protocol(): 'T=0' | 'T=1' {
    return this.profile.protocol;
  }

  /** Loads a personalised card from the store. Throws CARD_NOT_FOUND if there is no such card. */
  static async open(cardId: string, opts: VirtualCardOptions): Promise<VirtualCard> {
    const image = await opts.store.load(cardId);
    if (!image) throw new MynaError('CARD_NOT_FOUND', { cardId });
    return new VirtualCard(cardId, image, opts);
  }

  /** The terminal the card is in; PIN events carry it. */
  get terminal(): string {
    return this.card.terminal;
  }

  /**
   * Card inserted / powered in a terminal: cold reset. Returns the ATR. The image is read again
   * before the next APDU, unless `imageCurrent`: the caller has just opened the card while holding
   * its lease (no other terminal can change it), so the image `open` read is the current one.
   */
  powerOn(terminal?: string, opts: { readonly imageCurrent?: boolean } = {}): Uint8Array {
    if (terminal !== undefined) this.card.terminal = terminal;
    this.card.session = freshSession();
    this.t0?.reset();
    this.stale = !opts.imageCurrent;
    return this.atr;
  }

  /** Warm reset: clears the session (current DF, verified PINs, admin state). Returns the ATR. */
  reset(): Uint8Array {
    this.card.session = freshSession();
    this.t0?.reset();
    this.stale = true;
    return this.atr;
  }

  /** The card session as data (see CardSessionState); the card keeps it. */
  suspendSession(): CardSessionState {
    const s = this.card.session;
    return {
      ap: s.ap,
      ef: s.ef,
      verified: [...s.verified],
      challenge: s.challenge ? Buffer.from(s.challenge).toString('hex') : null,
    };
  }

  /** Takes up a card session saved by `suspendSession` (after power-on, in the same terminal). */
  resumeSession(state: CardSessionState): void {
    this.card.session = {
      ap: state.ap,
      ef: state.ef,
      verified: new Set(state.verified),
      admin: false,
      challenge: state.challenge ? new Uint8Array(Buffer.from(state.challenge, 'hex')) : null,
    };
  }

  /** Removal / power off: the session is lost. */
  powerOff(): void {
    this.card.session = freshSession();
    this.t0?.reset();
  }

  /**
   * Processes one command APDU and returns the response APDU (data ‖ SW1 SW2). Never throws:
   * a malformed APDU gets 6700, an internal failure 6F00. On a T=0 card answers with data come
   * through 61xx/GET RESPONSE and a wrong Le gets 6Cxx (`t0.ts`).
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
        if (image && image !== this.card.image) {
          // Parsing the RSA keys costs ~2 ms; the image read back after a power-on almost always
          // carries the same ones (they change only when a certificate is re-issued).
          if (!sameKeys(image.keys, this.card.image.keys)) this.card.keys = loadKeys(image);
          this.card.image = image;
        }
        this.stale = false;
      }
      let c: CommandApdu;
      try {
        c = parseCommand(apdu);
      } catch {
        return encodeResponse({ sw: SW.WRONG_LENGTH, data: new Uint8Array(0) });
      }
      if (!this.t0) answer = await dispatch(this.card, c);
      else if (c.extended)
        answer = sw(SW.WRONG_LENGTH); // T=0 has no extended length (7816-3 §12.1)
      else if (T0Responder.isGetResponse(c)) answer = this.t0.getResponse(c);
      else answer = this.t0.respond(c, await dispatch(this.card, T0Responder.asCase4(c)));
    } catch (e) {
      this.opts.onError?.(e);
      answer = sw(SW.NO_PRECISE_DIAGNOSIS);
    }
    return encodeResponse({ sw: answer.sw, data: answer.data ?? new Uint8Array(0) });
  }
}
