import type { KeyId } from './ap/types.js';
import type { AtrProfileName } from './atr.js';
import type { ApId, PinId } from './facts.js';
import type { PinRecord } from './pin.js';

/**
 * A card's persistent image: everything personalisation wrote, plus the PIN records whose
 * counters change. Produced by `personalize()`, kept by a `CardStateStore`.
 */
export interface CardImage {
  readonly format: 1;
  /** Sandbox identifier (not printed on the card). */
  readonly id: string;
  /** 15-digit card serial (共通AP EF 0001). */
  readonly serial: string;
  /** Binary EF contents, or records for record EFs, per application and FID. */
  readonly files: Readonly<Record<ApId, Readonly<Record<number, Uint8Array | readonly Uint8Array[]>>>>;
  /** GET DATA objects at MF level, keyed by tag (e.g. 0x5F51). */
  readonly getData: Readonly<Record<number, Uint8Array>>;
  /** Private keys, PKCS#8 DER. A key absent here (e.g. no signature key under 15) makes its EF unusable. */
  readonly keys: Readonly<Partial<Record<KeyId, Uint8Array>>>;
  readonly pins: Readonly<Record<PinId, PinRecord>>;
  /** Per-card issuer key for the sandbox's administrative channel (EXTERNAL AUTHENTICATE). 32 bytes. */
  readonly adminKey: Uint8Array;
  /**
   * The ATR/protocol profile chosen at issuance (atr.ts). Absent: `contact` (images written
   * before profiles existed read the same as before).
   */
  readonly atr?: AtrProfileName;
  /**
   * What kind of secure element answers: the card itself (absent or `card`), or a smartphone's
   * secure element carrying only the JPKI application (スマホ用電子証明書; spec: card.md §4.1 EF 0006
   * tokens, docs/phone.md): `android` (GP-SE, token `JPKIAPGPSETOKEN`) or `iphone` (`JPKIAPIOSTOKEN`).
   */
  readonly element?: SecureElement | undefined;
}

/** The secure elements the sandbox emulates. */
export type SecureElement = 'card' | 'android' | 'iphone';

/** Whether an image is a smartphone's secure element (スマホ用電子証明書) rather than a card. */
export function isPhoneElement(image: Pick<CardImage, 'element'>): boolean {
  return image.element === 'android' || image.element === 'iphone';
}

/** JSON-safe form for adapters that store text (bytes as base64). */
export function serializeImage(image: CardImage): string {
  return JSON.stringify(image, (_k, v) =>
    v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v,
  );
}

export function deserializeImage(json: string): CardImage {
  return JSON.parse(json, (_k, v) =>
    v && typeof v === 'object' && typeof v.$b64 === 'string' && Object.keys(v).length === 1
      ? new Uint8Array(Buffer.from(v.$b64, 'base64'))
      : v,
  ) as CardImage;
}
