import { command, encodeCommand, parseCommand } from '@myna/apdu';
import { MynaError } from '@myna/errors';
import type { Transport } from './transport.js';

/**
 * PC/SC transport: a card in a reader, reached through libpcsclite (pcscd) with the `smartcard`
 * package (N-API). `smartcard` is an optional dependency: it is loaded with a dynamic import the
 * first time a PC/SC function is called, so the rest of the SDK works without it.
 *
 * Which pcscd: libpcsclite connects to `$PCSCLITE_CSOCK_NAME` (default `/run/pcscd/pcscd.comm`).
 * It reads that variable **once per process** — at the first SCardEstablishContext — and keeps
 * the value for every later context (measured with pcsc-lite 1.9.9: changing the variable
 * afterwards, even for a new context, still reaches the first pcscd). The `socket` option sets
 * the variable before that first context; asking for another socket later in the same process is
 * refused (`TRANSPORT_ERROR`, reason `socket-fixed`). Talk to two pcscds from two processes.
 *
 * Every failure is `MynaError('TRANSPORT_ERROR', { transport, reason, … })`; `reason` is one of
 * `PcscFailure`. Messages and details never carry APDU data.
 */

/** `details.reason` of the TRANSPORT_ERRORs this module throws. */
export type PcscFailure =
  /** The `smartcard` package (or libpcsclite under it) cannot be loaded. */
  | 'binding-missing'
  /** pcscd is not running at the socket libpcsclite uses (or stopped meanwhile). */
  | 'no-service'
  /** No reader, or none matches `reader`. */
  | 'no-reader'
  /** The chosen reader has no card (or no reader has one). */
  | 'card-absent'
  /** Another application holds the card exclusively (or we asked for exclusive while it is in use). */
  | 'sharing-violation'
  /** The card left the reader; this transport is dead (a new card needs a new transport). */
  | 'card-removed'
  /** Another application reset the card: its session (selected DF, verified PINs) is gone. The transport reconnected and can be used again. */
  | 'card-reset'
  /** The card is mute, unpowered or not supported by the reader. */
  | 'card-unresponsive'
  /** The card does not speak the requested protocol. */
  | 'protocol-mismatch'
  /** A response shorter than a status word. */
  | 'bad-response'
  /** `transmit` after `close()`. */
  | 'closed'
  /** A different pcscd socket was asked for after libpcsclite fixed its choice in this process. */
  | 'socket-fixed'
  /** Any other PC/SC error (`details.pcsc` names it). */
  | 'pcsc-error';

/** A reader as pcscd reports it. */
export interface PcscReader {
  readonly name: string;
  readonly cardPresent: boolean;
  /** The ATR of the card in the reader, if any. */
  readonly atr: Uint8Array | undefined;
  /** Some application is connected to the card. */
  readonly inUse: boolean;
  /** Some application holds it exclusively. */
  readonly exclusive: boolean;
  /** The card does not answer (no valid ATR). */
  readonly mute: boolean;
}

export interface PcscOptions {
  /**
   * pcscd's socket (e.g. a private pcscd's `<dir>/run/pcscd.comm`). Sets `PCSCLITE_CSOCK_NAME`
   * before libpcsclite's first context in this process; see the module comment.
   */
  readonly socket?: string;
}

export interface PcscTransportOptions extends PcscOptions {
  /**
   * The reader: its exact name, or a pattern. Default: the first reader with a card in it.
   * Names of the sandbox's virtual readers: "Virtual PCD 00 00", "Virtual PCD 00 01", ….
   */
  readonly reader?: string | RegExp;
  /**
   * `shared` (default): other applications may use the card between our APDUs, as with any PC/SC
   * card — the card's selected application is card-wide. `exclusive`: nobody else can connect
   * until `close()`.
   */
  readonly shareMode?: 'shared' | 'exclusive';
  /**
   * Protocols to accept. Default `T=1` (the My Number Card's contact interface speaks T=1 only:
   * ATR 3B E0 00 FF 81 31 FE 45 14). `any` also accepts T=0.
   */
  readonly protocol?: 'T=1' | 'any';
  /**
   * What `close()` does to the card: `reset` (default) ends the card session, so a PIN verified
   * through this transport does not stay verified for the next application (done as an async
   * SCardReconnect, so it never blocks the event loop); `leave` keeps it (what OpenSC does);
   * `unpower` powers the card down.
   */
  readonly onClose?: 'reset' | 'leave' | 'unpower';
}

/** A card in a PC/SC reader. `label` is the reader name. */
export interface PcscTransport extends Transport {
  readonly reader: string;
  /** The ATR at connection time. */
  readonly atr: Uint8Array;
  readonly protocol: 'T=0' | 'T=1';
  /** Disconnects (see `onClose`) and releases the PC/SC context. Idempotent. */
  close(): Promise<void>;
}

