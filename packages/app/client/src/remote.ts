import { MynaError } from '@myna/errors';
import type { Transport } from './transport.js';

/** The subset of the WHATWG WebSocket the transport needs (browsers, Node ≥ 22, or the `ws` package). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array | string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (ev: { data?: unknown; code?: number; reason?: string }) => void,
  ): void;
}

/** WebSocket readyState values (WHATWG). */
const CLOSING = 2;
const CLOSED = 3;

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/**
 * A card held by the sandbox server, over its WebSocket card session
 * (`/api/cards/<id>/session?terminal=…&key=…`): the server holds the card for this terminal
 * (one terminal at a time) until `close()`. APDUs travel as binary messages, in order.
 */
export class RemoteTransport implements Transport {
  private pending: { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void }[] = [];
  private failure: MynaError | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly ws: WebSocketLike,
    readonly label: string,
    /** The card's ATR as the server reported it. */
    readonly atr: string,
  ) {
    ws.addEventListener('message', (ev) => {
      if (typeof ev.data === 'string') {
        const msg = JSON.parse(ev.data) as { type: string; code?: string; details?: Record<string, string> };
        if (msg.type === 'error') this.fail(new MynaError(errorCode(msg.code), msg.details ?? {}));
        return;
      }
      const next = this.pending.shift();
      next?.resolve(toBytes(ev.data));
    });
    ws.addEventListener('close', (ev) =>
      this.fail(
        this.failure ?? new MynaError('TRANSPORT_ERROR', { reason: `closed ${ev.code ?? ''}`.trim() }),
      ),
    );
  }

  /** Opens a session; rejects with CARD_IN_USE (and the other terminal's label) when the card is held elsewhere. */
  static open(opts: {
    /** Server base URL, e.g. http://127.0.0.1:8080 */
    server: string;
    cardId: string;
    apiKey: string;
    terminal: string;
    WebSocket?: WebSocketConstructor;
  }): Promise<RemoteTransport> {
    const Ctor = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor)
      throw new MynaError('TRANSPORT_ERROR', {
        reason: 'no WebSocket implementation: pass one (e.g. the ws package)',
      });
    const url = new URL(`/api/cards/${encodeURIComponent(opts.cardId)}/session`, opts.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('terminal', opts.terminal);
    url.searchParams.set('key', opts.apiKey);
    const ws = new Ctor(url.toString());
    ws.binaryType = 'arraybuffer';
    return new Promise((resolve, reject) => {
      let settled = false;
      ws.addEventListener('message', (ev) => {
        if (settled || typeof ev.data !== 'string') return;
        const msg = JSON.parse(ev.data) as {
          type: string;
          atr?: string;
          code?: string;
          details?: Record<string, string>;
        };
        settled = true;
        if (msg.type === 'ready') resolve(new RemoteTransport(ws, opts.terminal, msg.atr ?? ''));
        else reject(new MynaError(errorCode(msg.code), msg.details ?? {}));
      });
      ws.addEventListener('close', (ev) => {
        if (!settled) {
          settled = true;
          reject(
            new MynaError('TRANSPORT_ERROR', { reason: `closed ${ev.code ?? ''} ${ev.reason ?? ''}`.trim() }),
          );
        }
      });
      ws.addEventListener('error', () => {
        if (!settled) {
          settled = true;
          reject(new MynaError('TRANSPORT_ERROR', { reason: 'connection failed' }));
        }
      });
    });
  }

  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new MynaError('TRANSPORT_ERROR', { reason: 'closed' }));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.ws.send(apdu);
    });
  }

  /**
   * Asks the server to let go of the card (`{"type":"close"}`, after the APDUs already sent) and
   * resolves when the server has closed the socket, which it does once the card's lease is
   * released: the same card can be opened again at once, here or at another terminal.
   */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.ws.readyState >= CLOSING) {
        // Already closing or closed (the server ended the session): the card is let go with it.
        if (this.ws.readyState === CLOSED) resolve();
        else this.ws.addEventListener('close', () => resolve());
        return;
      }
      this.ws.addEventListener('close', () => resolve());
      this.ws.send(JSON.stringify({ type: 'close' }));
    });
    return this.closing;
  }

  private fail(e: MynaError): void {
    this.failure ??= e;
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }
}

function toBytes(d: unknown): Uint8Array {
  if (d instanceof ArrayBuffer) return new Uint8Array(d);
  if (ArrayBuffer.isView(d)) return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  throw new MynaError('TRANSPORT_ERROR', { reason: 'unexpected message' });
}

function errorCode(
  code: string | undefined,
): 'CARD_IN_USE' | 'CARD_NOT_FOUND' | 'API_KEY_INVALID' | 'CARD_ABOLISHED' | 'TRANSPORT_ERROR' {
  return code === 'CARD_IN_USE' ||
    code === 'CARD_NOT_FOUND' ||
    code === 'API_KEY_INVALID' ||
    code === 'CARD_ABOLISHED'
    ? code
    : 'TRANSPORT_ERROR';
}
