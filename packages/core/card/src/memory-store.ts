import type { PinId } from './facts.js';
import type { CardImage } from './image.js';
import type { PinRecord } from './pin.js';
import {
  applyImagePatch,
  type CardEvent,
  type CardStateStore,
  type ImagePatch,
  type PinUpdate,
} from './ports.js';

/**
 * In-memory `CardStateStore` for unit tests, benchmarks and throw-away sandboxes. Each
 * `updatePin` is one synchronous read-modify-write, so it is atomic within the process.
 * Durable adapters (SQLite, PostgreSQL) live in @myna/store.
 */
export class MemoryCardStore implements CardStateStore {
  private readonly cards = new Map<
    string,
    { image: CardImage; pins: Map<PinId, PinRecord>; events: CardEvent[] }
  >();

  async create(image: CardImage): Promise<void> {
    if (this.cards.has(image.id)) throw new Error(`card ${image.id} exists`);
    this.cards.set(image.id, {
      image,
      pins: new Map(Object.entries(image.pins) as [PinId, PinRecord][]),
      events: [],
    });
  }

  async load(cardId: string): Promise<CardImage | undefined> {
    const c = this.cards.get(cardId);
    if (!c) return undefined;
    return { ...c.image, pins: Object.fromEntries(c.pins) as Record<PinId, PinRecord> };
  }

  async readPin(cardId: string, pin: PinId): Promise<PinRecord> {
    return this.get(cardId).pins.get(pin)!;
  }

  async updatePin<T>(cardId: string, pin: PinId, fn: (current: PinRecord) => PinUpdate<T>): Promise<T> {
    const c = this.get(cardId);
    const u = fn(c.pins.get(pin)!);
    if (u.next) c.pins.set(pin, u.next);
    c.events.push(...u.events);
    return u.result;
  }

  async updateImage(cardId: string, patch: ImagePatch, events: readonly CardEvent[]): Promise<void> {
    const c = this.get(cardId);
    c.image = applyImagePatch(c.image, patch);
    c.events.push(...events);
  }

  /** Committed events of a card, oldest first. */
  events(cardId: string): readonly CardEvent[] {
    return this.get(cardId).events;
  }

  private get(cardId: string) {
    const c = this.cards.get(cardId);
    if (!c) throw new Error(`no card with id ${cardId}`);
    return c;
  }
}
