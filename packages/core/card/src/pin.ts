/**
 * PIN (key reference) policy and the pure retry-counter state machine.
 *
 * spec: card.md §3 (semantics and inventory), §12.2 (wrong length counts as a wrong try),
 * §12.7 (10 tries for 照合番号A/B and the birth-date key); pin-lifecycle.md §1.1–1.2.
 */

/** Persistent state of one key reference. `value` null = no reference data (face-authentication card). */
export interface PinRecord {
  readonly value: string | null;
  readonly maxTries: number;
  readonly triesLeft: number;
}

/**
 * A record a store may hold: integer counters with 0 <= triesLeft <= maxTries. Every
 * `CardStateStore` refuses to write any other (the memory one and those in @myna/store).
 */
export function isValidPinRecord(r: PinRecord): boolean {
  return (
    Number.isInteger(r.maxTries) &&
    Number.isInteger(r.triesLeft) &&
    r.maxTries >= 0 &&
    r.triesLeft >= 0 &&
    r.triesLeft <= r.maxTries
  );
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
