import { AID, EF } from '../../facts.js';
import { type ApSpec, type EfSpec, FREE, pin, UNIDENTIFIED } from '../types.js';

const H = EF.kenhojo;

/**
 * 券面事項入力補助AP (kenhojo): the 個人番号 (EF 0001) opens with the 4-digit PIN or 照合番号A,
 * the 基本4情報 (EF 0002) with the PIN or 照合番号B; the AP's own signing key (`80 2A xx 00`) is
 * free to use. EF 0012 is a key reference blocked at issuance (spec: card.md §5, §3); 0010, 001C
 * and 001E are selectable internal EFs of unknown purpose (AokiApp's sweep).
 */
export const KENHOJO: ApSpec = {
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
    ...UNIDENTIFIED([H.unknown0010, H.unknown001C, H.unknown001E]),
  ]),
};
