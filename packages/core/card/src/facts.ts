/**
 * Public facts about the My Number Card that every layer shares — the card itself, the client
 * SDK, the services: application identifiers, EF numbers, the PIN inventory with each PIN's
 * format rule, try limit and location, and the ATR.
 *
 * spec: card.md §1 (ATR), §2.1 (AIDs), §3 (PIN inventory), §4.1, §5, §6, §7 (EFs);
 * pin-lifecycle.md §1.1; card.md §12.7 (10 tries for 照合番号A/B and the birth key).
 */
import { fromHex } from '@myna/apdu';

export type ApId = 'jpki' | 'kenhojo' | 'kenkaku' | 'juki' | 'common';
export const AP_IDS: readonly ApId[] = ['jpki', 'kenhojo', 'kenkaku', 'juki', 'common'];

export const AID = {
  jpki: fromHex('D392F000260100000001'),
  kenhojo: fromHex('D3921000310001010408'),
  kenkaku: fromHex('D3921000310001010402'),
  juki: fromHex('D3921000310001010401'),
  common: fromHex('D3921000310001010100'),
  /** GlobalPlatform issuer security domain; selecting it restores the power-on state (card.md §2.1). */
  isd: fromHex('A0000001510000'),
} as const;

/** EF identifiers used across packages. */
export const EF = {
  jpki: {
    signCert: 0x0001,
    signCaCert: 0x0002,
    tokenInfo: 0x0006,
    certAvailability: 0x0008,
    protected0009: 0x0009,
    authCert: 0x000a,
    authCaCert: 0x000b,
    terminalCaKeyRef: 0x0016,
    authKey: 0x0017,
    authPin: 0x0018,
    signKey: 0x001a,
    signPin: 0x001b,
    /** Unidentified internal EFs found by AokiApp's sweep (card.md §4.1; docs/faithfulness.md). */
    unknown0005: 0x0005,
    unknown0010: 0x0010,
    unknown0019: 0x0019,
    unknown001C: 0x001c,
    unknown001E: 0x001e,
  },
  kenhojo: {
    myNumber: 0x0001,
    basicFour: 0x0002,
    integrity: 0x0003,
    cvCert: 0x0004,
    apInfo: 0x0005,
    sessionKey: 0x0006,
    signedApKey: 0x0007,
    unknown0008: 0x0008,
    pin: 0x0011,
    blocked: 0x0012,
    apKey: 0x0013,
    collationA: 0x0014,
    collationB: 0x0015,
    /** Unidentified internal EFs found by AokiApp's sweep (docs/faithfulness.md). */
    unknown0010: 0x0010,
    unknown001C: 0x001c,
    unknown001E: 0x001e,
  },
  kenkaku: {
    age: 0x0001,
    face: 0x0002,
    apInfo: 0x0003,
    cvCert: 0x0004,
    myNumberImage: 0x0005,
    unknown0006: 0x0006,
    birthKey: 0x0011,
    collationB: 0x0012,
    collationA: 0x0013,
    /** Unidentified internal EFs found by AokiApp's sweep (docs/faithfulness.md). */
    unknown001A: 0x001a,
    unknown001C: 0x001c,
    unknown001E: 0x001e,
  },
  common: { serial: 0x0001, keyRef: 0x0002, authKey: 0x0019, pin: 0x001c },
  juki: { keyRef: 0x0002, pin: 0x001c },
  mf: { internal001E: 0x001e },
} as const;

/** Every key reference that takes a VERIFY on this card. */
export type PinId =
  /** JPKI EF 0018 — 利用者証明用電子証明書の暗証番号 (user-authentication PIN). */
  | 'auth'
  /** JPKI EF 001B — 署名用電子証明書のパスワード (signature password). */
  | 'sign'
  /** 券面事項入力補助AP EF 0011 — 券面事項入力補助用暗証番号. */
  | 'kenhojo'
  /** 券面事項入力補助AP EF 0012 — purpose unknown, blocked at issuance. */
  | 'kenhojoBlocked'
  /** 券面事項入力補助AP EF 0014 — 照合番号A (the 12-digit 個人番号). */
  | 'kenhojoA'
  /** 券面事項入力補助AP EF 0015 — 照合番号B (era birth YYMMDD + expiry year + security code). */
  | 'kenhojoB'
  /** 券面事項確認AP EF 0011 — 生年月日 key (first 6 digits of 照合番号B). */
  | 'kenkakuBirth'
  /** 券面事項確認AP EF 0012 — 照合番号B. */
  | 'kenkakuB'
  /** 券面事項確認AP EF 0013 — 照合番号A. */
  | 'kenkakuA'
  /** 住基AP EF 001C — 住民基本台帳用暗証番号. */
  | 'juki'
  /** 共通カードAP EF 001C — 本人確認業務用 PIN (UIs call it the 個人番号カード用 PIN together with juki). */
  | 'common';

