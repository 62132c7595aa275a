import { type CardEventListener, type CardStateStore, VirtualCard } from '@myna/card';
import { InProcessTransport, MynaCardClient, type Transport } from '@myna/client';
import type { Clock, Random } from '@myna/ports';

/**
 * How services reach a card: like a terminal, by inserting it into a reader and sending APDUs.
 * A connector yields a `Transport` to the card labelled with the terminal; the services then
 * drive it with the client SDK. The in-process connector opens the virtual card from its store;
 * the server's will reach a card held elsewhere.
 */
export interface CardConnector {
  connect(cardId: string, terminal: string): Promise<Transport & { close(): Promise<void> }>;
}

export class InProcessConnector implements CardConnector {
  constructor(
    private readonly deps: {
      cards: CardStateStore;
      random: Random;
      clock: Clock;
      onEvent?: CardEventListener;
    },
  ) {}

  async connect(cardId: string, terminal: string): Promise<Transport & { close(): Promise<void> }> {
    const { cards, random, clock, onEvent } = this.deps;
    const card = await VirtualCard.open(cardId, {
      store: cards,
      random,
      clock,
      terminal,
      ...(onEvent ? { onEvent } : {}),
    });
    card.powerOn(terminal);
    const t = new InProcessTransport(card, terminal);
    return Object.assign(t, {
      close: async () => {
        card.powerOff();
      },
    });
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
