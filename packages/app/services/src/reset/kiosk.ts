import { type CardSessionState, PIN_RULES } from '@myna/card';
import { MynaCardClient, type Transport } from '@myna/client';
import { type ErrorCode, type ErrorDetails, isMynaError, MynaError } from '@myna/errors';
import type { Clock } from '@myna/ports';
import type { CardConnector, CardSession } from '../connector.js';
import type { AuditStep, AuditTrail } from './audit.js';
import {
  KIOSK_HOURS,
  kioskInService,
  type ResettableCertPin,
  type StoreChainId,
  storeChain,
} from './chains.js';
import { otherPin, type ResetAuthority } from './reset-authority.js';

/**
 * The convenience-store kiosk (マルチコピー機) of pin-lifecycle.md §3 as an explicit state machine,
 * screens K1–K7 and errors E1–E7 of §3.2, steps ①–⑧ of seed 001:
 *
 * ```
 * K1 top menu ─① chooseAdministrativeServices → K2 services ─② choosePasswordReset → K2 pin type
 *   ─③ choosePinReset(pin) → K3 notes ─④ agree → K4 place card ─⑤ placeCard → K5 other PIN
 *   ─⑥ enterOtherPin → K6 new PIN (twice) ─⑦ enterNewPin → K7 done, card returned ─⑧ removeCard → K1
 * ```
 *
 * A kiosk is a terminal: it holds no issuer key. At K4 it asks the authority whether a reservation
 * admits this card; at K6 it asks the authority to reset, and the authority does it through this
 * kiosk's reader. Errors: E1 no reservation, E2 reservation older than 24 h, E3 wrong other PIN
 * (tries left shown; K5 again), E4 other PIN locked (→ counter), E5 the store cannot reset this PIN,
 * E6 certificate expired/revoked/on hold, E7 outside 06:30–23:00 JST. E0 (a sandbox addition) is
 * any other failure. No fee (§3.1 [NAHA][NIIGATA]).
 */
export type KioskScreenId = 'K1' | 'K2' | 'K3' | 'K4' | 'K5' | 'K6' | 'K7' | 'ERROR';
export type KioskErrorId = 'E0' | 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6' | 'E7';
/** Where the card is: not inserted, in the reader, or ejected and waiting to be taken. */
export type KioskCardState = 'none' | 'inserted' | 'returned';

export interface ScreenText {
  readonly ja: string;
  readonly en: string;
}

export interface KioskError extends ScreenText {
  readonly id: KioskErrorId;
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
}

/** A hint on the current screen that does not end the flow (last try, format, entries differ). */
export interface KioskNotice extends ScreenText {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
}

export interface KioskScreen {
  readonly id: KioskScreenId;
  /** On K2: the administrative-services menu (before ②) or the PIN-type menu (after ②). */
  readonly menu: 'services' | 'pin-type' | null;
  readonly title: ScreenText;
  readonly body: ScreenText;
  /** The PIN chosen at ③. */
  readonly pin: ResettableCertPin | null;
  readonly card: KioskCardState;
  readonly error: KioskError | null;
  readonly notice: KioskNotice | null;
  /** Always 0: the service is free. */
  readonly feeYen: 0;
  /** The actions the screen accepts (method names of `Kiosk`). */
  readonly actions: readonly string[];
}

const PIN_NAME: Record<ResettableCertPin, ScreenText> = {
  sign: { ja: '署名用パスワード', en: 'signature password' },
  auth: { ja: '利用者証明用パスワード', en: 'user-authentication PIN' },
};

const PIN_RULE_TEXT: Record<ResettableCertPin, ScreenText> = {
  sign: { ja: '英大文字と数字を組み合わせた6～16文字', en: '6–16 upper-case letters and digits, both used' },
  auth: { ja: '数字4桁', en: '4 digits' },
};

