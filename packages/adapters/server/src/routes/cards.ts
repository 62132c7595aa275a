import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { ATR_PROFILE_NAMES } from '@myna/card';
import { MynaError } from '@myna/errors';
import { cardList, DEFAULT_DEMO_PINS, defaultHolder, jstDate } from '@myna/services';
import type { SandboxRuntime } from '../runtime.js';
import {
  CardEventBody,
  CardSummary,
  CertificateBody,
  EventsQuery,
  errorResponses,
  IdParams,
  PinStatusBody,
} from '../schemas.js';

const Pin4 = Type.String({ pattern: '^[0-9]{4}$', description: '4 digits' });
const Tries = Type.Integer({ minimum: 0, maximum: 5 });
const CertState = Type.Union([Type.Literal('good'), Type.Literal('revoked'), Type.Literal('hold')]);

const AtrProfileName = Type.Union(
  ATR_PROFILE_NAMES.map((n) => Type.Literal(n)),
  {
    description:
      'ATR/protocol profile of the chip (docs/faithfulness.md): contact (default, 3B E0 00 FF 81 31 FE 45 14), contact-02…05 and contactless-06…09 (ATRs of real cards, OpenSC minidriver table), contact-t0 (a T=0 card: 61xx/GET RESPONSE, 6Cxx). Kept with the card.',
  },
);

const IssueBody = Type.Object(
  {
    kind: Type.Optional(
      Type.Union([Type.Literal('adult'), Type.Literal('under-15'), Type.Literal('face-auth')]),
    ),
    holder: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          birthDate: Type.Optional(Type.String({ format: 'date' })),
          sex: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('9')])),
          myNumber: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
        },
        { additionalProperties: false },
      ),
    ),
    pins: Type.Optional(
      Type.Object(
        {
          auth: Type.Optional(Pin4),
          sign: Type.Optional(Type.String({ minLength: 6, maxLength: 16, pattern: '^[A-Z0-9]+$' })),
          kenhojo: Type.Optional(Pin4),
          juki: Type.Optional(Pin4),
        },
        { additionalProperties: false },
      ),
    ),
    initialTries: Type.Optional(
      Type.Object(
        {
          auth: Type.Optional(Tries),
          sign: Type.Optional(Tries),
          kenhojo: Type.Optional(Tries),
          juki: Type.Optional(Tries),
          common: Type.Optional(Tries),
        },
        {
          additionalProperties: false,
          description: 'Tries left at personalisation: a card with one try left, or blocked (0)',
        },
      ),
    ),
    certificates: Type.Optional(
      Type.Object(
        { auth: Type.Optional(CertState), sign: Type.Optional(CertState) },
        { additionalProperties: false },
      ),
    ),
    suspended: Type.Optional(
      Type.Boolean({ description: 'Issue the card already suspended (lost-card line)' }),
    ),
    atr: Type.Optional(AtrProfileName),
  },
  { additionalProperties: false },
);

