import { AID, type ApId, EF, PIN_FID as PIN_FID_TABLE, type PinId } from './facts.js';

/**
 * The card's file system: applications (DF names), their EFs and the access rule of each.
 * Contents live in the card image; the structure and rules live here, as in a card's OS.
 *
 * spec: card.md §2.1 (AIDs), §4.1 (JPKI), §5 (券面事項入力補助), §6 (券面確認), §7 (共通, 住基),
 * §2.2 (MF), §12.6 (certificate access).
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

const FREE: Access = { kind: 'always' };
const pin = (...anyOf: PinId[]): Access => ({ kind: 'pin', anyOf });

const J = EF.jpki;
const H = EF.kenhojo;
const K = EF.kenkaku;

export const APS: Readonly<Record<ApId, ApSpec>> = {
  jpki: {
    id: 'jpki',
    aid: AID.jpki,
    name: '公的個人認証AP (JPKI)',
    efs: new Map<number, EfSpec>([
      [J.signCert, { kind: 'binary', read: pin('sign') }],
      [J.signCaCert, { kind: 'binary', read: FREE }],
      [J.tokenInfo, { kind: 'binary', read: FREE }],
      [J.certAvailability, { kind: 'binary', read: FREE }],
      [J.protected0009, { kind: 'internal' }],
      [J.authCert, { kind: 'binary', read: FREE }],
      [J.authCaCert, { kind: 'binary', read: FREE }],
      [J.terminalCaKeyRef, { kind: 'internal' }],
      [J.authKey, { kind: 'key', key: 'jpkiAuth', use: pin('auth'), op: 'sign' }],
      [J.authPin, { kind: 'pin', pin: 'auth' }],
      [J.signKey, { kind: 'key', key: 'jpkiSign', use: pin('sign'), op: 'sign' }],
      [J.signPin, { kind: 'pin', pin: 'sign' }],
    ]),
  },
  kenhojo: {
    id: 'kenhojo',
    aid: AID.kenhojo,
    name: '券面事項入力補助AP (card-info input support)',
    ownKey: 'kenhojoAp',
    efs: new Map<number, EfSpec>([
      [H.myNumber, { kind: 'binary', read: pin('kenhojo', 'kenhojoA') }],
      [H.basicFour, { kind: 'binary', read: pin('kenhojo', 'kenhojoB') }],
      [H.integrity, { kind: 'binary', read: pin('kenhojo', 'kenhojoA', 'kenhojoB') }],
      [H.cvCert, { kind: 'binary', read: FREE }],
      [H.apInfo, { kind: 'binary', read: FREE }],
      [H.sessionKey, { kind: 'binary', read: pin('kenhojo', 'kenhojoA', 'kenhojoB') }],
      [H.signedApKey, { kind: 'binary', read: pin('kenhojo', 'kenhojoA', 'kenhojoB') }],
      [H.unknown0008, { kind: 'binary', read: FREE }],
      [H.pin, { kind: 'pin', pin: 'kenhojo' }],
      [H.blocked, { kind: 'pin', pin: 'kenhojoBlocked' }],
      [H.apKey, { kind: 'key', key: 'kenhojoAp', use: FREE, op: 'sign' }],
      [H.collationA, { kind: 'pin', pin: 'kenhojoA' }],
      [H.collationB, { kind: 'pin', pin: 'kenhojoB' }],
    ]),
  },
  kenkaku: {
    id: 'kenkaku',
    aid: AID.kenkaku,
    name: '券面事項確認AP (card-face confirmation)',
    ownKey: 'kenkakuAp',
    efs: new Map<number, EfSpec>([
      [K.age, { kind: 'binary', read: pin('kenkakuBirth') }],
      [K.face, { kind: 'binary', read: pin('kenkakuA', 'kenkakuB') }],
      [K.apInfo, { kind: 'binary', read: FREE }],
      [K.cvCert, { kind: 'binary', read: FREE }],
      [K.myNumberImage, { kind: 'binary', read: pin('kenkakuA') }],
      [K.unknown0006, { kind: 'binary', read: FREE }],
      [K.birthKey, { kind: 'pin', pin: 'kenkakuBirth' }],
      [K.collationB, { kind: 'pin', pin: 'kenkakuB' }],
      [K.collationA, { kind: 'pin', pin: 'kenkakuA' }],
    ]),
  },
  juki: {
    id: 'juki',
    aid: AID.juki,
    name: '住基AP (resident registry)',
    efs: new Map<number, EfSpec>([
      [EF.juki.keyRef, { kind: 'record', read: FREE }],
      [EF.juki.pin, { kind: 'pin', pin: 'juki' }],
    ]),
  },
  common: {
    id: 'common',
    aid: AID.common,
    name: '共通カードAP (common card)',
    efs: new Map<number, EfSpec>([
      [EF.common.serial, { kind: 'record', read: FREE }],
      [EF.common.keyRef, { kind: 'record', read: FREE }],
      [EF.common.authKey, { kind: 'key', key: 'commonAuth', use: FREE, op: 'internal-auth' }],
      [EF.common.pin, { kind: 'pin', pin: 'common' }],
    ]),
  },
};

/** EFs directly under the MF (spec: card.md §2.2: only EF 001E, selectable, READ → 6981). */
export const MF_EFS: ReadonlyMap<number, EfSpec> = new Map<number, EfSpec>([
  [EF.mf.internal001E, { kind: 'internal' }],
]);

/** The EF holding each key reference. */
export function pinFid(id: PinId): number {
  return PIN_FID_TABLE[id];
}
