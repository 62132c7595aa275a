import { EF } from '../facts.js';
import { JPKI } from './jpki/index.js';
import { type ApSpec, type EfSpec, pin } from './types.js';

/**
 * The JPKI application of a smartphone's secure element (スマホ用電子証明書): the same files,
 * keys and PINs as the card's (spec: card.md §4.1), with the one difference the public sources
 * show: reading the user-authentication certificate (EF 000A) needs the user-authentication PIN
 * first. jpki/myna's `jpki cert auth` verifies EF 0018 before reading when the token is
 * `JPKIAPGPSETOKEN` (src/cli.rs `run_jpki_cert`, test `test_read_auth_cert_gpse_token` in
 * src/jpki.rs); its issue #6 is the crash of an older version that read EF 000A without it.
 * A read before the PIN answers 6982, as the card's signature certificate does.
 */
export const JPKI_PHONE: ApSpec = {
  ...JPKI,
  name: '公的個人認証AP (JPKI, スマホ用電子証明書)',
  efs: new Map<number, EfSpec>([...JPKI.efs, [EF.jpki.authCert, { kind: 'binary', read: pin('auth') }]]),
};
