import { AID, EF } from '../../facts.js';
import { type ApSpec, type EfSpec, FREE } from '../types.js';

/**
 * 住基AP (juki): a free key-reference record (EF 0002) and the 住民基本台帳用 PIN (EF 001C,
 * 4 digits, 3 tries). SET SESSION KEY answers 6982 here (spec: card.md §7, §3).
 */
export const JUKI: ApSpec = {
  id: 'juki',
  aid: AID.juki,
  name: '住基AP (resident registry)',
  efs: new Map<number, EfSpec>([
    [EF.juki.keyRef, { kind: 'record', read: FREE }],
    [EF.juki.pin, { kind: 'pin', pin: 'juki' }],
  ]),
};
