import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import type { SandboxRuntime } from '../runtime.js';
import { IdParams } from '../schemas.js';
import {
  CardIdString,
  CertPin,
  Details,
  IsoString,
  ReservationBody,
  reservationView,
  resetErrorResponses,
  Selfie,
  selfieFor,
} from './reset-schemas.js';

const ReserveBody = Type.Object(
  {
    cardId: CardIdString,
    pin: CertPin,
    otherPin: Type.String({
      minLength: 1,
      maxLength: 16,
      description:
        'The other PIN (the user-auth PIN to reset the signature password, the signature password to reset the user-auth PIN): a real VERIFY on the card',
    }),
    cardFace: Type.Optional(
      Type.Object(
        {
          birthDate: Type.String({ format: 'date' }),
          expiry: Type.String({ format: 'date' }),
          securityCode: Type.String({ pattern: '^[0-9]{4}$' }),
        },
        {
          additionalProperties: false,
          description:
            "What the phone photographed on the card face (照合番号B). Default: the card's printed face (the holder photographs their own card)",
        },
      ),
    ),
    selfie: Selfie,
    forceFaceMismatch: Type.Optional(Type.Boolean({ description: 'Make the face match fail' })),
    confirmLastTry: Type.Optional(
      Type.Boolean({ description: "Spend the other PIN's last try (PIN_LAST_TRY otherwise)" }),
    ),
    device: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'Appended to the terminal label' }),
    ),
  },
  { additionalProperties: false },
);

const CancelParams = Type.Object({ cardId: CardIdString, pin: CertPin });

const TimelineEntryBody = Type.Object({
  kind: Type.Union([Type.Literal('pin'), Type.Literal('procedure')]),
  type: Type.String({ description: 'pin.* (from the card) or procedure.<channel>.step' }),
  at: IsoString,
  terminal: Type.String(),
  pin: Type.Optional(Type.String()),
  triesLeft: Type.Optional(Type.Integer()),
  maxTries: Type.Optional(Type.Integer()),
  target: Type.Optional(Type.String()),
  actor: Type.Optional(Type.String()),
  step: Type.Optional(Type.String()),
  outcome: Type.Optional(Type.String()),
  procedureId: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  details: Type.Optional(Details),
});

const LetterBody = Type.Object({
  id: Type.String(),
  kind: Type.Literal('inquiry-and-answer'),
  procedureId: Type.String(),
  cardId: Type.String(),
  addressee: Type.String(),
  address: Type.String(),
  doNotForward: Type.Boolean(),
  mailedAt: IsoString,
  answerCode: Type.String({ description: 'The code the holder writes on the answer (XXXX-XXXX)' }),
});

/**
 * The holder's side of the reset ecosystem: the JPKI 暗証番号リセット app on a phone
 * (reservations), the lost-card line (0120-95-0178), the holder's mailbox (letters from the
 * counter), and a card's timeline of PIN events and procedure steps.
 */