/** Cards: issue in any state a test needs (through personalisation), list, inspect, event log. */
export function cardRoutes(runtime: SandboxRuntime, photo: () => Uint8Array): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/cards',
      {
        schema: {
          tags: ['cards'],
          summary: 'List cards / カード一覧',
          response: { 200: Type.Array(CardSummary), ...errorResponses },
        },
      },
      async (req) => {
        return cardList(await runtime.get(req.sandboxId));
      },
    );

    app.post(
      '/api/cards',
      {
        schema: {
          tags: ['cards'],
          summary: 'Issue a card / カードを発行',
          description:
            'Registers a resident and issues a card through personalisation, in any state a test needs: PINs with some tries left or blocked, revoked or held certificates, under-15, face-auth, suspended. Counters are never poked afterwards.',
          body: IssueBody,
          response: {
            201: Type.Object({
              id: Type.String(),
              serial: Type.String(),
              kind: Type.String(),
              residentId: Type.String(),
              issuedOn: Type.String(),
              expiresOn: Type.String(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const sb = await runtime.get(req.sandboxId);
        const b = req.body;
        const kind = b.kind ?? 'adult';
        const base = defaultHolder(kind === 'under-15', jstDate(sb.clock.now()));
        const holder = { ...base, ...b.holder };
        const faceAuth = kind === 'face-auth';
        const pins = faceAuth
          ? undefined
          : {
              auth: b.pins?.auth ?? DEFAULT_DEMO_PINS.auth,
              kenhojo: b.pins?.kenhojo ?? DEFAULT_DEMO_PINS.kenhojo,
              juki: b.pins?.juki ?? DEFAULT_DEMO_PINS.juki,
              ...(kind === 'under-15' ? {} : { sign: b.pins?.sign ?? DEFAULT_DEMO_PINS.sign }),
            };
        if (faceAuth && b.pins)
          throw new MynaError('PROFILE_INVALID', {
            field: 'pins',
            rule: 'a face-authentication card carries no PIN',
          });
        const expected = sb.municipality.validateIssue(holder.birthDate, {
          faceAuth,
          ...(pins ? { pins } : {}),
        });
        if (expected !== kind)
          throw new MynaError('PROFILE_INVALID', {
            field: 'kind',
            rule: `the holder's age makes this a ${expected} card`,
          });
        const issued = await sb.municipality.registerAndIssue(
          { ...holder, photo: photo() },
          {
            faceAuth,
            ...(pins ? { pins } : {}),
            ...(b.initialTries ? { initialTries: b.initialTries } : {}),
            ...(b.atr ? { atr: b.atr } : {}),
          },
        );
        const c = issued.card;
        for (const cert of issued.certificates) {
          const want = b.certificates?.[cert.kind];
          if (want === 'revoked') await sb.authority.revoke(cert.kind, cert.serialHex, 'unspecified');
        }
        if (b.suspended || b.certificates?.auth === 'hold' || b.certificates?.sign === 'hold') {
          await sb.authority.holdCard(c.id);
          if (b.suspended)
            await sb.store.setCardStatus(sb.id, c.id, 'suspended', sb.clock.now().toISOString());
        }
        return reply.status(201).send({
          id: c.id,
          serial: c.serial,
          kind: c.kind,
          residentId: issued.resident.id,
          issuedOn: c.issuedOn,
          expiresOn: c.expiresOn,
        });
      },
    );

    app.get(
      '/api/cards/:id',
      {
        schema: {
          tags: ['cards'],
          summary: 'Card status / カードの状態',
          description:
            'Tries left of every PIN read from the chip through APDUs (status queries: no try spent), certificates, expiry.',
          params: IdParams,
          response: {
            200: Type.Object({
              card: CardSummary,
              expired: Type.Boolean(),
              pins: Type.Object({
                auth: PinStatusBody,
                sign: PinStatusBody,
                kenhojo: PinStatusBody,
                juki: PinStatusBody,
                common: PinStatusBody,
              }),
              chip: Type.Object({
                atrProfile: AtrProfileName,
                atr: Type.String({ description: 'hex, upper case' }),
                protocol: Type.Union([Type.Literal('T=0'), Type.Literal('T=1')]),
              }),
              certificates: Type.Array(
                Type.Object({
                  ...CertificateBody.properties,
                  generation: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
                    description:
                      'The CA generation that signed it (GET /api/authority/generations); null if none did',
                  }),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const st = await sb.municipality.cardStatus(req.params.id, sb.connector, 'console:inspection');
        const resident = await sb.store.getResident(sb.id, st.card.residentId);
        const pin = (p: (typeof st.pins)['auth']) => ({
          set: p.set,
          triesLeft: p.triesLeft,
          maxTries: p.maxTries,
          blocked: p.blocked,
        });
        return {
          card: {
            id: st.card.id,
            serial: st.card.serial,
            kind: st.card.kind,
            status: st.card.status,
            holder: resident?.name ?? null,
            issuedOn: st.card.issuedOn,
            expiresOn: st.card.expiresOn,
          },
          expired: st.expired,
          pins: {
            auth: pin(st.pins.auth),
            sign: pin(st.pins.sign),
            kenhojo: pin(st.pins.kenhojo),
            juki: pin(st.pins.juki),
            common: pin(st.pins.common),
          },
          chip: st.chip,
          certificates: st.certificates.map((c) => ({ ...c, reason: c.reason ?? null })),
        };
      },
    );

    app.get(
      '/api/cards/:id/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Event log of a card / カードのイベント',
          params: IdParams,
          querystring: EventsQuery,
          response: { 200: Type.Array(CardEventBody), ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.municipality.card(req.params.id);
        return runtime.server.events(req.sandboxId, { cardId: req.params.id, ...req.query });
      },
    );
  };
}
