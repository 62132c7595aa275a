import { createHash } from 'node:crypto';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import { apiKeyOf } from '../auth.js';
import type { SandboxRuntime } from '../runtime.js';
import { errorResponses } from '../schemas.js';

const ClockBody = Type.Object({ now: Type.String({ format: 'date-time' }), frozen: Type.Boolean() });

const ClockAction = Type.Union([
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
  Type.Object(
    { action: Type.Literal('real-time', { description: 'Back to real time: running, no offset' }) },
    { additionalProperties: false },
  ),
]);

/** How far ahead of real time sandbox time may go (a card's 10 years, a renewal, a margin). */
export const CLOCK_YEARS_AHEAD = 20;
const DAY_MS = 86_400_000;

/**
 * The bounds of sandbox time: from one day before the sandbox was created (real time; every card
 * of the sandbox was issued since) to CLOCK_YEARS_AHEAD years after real time.
 */
async function clockBounds(runtime: SandboxRuntime, sandboxId: string) {
  const created = Date.parse(
    (await runtime.server.sandbox(sandboxId))?.createdAt ?? new Date().toISOString(),
  );
  const latest = new Date();
  latest.setUTCFullYear(latest.getUTCFullYear() + CLOCK_YEARS_AHEAD);
  return { earliest: created - DAY_MS, latest: latest.getTime() };
}

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
          summary: 'Freeze, unfreeze, set, advance or reset sandbox time / 時刻を操作',
          description: `\`real-time\` puts the sandbox back on real time (running, no offset). Sandbox time stays between one day before the sandbox was created and ${CLOCK_YEARS_AHEAD} years after real time (CLOCK_OUT_OF_RANGE otherwise, with the bounds): no card can be taken back to before the sandbox issued it.`,
          body: ClockAction,
          response: { 200: ClockBody, ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const b = req.body;
        const now = sb.clock.now().getTime();
        const target =
          b.action === 'freeze'
            ? b.at === undefined
              ? now
              : Date.parse(b.at)
            : b.action === 'set'
              ? Date.parse(b.at)
              : b.action === 'advance'
                ? now + b.ms
                : b.action === 'real-time'
                  ? Date.now()
                  : now;
        const bounds = await clockBounds(runtime, req.sandboxId);
        if (!(target >= bounds.earliest && target <= bounds.latest))
          throw new MynaError('CLOCK_OUT_OF_RANGE', {
            field: b.action === 'advance' ? 'body/ms' : 'body/at',
            earliest: new Date(bounds.earliest).toISOString(),
            latest: new Date(bounds.latest).toISOString(),
          });
        if (b.action === 'freeze') sb.clock.freeze(new Date(target));
        else if (b.action === 'unfreeze') sb.clock.unfreeze();
        else if (b.action === 'set') sb.clock.set(new Date(target));
        else if (b.action === 'advance') sb.clock.advance(b.ms);
        else {
          sb.clock.unfreeze();
          sb.clock.set(new Date(Date.now()));
        }
        await runtime.saveClock(req.sandboxId, sb.clock);
        return { now: sb.clock.now().toISOString(), frozen: sb.clock.frozen };
      },
    );
  };
}