/** The screens' texts (reconstruction of §3.2; labels in quotes as sourced: 「行政サービス」). */
export function kioskScreenText(
  id: KioskScreenId,
  menu: KioskScreen['menu'],
  pin: ResettableCertPin | null,
): { title: ScreenText; body: ScreenText } {
  const p = pin ? PIN_NAME[pin] : { ja: 'パスワード', en: 'password' };
  const o = pin ? PIN_NAME[otherPin(pin)] : { ja: 'パスワード', en: 'password' };
  switch (id) {
    case 'K1':
      return {
        title: { ja: 'トップメニュー', en: 'Top menu' },
        body: {
          ja: '「行政サービス」を選んでください。',
          en: 'Choose "Administrative services" (行政サービス).',
        },
      };
    case 'K2':
      return menu === 'services'
        ? {
            title: { ja: '行政サービス', en: 'Administrative services' },
            body: {
              ja: '「マイナンバーカードのパスワード再設定」を選んでください。',
              en: 'Choose "Reset a My Number Card password".',
            },
          }
        : {
            title: { ja: 'マイナンバーカードのパスワード再設定', en: 'Reset a My Number Card password' },
            body: {
              ja: '「署名用パスワードの初期化・再設定」または「利用者証明用パスワードの初期化・再設定」を選んでください。',
              en: 'Choose "Reset the signature password" or "Reset the user-authentication PIN".',
            },
          };
    case 'K3':
      return {
        title: { ja: '注意事項', en: 'Before you start' },
        body: {
          ja: `JPKI暗証番号リセットアプリで予約した${p.ja}を初期化し、新しい${p.ja}を設定します。予約は顔照合から24時間有効です。${o.ja}の入力が必要です。手数料は無料です。内容を確認し「同意する」を押してください。`,
          en: `This resets the ${p.en} you reserved in the JPKI PIN-reset app and sets a new one. The reservation is valid for 24 hours from the face match. You will need your ${o.en}. There is no fee. Read this and press "Agree".`,
        },
      };
    case 'K4':
      return {
        title: { ja: 'カードの設置', en: 'Place your card' },
        body: {
          ja: 'マイナンバーカードをカード置き場に置いてください。',
          en: 'Place your My Number Card on the card reader.',
        },
      };
    case 'K5':
      return {
        title: { ja: `${o.ja}の入力`, en: `Enter your ${o.en}` },
        body: {
          ja: `${o.ja}（${pin ? PIN_RULE_TEXT[otherPin(pin)].ja : ''}）を入力してください。`,
          en: `Enter your ${o.en} (${pin ? PIN_RULE_TEXT[otherPin(pin)].en : ''}).`,
        },
      };
    case 'K6':
      return {
        title: { ja: `新しい${p.ja}の入力`, en: `Enter a new ${p.en}` },
        body: {
          ja: `新しい${p.ja}（${pin ? PIN_RULE_TEXT[pin].ja : ''}）を、確認のため2回入力してください。`,
          en: `Enter the new ${p.en} (${pin ? PIN_RULE_TEXT[pin].en : ''}) twice.`,
        },
      };
    case 'K7':
      return {
        title: { ja: '完了', en: 'Done' },
        body: {
          ja: `${p.ja}を再設定しました。マイナンバーカードをお取りください。`,
          en: `Your ${p.en} has been reset. Please take your My Number Card.`,
        },
      };
    case 'ERROR':
      return {
        title: { ja: 'お取り扱いできません', en: 'This cannot be done here' },
        body: { ja: '', en: '' },
      };
  }
}