export const PIN_IDS: readonly PinId[] = [
  'auth',
  'sign',
  'kenhojo',
  'kenhojoBlocked',
  'kenhojoA',
  'kenhojoB',
  'kenkakuBirth',
  'kenkakuB',
  'kenkakuA',
  'juki',
  'common',
];

/** The PINs a holder chooses (and may change); the others are derived from card-face data. */
export type HolderPinId = 'auth' | 'sign' | 'kenhojo' | 'juki' | 'common';
export const HOLDER_PIN_IDS: readonly HolderPinId[] = ['auth', 'sign', 'kenhojo', 'juki', 'common'];

export interface PinRule {
  readonly maxTries: number;
  /** Human-readable rule, used in error messages (never with the value). */
  readonly rule: string;
  readonly check: (value: string) => boolean;
}

const digits = (n: number) => (v: string) => v.length === n && /^[0-9]+$/.test(v);

/** Format rules and try limits per key reference (spec: card.md §3 table; pin-lifecycle.md §1.1). */
export const PIN_RULES: Readonly<Record<PinId, PinRule>> = {
  auth: { maxTries: 3, rule: '4 digits', check: digits(4) },
  sign: {
    maxTries: 5,
    rule: '6–16 characters, upper-case A–Z and 0–9 only, at least one letter and one digit',
    check: (v) => /^[A-Z0-9]{6,16}$/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v),
  },
  kenhojo: { maxTries: 3, rule: '4 digits', check: digits(4) },
  kenhojoBlocked: { maxTries: 3, rule: 'not settable', check: () => false },
  kenhojoA: { maxTries: 10, rule: '12 digits (個人番号)', check: digits(12) },
  kenhojoB: { maxTries: 10, rule: '14 digits (照合番号B)', check: digits(14) },
  kenkakuBirth: { maxTries: 10, rule: '6 digits (era birth date YYMMDD)', check: digits(6) },
  kenkakuB: { maxTries: 10, rule: '14 digits (照合番号B)', check: digits(14) },
  kenkakuA: { maxTries: 10, rule: '12 digits (個人番号)', check: digits(12) },
  juki: { maxTries: 3, rule: '4 digits', check: digits(4) },
  common: { maxTries: 3, rule: '4 digits', check: digits(4) },
};

export function isHolderPin(id: PinId): id is HolderPinId {
  return (HOLDER_PIN_IDS as readonly string[]).includes(id);
}

/** Which application holds each key reference. */
export const PIN_AP: Readonly<Record<PinId, ApId>> = {
  auth: 'jpki',
  sign: 'jpki',
  kenhojo: 'kenhojo',
  kenhojoBlocked: 'kenhojo',
  kenhojoA: 'kenhojo',
  kenhojoB: 'kenhojo',
  kenkakuBirth: 'kenkaku',
  kenkakuB: 'kenkaku',
  kenkakuA: 'kenkaku',
  juki: 'juki',
  common: 'common',
};

/** The EF (= short EF identifier) holding each key reference. */
export const PIN_FID: Readonly<Record<PinId, number>> = {
  auth: EF.jpki.authPin,
  sign: EF.jpki.signPin,
  kenhojo: EF.kenhojo.pin,
  kenhojoBlocked: EF.kenhojo.blocked,
  kenhojoA: EF.kenhojo.collationA,
  kenhojoB: EF.kenhojo.collationB,
  kenkakuBirth: EF.kenkaku.birthKey,
  kenkakuB: EF.kenkaku.collationB,
  kenkakuA: EF.kenkaku.collationA,
  juki: EF.juki.pin,
  common: EF.common.pin,
};

/**
 * ATR of the contact interface (spec: card.md §1; the only ATR in OpenSC's table) — the default
 * profile's; a card may present another (atr.ts, `CardImage.atr`).
 */
export const ATR = fromHex('3BE000FF8131FE4514');

/** The ATR/protocol profiles a card may present (atr.ts): part of the card's public facts. */
export * from './atr.js';
