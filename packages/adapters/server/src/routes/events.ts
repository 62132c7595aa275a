import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { SandboxRuntime } from '../runtime.js';
import { CardEventBody, errorResponses } from '../schemas.js';

/**
 * The sandbox's event log (PIN events and, later, procedure steps, each with its terminal), as a
 * list and as a live Server-Sent Events stream. The stream polls the shared database, so it
 * shows events written by any server instance, the CLI or the PC/SC bridge.
 */
export function eventRoutes(
  runtime: SandboxRuntime,
  opts: { pollMs?: number } = {},
): FastifyPluginAsyncTypebox {
  const pollMs = opts.pollMs ?? 250;
  return async (app) => {
    const Query = Type.Object({
      after: Type.Optional(Type.Integer({ minimum: 0 })),
      card: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 100 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      key: Type.Optional(Type.String()),
    });

    app.get(
      '/api/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Event log of the sandbox / サンドボックスのイベント',
          querystring: Query,
          response: { 200: Type.Array(CardEventBody), ...errorResponses },
        },
      },
      async (req) =>
        runtime.server.events(req.sandboxId, {
          ...(req.query.after !== undefined ? { after: req.query.after } : {}),
          ...(req.query.card !== undefined ? { cardId: req.query.card } : {}),
          ...(req.query.limit !== undefined ? { limit: req.query.limit } : {}),
        }),
    );

    app.get(
      '/api/events/stream',
      {
        schema: {
          tags: ['events'],
          summary: 'Live event stream (text/event-stream) / イベントのライブ配信',
          description:
            'Server-Sent Events: `event: card-event`, `id: <seq>`, `data: <CardEvent JSON>`. Resume with `after` or Last-Event-ID.',
          querystring: Query,
        },
      },
      async (req, reply) => {
        const last = Number(req.headers['last-event-id']);
        let after = req.query.after ?? (Number.isFinite(last) ? last : undefined);
        // Without a position the stream starts at the tail: one indexed lookup, not a read of the log.
        after ??= await runtime.server.lastEventSeq(req.sandboxId, req.query.card);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
        });
        res.write(': myna-sandbox events\n\n');
        let open = true;
        req.raw.on('close', () => {
          open = false;
        });
        let beat = 0;
        while (open) {
          const events = await runtime.server.events(req.sandboxId, {
            after,
            ...(req.query.card ? { cardId: req.query.card } : {}),
            limit: 200,
          });
          for (const e of events) {
            res.write(`id: ${e.seq}\nevent: card-event\ndata: ${JSON.stringify(e)}\n\n`);
            after = e.seq;
          }
          if (++beat % Math.max(1, Math.round(15000 / pollMs)) === 0) res.write(': keep-alive\n\n');
          await new Promise((r) => setTimeout(r, pollMs));
        }
        res.end();
      },
    );
  };
}
