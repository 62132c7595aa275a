import { Type } from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import { type Reservation, type Sandbox, selfieOf } from '@myna/services';
import { errorResponses } from '../schemas.js';

/**
 * Schemas and helpers shared by the reset-ecosystem routes (phone app, kiosk, counter, lost-card
 * line; docs/reset.md). No rule lives here: the routes call `sandbox.reset`.
 */

/** Every status the reset services answer with (catalog: docs/reference/errors.md). */
export const resetErrorResponses = {
  ...errorResponses,
  403: { $ref: 'Error#' },
  410: { $ref: 'Error#' },
  423: { $ref: 'Error#' },
} as const;

export const CardIdString = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export const CertPin = Type.Union([Type.Literal('sign'), Type.Literal('auth')], {
  description: "'sign' (署名用パスワード) or 'auth' (利用者証明用パスワード)",
});

/** A PIN value sent by the holder: validated for shape only (its rule is the card's); never echoed. */
export const PinValue = Type.String({ minLength: 1, maxLength: 16, description: 'Never echoed or logged' });

export const Selfie = Type.Union([Type.Literal('holder'), Type.Literal('someone-else')], {
  description:
    "Who faces the camera: 'holder' matches the face photo on the chip (the sandbox derives the selfie deterministically), 'someone-else' does not",
});

export const IsoString = Type.String({ description: 'ISO 8601 (UTC)' });

export const ReservationBody = Type.Object({
  id: Type.String(),
  cardId: Type.String(),
  pin: CertPin,
  status: Type.Union([
    Type.Literal('active'),
    Type.Literal('used'),
    Type.Literal('cancelled'),
    Type.Literal('replaced'),
    Type.Literal('expired'),
  ]),
  faceMatchedAt: IsoString,
  expiresAt: Type.String({ description: 'faceMatchedAt + 24 hours; usable while now < expiresAt' }),
  expired: Type.Boolean({ description: 'Active but 24 hours old or older by sandbox time' }),
  terminal: Type.String(),
  createdAt: IsoString,
  updatedAt: IsoString,
  closedAt: Type.Union([Type.String(), Type.Null()]),
  closedBy: Type.Union([Type.String(), Type.Null()]),
});

export function reservationView(r: Reservation, now: Date) {
  return {
    id: r.id,
    cardId: r.cardId,
    pin: r.pin,
    status: r.status,
    faceMatchedAt: r.faceMatchedAt,
    expiresAt: r.expiresAt,
    expired: r.status === 'active' && now.getTime() >= Date.parse(r.expiresAt),
    terminal: r.terminal,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
    closedBy: r.closedBy,
  };
}

/** Scalar details only (the catalog's `details` shape). */
export const Details = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
);

const SOMEONE_ELSE = new TextEncoder().encode('myna-sandbox: a person who is not the holder');

/**
 * The camera image of the person in front of the phone or the counter. There is no camera: the
 * holder's face is the photo taken at registration, which personalisation wrote to the chip, so
 * `selfieOf(photo)` matches the chip's photo; anyone else's does not (face-match.ts).
 */
export async function selfieFor(sb: Sandbox, cardId: string, who: 'holder' | 'someone-else') {
  const card = await sb.municipality.card(cardId);
  if (who === 'someone-else') return selfieOf(SOMEONE_ELSE);
  const resident = await sb.store.getResident(sb.id, card.residentId);
  if (!resident) throw new MynaError('RESIDENT_NOT_FOUND', { residentId: card.residentId });
  return selfieOf(resident.photo);
}
