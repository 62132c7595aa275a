import { type ApId, PIN_FID as PIN_FID_TABLE, type PinId } from '../facts.js';
import { COMMON } from './common/index.js';
import { JPKI } from './jpki/index.js';
import { JUKI } from './juki/index.js';
import { KENHOJO } from './kenhojo/index.js';
import { KENKAKU } from './kenkaku/index.js';
import { ISD_AID } from './mf/index.js';
import type { ApSpec } from './types.js';

export { MF_EFS } from './mf/index.js';
/**
 * The card's file system: the five applications, each declared in its own module
 * (`ap/<application>/`: files, keys, PINs and access rules), and the MF.
 *
 * spec: card.md §2.1 (AIDs), §4.1 (JPKI), §5 (券面事項入力補助), §6 (券面確認), §7 (共通, 住基),
 * §2.2 (MF), §12.6 (certificate access).
 */
export type { Access, ApSpec, EfSpec, KeyId } from './types.js';

export const APS: Readonly<Record<ApId, ApSpec>> = {
  jpki: JPKI,
  kenhojo: KENHOJO,
  kenkaku: KENKAKU,
  juki: JUKI,
  common: COMMON,
};

/**
 * Everything `SELECT` by DF name can reach, in the order prefix names match (the five
 * applications, then the ISD). spec: card.md §2.1, §2.2.
 */
export const SELECTABLE: readonly { readonly id: ApId | 'isd'; readonly aid: Uint8Array }[] = [
  ...Object.values(APS).map((a) => ({ id: a.id, aid: a.aid })),
  { id: 'isd', aid: ISD_AID },
];

/** The EF holding each key reference. */
export function pinFid(id: PinId): number {
  return PIN_FID_TABLE[id];
}
