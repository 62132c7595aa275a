/**
 * Status words (ISO/IEC 7816-4:2020 §5.6) with the names used across myna-sandbox.
 *
 * The set here is exactly the set the My Number Card is known or decided to return
 * (spec: card.md §2.5 and §12), plus the `63Cx` family. Anything else is named generically.
 */
export const SW = {
  OK: 0x9000,
  /** Wrong value on a key reference with unlimited retries; failed EXTERNAL AUTHENTICATE. */
  VERIFICATION_FAILED: 0x6300,
  /** 63C0 — counter exhausted (VERIFY that reached zero, or status query on a blocked key). */
  TRIES_EXHAUSTED: 0x63c0,
  SET_SESSION_KEY_UNAVAILABLE: 0x66f1,
  WRONG_LENGTH: 0x6700,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  COMMAND_INCOMPATIBLE_WITH_FILE: 0x6981,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  /** JICSAP "referenced IEF locked": VERIFY on a blocked key reference. */
  REFERENCE_BLOCKED: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  SM_DATA_OBJECT_MISSING: 0x6987,
  SM_DATA_INCORRECT: 0x6988,
  SM_SESSION_BROKEN: 0x69fc,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  DATA_NOT_FOUND: 0x6a88,
  OFFSET_OUTSIDE_EF: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

export type SwName = keyof typeof SW;

const NAMES = new Map<number, SwName>(Object.entries(SW).map(([k, v]) => [v, k as SwName]));

/** `63Cx` → x (tries left); otherwise undefined. */
export function triesLeftOf(sw: number): number | undefined {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : undefined;
}

/** The `63Cx` status word for `tries` (0..15). */
export function swTriesLeft(tries: number): number {
  if (!Number.isInteger(tries) || tries < 0 || tries > 15) throw new RangeError('tries must be 0..15');
  return 0x63c0 | tries;
}

/** A stable name for any status word: `OK`, `TRIES_LEFT_2`, `WRONG_P1P2`, or `SW_6A83` for others. */
export function swName(sw: number): string {
  const t = triesLeftOf(sw);
  if (t !== undefined && t > 0) return `TRIES_LEFT_${t}`;
  return NAMES.get(sw) ?? `SW_${sw.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "6A82" */
export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function isSuccess(sw: number): boolean {
  return sw === SW.OK;
}