// ───────────────────────── the binding (what we use of `smartcard` 3.x) ─────────────────────────

interface ScCard {
  readonly protocol: number;
  transmit(command: Buffer, options?: { maxRecvLength?: number }): Promise<Buffer>;
  disconnect(disposition?: number): void;
  reconnect(shareMode?: number, protocol?: number, initialization?: number): Promise<number>;
  getStatus(): { state: number; protocol: number; atr: Buffer };
}

interface ScReader {
  readonly name: string;
  readonly state: number;
  readonly atr: Buffer | null;
  connect(shareMode?: number, protocol?: number): Promise<ScCard>;
}

interface ScContext {
  listReaders(): ScReader[];
  close(): void;
}

interface ScBinding {
  Context: new () => ScContext;
  SCARD_SHARE_SHARED: number;
  SCARD_SHARE_EXCLUSIVE: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_LEAVE_CARD: number;
  SCARD_RESET_CARD: number;
  SCARD_UNPOWER_CARD: number;
  SCARD_STATE_PRESENT: number;
  SCARD_STATE_INUSE: number;
  SCARD_STATE_EXCLUSIVE: number;
  SCARD_STATE_MUTE: number;
}

/** A variable, so that TypeScript does not need the optional package to compile this file. */
const BINDING_PACKAGE: string = 'smartcard';
const DEFAULT_SOCKET = '/run/pcscd/pcscd.comm';
/** Short APDUs need 258 bytes; an extended Le of 65536 needs 65538. libpcsclite's limit is 65548. */
const MAX_RECV = 65538;
/** GET RESPONSE rounds after a 61xx before giving up (65536 bytes at 256 per round). */
const MAX_GET_RESPONSE = 256;

let bindingPromise: Promise<ScBinding> | undefined;
/** The socket libpcsclite fixed for this process (set at our first context). */
let fixedSocket: string | undefined;

function failure(
  reason: PcscFailure,
  details: Record<string, string | number | boolean> = {},
  cause?: unknown,
): MynaError {
  return new MynaError(
    'TRANSPORT_ERROR',
    { transport: 'pcsc', reason, ...details },
    cause === undefined ? undefined : { cause },
  );
}

function loadBinding(): Promise<ScBinding> {
  bindingPromise ??= import(BINDING_PACKAGE).then(
    (m: Record<string, unknown>) =>
      ('Context' in m ? m : (m.default as Record<string, unknown>)) as unknown as ScBinding,
    (e: unknown) => {
      bindingPromise = undefined;
      throw failure(
        'binding-missing',
        {
          package: BINDING_PACKAGE,
          hint: 'npm install smartcard (builds against libpcsclite-dev; Debian: apt-get install -y libpcsclite-dev pcscd)',
        },
        e,
      );
    },
  );
  return bindingPromise;
}

/** Fixes the socket for this process before the first context, or checks that it still matches. */
function useSocket(socket: string | undefined): void {
  if (fixedSocket === undefined) {
    if (socket !== undefined) process.env.PCSCLITE_CSOCK_NAME = socket;
    fixedSocket = process.env.PCSCLITE_CSOCK_NAME || DEFAULT_SOCKET;
    return;
  }
  if (socket !== undefined && socket !== fixedSocket) {
    throw failure('socket-fixed', { socket, inUse: fixedSocket });
  }
}

/** The pcscd socket this process uses (undefined until the first PC/SC call). */
export function pcscSocketInUse(): string | undefined {
  return fixedSocket;
}

const REASONS: readonly (readonly [RegExp, PcscFailure])[] = [
  [/service not running|service stopped|Service not available/i, 'no-service'],
  [/No smart card present/i, 'card-absent'],
  [/Card was removed/i, 'card-removed'],
  [/Card was reset/i, 'card-reset'],
  [/Sharing violation/i, 'sharing-violation'],
  [/Unknown reader|Reader unavailable|No readers available/i, 'no-reader'],
  [/unpowered|unresponsive|not supported|Invalid ATR/i, 'card-unresponsive'],
  [/Protocol mismatch/i, 'protocol-mismatch'],
];

/** Maps the binding's error (its message is PC/SC's fixed text for the SCARD_* code) to a failure. */
function pcscFailure(e: unknown, transport: string, extra: Record<string, string> = {}): MynaError {
  if (e instanceof MynaError) return e;
  const text = e instanceof Error ? e.message : String(e);
  const reason = REASONS.find(([re]) => re.test(text))?.[1] ?? 'pcsc-error';
  // The binding's messages are fixed strings (never card data); keep them short anyway.
  return failure(reason, { transport, pcsc: text.slice(0, 80), ...extra }, e);
}

