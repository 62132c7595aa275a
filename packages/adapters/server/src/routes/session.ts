import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { toHex } from '@myna/apdu';
import { isMynaError, MynaError } from '@myna/errors';
import { CARD_LEASE_MS, type CardSession } from '@myna/services';
import type { WebSocket } from 'ws';
import type { SandboxRuntime } from '../runtime.js';
import { IdParams } from '../schemas.js';

export interface SessionOptions {
  /** A lease not renewed for this long is free for another terminal (a vanished client or server). */
  readonly leaseMs?: number;
  /** A session with no message for this long is closed and the card removed. */
  readonly idleMs?: number;
}

/** A session with no message for this long is closed (docs/api.md: 2 minutes). */
export const SESSION_IDLE_MS = 120_000;

/** WebSocket close code for "card in use at another terminal" (4000–4999 are the application's). */
export const CLOSE_CARD_IN_USE = 4409;
export const CLOSE_IDLE = 4408;
export const CLOSE_ERROR = 4400;
/** Normal closure, sent after the card's lease is released on the client's `{"type":"close"}`. */
export const CLOSE_RELEASED = 1000;

/**
 * Remote card sessions: a WebSocket that carries APDUs to a card, labelled with the terminal,
 * holding the card like a reader does — one terminal at a time (the connector's lease, in the
 * database, so it holds across server instances), released on close or timeout.
 *
 * Protocol: the server sends `{"type":"ready","atr":"…","terminal":"…"}` (text) once the card is
 * held; then every binary message is one command APDU and gets one binary response APDU, in
 * order. Text `{"type":"reset"}` warm-resets the card (answer `{"type":"atr",…}`). A second
 * terminal gets `{"type":"error","code":"CARD_IN_USE",…}` and close code 4409.
 *
 * The lease (CARD_LEASE_MS) is renewed by every message and by the answer to the server's
 * WebSocket ping (every third of the lease), so a silent but connected client keeps the card
 * until the session goes idle (`idleMs`, SESSION_IDLE_MS); a vanished one loses it after the lease.
 */
export function sessionRoutes(runtime: SandboxRuntime, opts: SessionOptions = {}): FastifyPluginAsyncTypebox {
  const leaseMs = opts.leaseMs ?? CARD_LEASE_MS;
  const idleMs = opts.idleMs ?? SESSION_IDLE_MS;
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
        let card: CardSession | undefined;
        let closed = false;
        let idle: NodeJS.Timeout | undefined;
        let heartbeat: NodeJS.Timeout | undefined;
        let queue: Promise<unknown>;

        const sendJson = (o: unknown) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(o));
        };
        const fail = (e: unknown) => {
          const err = isMynaError(e) ? e : new MynaError('INTERNAL', {}, { cause: e });
          sendJson({ type: 'error', ...err.toJSON() });
          socket.close(isMynaError(e, 'CARD_IN_USE') ? CLOSE_CARD_IN_USE : CLOSE_ERROR, err.code);
        };
        const touch = () => {
          clearTimeout(idle);
          idle = setTimeout(() => socket.close(CLOSE_IDLE, 'idle'), idleMs);
        };

        // Messages are attached synchronously (stack.md §1) and processed in order after opening.
        const opening = (async () => {
          const sb = await runtime.get(req.sandboxId);
          // A smartphone element (スマホ用電子証明書, docs/phone.md) is reached like a card.
          if (!(await sb.phones.getPhone(sb.id, cardId))) {
            const rec = await sb.municipality.card(cardId);
            if (rec.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId });
          }
          card = await sb.connector.connect(cardId, terminal, { leaseMs });
          if (closed) return card.close();
          sendJson({ type: 'ready', atr: toHex(card.atr), terminal });
          touch();
          // A connected client answers pings: its pong renews the lease while it is silent.
          heartbeat = setInterval(() => socket.ping(), Math.max(1, Math.floor(leaseMs / 3)));
        })();
        queue = opening.catch(fail);

        socket.on('pong', () => {
          queue = queue.then(async () => {
            if (closed || !card) return;
            await card.renew().catch(fail);
          });
        });

        socket.on('message', (data, isBinary) => {
          queue = queue.then(async () => {
            if (closed || !card) return;
            touch();
            try {
              if (isBinary) {
                const apdu = data instanceof Buffer ? data : Buffer.concat(data as Buffer[]);
                const rsp = await card.transmit(new Uint8Array(apdu));
                socket.send(rsp, { binary: true });
                return;
              }
              const msg = parseControl(String(data));
              if (msg?.type === 'reset') sendJson({ type: 'atr', atr: toHex(await card.reset()) });
              else if (msg?.type === 'close') {
                // The client's close: after the APDUs before it, release the card, then end the
                // socket, so a client that waits for the close knows the card is free.
                closed = true;
                clearTimeout(idle);
                clearInterval(heartbeat);
                const held = card;
                card = undefined;
                await held.close();
                socket.close(CLOSE_RELEASED, 'released');
              } else if (msg?.type === 'ping') {
                await card.renew();
                sendJson({ type: 'pong' });
              } else
                throw new MynaError('INVALID_ARGUMENT', {
                  field: 'message',
                  rule: 'binary APDU, or {"type":"reset"|"ping"|"close"}',
                });
            } catch (e) {
              fail(e);
            }
          });
        });

        socket.on('close', () => {
          closed = true;
          clearTimeout(idle);
          clearInterval(heartbeat);
          void opening.then(() => card?.close()).catch(() => undefined);
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