/** The error screens' texts, E1–E7 of §3.2 (reconstruction) and E0. */
export function kioskErrorText(
  id: KioskErrorId,
  pin: ResettableCertPin | null,
  details: ErrorDetails,
): ScreenText {
  const p = pin ? PIN_NAME[pin] : { ja: 'パスワード', en: 'password' };
  const o = pin ? PIN_NAME[otherPin(pin)] : { ja: 'パスワード', en: 'password' };
  switch (id) {
    case 'E1':
      return {
        ja: `このカードの${p.ja}の初期化予約が見つかりません。JPKI暗証番号リセットアプリで予約してから、もう一度お手続きください。`,
        en: `No reservation to reset the ${p.en} was found for this card. Make one in the JPKI PIN-reset app, then try again.`,
      };
    case 'E2':
      return {
        ja: '予約の有効期限（顔照合から24時間）が過ぎています。JPKI暗証番号リセットアプリで予約し直してください。',
        en: 'The reservation has expired (24 hours after the face match). Make a new one in the JPKI PIN-reset app.',
      };
    case 'E3': {
      const n = typeof details.triesLeft === 'number' ? details.triesLeft : undefined;
      return {
        ja: `${o.ja}が違います。${n !== undefined ? `あと${n}回間違えるとロックされます。` : ''}`,
        en: `The ${o.en} is wrong.${n !== undefined ? ` ${n} ${n === 1 ? 'try' : 'tries'} left before it locks.` : ''}`,
      };
    }
    case 'E4':
      return {
        ja: `${o.ja}がロックされている（または設定されていない）ため、この端末ではお手続きできません。住民票のある市区町村の窓口で初期化・再設定してください。`,
        en: `Your ${o.en} is locked (or not set), so this kiosk cannot help. Go to the counter of the municipality where you are registered.`,
      };
    case 'E5':
      return {
        ja: `この店舗の端末では${p.ja}の初期化・再設定はできません。対応している店舗をご利用ください。`,
        en: `This store's kiosk cannot reset the ${p.en}. Please use a store that offers it.`,
      };
    case 'E6':
      return {
        ja: '電子証明書が有効期限切れ、失効、または一時保留のため、この端末ではお手続きできません。市区町村の窓口で電子証明書の発行を受けてください。',
        en: 'A certificate on the card is expired, revoked or on hold, so this kiosk cannot help. The municipal counter issues new certificates.',
      };
    case 'E7':
      return {
        ja: `ただいまサービス時間外です。サービス時間は${KIOSK_HOURS.label.replace('–', '～')}です。`,
        en: `Outside service hours. The service is available ${KIOSK_HOURS.label} (JST).`,
      };
    case 'E0':
      return {
        ja: 'お手続きを完了できませんでした。市区町村の窓口にお問い合わせください。',
        en: 'The procedure could not be completed. Please ask at the municipal counter.',
      };
  }
}

/** Which error screen a catalog code shows. */
export function kioskErrorId(code: ErrorCode): KioskErrorId {
  switch (code) {
    case 'RESERVATION_NOT_FOUND':
      return 'E1';
    case 'RESERVATION_EXPIRED':
      return 'E2';
    case 'PIN_WRONG':
      return 'E3';
    case 'PIN_BLOCKED':
    case 'PIN_NOT_SET':
      return 'E4';
    case 'STORE_CANNOT_RESET':
      return 'E5';
    case 'CERTIFICATE_INVALID':
    case 'CARD_SUSPENDED':
    case 'CARD_ABOLISHED':
      return 'E6';
    case 'KIOSK_CLOSED':
      return 'E7';
    default:
      return 'E0';
  }
}

export interface KioskOptions {
  readonly chain: StoreChainId;
  /** The store (e.g. `shibuya-1`); the terminal is `kiosk:<chain>:<storeId>`. */
  readonly storeId: string;
  /**
   * The PINs this store's kiosk resets; default the chain's (§3.1). Stores of chains where only
   * some stores have a suitable kiosk may offer fewer, or none.
   */
  readonly offers?: readonly ResettableCertPin[];
  /**
   * Who holds the card lease while a card is in this kiosk's reader (default: each insertion
   * alone). A kiosk kept in a database gives its id, so any server instance takes it up.
   */
  readonly leaseHolder?: string;
  /** How long the card stays held between touches (default CARD_LEASE_MS). */
  readonly leaseMs?: number;
}

