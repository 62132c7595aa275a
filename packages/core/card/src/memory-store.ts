import { MynaError } from '@myna/errors';
import type { PinId } from './facts.js';
import type { CardImage } from './image.js';
import { isValidPinRecord, type PinRecord } from './pin.js';
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
 * Durable adapters (SQLite, PostgreSQL) live in @myna/store; this one keeps their contract
 * (packages/adapters/store/test/contracts/card-store.contract.ts), errors included: an unknown
 * card is `CARD_NOT_FOUND`; a second card with an id or serial already stored, a missing key
 * reference or an impossible PIN record is `INTERNAL` (details.reason `CARD_EXISTS`, `CONFLICT`,
 * `PIN_NOT_FOUND`, `CORRUPT_DATA`), and nothing is written.
 */
export class MemoryCardStore implements CardStateStore {
  private readonly cards = new Map<
    string,
    { image: CardImage; pins: Map<PinId, PinRecord>; events: CardEvent[] }
  >();

  async create(image: CardImage): Promise<void> {
    if (this.cards.has(image.id))
      throw new MynaError('INTERNAL', { reason: 'CARD_EXISTS', cardId: image.id });
    if ([...this.cards.values()].some((c) => c.image.serial === image.serial))
      throw new MynaError('INTERNAL', { reason: 'CONFLICT' });
    const pins = Object.entries(image.pins) as [PinId, PinRecord][];
    for (const [, rec] of pins) checkRecord(rec);
    this.cards.set(image.id, { image, pins: new Map(pins), events: [] });
  }

  async load(cardId: string): Promise<CardImage | undefined> {
    const c = this.cards.get(cardId);
    if (!c) return undefined;
    return { ...c.image, pins: Object.fromEntries(c.pins) as Record<PinId, PinRecord> };
  }

  async readPin(cardId: string, pin: PinId): Promise<PinRecord> {
    return this.pinOf(cardId, pin);
  }

  async updatePin<T>(cardId: string, pin: PinId, fn: (current: PinRecord) => PinUpdate<T>): Promise<T> {
    const c = this.get(cardId);
    const u = fn(this.pinOf(cardId, pin));
    if (u.next) {
      checkRecord(u.next);
      c.pins.set(pin, u.next);
    }
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
    if (!c) throw new MynaError('CARD_NOT_FOUND', { reason: 'CARD_NOT_FOUND', cardId });
    return c;
  }

  private pinOf(cardId: string, pin: PinId): PinRecord {
    const rec = this.get(cardId).pins.get(pin);
    if (!rec) throw new MynaError('INTERNAL', { reason: 'PIN_NOT_FOUND', cardId, pin });
    return rec;
  }
}

function checkRecord(r: PinRecord): void {
  if (!isValidPinRecord(r)) throw new MynaError('INTERNAL', { reason: 'CORRUPT_DATA' });
}
