import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { diagnosePhone, type PhoneView, readPhoneFacts } from '@myna/services';
import type { SandboxRuntime } from '../runtime.js';
import {
  CardEventBody,
  CertificateBody,
  EventsQuery,
  errorResponses,
  IdParams,
  PinStatusBody,
} from '../schemas.js';
import { rpDemos } from './rp.js';

const Pin4 = Type.String({ pattern: '^[0-9]{4}$', description: '4 digits' });
const SignPin = Type.String({ minLength: 6, maxLength: 16, pattern: '^[A-Za-z0-9]+$' });
const Platform = Type.Union([Type.Literal('android'), Type.Literal('iphone')]);

const PhoneBody = Type.Object(
  {
    phone: Type.Object({
      id: Type.String(),
      cardId: Type.String(),
      platform: Platform,
      serial: Type.String(),
      status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
      createdAt: Type.String(),
      updatedAt: Type.String(),
    }),
    pins: Type.Object({ auth: PinStatusBody, sign: PinStatusBody }),
    certificates: Type.Array(Type.Object({ ...CertificateBody.properties, notBefore: Type.String() })),
    usable: Type.Boolean({ description: "The phone's user-auth certificate can log in now" }),
  },
  { $id: 'Phone', title: 'Phone' },
);

const view = (v: PhoneView) => ({
  ...v,
  certificates: v.certificates.map((c) => ({ ...c, reason: c.reason ?? null })),
});

/**
 * スマホ用電子証明書 (docs/phone.md): the phones issued from a card in the マイナポータル app, their
 * own passwords' tries and certificates, the app's reset, the holder's revocation, and a login to
 * the relying-party demo with the phone's user-auth certificate. PINs are never echoed.
 */
