import { randomBytes } from 'node:crypto';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { toHex } from '@myna/apdu';
import { VirtualCard } from '@myna/card';
import { isMynaError, MynaError } from '@myna/errors';
import type { WebSocket } from 'ws';
import type { SandboxRuntime } from '../runtime.js';
import { IdParams } from '../schemas.js';

export interface SessionOptions {
  /** A lease not renewed for this long is free for another terminal (a vanished client). */
  readonly leaseMs?: number;
  /** A session with no message for this long is closed and the card removed. */
  readonly idleMs?: number;
}

/** WebSocket close code for "card in use at another terminal" (4000–4999 are the application's). */
export const CLOSE_CARD_IN_USE = 4409;
export const CLOSE_IDLE = 4408;
export const CLOSE_ERROR = 4400;

/**
 * Remote card sessions: a WebSocket that carries APDUs to a card, labelled with the terminal,
 * holding the card like a reader does — one terminal at a time (a lease in the database, so it
 * holds across server instances), released on close or timeout.
 *
 * Protocol: the server sends `{"type":"ready","atr":"…","terminal":"…"}` (text) once the card is
 * held; then every binary message is one command APDU and gets one binary response APDU, in
 * order. Text `{"type":"reset"}` warm-resets the card (answer `{"type":"atr",…}`). A second
 * terminal gets `{"type":"error","code":"CARD_IN_USE",…}` and close code 4409.
 */
export function sessionRoutes(runtime: SandboxRuntime, opts: SessionOptions = {}): FastifyPluginAsyncTypebox {
  const leaseMs = opts.leaseMs ?? 30_000;
  const idleMs = opts.idleMs ?? 120_000;
  return async (app) => {
    app.get(
      '/api/cards/:id/session',
      {
        websocket: true,
        schema: {
          tags: ['cards'],
          summary: 'Remote card session (WebSocket) / カードへのリモート接続',
          description:
            'Upgrade to WebSocket. Binary messages are command APDUs, answered by response APDUs. One terminal at a time per card; `terminal` labels the PIN events.',
          params: IdParams,
          querystring: Type.Object({
            terminal: Type.Optional(
              Type.String({ minLength: 1, maxLength: 80, pattern: '^[\\x20-\\x7E]+$' }),
            ),
            key: Type.Optional(Type.String()),
          }),
        },
      },
      (socket: WebSocket, req) => {
        const cardId = (req.params as { id: string }).id;
        const terminal = (req.query as { terminal?: string }).terminal ?? 'remote';
        const holder = randomBytes(12).toString('hex');
        let card: VirtualCard | undefined;
        let closed = false;
        let lastRenew = 0;
        let idle: NodeJS.Timeout | undefined;
        let queue: Promise<unknown>;

        const sendJson = (o: unknown) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(o));
        };
        const fail = (e: unknown, code: number) => {
          const err = isMynaError(e) ? e : new MynaError('INTERNAL', {}, { cause: e });
          sendJson({ type: 'error', ...err.toJSON() });
          socket.close(code, err.code);
        };
        const touch = () => {
          clearTimeout(idle);
          idle = setTimeout(() => socket.close(CLOSE_IDLE, 'idle'), idleMs);
        };
        const renew = async (force = false) => {
          const now = Date.now();
          if (!force && now - lastRenew < leaseMs / 3) return;
          const r = await runtime.server.acquireLease({
            cardId,
            sandboxId: req.sandboxId,
            terminal,
            holder,
            nowMs: now,
            ttlMs: leaseMs,
          });
          if (!r.ok) throw new MynaError('CARD_IN_USE', { terminal: r.terminal });
          lastRenew = now;
        };

        // Messages are attached synchronously (stack.md §1) and processed in order after opening.
        const opening = (async () => {
          const sb = await runtime.get(req.sandboxId);
          const rec = await sb.municipality.card(cardId);
          if (rec.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId });
          await renew(true);
          card = await VirtualCard.open(cardId, {
            store: sb.cards,
            random: sb.random,
            clock: sb.clock,
            terminal,
          });
          const atr = card.powerOn(terminal);
          sendJson({ type: 'ready', atr: toHex(atr), terminal });
          touch();
        })();
        queue = opening.catch((e) =>
          fail(e, isMynaError(e, 'CARD_IN_USE') ? CLOSE_CARD_IN_USE : CLOSE_ERROR),
        );

        socket.on('message', (data, isBinary) => {
          queue = queue.then(async () => {
            if (closed || !card) return;
            touch();
            try {
              await renew();
              if (isBinary) {
                const apdu = data instanceof Buffer ? data : Buffer.concat(data as Buffer[]);
                const rsp = await card.transmit(new Uint8Array(apdu));
                socket.send(rsp, { binary: true });
                return;
              }
              const msg = parseControl(String(data));
              if (msg?.type === 'reset') sendJson({ type: 'atr', atr: toHex(card.reset()) });
              else if (msg?.type === 'ping') sendJson({ type: 'pong' });
              else
                throw new MynaError('INVALID_ARGUMENT', {
                  field: 'message',
                  rule: 'binary APDU, or {"type":"reset"|"ping"}',
                });
            } catch (e) {
              fail(e, isMynaError(e, 'CARD_IN_USE') ? CLOSE_CARD_IN_USE : CLOSE_ERROR);
            }
          });
        });

        socket.on('close', () => {
          closed = true;
          clearTimeout(idle);
          card?.powerOff();
          void opening.finally(() => runtime.server.releaseLease(cardId, holder)).catch(() => undefined);
        });
      },
    );
  };
}

/** A text frame as a control message; anything but a JSON object is no message (INVALID_ARGUMENT). */
function parseControl(text: string): { type?: unknown } | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as { type?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