async function context(socket: string | undefined): Promise<{ b: ScBinding; ctx: ScContext }> {
  const b = await loadBinding();
  useSocket(socket);
  try {
    return { b, ctx: new b.Context() };
  } catch (e) {
    const err = pcscFailure(e, 'pcsc', { socket: fixedSocket ?? DEFAULT_SOCKET });
    if (err.details.reason !== 'no-service') throw err;
    throw failure(
      'no-service',
      {
        ...(err.details as Record<string, string>),
        hint: 'start pcscd, or a private one: eval "$(npx myna-sandbox pcsc start)"',
      },
      e,
    );
  }
}

function readerInfo(b: ScBinding, r: ScReader): PcscReader {
  const present = (r.state & b.SCARD_STATE_PRESENT) !== 0;
  return {
    name: r.name,
    cardPresent: present,
    atr: present && r.atr && r.atr.length > 0 ? new Uint8Array(r.atr) : undefined,
    inUse: (r.state & b.SCARD_STATE_INUSE) !== 0,
    exclusive: (r.state & b.SCARD_STATE_EXCLUSIVE) !== 0,
    mute: (r.state & b.SCARD_STATE_MUTE) !== 0,
  };
}

function closeQuietly(ctx: ScContext): void {
  try {
    ctx.close();
  } catch {
    // already closed or pcscd gone: nothing to release
  }
}

/** The readers pcscd knows, with card presence. An empty list when there are none. */
export async function listPcscReaders(opts: PcscOptions = {}): Promise<PcscReader[]> {
  const { b, ctx } = await context(opts.socket);
  try {
    return ctx.listReaders().map((r) => readerInfo(b, r));
  } catch (e) {
    throw pcscFailure(e, 'pcsc');
  } finally {
    closeQuietly(ctx);
  }
}

/**
 * Connects to the card in a reader (SCardConnect, T=1) and returns it as a `Transport`.
 *
 * ```ts
 * const t = await openPcscTransport({ reader: 'Virtual PCD 00 00' });
 * try {
 *   const client = new MynaCardClient(t);
 *   console.log(await client.pinStatus('auth'));
 * } finally {
 *   await t.close();
 * }
 * ```
 *
 * `transmit` sends one APDU as given (short or extended; up to 65536 response bytes) and returns
 * `data ‖ SW`. Calls are serialised. It completes the ISO 7816 transport answers a T=1 card should
 * not give but some cards and readers do: `61xx` (more data) is followed by GET RESPONSE until the
 * card is done, and `6Cxx` (wrong Le) re-sends the command once with Le = xx.
 */
export async function openPcscTransport(opts: PcscTransportOptions = {}): Promise<PcscTransport> {
  const { b, ctx } = await context(opts.socket);
  try {
    let readers: ScReader[];
    try {
      readers = ctx.listReaders();
    } catch (e) {
      throw pcscFailure(e, 'pcsc');
    }
    const names = readers.map((r) => r.name).join(', ');
    const wanted = opts.reader;
    let reader: ScReader | undefined;
    if (wanted === undefined) {
      reader = readers.find((r) => (r.state & b.SCARD_STATE_PRESENT) !== 0);
      if (!reader) {
        throw readers.length === 0
          ? failure('no-reader', { readers: '' })
          : failure('card-absent', { readers: names });
      }
    } else {
      reader = readers.find((r) => (typeof wanted === 'string' ? r.name === wanted : wanted.test(r.name)));
      if (!reader) throw failure('no-reader', { reader: String(wanted), readers: names });
      if ((reader.state & b.SCARD_STATE_PRESENT) === 0) {
        throw failure('card-absent', { transport: reader.name, reader: reader.name });
      }
    }
    const share = opts.shareMode === 'exclusive' ? b.SCARD_SHARE_EXCLUSIVE : b.SCARD_SHARE_SHARED;
    const protocols =
      opts.protocol === 'any' ? b.SCARD_PROTOCOL_T0 | b.SCARD_PROTOCOL_T1 : b.SCARD_PROTOCOL_T1;
    let card: ScCard;
    try {
      card = await reader.connect(share, protocols);
    } catch (e) {
      throw pcscFailure(e, reader.name);
    }
    let atr: Uint8Array;
    try {
      atr = new Uint8Array(card.getStatus().atr);
    } catch {
      atr = new Uint8Array(reader.atr ?? []);
    }
    const disposition =
      opts.onClose === 'leave'
        ? b.SCARD_LEAVE_CARD
        : opts.onClose === 'unpower'
          ? b.SCARD_UNPOWER_CARD
          : b.SCARD_RESET_CARD;
    return new PcscCardTransport(b, ctx, card, reader.name, atr, { share, protocols, disposition });
  } catch (e) {
    closeQuietly(ctx);
    throw e;
  }
}

class PcscCardTransport implements PcscTransport {
  readonly label: string;
  readonly protocol: 'T=0' | 'T=1';
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private removed = false;

