import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { MynaCardClient } from '@myna/client';
import { type RelyingPartyDemo, sandboxRelyingParty, withCard } from '@myna/services';
import type { SandboxRuntime } from '../runtime.js';
import { errorResponses } from '../schemas.js';

const Pin4 = Type.String({ pattern: '^[0-9]{4}$' });
const Confirm = Type.Optional(
  Type.Array(Type.Union([Type.Literal('auth'), Type.Literal('sign'), Type.Literal('kenhojo')]), {
    maxItems: 3,
  }),
);
const Mode = Type.Union([Type.Literal('risky'), Type.Literal('safe')]);

/**
 * One relying-party demo per sandbox (its trust anchors, its in-process OCSP checker), made on
 * first use: the registration routes below and the smartphone-certificate login (routes/phone.ts).
 */
export function rpDemos(runtime: SandboxRuntime): (sandboxId: string) => Promise<RelyingPartyDemo> {
  const demos = new Map<string, RelyingPartyDemo>();
  return async (sandboxId) => {
    let d = demos.get(sandboxId);
    if (!d) {
      const sb = await runtime.get(sandboxId);
      d = await sandboxRelyingParty(sb, { supportGuideHref: '#/support' });
      demos.set(sandboxId, d);
    }
    return d;
  };
}

/**
 * The relying-party demo (a PocketSign-like registration, seed 000) as an API: the same holder,
 * the same card, in the risky mode (the 券面事項入力補助 box pre-ticked, no tries shown) or the
 * safe one. It reaches the card as its own terminal (`rp-demo:<mode>`), so the card page shows
 * where each try went; it verifies the holder with a signature over a challenge and OCSP.
 */
export function rpRoutes(runtime: SandboxRuntime): FastifyPluginAsyncTypebox {
  const demoFor = rpDemos(runtime);

  return async (app) => {
    app.get(
      '/api/rp/form',
      {
        schema: {
          tags: ['relying-party demo'],
          summary: 'The registration form of a mode / 登録フォーム',
          querystring: Type.Object({ mode: Mode }, { additionalProperties: false }),
          response: { ...errorResponses },
        },
      },
      async (req) => (await demoFor(req.sandboxId)).registration(req.query.mode).form(),
    );

    app.post(
      '/api/rp/registrations',
      {
        schema: {
          tags: ['relying-party demo'],
          summary: 'Register with the card / マイナンバーカードで登録',
          description:
            'One registration attempt. Outcomes: registered, needs-input, confirm-last-try, pin-wrong, pin-locked, verification-failed, unavailable (with the support guide’s diagnosis in safe mode). PINs are never echoed.',
          body: Type.Object(
            {
              cardId: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 100 }),
              mode: Mode,
              input: Type.Union([
                Type.Object(
                  {
                    route: Type.Literal('four-digit'),
                    authPin: Pin4,
                    kenhojoPin: Type.Optional(Pin4),
                    kenhojoSameAsAuth: Type.Optional(Type.Boolean()),
                    confirmLastTry: Confirm,
                  },
                  { additionalProperties: false },
                ),
                Type.Object(
                  {
                    route: Type.Literal('signature'),
                    signPin: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9]+$' }),
                    confirmLastTry: Confirm,
                  },
                  { additionalProperties: false },
                ),
              ]),
            },
            { additionalProperties: false },
          ),
          response: { ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        await sb.municipality.card(req.body.cardId);
        const demo = await demoFor(req.sandboxId);
        const input = { ...req.body.input, confirmLastTry: req.body.input.confirmLastTry ?? [] };
        return withCard(sb.connector, req.body.cardId, `rp-demo:${req.body.mode}`, (client: MynaCardClient) =>
          demo.registration(req.body.mode).register(client, input),
        );
      },
    );
  };
}
