import { EF, type HolderPinId, PIN_IDS, PIN_RULES, type PinId } from '../facts.js';
import type { CardImage } from '../image.js';
import type { PinRecord } from '../pin.js';
import { type KeyAndCertificate, PersonalizationError } from './index.js';
import { certAvailabilityEf, tokenInfoEf } from './jpki.js';

/**
 * Personalisation of a smartphone's secure element (スマホ用電子証明書): only the JPKI application,
 * with the phone's own key pairs and certificates (issued by the authority from the holder's
 * card, docs/phone.md) and the phone's own two passwords with their own counters.
 *
 * spec: card.md §4.1 (EF 0006 token labels: `JPKIAPGPSETOKEN` Android GP-SE, `JPKIAPIOSTOKEN`
 * iPhone); pin-lifecycle.md §1.4 (separate passwords). The formats and try limits of the two
 * passwords are the card's (4 digits / 3 tries; 6–16 A–Z0–9 / 5 tries): a sandbox choice, see
 * docs/phone.md.
 */
export type PhoneElement = 'android' | 'iphone';

/** EF 0006 token label per platform (card.md §4.1; jpki/myna src/jpki.rs tests). */
export const PHONE_TOKEN: Readonly<Record<PhoneElement, string>> = {
  android: 'JPKIAPGPSETOKEN',
  iphone: 'JPKIAPIOSTOKEN',
};

export interface PhoneProfile {
  readonly id: string;
  /** 15 digits: the element's serial (the sandbox draws it; the real value is not public). */
  readonly serial: string;
  readonly element: PhoneElement;
  readonly pins: { readonly auth: string; readonly sign: string };
  readonly jpki: {
    readonly auth: KeyAndCertificate;
    readonly sign: KeyAndCertificate;
    readonly authCaCertificate: Uint8Array;
    readonly signCaCertificate: Uint8Array;
  };
  /** 32-byte issuer key of the sandbox's administrative channel. */
  readonly adminKey: Uint8Array;
  readonly initialTries?: Readonly<Partial<Record<'auth' | 'sign', number>>>;
}

/** The PINs a phone element holds: its two passwords. */
export const PHONE_PIN_IDS: readonly HolderPinId[] = ['auth', 'sign'];

export function personalizePhone(p: PhoneProfile): CardImage {
  if (!/^[0-9]{15}$/.test(p.serial)) throw new PersonalizationError('serial', '15 digits');
  if (p.adminKey.length !== 32) throw new PersonalizationError('adminKey', '32 bytes');
  if (!PIN_RULES.auth.check(p.pins.auth)) throw new PersonalizationError('pins.auth', PIN_RULES.auth.rule);
  if (!PIN_RULES.sign.check(p.pins.sign)) throw new PersonalizationError('pins.sign', PIN_RULES.sign.rule);
  for (const [id, t] of Object.entries(p.initialTries ?? {})) {
    const max = PIN_RULES[id as 'auth' | 'sign'].maxTries;
    if (!Number.isInteger(t) || t < 0 || t > max)
      throw new PersonalizationError(`initialTries.${id}`, `0..${max}`);
  }
  const pins = Object.fromEntries(
    PIN_IDS.map((id): [PinId, PinRecord] => {
      const maxTries = PIN_RULES[id].maxTries;
      if (id === 'auth' || id === 'sign')
        return [id, { value: p.pins[id], maxTries, triesLeft: p.initialTries?.[id] ?? maxTries }];
      // Key references of applications the phone does not carry: no reference data, unreachable.
      return [id, { value: null, maxTries, triesLeft: maxTries }];
    }),
  ) as Record<PinId, PinRecord>;
  const J = EF.jpki;
  return {
    format: 1,
    id: p.id,
    serial: p.serial,
    element: p.element,
    adminKey: p.adminKey,
    keys: { jpkiAuth: p.jpki.auth.privateKeyPkcs8, jpkiSign: p.jpki.sign.privateKeyPkcs8 },
    pins,
    files: {
      jpki: {
        [J.signCert]: p.jpki.sign.certificate,
        [J.signCaCert]: p.jpki.signCaCertificate,
        [J.tokenInfo]: tokenInfoEf(p.serial, PHONE_TOKEN[p.element]),
        [J.certAvailability]: certAvailabilityEf(true, true),
        [J.authCert]: p.jpki.auth.certificate,
        [J.authCaCert]: p.jpki.authCaCertificate,
      },
      kenhojo: {},
      kenkaku: {},
      juki: {},
      common: {},
    },
    getData: {},
  };
}