  constructor(
    private readonly b: ScBinding,
    private readonly ctx: ScContext,
    private readonly card: ScCard,
    readonly reader: string,
    readonly atr: Uint8Array,
    private readonly mode: { share: number; protocols: number; disposition: number },
  ) {
    this.label = reader;
    this.protocol = card.protocol === b.SCARD_PROTOCOL_T0 ? 'T=0' : 'T=1';
  }

  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const run = this.chain.then(() => this.exchange(apdu));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chain;
    try {
      if (this.removed) {
        // nothing to disconnect: the handle died with the card
      } else if (this.mode.disposition === this.b.SCARD_RESET_CARD) {
        // The binding's disconnect is synchronous: a reset there would block Node's event loop
        // until the card answers — forever if the card is bridged from this very process. A
        // reconnect runs on a worker thread; the disconnect that follows leaves the card alone.
        await this.card.reconnect(this.mode.share, this.mode.protocols, this.b.SCARD_RESET_CARD);
        this.card.disconnect(this.b.SCARD_LEAVE_CARD);
      } else {
        // LEAVE needs nothing from the card; UNPOWER sends vpcd a power-off, which has no answer.
        this.card.disconnect(this.mode.disposition);
      }
    } catch {
      // the card or pcscd is gone; the context still has to be released
    }
    closeQuietly(this.ctx);
  }

  private async exchange(apdu: Uint8Array): Promise<Uint8Array> {
    let rsp = await this.raw(apdu);
    // 6Cxx: wrong Le, xx is the right one (ISO/IEC 7816-3 §12.2.2 / 7816-4 §5.6): re-send once.
    if (rsp.length === 2 && rsp[0] === 0x6c) {
      const fixed = withLe(apdu, rsp[1]! || 256);
      if (fixed) rsp = await this.raw(fixed);
    }
    if (rsp[rsp.length - 2] !== 0x61) return rsp;
    // 61xx: xx more bytes (00 = 256 or more) wait for GET RESPONSE (ISO/IEC 7816-4 §7.6.1).
    const parts: Uint8Array[] = [rsp.subarray(0, rsp.length - 2)];
    let total = parts[0]!.length;
    const cla = getResponseCla(apdu[0] ?? 0);
    for (let round = 0; round < MAX_GET_RESPONSE; round++) {
      const ne = rsp[rsp.length - 1]! || 256;
      const get = Uint8Array.of(cla, 0xc0, 0x00, 0x00, ne & 0xff);
      rsp = await this.raw(get);
      if (rsp.length === 2 && rsp[0] === 0x6c)
        rsp = await this.raw(Uint8Array.of(cla, 0xc0, 0x00, 0x00, rsp[1]!));
      const data = rsp.subarray(0, rsp.length - 2);
      parts.push(data);
      total += data.length;
      if (rsp[rsp.length - 2] !== 0x61 || total > 65536) break;
    }
    const out = new Uint8Array(total + 2);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    out.set(rsp.subarray(rsp.length - 2), o);
    return out;
  }

  /** One SCardTransmit. */
  private async raw(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw failure('closed', { transport: this.label });
    if (this.removed) throw failure('card-removed', { transport: this.label });
    let r: Buffer;
    try {
      r = await this.card.transmit(Buffer.from(apdu.buffer, apdu.byteOffset, apdu.byteLength), {
        maxRecvLength: MAX_RECV,
      });
    } catch (e) {
      const err = pcscFailure(e, this.label);
      if (err.details.reason === 'card-removed') this.removed = true;
      if (err.details.reason === 'card-reset') {
        // Acknowledge the reset so that the next APDU goes through; this one failed, and whatever
        // the caller had verified is gone with the card session.
        try {
          await this.card.reconnect(this.mode.share, this.mode.protocols, this.b.SCARD_LEAVE_CARD);
        } catch (e2) {
          throw pcscFailure(e2, this.label);
        }
      }
      throw err;
    }
    if (r.length < 2) throw failure('bad-response', { transport: this.label, length: r.length });
    return new Uint8Array(r.buffer, r.byteOffset, r.length);
  }
}

/** The same command with a short Le of `ne` (for 6Cxx); undefined if it cannot be parsed. */
function withLe(apdu: Uint8Array, ne: number): Uint8Array | undefined {
  try {
    const c = parseCommand(apdu);
    if (c.data.length > 255) return undefined; // 6Cxx answers short commands
    return encodeCommand(command(c.cla, c.ins, c.p1, c.p2, c.data, ne, { extended: false }));
  } catch {
    return undefined;
  }
}

/** GET RESPONSE is an interindustry command: CLA 00 with the command's logical channel (first interindustry CLAs). */
function getResponseCla(cla: number): number {
  return (cla & 0xe0) === 0 ? cla & 0x03 : 0x00;
}
