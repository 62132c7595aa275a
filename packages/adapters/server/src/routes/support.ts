import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  diagnose,
  type HolderStatement,
  readSandboxCardFacts,
  SUPPORT_PINS,
  type SupportPin,
} from '@myna/services';
import type { SandboxRuntime } from '../runtime.js';
import { errorResponses, IdParams } from '../schemas.js';

const PinList = Type.String({
  pattern: '^((sign|auth|kenhojo|juki)(,(sign|auth|kenhojo|juki))*)?$',
  description: 'comma-separated: sign,auth,kenhojo,juki',
});

/**
 * The support guide (doctor) for a card of the sandbox: its state read through APDUs (status
 * queries only — no try is spent) plus what the holder says, diagnosed by the services' pure
 * engine (docs/support.md).
 */
export function supportRoutes(runtime: SandboxRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/cards/:id/diagnosis',
      {
        schema: {
          tags: ['support'],
          summary: 'Support guide: what to do / サポート診断',
          description:
            'Diagnosis and ordered steps (kiosk with the reset app, the counter with what to bring, or change the PIN), with warnings, in Japanese and English. Spends no PIN try.',
          params: IdParams,
          querystring: Type.Object(
            {
              forgot: Type.Optional(PinList),
              remember: Type.Optional(PinList),
              age: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
              agent: Type.Optional(
                Type.Union([Type.Literal('self'), Type.Literal('legal'), Type.Literal('voluntary')]),
              ),
            },
            { additionalProperties: false },
          ),
          response: { ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const facts = await readSandboxCardFacts(sb, req.params.id, 'console:support');
        const remembers: Partial<Record<SupportPin, boolean>> = {};
        const list = (s: string | undefined) => (s ? (s.split(',') as SupportPin[]) : []);
        for (const p of list(req.query.remember)) remembers[p] = true;
        for (const p of list(req.query.forgot)) remembers[p] = false;
        const statement: HolderStatement = {
          remembers,
          ...(req.query.age !== undefined ? { age: req.query.age } : {}),
          ...(req.query.agent !== undefined ? { agent: req.query.agent } : {}),
        };
        return { facts, diagnosis: diagnose(facts, statement), pins: SUPPORT_PINS };
      },
    );
  };
}