/**
 * A kiosk as data, between two touches: its screen, where the card is, the steps not yet written,
 * and the card session in its reader (never a PIN value). `Kiosk.resume` takes it up anywhere.
 */
export interface KioskSnapshot {
  readonly state: {
    readonly id: KioskScreenId;
    readonly menu: KioskScreen['menu'];
    readonly pin: ResettableCertPin | null;
    readonly error: KioskError | null;
    readonly notice: KioskNotice | null;
  };
  readonly cardState: KioskCardState;
  readonly pending: readonly (AuditStep & { at: string })[];
  readonly session: { readonly cardId: string; readonly card: CardSessionState | null } | null;
}

interface State {
  readonly id: KioskScreenId;
  readonly menu: KioskScreen['menu'];
  readonly pin: ResettableCertPin | null;
  readonly error: KioskError | null;
  readonly notice: KioskNotice | null;
}

const HOME: State = { id: 'K1', menu: null, pin: null, error: null, notice: null };

export class Kiosk {
  readonly terminal: string;
  readonly chain: StoreChainId;
  readonly storeId: string;
  readonly offers: readonly ResettableCertPin[];
  private state: State = HOME;
  private session: {
    cardId: string;
    transport: CardSession;
    client: MynaCardClient;
  } | null = null;
  private cardState: KioskCardState = 'none';
  private busy = false;
  /** Steps before a card is placed, written to the card's timeline once it is (or as office events). */
  private pending: (AuditStep & { at: string })[] = [];

  constructor(
    private readonly deps: {
      readonly connector: CardConnector;
      readonly authority: ResetAuthority;
      readonly audit: AuditTrail;
      readonly clock: Clock;
    },
    opts: KioskOptions,
  ) {
    const chain = storeChain(opts.chain);
    this.chain = chain.id;
    this.storeId = opts.storeId;
    this.offers = (opts.offers ?? chain.resets).filter((p) => chain.resets.includes(p));
    this.terminal = `kiosk:${chain.id}:${opts.storeId}`;
    this.lease = {
      ...(opts.leaseHolder !== undefined ? { holder: opts.leaseHolder } : {}),
      ...(opts.leaseMs !== undefined ? { leaseMs: opts.leaseMs } : {}),
    };
  }

  private readonly lease: { holder?: string; leaseMs?: number };

  /**
   * The kiosk as data, to be taken up by `resume` (in this or another process). A card in the
   * reader stays held (the lease is kept); this object lets go of it and must not be used again.
   */
  snapshot(): KioskSnapshot {
    const card = this.session && this.cardState === 'inserted' ? this.session.transport.detach() : null;
    return {
      state: this.state,
      cardState: this.cardState,
      pending: [...this.pending],
      session: this.session ? { cardId: this.session.cardId, card } : null,
    };
  }

  /** Takes up a kiosk saved by `snapshot`: the card in the reader is held again, its session intact. */
  async resume(s: KioskSnapshot): Promise<void> {
    this.state = s.state;
    this.cardState = s.cardState;
    this.pending = [...s.pending];
    if (!s.session) return;
    const transport =
      s.cardState === 'inserted' && s.session.card
        ? await this.deps.connector.connect(s.session.cardId, this.terminal, {
            ...this.lease,
            session: s.session.card,
          })
        : removedCard(this.terminal);
    this.session = { cardId: s.session.cardId, transport, client: new MynaCardClient(transport) };
  }

  /** The current screen. */
  screen(): KioskScreen {
    const s = this.state;
    const text = kioskScreenText(s.id, s.menu, s.pin);
    const body = s.id === 'ERROR' && s.error ? { ja: s.error.ja, en: s.error.en } : text.body;
    return {
      id: s.id,
      menu: s.menu,
      title: text.title,
      body,
      pin: s.pin,
      card: this.cardState,
      error: s.error,
      notice: s.notice,
      feeYen: 0,
      actions: this.actions(),
    };
  }

