import { AID, EF } from '../../facts.js';
import { type ApSpec, type EfSpec, FREE, pin, UNIDENTIFIED } from '../types.js';

const J = EF.jpki;

/**
 * 公的個人認証AP (JPKI): the two certificates with their CA certificates, token info, the
 * user-authentication key (behind the 4-digit PIN, EF 0018) and the signature key (behind the
 * signature password, EF 001B). The signature certificate is readable only after the signature
 * password (spec: card.md §4.1, §12.6); EF 0009 and 0016 are internal, and so are the EFs
 * AokiApp's sweep found selectable with no known content (0005, 0010, 0019, 001C, 001E).
 */
export const JPKI: ApSpec = {
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
    ...UNIDENTIFIED([J.unknown0005, J.unknown0010, J.unknown0019, J.unknown001C, J.unknown001E]),
  ]),
};
