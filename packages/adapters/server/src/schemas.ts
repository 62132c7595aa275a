import { type Static, Type } from '@fastify/type-provider-typebox';
import { HOLDER_PIN_IDS } from '@myna/card/facts';
import type { ListedCard } from '@myna/services';

/** Shared JSON schemas (TypeBox = JSON Schema: one definition for validation, types and OpenAPI). */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable code from the error catalog (docs/reference/errors.md)' }),
    message: Type.String(),
    messageJa: Type.String(),
    details: Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
    ),
  },
  { $id: 'Error', title: 'Error' },
);

export const errorResponses = {
  400: { $ref: 'Error#' },
  401: { $ref: 'Error#' },
  404: { $ref: 'Error#' },
  409: { $ref: 'Error#' },
} as const;

/**
 * Compile-time proof that a schema's type (`Static<typeof …>`) is exactly a domain type declared
 * in the services: one declaration of each domain type, the schema checked against it.
 */
export function sameType<A, B>(_proof: [A] extends [B] ? ([B] extends [A] ? true : never) : never): void {}

/** A holder PIN by name: the card's own list (@myna/card/facts), one declaration. */
export const HolderPinName = Type.Union(HOLDER_PIN_IDS.map((p) => Type.Literal(p)));

export const PinStatusBody = Type.Object({
  set: Type.Boolean(),
  triesLeft: Type.Integer(),
  maxTries: Type.Integer(),
  blocked: Type.Boolean(),
});

export const CertificateBody = Type.Object({
  kind: Type.Union([Type.Literal('auth'), Type.Literal('sign')]),
  serialHex: Type.String(),
  status: Type.Union([Type.Literal('good'), Type.Literal('revoked'), Type.Literal('hold')]),
  reason: Type.Union([Type.String(), Type.Null()]),
  notAfter: Type.String(),
  expired: Type.Boolean(),
});

export const CardSummary = Type.Object(
  {
    id: Type.String(),
    serial: Type.String(),
    kind: Type.Union([Type.Literal('adult'), Type.Literal('under-15'), Type.Literal('face-auth')]),
    status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('abolished')]),
    holder: Type.Union([Type.String(), Type.Null()]),
    issuedOn: Type.String(),
    expiresOn: Type.String(),
  },
  { $id: 'CardSummary', title: 'CardSummary' },
);
sameType<Static<typeof CardSummary>, ListedCard>(true);

export const CardEventBody = Type.Object(
  {
    seq: Type.Integer(),
    type: Type.String(),
    cardId: Type.String(),
    pin: Type.Optional(Type.String()),
    triesLeft: Type.Optional(Type.Integer()),
    maxTries: Type.Optional(Type.Integer()),
    terminal: Type.String(),
    at: Type.String(),
  },
  { $id: 'CardEvent', title: 'CardEvent', additionalProperties: true },
);

/** `?after=<seq>&limit=<n>` of the event logs (a card's, a phone's). */
export const EventsQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const IdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
});
