import { connect, type Socket } from 'node:net';
import { describeCommand, parseCommand } from '@myna/apdu';
import { encodeFrame, FrameDecoder, MAX_FRAME, VPCD_CTRL } from './frames.js';

/** vpcd's first port (Debian's /etc/reader.conf.d/vpcd: `DEVICENAME /dev/null:0x8C7B`). */
export const DEFAULT_VPCD_PORT = 35963;

/** Friendly name of the first vpcd reader entry; pcscd appends " <reader> <slot>" in hex. */
export const VPCD_FRIENDLY_NAME = 'Virtual PCD';

/**
 * pcscd's name for a vpcd slot. vpcd has two slots per reader.conf entry (ports base and
 * base + 1); entry 0 is named "Virtual PCD", entry n > 0 "Virtual PCD n" (this package's
 * private pcscd; Debian's default config has entry 0 only). Slot 0 → "Virtual PCD 00 00",
 * slot 1 → "Virtual PCD 00 01", slot 2 → "Virtual PCD 1 00 00", …
 */
export function vpcdReaderName(slot: number, friendlyName = VPCD_FRIENDLY_NAME): string {
  const entry = Math.floor(slot / 2);
  const name = entry === 0 ? friendlyName : `${friendlyName} ${entry}`;
  return `${name} 00 0${slot % 2}`;
}

/** What the bridge needs of a card; `VirtualCard` from @myna/card fits. */
export interface BridgeableCard {
  readonly atr: Uint8Array;
  /** Cold reset in the named terminal (the reader name goes into the card's PIN events). */
  powerOn(terminal?: string): Uint8Array;
  /** Warm reset. */
  reset(): Uint8Array;
  powerOff(): void;
  /** Command APDU in, response APDU (data ‖ SW1 SW2) out. */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

/** Receives one human-readable line per event. Never gets APDU data fields (they may hold PINs). */
export type BridgeLog = (line: string) => void;

export type BridgeState = 'connecting' | 'connected' | 'waiting' | 'stopped';

export interface BridgeCardOptions {
  readonly card: BridgeableCard;
  /** vpcd's host. Default 127.0.0.1. */
  readonly host?: string;
  /** vpcd slot's port. Default 35963 (slot 0 of Debian's config); slot n is base + n. */
  readonly port?: number;
  /**
   * Terminal label handed to `card.powerOn` (appears on the card's PIN events). Use the reader
   * name pcscd shows, e.g. "Virtual PCD 00 00". Default: `vpcdReaderName(port - 35963)` for
   * Debian's ports, else "vpcd host:port".
   */
  readonly label?: string;
  readonly log?: BridgeLog;
  /** Longest pause between reconnection attempts, ms. Default 1000 (first retries are quicker). */
  readonly reconnectDelayMs?: number;
  /** Called on every state change. */
  readonly onStateChange?: (state: BridgeState) => void;
}

export interface BridgeStats {
  /** Successful TCP connections to vpcd (1 + reconnections). */
  connects: number;
  apdus: number;
  atrRequests: number;
  powerOns: number;
  powerOffs: number;
  resets: number;
}

interface Waiter {
  done: () => boolean;
  resolve: () => void;
  reject: (e: Error) => void;
}

const SW_NO_PRECISE_DIAGNOSIS = Uint8Array.of(0x6f, 0x00);
const FIRST_RETRY_MS = 100;

/**
 * One virtual card inserted into one vpcd slot: the card is the TCP client of vpcd (spec:
 * shared/spec/pcsc.md). Connecting = insertion, closing = removal. Frames are answered strictly
 * in arrival order, each reply in one `socket.write`, never an empty frame. When vpcd goes away
 * (pcscd stopped or restarted) the connection retries until `stop()`.
 */
export class VpcdCardConnection {
  readonly host: string;
  readonly port: number;
  readonly label: string;
  readonly stats: BridgeStats = {
    connects: 0,
    apdus: 0,
    atrRequests: 0,
    powerOns: 0,
    powerOffs: 0,
    resets: 0,
  };

  private readonly card: BridgeableCard;
  private readonly log: BridgeLog;
  private readonly maxDelay: number;
  private socket: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = true;
  private _state: BridgeState = 'stopped';
  private _powered = false;
  private waiters: Waiter[] = [];
  /** pcscd has powered the card and read its ATR on this connection. */
  private seen = false;
  private atrAfterPowerOn = false;
  private lastError = '';

