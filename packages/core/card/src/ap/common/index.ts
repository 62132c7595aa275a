import { AID, EF } from '../../facts.js';
import { type ApSpec, type EfSpec, FREE } from '../types.js';

/**
 * 共通カードAP (common, 本人確認業務用): the card serial record (`00 B2 01 0C 00`), a key
 * reference record, the INTERNAL AUTHENTICATE key (EF 0019, the only key that answers `00 88`)
 * and the 本人確認業務用 PIN (EF 001C) (spec: card.md §7, §2.4).
 */
export const COMMON: ApSpec = {
  id: 'common',
  aid: AID.common,
  name: '共通カードAP (common card)',
  efs: new Map<number, EfSpec>([
    [EF.common.serial, { kind: 'record', read: FREE }],
    [EF.common.keyRef, { kind: 'record', read: FREE }],
    [EF.common.authKey, { kind: 'key', key: 'commonAuth', use: FREE, op: 'internal-auth' }],
    [EF.common.pin, { kind: 'pin', pin: 'common' }],
  ]),
};