  /** The card reader the card is in (while one is inserted): the kiosk's transport to the card. */
  get reader(): Transport | null {
    return this.cardState === 'inserted' ? (this.session?.transport ?? null) : null;
  }

  private actions(): string[] {
    const s = this.state;
    const out: string[] = [];
    if (s.id === 'K1') out.push('chooseAdministrativeServices');
    if (s.id === 'K2' && s.menu === 'services') out.push('choosePasswordReset');
    if (s.id === 'K2' && s.menu === 'pin-type') out.push('choosePinReset');
    if (s.id === 'K3') out.push('agree');
    if (s.id === 'K4') out.push('placeCard');
    if (s.id === 'K5') out.push('enterOtherPin');
    if (s.id === 'K6') out.push('enterNewPin');
    if (this.cardState !== 'none') out.push('removeCard');
    else if (s.id !== 'K1') out.push('home');
    return out;
  }

  // ───────────────────────── steps ─────────────────────────

  /** ① K1 → K2: 「行政サービス」. */
  chooseAdministrativeServices(): Promise<KioskScreen> {
    return this.step('K1', 'chooseAdministrativeServices', async () => {
      this.go({ ...HOME, id: 'K2', menu: 'services' });
      await this.log({ step: '①.administrative-services' });
    });
  }

  /** ② K2: 「マイナンバーカードのパスワード再設定」. */
  choosePasswordReset(): Promise<KioskScreen> {
    return this.step({ screen: 'K2', menu: 'services' }, 'choosePasswordReset', async () => {
      this.go({ ...this.state, menu: 'pin-type' });
      await this.log({ step: '②.password-reset' });
    });
  }

  /** ③ K2 → K3: which PIN; E5 if this store does not reset it. */
  choosePinReset(pin: ResettableCertPin): Promise<KioskScreen> {
    return this.step({ screen: 'K2', menu: 'pin-type' }, 'choosePinReset', async () => {
      if (pin !== 'sign' && pin !== 'auth')
        throw new MynaError('INVALID_ARGUMENT', { field: 'pin', rule: "'sign' or 'auth'" });
      this.go({ ...this.state, pin });
      if (!this.offers.includes(pin))
        throw new MynaError('STORE_CANNOT_RESET', { chain: this.chain, store: this.storeId, pin });
      this.go({ id: 'K3', menu: null, pin, error: null, notice: null });
      await this.log({ step: '③.choose-pin', pin });
    });
  }

  /** ④ K3 → K4: the holder agrees to the notes. */
  agree(): Promise<KioskScreen> {
    return this.step('K3', 'agree', async () => {
      this.go({ ...this.state, id: 'K4' });
      await this.log({ step: '④.consent' });
    });
  }

  /**
   * ⑤ K4 → K5: the card is placed on the reader (the kiosk's card session opens) and the authority
   * admits it: a reservation for this card and PIN (E1), not older than 24 hours (E2), valid
   * certificates (E6).
   */
  placeCard(cardId: string): Promise<KioskScreen> {
    return this.step('K4', 'placeCard', async () => {
      const pin = this.state.pin!;
      const transport = await this.deps.connector.connect(cardId, this.terminal, this.lease);
      this.session = { cardId, transport, client: new MynaCardClient(transport) };
      this.cardState = 'inserted';
      await this.flushPending(cardId);
      await this.log({ step: '⑤.card-placed', pin });
      await this.deps.authority.kioskAdmission({
        cardId,
        pin,
        kiosk: { chain: this.chain, storeId: this.storeId },
        terminal: this.terminal,
      });
      this.go({ ...this.state, id: 'K5', error: null, notice: null });
      await this.log({ step: 'K4.admitted', pin });
    });
  }