  constructor(private readonly opts: BridgeCardOptions) {
    this.card = opts.card;
    this.host = opts.host ?? '127.0.0.1';
    this.port = opts.port ?? DEFAULT_VPCD_PORT;
    const slot = this.port - DEFAULT_VPCD_PORT;
    this.label =
      opts.label ?? (slot >= 0 && slot < 2 ? vpcdReaderName(slot) : `vpcd ${this.host}:${this.port}`);
    this.log = opts.log ?? (() => {});
    this.maxDelay = opts.reconnectDelayMs ?? 1000;
  }

  get state(): BridgeState {
    return this._state;
  }

  /** Whether vpcd has powered the card (01 or 02 since the last 00 / connection). */
  get powered(): boolean {
    return this._powered;
  }

  get connected(): boolean {
    return this._state === 'connected';
  }

  /** Starts connecting (idempotent). */
  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.attempt = 0;
    this.connectNow();
    return this;
  }

  /**
   * Whether pcscd has noticed the card on the current connection: vpcd powered it and read the ATR
   * (pcscd does this within one 400 ms poll of the insertion). From then on SCardConnect works.
   */
  get present(): boolean {
    return this.connected && this.seen;
  }

  /** Resolves once connected to vpcd (immediately if already). Rejects after `timeoutMs` or on stop. */
  whenConnected(timeoutMs = 10_000): Promise<void> {
    return this.waitFor('connected', () => this.connected, timeoutMs);
  }

  /**
   * Resolves once pcscd has noticed the card (see `present`), i.e. PC/SC clients can use it.
   * Rejects after `timeoutMs` or on stop.
   */
  whenPresent(timeoutMs = 10_000): Promise<void> {
    return this.waitFor('seen by pcscd', () => this.present, timeoutMs);
  }

