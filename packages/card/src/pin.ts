/**
 * PIN (key reference) policy and the pure retry-counter state machine.
 *
 * spec: card.md §3 (semantics and inventory), §12.2 (wrong length counts as a wrong try),
 * §12.7 (10 tries for 照合番号A/B and the birth-date key); pin-lifecycle.md §1.1–1.2.
 */

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

/** Persistent state of one key reference. `value` null = no reference data (face-authentication card). */
export interface PinRecord {
  readonly value: string | null;
  readonly maxTries: number;
  readonly triesLeft: number;
}

export type VerifyOutcome =
  | { readonly kind: 'verified'; readonly triesLeft: number }
  | { readonly kind: 'wrong'; readonly triesLeft: number }
  | { readonly kind: 'refused-blocked' }
  | { readonly kind: 'no-reference-data' };

/**
 * One VERIFY with data, as a pure transition (spec: card.md §3, §10b):
 * blocked → refused (no try spent); match → counter back to max; mismatch → counter − 1.
 * Any value of the wrong length or alphabet is simply a mismatch (§12.2).
 */
export function verifyTransition(
  pin: PinRecord,
  candidate: Uint8Array,
): { next: PinRecord; outcome: VerifyOutcome } {
  if (pin.value === null) return { next: pin, outcome: { kind: 'no-reference-data' } };
  if (pin.triesLeft <= 0) return { next: pin, outcome: { kind: 'refused-blocked' } };
  if (constantTimeEqualAscii(pin.value, candidate)) {
    return {
      next: { ...pin, triesLeft: pin.maxTries },
      outcome: { kind: 'verified', triesLeft: pin.maxTries },
    };
  }
  const triesLeft = pin.triesLeft - 1;
  return { next: { ...pin, triesLeft }, outcome: { kind: 'wrong', triesLeft } };
}

/** Compares a stored ASCII value with candidate bytes without an early exit on the first difference. */
export function constantTimeEqualAscii(stored: string, candidate: Uint8Array): boolean {
  let diff = stored.length ^ candidate.length;
  const n = Math.max(stored.length, candidate.length);
  for (let i = 0; i < n; i++) {
    const a = i < stored.length ? stored.charCodeAt(i) : 0;
    const b = i < candidate.length ? candidate[i]! : 0;
    diff |= a ^ b;
  }
  return diff === 0;
}

/** Decodes a candidate PIN as ASCII for format checks (CHANGE REFERENCE DATA / RESET RETRY COUNTER). */
export function asciiValue(data: Uint8Array): string | undefined {
  for (const b of data) if (b < 0x20 || b > 0x7e) return undefined;
  return String.fromCharCode(...data);
}