  /**
   * ⑥ K5 → K6: the other PIN, verified by the card through the client SDK's safe policy. A wrong
   * one spends a try (E3, K5 again); a locked one ends here (E4 → counter). With one try left the
   * SDK asks for `confirmLastTry` first (a notice; nothing is sent).
   */
  enterOtherPin(value: string, opts: { readonly confirmLastTry?: boolean } = {}): Promise<KioskScreen> {
    return this.step('K5', 'enterOtherPin', async () => {
      const pin = this.state.pin!;
      const other = otherPin(pin);
      this.go({ ...this.state, error: null, notice: null });
      try {
        await this.session!.client.verifyPin(other, value, { confirmLastTry: opts.confirmLastTry ?? false });
      } catch (e) {
        if (isMynaError(e, 'PIN_LAST_TRY') || isMynaError(e, 'PIN_FORMAT')) {
          this.go({ ...this.state, notice: notice(e) });
          await this.log({
            step: '⑥.other-pin',
            pin: other,
            outcome: 'refused',
            code: e.code,
            details: e.details,
          });
          return;
        }
        if (isMynaError(e, 'PIN_WRONG')) {
          this.go({ ...this.state, error: kioskError(e, pin) });
          await this.log({
            step: '⑥.other-pin',
            pin: other,
            outcome: 'refused',
            code: e.code,
            triesLeft: e.details.triesLeft as number,
          });
          return;
        }
        throw e;
      }
      this.go({ ...this.state, id: 'K6' });
      await this.log({ step: '⑥.other-pin', pin: other });
    });
  }

  /**
   * ⑦ K6 → K7: the new PIN, entered twice. Entries that differ or break the format leave the
   * kiosk on K6 with a notice; otherwise the authority resets the PIN through this kiosk's reader,
   * and the card is returned (K7).
   */
  enterNewPin(value: string, confirmation: string): Promise<KioskScreen> {
    return this.step('K6', 'enterNewPin', async () => {
      const pin = this.state.pin!;
      // The signature password is upper case; input is converted as J-LIS clients do (card.md §3).
      const v = pin === 'sign' ? value.toUpperCase() : value;
      const c = pin === 'sign' ? confirmation.toUpperCase() : confirmation;
      this.go({ ...this.state, error: null, notice: null });
      if (v !== c) {
        const e = new MynaError('INVALID_ARGUMENT', {
          field: 'confirmation',
          rule: 'the two entries must match',
        });
        this.go({ ...this.state, notice: notice(e) });
        await this.log({ step: '⑦.new-pin', pin, outcome: 'refused', code: e.code, details: e.details });
        return;
      }
      if (!PIN_RULES[pin].check(v)) {
        const e = new MynaError('PIN_FORMAT', { pin, rule: PIN_RULES[pin].rule });
        this.go({ ...this.state, notice: notice(e) });
        await this.log({ step: '⑦.new-pin', pin, outcome: 'refused', code: e.code, details: e.details });
        return;
      }
      await this.deps.authority.resetAtKiosk({
        transport: this.session!.transport,
        terminal: this.terminal,
        cardId: this.session!.cardId,
        pin,
        newValue: v,
        kiosk: { chain: this.chain, storeId: this.storeId },
      });
      await this.log({ step: '⑦.new-pin', pin });
      await this.returnCard();
      this.go({ ...this.state, id: 'K7' });
      await this.log({ step: 'K7.done', pin });
    });
  }

  /** ⑧ The holder takes the card (at K7, on an error screen, or to abandon K5/K6): back to K1. */
  async removeCard(): Promise<KioskScreen> {
    if (this.busy) throw new MynaError('KIOSK_STEP', { action: 'removeCard', busy: true });
    if (this.cardState === 'none')
      throw new MynaError('KIOSK_STEP', { screen: this.state.id, action: 'removeCard' });
    const cardId = this.session?.cardId;
    const from = this.state.id;
    await this.returnCard();
    this.cardState = 'none';
    this.session = null;
    this.go(HOME);
    if (cardId) await this.log({ step: '⑧.card-removed', details: { from } }, cardId);
    return this.screen();
  }