export function phoneRoutes(runtime: SandboxRuntime): FastifyPluginAsyncTypebox {
  const demoFor = rpDemos(runtime);
  return async (app) => {
    app.get(
      '/api/cards/:id/phones',
      {
        schema: {
          tags: ['phones'],
          summary: "A card's smartphone certificates / カードのスマホ用電子証明書",
          params: IdParams,
          response: { 200: Type.Array(PhoneBody), ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.municipality.card(req.params.id);
        const out = [];
        for (const p of await sb.mynaPortal.phonesOf(req.params.id))
          out.push(view(await sb.mynaPortal.status(p.id)));
        return out;
      },
    );

    app.post(
      '/api/cards/:id/phones',
      {
        schema: {
          tags: ['phones'],
          summary: 'Issue smartphone certificates (マイナポータル app) / スマホ用電子証明書の利用申請',
          description:
            "The card's signature password is verified on the card (a real try); two new certificates on the phone's own keys, valid until the card's signature certificate ends; a phone issued before from this card is replaced.",
          params: IdParams,
          body: Type.Object(
            {
              platform: Platform,
              cardSignPin: SignPin,
              phonePins: Type.Object({ auth: Pin4, sign: SignPin }, { additionalProperties: false }),
              confirmLastTry: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 201: PhoneBody, ...errorResponses },
        },
      },
      async (req, reply) => {
        const sb = await runtime.get(req.sandboxId);
        const b = req.body;
        const v = await sb.mynaPortal.issue({
          cardId: req.params.id,
          platform: b.platform,
          cardSignPin: b.cardSignPin,
          phonePins: b.phonePins,
          ...(b.confirmLastTry !== undefined ? { confirmLastTry: b.confirmLastTry } : {}),
        });
        return reply.status(201).send(view(v));
      },
    );

    app.get(
      '/api/phones/:id',
      {
        schema: {
          tags: ['phones'],
          summary: 'Smartphone certificate status / スマホ用電子証明書の状態',
          description:
            "Tries left of the phone's two passwords (status queries on its element: no try spent).",
          params: IdParams,
          response: { 200: PhoneBody, ...errorResponses },
        },
      },
      async (req) => view(await (await runtime.get(req.sandboxId)).mynaPortal.status(req.params.id)),
    );

    app.get(
      '/api/phones/:id/events',
      {
        schema: {
          tags: ['phones', 'events'],
          summary: "Event log of a phone's element / スマホのイベント",
          params: IdParams,
          querystring: EventsQuery,
          response: { 200: Type.Array(CardEventBody), ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.mynaPortal.phone(req.params.id);
        return runtime.server.events(req.sandboxId, { cardId: req.params.id, ...req.query });
      },
    );

    app.post(
      '/api/phones/:id/reset',
      {
        schema: {
          tags: ['phones'],
          summary: 'Reset a phone password (マイナポータル app) / スマホ用電子証明書のパスワード初期化',
          description:
            "Signature password: the card's signature password (a real card try) and the card. User-auth password: the phone's signature password (a real phone try) and the card. The card's own PINs are not reset here.",
          params: IdParams,
          body: Type.Union([
            Type.Object(
              { pin: Type.Literal('sign'), cardSignPin: SignPin, newValue: SignPin },
              { additionalProperties: false },
            ),
            Type.Object(
              { pin: Type.Literal('auth'), phoneSignPin: SignPin, newValue: Pin4 },
              { additionalProperties: false },
            ),
          ]),
          response: { 200: PhoneBody, ...errorResponses },
        },
      },
      async (req) => view(await (await runtime.get(req.sandboxId)).mynaPortal.reset(req.params.id, req.body)),
    );

    app.post(
      '/api/phones/:id/revoke',
      {
        schema: {
          tags: ['phones'],
          summary: 'Stop using the phone (失効) / スマホ用電子証明書の失効',
          params: IdParams,
          response: { 200: PhoneBody, ...errorResponses },
        },
      },
      async (req) => view(await (await runtime.get(req.sandboxId)).mynaPortal.revoke(req.params.id)),
    );

    const ItemBody = Type.Object({ id: Type.String(), ja: Type.String(), en: Type.String() });
    app.post(
      '/api/phones/:id/diagnosis',
      {
        schema: {
          tags: ['phones', 'support'],
          summary: 'Support guide for a phone / スマホ用電子証明書の相談',
          description:
            "Where to go when a phone password is locked or forgotten (the マイナポータル app's reset, a new application, or the card first). Reads with status queries only: no try spent.",
          params: IdParams,
          body: Type.Object(
            {
              remembers: Type.Optional(
                Type.Object(
                  {
                    auth: Type.Optional(Type.Boolean()),
                    sign: Type.Optional(Type.Boolean()),
                    cardSign: Type.Optional(Type.Boolean()),
                  },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              route: Type.Union([
                Type.Literal('myna-portal-reset'),
                Type.Literal('myna-portal-apply'),
                Type.Literal('card-first'),
                Type.Literal('none'),
              ]),
              summary: ItemBody,
              findings: Type.Array(ItemBody),
              steps: Type.Array(ItemBody),
              warnings: Type.Array(ItemBody),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const facts = await readPhoneFacts({
          mynaPortal: sb.mynaPortal,
          store: sb.store,
          connector: sb.connector,
          sandboxId: sb.id,
          now: sb.clock.now(),
          phoneId: req.params.id,
        });
        return diagnosePhone(facts, req.body.remembers ? { remembers: req.body.remembers } : {});
      },
    );

    app.post(
      '/api/phones/:id/rp-login',
      {
        schema: {
          tags: ['phones', 'relying-party demo'],
          summary: 'Log in to the RP demo with the phone / スマホ用電子証明書でログイン',
          description:
            "The phone's user-auth password (a real try on the phone), then the certificate (readable only after it on a phone) and the RP's signature, chain and OCSP checks.",
          params: IdParams,
          body: Type.Object(
            { authPin: Pin4, confirmLastTry: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ subject: Type.String(), serialHex: Type.String(), token: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        return sb.mynaPortal.relyingPartyLogin(
          req.params.id,
          req.body.authPin,
          await demoFor(req.sandboxId),
          {
            ...(req.body.confirmLastTry !== undefined ? { confirmLastTry: req.body.confirmLastTry } : {}),
          },
        );
      },
    );
  };
}
