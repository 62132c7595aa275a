import type { ApId, PinId } from '../facts.js';

/**
 * The vocabulary of the card's file system: what an EF is and who may use it. Each application
 * declares its own files, keys, PINs and access rules in `ap/<application>/` with these types,
 * as in a card's OS; contents live in the card image.
 *
 * spec: card.md §2.1 (AIDs), §2.2 (EFs under a DF), §3 (key references are internal EFs).
 */

/** Private keys held by the card. */
export type KeyId = 'jpkiAuth' | 'jpkiSign' | 'kenhojoAp' | 'kenkakuAp' | 'commonAuth';

export type Access =
  | { readonly kind: 'always' }
  | { readonly kind: 'never' }
  /** Open once any of these key references was verified in the current application. */
  | { readonly kind: 'pin'; readonly anyOf: readonly PinId[] };

export type EfSpec =
  | { readonly kind: 'binary'; readonly read: Access }
  | { readonly kind: 'record'; readonly read: Access }
  | { readonly kind: 'pin'; readonly pin: PinId }
  | {
      readonly kind: 'key';
      readonly key: KeyId;
      readonly use: Access;
      /** 'sign' = COMPUTE DIGITAL SIGNATURE; 'internal-auth' = INTERNAL AUTHENTICATE. */
      readonly op: 'sign' | 'internal-auth';
    }
  /** An internal EF whose content is never readable (READ → 6981). */
  | { readonly kind: 'internal' };

export interface ApSpec {
  readonly id: ApId;
  readonly aid: Uint8Array;
  /** Japanese name, English beside it. */
  readonly name: string;
  readonly efs: ReadonlyMap<number, EfSpec>;
  /** The key used by `80 2A xx 00` (the 券面 APs' own signing key). */
  readonly ownKey?: KeyId;
}

/** Readable by anyone. */
export const FREE: Access = { kind: 'always' };

/** Open once one of these key references was verified in this application. */
export const pin = (...anyOf: PinId[]): Access => ({ kind: 'pin', anyOf });

/**
 * EFs a sweep of a real card found selectable whose content and purpose are unknown (AokiApp's
 * `constants.ts` lists them as UNKNOWN_xx). They answer SELECT with 9000 and any READ with 6981,
 * the ISO 7816-4 answer for an EF that is not transparent or record data — what the card gives
 * for its other internal EFs (MF 001E, JPKI 0009/0016: card.md §2.2, §2.4). docs/faithfulness.md.
 */
export const UNIDENTIFIED = (fids: readonly number[]): [number, EfSpec][] =>
  fids.map((f) => [f, { kind: 'internal' }]);
