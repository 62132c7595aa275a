import { randomBytes } from 'node:crypto';
import { type CardEventListener, type CardSessionState, type CardStateStore, VirtualCard } from '@myna/card';
import { MynaCardClient, type Transport } from '@myna/client';
import { MynaError } from '@myna/errors';
import type { Clock, Random } from '@myna/ports';

/**
 * How long a card lease lasts without renewal (real time, not sandbox time). A terminal that
 * uses the card renews it on every APDU (at most every third of this), a remote session also on
 * each WebSocket pong; a terminal that vanished frees the card after this long.
 */
export const CARD_LEASE_MS = 30_000;

export type LeaseAnswer = { readonly ok: true } | { readonly ok: false; readonly terminal: string };

/**
 * A card sits in one terminal at a time, as in one reader: the lease port.
 * The server implements it in its database (so it holds across instances); `MemoryCardLeases`
 * keeps it in this process.
 */
export interface CardLeases {
  /** Takes or renews the card for `holder`; answers the holding terminal when another has it. */
  acquire(l: {
    readonly cardId: string;
    readonly terminal: string;
    readonly holder: string;
    readonly ttlMs: number;
  }): Promise<LeaseAnswer>;
  release(cardId: string, holder: string): Promise<void>;
}

export class MemoryCardLeases implements CardLeases {
  private readonly leases = new Map<string, { terminal: string; holder: string; expiresAtMs: number }>();

  async acquire(l: {
    readonly cardId: string;
    readonly terminal: string;
    readonly holder: string;
    readonly ttlMs: number;
  }): Promise<LeaseAnswer> {
    const now = Date.now();
    const cur = this.leases.get(l.cardId);
    if (cur && cur.holder !== l.holder && cur.expiresAtMs > now) return { ok: false, terminal: cur.terminal };
    this.leases.set(l.cardId, { terminal: l.terminal, holder: l.holder, expiresAtMs: now + l.ttlMs });
    return { ok: true };
  }

  async release(cardId: string, holder: string): Promise<void> {
    if (this.leases.get(cardId)?.holder === holder) this.leases.delete(cardId);
  }
}

/** A card in a terminal's reader: APDUs, warm reset, and the lease that keeps it there. */
export interface CardSession extends Transport {
  /** The card's ATR (answered at power-on). */
  readonly atr: Uint8Array;
  /** Warm reset: the card session (current DF, verified PINs) is cleared; answers the ATR. */
  reset(): Promise<Uint8Array>;
  /** Renews the lease now (a sign of life other than an APDU); CARD_IN_USE if it was lost. */
  renew(): Promise<void>;
  /** Removes the card: the session ends and the lease is released. */
  close(): Promise<void>;
  /**
   * Lets go of the card in this process but not of the lease: answers the card session, which
   * `connect(…, { holder, session })` takes up again (in any instance). Later calls fail.
   */
  detach(): CardSessionState;
}

export interface ConnectOptions {
  /** Who holds the lease (default: this connection alone). */
  readonly holder?: string;
  /** Lease time without renewal (default CARD_LEASE_MS). */
  readonly leaseMs?: number;
  /** A card session let go of by `detach()`: taken up instead of a fresh one (same holder). */
  readonly session?: CardSessionState;
}

/**
 * How services reach a card: like a terminal, by inserting it into a reader and sending APDUs.
 * A connector yields a `CardSession` on the card labelled with the terminal; the services then
 * drive it with the client SDK. Inserting takes the card's lease: a card held by another
 * terminal answers CARD_IN_USE (naming that terminal) before any APDU, so nothing is spent.
 */
export interface CardConnector {
  connect(cardId: string, terminal: string, opts?: ConnectOptions): Promise<CardSession>;
}

export class InProcessConnector implements CardConnector {
  constructor(
    private readonly deps: {
      cards: CardStateStore;
      random: Random;
      clock: Clock;
      onEvent?: CardEventListener;
      /** Default: leases in this process. */
      leases?: CardLeases;
    },
  ) {}

  private readonly ownLeases = new MemoryCardLeases();

  async connect(cardId: string, terminal: string, opts: ConnectOptions = {}): Promise<CardSession> {
    const { cards, random, clock, onEvent } = this.deps;
    const leases = this.deps.leases ?? this.ownLeases;
    const holder = opts.holder ?? randomBytes(12).toString('hex');
    const ttlMs = opts.leaseMs ?? CARD_LEASE_MS;
    let renewedAt = 0;
    let closed = false;
    const renew = async (force: boolean) => {
      const now = Date.now();
      if (!force && now - renewedAt < ttlMs / 3) return;
      const r = await leases.acquire({ cardId, terminal, holder, ttlMs });
      if (!r.ok) throw new MynaError('CARD_IN_USE', { terminal: r.terminal });
      renewedAt = now;
    };
    await renew(true);
    let card: VirtualCard;
    try {
      card = await VirtualCard.open(cardId, {
        store: cards,
        random,
        clock,
        terminal,
        ...(onEvent ? { onEvent } : {}),
      });
    } catch (e) {
      await leases.release(cardId, holder);
      throw e;
    }
    // The image was read just now, under the lease: the first APDU need not read it again.
    const atr = card.powerOn(terminal, { imageCurrent: true });
    if (opts.session) card.resumeSession(opts.session);
    return {
      label: terminal,
      atr,
      async transmit(apdu) {
        if (closed) throw new MynaError('TRANSPORT_ERROR', { transport: terminal, reason: 'card removed' });
        await renew(false);
        try {
          return await card.transmit(apdu);
        } catch (e) {
          throw new MynaError('TRANSPORT_ERROR', { transport: terminal }, { cause: e });
        }
      },
      async reset() {
        await renew(false);
        return card.reset();
      },
      renew: () => renew(true),
      detach() {
        closed = true;
        const state = card.suspendSession();
        card.powerOff();
        return state;
      },
      async close() {
        if (closed) return;
        closed = true;
        card.powerOff();
        await leases.release(cardId, holder);
      },
    };
  }
}

/** Runs `fn` with a client on the card in `terminal`, removing the card afterwards. */
export async function withCard<T>(
  connector: CardConnector,
  cardId: string,
  terminal: string,
  fn: (client: MynaCardClient) => Promise<T>,
): Promise<T> {
  const t = await connector.connect(cardId, terminal);
  try {
    return await fn(new MynaCardClient(t));
  } finally {
    await t.close();
  }
}