export function resetRoutes(runtime: SandboxRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/phone/reservations',
      {
        schema: {
          tags: ['reset'],
          summary: 'Reserve a PIN reset in the JPKI PIN-reset app / 初期化の予約',
          description:
            'The app’s steps: card face → IC chip (照合番号B) → preconditions (card active, certificates good) → the other PIN (a real VERIFY: a wrong one spends a try) → face match → a reservation valid 24 hours from the face match, to be completed at a kiosk. A new reservation replaces the active one for the same card and PIN. Available around the clock.',
          body: ReserveBody,
          response: {
            201: Type.Object({
              reservation: ReservationBody,
              replaced: Type.Union([ReservationBody, Type.Null()]),
            }),
            ...resetErrorResponses,
          },
        },
      },
      async (req, reply) => {
        const sb = await runtime.get(req.sandboxId);
        const b = req.body;
        const selfie = await selfieFor(sb, b.cardId, b.selfie);
        const face = b.cardFace
          ? {
              birthDate: b.cardFace.birthDate,
              cardExpiry: b.cardFace.expiry,
              securityCode: b.cardFace.securityCode,
            }
          : await sb.reset.printedFace(b.cardId);
        const out = await sb.reset.app.reserve({
          cardId: b.cardId,
          pin: b.pin,
          cardFace: face,
          otherPin: b.otherPin,
          selfie,
          ...(b.forceFaceMismatch !== undefined ? { forceFaceMismatch: b.forceFaceMismatch } : {}),
          ...(b.confirmLastTry !== undefined ? { confirmLastTry: b.confirmLastTry } : {}),
          ...(b.device ? { device: b.device } : {}),
        });
        const now = sb.clock.now();
        return reply.status(201).send({
          reservation: reservationView(out.reservation, now),
          replaced: out.replaced ? reservationView(out.replaced, now) : null,
        });
      },
    );

    app.delete(
      '/api/phone/reservations/:cardId/:pin',
      {
        schema: {
          tags: ['reset'],
          summary: 'Cancel a reservation in the app / 予約の取消し',
          params: CancelParams,
          response: { 200: ReservationBody, ...resetErrorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.municipality.card(req.params.cardId);
        const r = await sb.reset.app.cancel({ cardId: req.params.cardId, pin: req.params.pin });
        return reservationView(r, sb.clock.now());
      },
    );

    app.get(
      '/api/cards/:id/reservations',
      {
        schema: {
          tags: ['reset'],
          summary: 'Reservations of a card / カードの初期化予約',
          params: IdParams,
          response: { 200: Type.Array(ReservationBody), ...resetErrorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.municipality.card(req.params.id);
        const now = sb.clock.now();
        return (await sb.reset.store.listReservations(sb.id, req.params.id)).map((r) =>
          reservationView(r, now),
        );
      },
    );

    app.post(
      '/api/lost-card',
      {
        schema: {
          tags: ['reset'],
          summary: 'Report a lost card (0120-95-0178) / 紛失・盗難の届出',
          description:
            'Any hour: the card is suspended (一時利用停止), every good certificate goes on hold (OCSP: revoked / certificateHold), pending reservations are cancelled. Again for a suspended card changes nothing. Only the counter lifts it.',
          body: Type.Object(
            {
              cardId: CardIdString,
              reason: Type.Optional(Type.Union([Type.Literal('lost'), Type.Literal('stolen')])),
              caller: Type.Optional(
                Type.Union([Type.Literal('holder'), Type.Literal('family'), Type.Literal('other')]),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              cardId: Type.String(),
              onHold: Type.Array(Type.Object({ kind: Type.String(), serialHex: Type.String() })),
            }),
            ...resetErrorResponses,
          },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const out = await sb.reset.lostCardLine.reportLost({
          cardId: req.body.cardId,
          reason: req.body.reason ?? 'lost',
          ...(req.body.caller ? { caller: req.body.caller } : {}),
        });
        return {
          cardId: out.cardId,
          onHold: out.onHold.map((c) => ({ kind: c.kind, serialHex: c.serialHex })),
        };
      },
    );

    app.get(
      '/api/cards/:id/timeline',
      {
        schema: {
          tags: ['reset'],
          summary: 'PIN events and procedure steps of a card / タイムライン',
          description:
            'The card’s own PIN events and every step of the app, kiosk, counter, authority and lost-card line, ordered by sandbox time. Never a PIN, password, answer code or My Number.',
          params: IdParams,
          response: { 200: Type.Array(TimelineEntryBody), ...resetErrorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.municipality.card(req.params.id);
        return sb.reset.timeline(req.params.id);
      },
    );

    app.get(
      '/api/residents/:id/mailbox',
      {
        schema: {
          tags: ['reset'],
          summary: "The holder's mailbox (sandbox) / 郵便受け",
          description:
            'Letters the counter mailed to the resident’s registered address, as the holder reads them: the 照会書兼回答書 with its answer code, for a voluntary agent’s second visit. Sandbox only.',
          params: IdParams,
          response: { 200: Type.Array(LetterBody), ...resetErrorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        if (!(await sb.store.getResident(sb.id, req.params.id)))
          throw new MynaError('RESIDENT_NOT_FOUND', { residentId: req.params.id });
        return (await sb.reset.counter.mailbox(req.params.id)).map((l) => ({
          id: l.id,
          kind: l.kind,
          procedureId: l.procedureId,
          cardId: l.cardId,
          addressee: l.addressee,
          address: l.address,
          doNotForward: l.doNotForward,
          mailedAt: l.mailedAt,
          answerCode: l.answerCode,
        }));
      },
    );
  };
}
