import { type ApId, PIN_FID as PIN_FID_TABLE, type PinId } from '../facts.js';
import type { SecureElement } from '../image.js';
import { COMMON } from './common/index.js';
import { JPKI } from './jpki/index.js';
import { JPKI_PHONE } from './jpki-phone.js';
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

/**
 * The applications of one secure element. A smartphone's (スマホ用電子証明書) carries only the JPKI
 * application, in its phone form (`ap/jpki-phone.ts`): SELECT of any other AID, and of the
 * card's ISD, answers 6A82 (sandbox choice: the phone's own GP ISD is not emulated). spec:
 * card.md §4.1; docs/phone.md.
 */
export function apsOf(element: SecureElement | undefined): Readonly<Partial<Record<ApId, ApSpec>>> {
  return element === 'android' || element === 'iphone' ? { jpki: JPKI_PHONE } : APS;
}

/** What `SELECT` by DF name can reach on one secure element (see `SELECTABLE`, `apsOf`). */
export function selectableOf(
  element: SecureElement | undefined,
): readonly { readonly id: ApId | 'isd'; readonly aid: Uint8Array }[] {
  return element === 'android' || element === 'iphone' ? [{ id: 'jpki', aid: JPKI_PHONE.aid }] : SELECTABLE;
}

/** The EF holding each key reference. */
export function pinFid(id: PinId): number {
  return PIN_FID_TABLE[id];
}
