import { createHash } from 'node:crypto';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import { apiKeyOf } from '../auth.js';
import type { SandboxRuntime } from '../runtime.js';
import { errorResponses } from '../schemas.js';

const ClockBody = Type.Object({ now: Type.String({ format: 'date-time' }), frozen: Type.Boolean() });

/** Sandboxes (isolated worlds with their own API key) and the sandbox clock. */
export function sandboxRoutes(runtime: SandboxRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/sandboxes',
      {
        config: { public: true },
        schema: {
          tags: ['sandbox'],
          summary: 'Create a sandbox / サンドボックスを作成',
          description:
            'A new isolated world (residents, cards, reservations, clock). The API key is returned once. Without an API key a caller (by address) may create 10 an hour (429 SANDBOX_LIMIT beyond); with a valid one, any number.',
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 80 }) },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ id: Type.String(), apiKey: Type.String() }),
            ...errorResponses,
            429: { $ref: 'Error#' },
          },
        },
      },
      async (req, reply) => {
        const key = apiKeyOf(req);
        const known = key ? await runtime.server.sandboxByApiKey(key) : undefined;
        const creator = known
          ? undefined
          : createHash('sha256').update(`myna-creator:${req.ip}`).digest('hex');
        return reply.status(201).send(await runtime.createSandbox(req.body.name, undefined, creator));
      },
    );

    app.get(
      '/api/sandbox',
      {
        schema: {
          tags: ['sandbox'],
          summary: 'The sandbox of this API key',
          response: {
            200: Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const s = await runtime.server.sandbox(req.sandboxId);
        if (!s) throw new MynaError('SANDBOX_NOT_FOUND');
        return s;
      },
    );

    app.get(
      '/api/clock',
      {
        schema: {
          tags: ['clock'],
          summary: 'Sandbox time / サンドボックス時刻',
          response: { 200: ClockBody, ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        return { now: sb.clock.now().toISOString(), frozen: sb.clock.frozen };
      },
    );

    app.post(
      '/api/clock',
      {
        schema: {
          tags: ['clock'],
          summary: 'Freeze, unfreeze, set or advance sandbox time / 時刻を操作',
          body: Type.Union([
            Type.Object(
              { action: Type.Literal('freeze'), at: Type.Optional(Type.String({ format: 'date-time' })) },
              { additionalProperties: false },
            ),
            Type.Object({ action: Type.Literal('unfreeze') }, { additionalProperties: false }),
            Type.Object(
              { action: Type.Literal('set'), at: Type.String({ format: 'date-time' }) },
              { additionalProperties: false },
            ),
            Type.Object(
              { action: Type.Literal('advance'), ms: Type.Integer({ minimum: -3.2e11, maximum: 3.2e11 }) },
              { additionalProperties: false },
            ),
          ]),
          response: { 200: ClockBody, ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const b = req.body;
        if (b.action === 'freeze') sb.clock.freeze(b.at);
        else if (b.action === 'unfreeze') sb.clock.unfreeze();
        else if (b.action === 'set') sb.clock.set(b.at);
        else sb.clock.advance(b.ms);
        await runtime.saveClock(req.sandboxId, sb.clock);
        return { now: sb.clock.now().toISOString(), frozen: sb.clock.frozen };
      },
    );
  };
}
