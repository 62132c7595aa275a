import { AID, EF } from '../../facts.js';
import { type ApSpec, type EfSpec, FREE, pin, UNIDENTIFIED } from '../types.js';

const K = EF.kenkaku;

/**
 * 券面事項確認AP (kenkaku): the age data opens with the 生年月日 key (EF 0011), the card-face
 * image with 照合番号A or B, the 個人番号 image with 照合番号A only; the AP's own signing key
 * (`80 2A xx 00`) is free to use (spec: card.md §6); 001A, 001C and 001E are selectable internal
 * EFs of unknown purpose (AokiApp's sweep).
 */
export const KENKAKU: ApSpec = {
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
    ...UNIDENTIFIED([K.unknown001A, K.unknown001C, K.unknown001E]),
  ]),
};
