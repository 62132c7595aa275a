import type { KeyId } from './ap/types.js';
import type { ApId, PinId } from './facts.js';
import type { CardImage } from './image.js';
import type { PinRecord } from './pin.js';

/**
 * Ports: the only ways the pure card reaches the outside world. Adapters (in-memory here;
 * SQLite and PostgreSQL in @myna/store) implement them.
 */

export type CardEventType =
  | 'pin.checked'
  | 'pin.verified'
  | 'pin.failed'
  | 'pin.blocked'
  | 'pin.refused'
  | 'pin.changed'
  | 'pin.reset'
  /** Reference data removed by the sandbox's ERASE REFERENCE DATA (`80 2C`, admin only). */
  | 'pin.erased'
  | 'admin.authenticated'
  | 'admin.failed'
  | 'admin.written';

/** One PIN-relevant event. Never carries a PIN value. */
export interface CardEvent {
  readonly type: CardEventType;
  readonly cardId: string;
  readonly pin?: PinId;
  readonly triesLeft?: number;
  readonly maxTries?: number;
  /** For `admin.written`: what was replaced (never its content). */
  readonly target?: string;
  /** Label of the terminal (reader, kiosk, app…) that sent the APDU. */
  readonly terminal: string;
  readonly at: string;
}

/** The result of a read-modify-write on one key reference. */
export interface PinUpdate<T> {
  /** New state to persist, or undefined to leave it unchanged. */
  readonly next?: PinRecord | undefined;
  /** Events to persist atomically with `next`. */
  readonly events: readonly CardEvent[];
  readonly result: T;
}

/**
 * Durable card state. Contract (spec: architecture.md "State and durability"):
 * - `updatePin` runs `fn` on the *current* stored record inside one serialised transaction per
 *   card (BEGIN IMMEDIATE / SELECT … FOR UPDATE) and resolves only after `next` and `events`
 *   are committed. The card answers the APDU after that, so a crash can lose an answer but
 *   never an attempt.
 * - `fn` is pure and may be re-run if the adapter retries a transaction.
 */
export interface CardStateStore {
  /** Writes a freshly personalised card. Fails if the id exists. */
  create(image: CardImage): Promise<void>;
  /** The card's persistent image with its current PIN records; undefined if unknown. */
  load(cardId: string): Promise<CardImage | undefined>;
  readPin(cardId: string, pin: PinId): Promise<PinRecord>;
  updatePin<T>(cardId: string, pin: PinId, fn: (current: PinRecord) => PinUpdate<T>): Promise<T>;
  /**
   * Replaces files and keys of the image (the sandbox's administrative WRITE EF / PUT KEY),
   * atomically with the event, resolving after commit. Other card objects of the same card see
   * the change at their next power-on.
   */
  updateImage(cardId: string, patch: ImagePatch, events: readonly CardEvent[]): Promise<void>;
}

/** New contents for some EFs and keys of a card image. A key of `null` removes it. */
export interface ImagePatch {
  readonly files?: readonly { readonly ap: ApId; readonly fid: number; readonly content: Uint8Array }[];
  readonly keys?: readonly { readonly key: KeyId; readonly pkcs8: Uint8Array | null }[];
}

/** Applies a patch to an image (shared by every store adapter). */
export function applyImagePatch(image: CardImage, patch: ImagePatch): CardImage {
  const files = { ...image.files } as Record<ApId, Record<number, Uint8Array | readonly Uint8Array[]>>;
  for (const f of patch.files ?? []) files[f.ap] = { ...files[f.ap], [f.fid]: f.content };
  const keys: Partial<Record<KeyId, Uint8Array>> = { ...image.keys };
  for (const k of patch.keys ?? []) {
    if (k.pkcs8) keys[k.key] = k.pkcs8;
    else delete keys[k.key];
  }
  return { ...image, files, keys };
}

/** Live listener for events after they are committed (logs, WebSocket streams). */
export type CardEventListener = (event: CardEvent) => void;
