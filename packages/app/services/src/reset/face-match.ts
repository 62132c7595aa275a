import { createHash, timingSafeEqual } from 'node:crypto';
import { collationB } from '@myna/card';
import type { FaceData, MynaCardClient } from '@myna/client';
import { MynaError } from '@myna/errors';
import type { AuthorityStore } from '../ports.js';

/**
 * Face matching, the sandbox way (docs/reset.md): there is no camera and no biometric model. A
 * "selfie" is an opaque byte string; it matches a face photo exactly when it was derived from that
 * photo by `selfieOf` — `"MYNA-SANDBOX-SELFIE-v1" ‖ SHA-256(photo)`. Anything else (a selfie of
 * another card's photo, random bytes) does not match, and `forceMismatch` makes even a matching
 * selfie fail, so both outcomes are reproducible. Used by the JPKI PIN-reset app (the live image
 * against the chip photo, pin-lifecycle.md §2.3 step 4) and by the counter (the person against the
 * card's face data, §4.2).
 */
export const SELFIE_CONTEXT = 'MYNA-SANDBOX-SELFIE-v1';

/** The selfie that matches `photo` (a JPEG 2000 face photo read from the card or the register). */
export function selfieOf(photo: Uint8Array): Uint8Array {
  return new Uint8Array(
    Buffer.concat([Buffer.from(SELFIE_CONTEXT, 'ascii'), createHash('sha256').update(photo).digest()]),
  );
}

export interface FaceMatchResult {
  readonly matched: boolean;
  /** 1 for a match, 0 otherwise (a real matcher would give a similarity). */
  readonly score: number;
}

/** Deterministic face match of a selfie against the photo read from the chip. */
export function matchFace(
  selfie: Uint8Array,
  chipPhoto: Uint8Array,
  opts: { readonly forceMismatch?: boolean } = {},
): FaceMatchResult {
  const want = selfieOf(chipPhoto);
  const matched =
    !opts.forceMismatch && selfie.length === want.length && timingSafeEqual(Buffer.from(selfie), want);
  return { matched, score: matched ? 1 : 0 };
}

/**
 * What is printed on the card face that 照合番号B needs: the birth date, the card's expiry date and
 * the 4-digit security code (セキュリティコード). The app photographs it (§2.3 step 2; the
 * inference of spec §2.3 that this is how it opens the 券面事項確認AP).
 */
export interface PrintedCardFace {
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  /** YYYY-MM-DD (有効期限). */
  readonly cardExpiry: string;
  readonly securityCode: string;
}

/** 照合番号B of a card face: era birth YYMMDD ‖ expiry year ‖ security code (card.md §3). */
export function collationBOf(face: PrintedCardFace): string {
  const ymd = (d: string) => d.replaceAll('-', '');
  try {
    return collationB(ymd(face.birthDate), ymd(face.cardExpiry), face.securityCode);
  } catch {
    throw new MynaError('INVALID_ARGUMENT', {
      field: 'cardFace',
      rule: 'YYYY-MM-DD dates and a 4-digit code',
    });
  }
}

/**
 * The printed face of a sandbox card, from the municipality's records — what a person reads off
 * the physical card (tests and the counter, whose staff holds the card in hand).
 */
export async function printedCardFace(
  store: AuthorityStore,
  sandboxId: string,
  cardId: string,
): Promise<PrintedCardFace> {
  const card = await store.getCard(sandboxId, cardId);
  if (!card) throw new MynaError('CARD_NOT_FOUND', { cardId });
  const res = await store.getResident(sandboxId, card.residentId);
  if (!res) throw new MynaError('RESIDENT_NOT_FOUND', { residentId: card.residentId });
  return { birthDate: res.birthDate, cardExpiry: card.expiresOn, securityCode: card.securityCode };
}

/**
 * Reads the card's face data from the 券面事項確認AP: VERIFY 照合番号B (a real VERIFY: a wrong
 * value spends one of its 10 tries) and READ the face EF, with its signature checked.
 */
export async function readCardFace(client: MynaCardClient, face: PrintedCardFace): Promise<FaceData> {
  await client.verifyPin('kenkakuB', collationBOf(face));
  const data = await client.readFace();
  if (!data.signatureOk) throw new MynaError('CARD_ERROR', { during: 'card face signature' });
  return data;
}