  private waitFor(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    if (this.stopped) return Promise.reject(new Error('bridge stopped'));
    return new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `card not ${what} on vpcd ${this.host}:${this.port} after ${timeoutMs} ms (state ${this._state}` +
              (this.lastError ? `, last error ${this.lastError})` : ')'),
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        done,
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
        reject: (e: Error) => {
          clearTimeout(t);
          reject(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => w.done());
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Removes the card: closes the connection, stops reconnecting, powers the card off. */
  async stop(): Promise<void> {
    if (this.stopped && !this.socket) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s && !s.destroyed) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => s.destroy(), 500);
        s.once('close', () => {
          clearTimeout(t);
          resolve();
        });
        s.end();
      });
    }
    this.removed();
    this.setState('stopped');
    for (const w of this.waiters.splice(0)) w.reject(new Error('bridge stopped'));
    this.log(`${this.label}: card removed (bridge stopped)`);
  }

  private setState(s: BridgeState): void {
    if (this._state === s) return;
    this._state = s;
    this.opts.onStateChange?.(s);
    this.wake();
  }

  private removed(): void {
    if (this._powered) this.stats.powerOffs++;
    this._powered = false;
    this.card.powerOff();
  }

  private connectNow(): void {
    this.timer = null;
    if (this.stopped) return;
    this.setState('connecting');
    const socket = connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    this.socket = socket;
    const decoder = new FrameDecoder();
    // Frames are handled one after another; replies go out in request order.
    let chain: Promise<void> = Promise.resolve();
    let wasConnected = false;

    socket.on('connect', () => {
      if (socket.localPort === socket.remotePort && socket.localAddress === socket.remoteAddress) {
        // TCP self-connect: while nobody listens on a port in the ephemeral range (35963 is), the
        // kernel can pick that very port as our source port and connect us to ourselves, which
        // would keep pcscd from binding it again. Drop it and retry.
        this.lastError = 'self-connect';
        socket.destroy();
        return;
      }
      wasConnected = true;
      this.seen = false;
      this.atrAfterPowerOn = false;
      this.attempt = 0;
      this.lastError = '';
      this.stats.connects++;
      this.log(`${this.label}: card inserted (connected to vpcd ${this.host}:${this.port})`);
      this.setState('connected');
    });
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        chain = chain.then(() => this.handle(frame, socket));
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const msg = e.code ?? e.message;
      if (msg !== this.lastError) this.log(`${this.label}: vpcd ${this.host}:${this.port}: ${msg}`);
      this.lastError = msg;
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      if (wasConnected) {
        this.removed();
        if (!this.stopped) this.log(`${this.label}: vpcd closed the connection (pcscd stopped?)`);
      }
      if (this.stopped) return;
      this.setState('waiting');
      const delay = Math.min(this.maxDelay, FIRST_RETRY_MS * 2 ** this.attempt);
      this.attempt++;
      this.timer = setTimeout(() => this.connectNow(), delay);
    });
  }

  private async handle(frame: Buffer, socket: Socket): Promise<void> {
    if (frame.length === 0) {
      this.log(`${this.label}: ignoring an empty frame from vpcd`);
      return;
    }
    if (frame.length === 1) {
      const ctrl = frame[0]!;
      switch (ctrl) {
        case VPCD_CTRL.OFF:
          if (this._powered) this.log(`${this.label}: power off`);
          this.removed();
          return;
        case VPCD_CTRL.ON:
          this.card.powerOn(this.label);
          this._powered = true;
          this.atrAfterPowerOn = true;
          this.stats.powerOns++;
          this.log(`${this.label}: power on`);
          return;
        case VPCD_CTRL.RESET:
          this.card.reset();
          this._powered = true;
          this.atrAfterPowerOn = true;
          this.stats.resets++;
          this.log(`${this.label}: reset`);
          return;
        case VPCD_CTRL.ATR:
          // Also vpcd's presence probe (every 400 ms, powered or not): always answered, never logged.
          this.stats.atrRequests++;
          this.reply(socket, this.card.atr);
          if (this.atrAfterPowerOn && !this.seen) {
            this.seen = true;
            this.wake();
          }
          return;
        default:
          this.log(`${this.label}: ignoring unknown vpcd control byte ${ctrl.toString(16).padStart(2, '0')}`);
          return;
      }
    }
    this.stats.apdus++;
    let header: string;
    try {
      header = describeCommand(parseCommand(frame));
    } catch {
      header = `malformed APDU (${frame.length} bytes)`;
    }
    let rsp: Uint8Array;
    try {
      rsp = await this.card.transmit(new Uint8Array(frame.buffer, frame.byteOffset, frame.length));
    } catch (e) {
      this.log(`${this.label}: card failed on ${header}: ${(e as Error).message}`);
      rsp = SW_NO_PRECISE_DIAGNOSIS;
    }
    if (rsp.length < 2 || rsp.length > MAX_FRAME) {
      this.log(`${this.label}: card answered ${header} with ${rsp.length} bytes; sending 6F00`);
      rsp = SW_NO_PRECISE_DIAGNOSIS;
    }
    const sw = Buffer.from(rsp.subarray(rsp.length - 2))
      .toString('hex')
      .toUpperCase();
    this.log(`${this.label}: ${header} → ${sw}${rsp.length > 2 ? ` (${rsp.length - 2} bytes)` : ''}`);
    this.reply(socket, rsp);
  }

  private reply(socket: Socket, payload: Uint8Array): void {
    if (socket.destroyed || !socket.writable) return;
    socket.write(encodeFrame(payload));
  }
}

/** Inserts `card` into a vpcd slot and keeps it there until `stop()`. */
export function bridgeCard(opts: BridgeCardOptions): VpcdCardConnection {
  return new VpcdCardConnection(opts).start();
}

export interface BridgeCardsOptions extends Omit<BridgeCardOptions, 'card' | 'port' | 'label'> {
  readonly cards: readonly BridgeableCard[];
  /** Port of slot 0; card i goes to `basePort + i`. Default 35963. */
  readonly basePort?: number;
  /** Terminal labels per card; default `vpcdReaderName(i)`. */
  readonly labels?: readonly string[];
}

/** Several cards in consecutive slots (ports basePort + i), as vpcd lays them out. */
export function bridgeCards(opts: BridgeCardsOptions): VpcdCardConnection[] {
  const { cards, basePort = DEFAULT_VPCD_PORT, labels, ...rest } = opts;
  return cards.map((card, i) =>
    bridgeCard({ ...rest, card, port: basePort + i, label: labels?.[i] ?? vpcdReaderName(i) }),
  );
}
