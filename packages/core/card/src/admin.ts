import { createHmac, timingSafeEqual } from 'node:crypto';
import { ascii, concatBytes } from '@myna/apdu';

/**
 * The sandbox's administrative channel — NOT the real card's (whose issuer commands are not
 * public; spec: card.md §9, architecture.md). Documented in docs/faithfulness.md.
 *
 * GET CHALLENGE (≥ 8 bytes) → EXTERNAL AUTHENTICATE `00 82 00 00 20 <cryptogram>` where
 * cryptogram = HMAC-SHA-256(adminKey, "MYNA-SANDBOX-ADMIN" ‖ serial (ASCII) ‖ challenge).
 * Success opens issuer security for the rest of the card session (until reset/removal):
 * RESET RETRY COUNTER (`00 2C`) then works; without it the card answers 6982.
 */
export const ADMIN_CONTEXT = ascii('MYNA-SANDBOX-ADMIN');
export const MIN_ADMIN_CHALLENGE = 8;

export function adminCryptogram(adminKey: Uint8Array, serial: string, challenge: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHmac('sha256', adminKey)
      .update(concatBytes(ADMIN_CONTEXT, ascii(serial), challenge))
      .digest(),
  );
}

export function checkAdminCryptogram(
  adminKey: Uint8Array,
  serial: string,
  challenge: Uint8Array,
  cryptogram: Uint8Array,
): boolean {
  const want = adminCryptogram(adminKey, serial, challenge);
  return cryptogram.length === want.length && timingSafeEqual(want, cryptogram);
}