  /** Back to the top menu from any screen without a card in the reader (cancel, or after an error). */
  async home(): Promise<KioskScreen> {
    if (this.busy) throw new MynaError('KIOSK_STEP', { action: 'home', busy: true });
    if (this.cardState !== 'none')
      throw new MynaError('KIOSK_STEP', { screen: this.state.id, action: 'home' });
    if (this.state.id !== 'K1') await this.log({ step: 'home', details: { from: this.state.id } });
    await this.flushPending(null);
    this.go(HOME);
    return this.screen();
  }

  // ───────────────────────── machinery ─────────────────────────

  private go(s: State): void {
    this.state = s;
  }

  /**
   * Runs one screen action: only on its screen (KIOSK_STEP otherwise, nothing changes), only in
   * service hours (E7), one at a time. A failure becomes its error screen (the card is returned).
   */
  private async step(
    where: KioskScreenId | { readonly screen: KioskScreenId; readonly menu: KioskScreen['menu'] },
    action: string,
    body: () => Promise<void>,
  ): Promise<KioskScreen> {
    const on = typeof where === 'string' ? where : where.screen;
    if (this.busy) throw new MynaError('KIOSK_STEP', { action, busy: true });
    if (this.state.id !== on || (typeof where !== 'string' && this.state.menu !== where.menu))
      throw new MynaError('KIOSK_STEP', { screen: this.state.id, action });
    this.busy = true;
    try {
      if (!kioskInService(this.deps.clock.now())) throw new MynaError('KIOSK_CLOSED');
      await body();
    } catch (e) {
      const pin = this.state.pin;
      const err = kioskError(e, pin);
      await this.log({
        step: `${on}.error`,
        outcome: isMynaError(e) ? 'refused' : 'error',
        code: err.code,
        ...(pin ? { pin } : {}),
        details: { screen: err.id, ...err.details },
      });
      await this.returnCard();
      this.go({ ...this.state, id: 'ERROR', error: err, notice: null });
      if (this.cardState === 'none') await this.flushPending(null);
    } finally {
      this.busy = false;
    }
    return this.screen();
  }

  /** Ends the card session (the kiosk ejects the card); the holder still has to take it (⑧). */
  private async returnCard(): Promise<void> {
    if (this.session && this.cardState === 'inserted') {
      await this.session.transport.close();
      this.cardState = 'returned';
    }
  }

  private async log(
    s: Omit<AuditStep, 'cardId' | 'actor' | 'terminal'>,
    cardId: string | null = this.session?.cardId ?? null,
  ): Promise<void> {
    const step = { ...s, actor: 'holder', terminal: this.terminal };
    if (cardId === null) {
      this.pending.push({ ...step, cardId: null, at: this.deps.clock.now().toISOString() });
      return;
    }
    await this.deps.audit.record('kiosk', { ...step, cardId });
  }

  private async flushPending(cardId: string | null): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) await this.deps.audit.record('kiosk', { ...p, cardId });
  }
}

/** The reader of a kiosk whose card was ejected (nothing to talk to). */
function removedCard(terminal: string): CardSession {
  const gone = () => new MynaError('TRANSPORT_ERROR', { transport: terminal, reason: 'card removed' });
  return {
    label: terminal,
    atr: new Uint8Array(),
    transmit: async () => {
      throw gone();
    },
    reset: async () => {
      throw gone();
    },
    renew: async () => undefined,
    close: async () => undefined,
    detach: () => {
      throw gone();
    },
  };
}

function kioskError(e: unknown, pin: ResettableCertPin | null): KioskError {
  const code: ErrorCode = isMynaError(e) ? e.code : 'INTERNAL';
  const details: ErrorDetails = isMynaError(e) ? e.details : {};
  const id = kioskErrorId(code);
  return { id, code, details, ...kioskErrorText(id, pin, details) };
}

function notice(e: MynaError): KioskNotice {
  return { code: e.code, details: e.details, ja: e.messageJa, en: e.message };
}
