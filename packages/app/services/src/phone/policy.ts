import { jstDateOf } from '@myna/calendar';
import { PIN_RULES } from '@myna/card/facts';
import { MynaError } from '@myna/errors';
import type { CardRecord, CertificateKind, CertificateRecord } from '../ports.js';
import type { PhonePlatform, PhoneRecord } from './ports.js';

/**
 * The smartphone certificates' preconditions as pure rules (docs/phone.md): which password must
 * be known, the card's state, the certificates' validity, the platforms' start dates and the
 * passwords' formats. `MynaPortalPhone` gathers the records and calls these before any try is
 * spent; nothing here reads a store or an element. Each rule throws the catalog error a holder sees.
 */

/** Service start per platform (JST dates): Android 2023-05-11, iPhone 2025-06-24 (docs/phone.md). */
export const PHONE_SERVICE_START: Readonly<Record<PhonePlatform, string>> = {
  android: '2023-05-11',
  iphone: '2025-06-24',
};

/** The catalog error of a phone precondition (`409 PHONE_PRECONDITION`, with its reason). */
export const phonePrecondition = (reason: string, extra: Record<string, string | number | boolean> = {}) =>
  new MynaError('PHONE_PRECONDITION', { reason, ...extra });

/** The platform's service has started on the JST day of `now` (`platform-not-yet-available`). */
export function requirePlatformAvailable(platform: PhonePlatform, now: Date): void {
  const from = PHONE_SERVICE_START[platform];
  if (jstDateOf(now) < from) throw phonePrecondition('platform-not-yet-available', { platform, from });
}

/**
 * A new phone password, as the element stores it (the signature password in upper case), if it
 * follows the card's rule (`PIN_FORMAT` with `element: 'phone'` otherwise). The phone's rules are
 * the card's (the sandbox's choice, docs/phone.md: no source gives the phone's own).
 */
export function phonePinValue(pin: 'auth' | 'sign', value: string): string {
  // The signature password is kept in upper case; the user-auth one is digits, unchanged by it.
  const v = value.toUpperCase();
  if (!PIN_RULES[pin].check(v))
    throw new MynaError('PIN_FORMAT', { pin, rule: PIN_RULES[pin].rule, element: 'phone' });
  return v;
}

/** Both new passwords of an issuance, user-auth first (the order of the errors). */
export function phonePinValues(pins: { readonly auth: string; readonly sign: string }): {
  auth: string;
  sign: string;
} {
  return { auth: phonePinValue('auth', pins.auth), sign: phonePinValue('sign', pins.sign) };
}

/** The card is neither suspended (`CARD_SUSPENDED`) nor abolished (`CARD_ABOLISHED`). */
export function requireActiveCard(card: CardRecord): void {
  if (card.status === 'suspended') throw new MynaError('CARD_SUSPENDED', { cardId: card.id });
  if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: card.id });
}

/** Whether a certificate is good and `now` lies within its validity (both ends included). */
export function withinValidity(c: CertificateRecord, now: Date): boolean {
  const t = now.getTime();
  return c.status === 'good' && t >= Date.parse(c.notBefore) && t <= Date.parse(c.notAfter);
}

/**
 * The card's signature certificate that issuance (and the phone signature password's reset) rests
 * on: good and within validity (`card-sign-certificate-invalid` otherwise — under-15 cards, face
 * authentication cards, a revoked or expired one).
 */
export function validCardSignCertificate(certs: readonly CertificateRecord[], now: Date): CertificateRecord {
  const good = certs.find((c) => c.kind === 'sign' && withinValidity(c, now));
  if (!good) throw phonePrecondition('card-sign-certificate-invalid');
  return good;
}

/**
 * The end of the phone's certificates: the card's signature certificate's own end. Observed:
 * "スマホ用電子証明書の有効期限は、カード本体の電子証明書の有効期限を準用します" (ITmedia 2023-05-15,
 * docs/phone.md); the card's certificates already end at the 5th birthday or the card's expiry.
 */
export function phoneCertificateNotAfter(cardSign: CertificateRecord): Date {
  return new Date(cardSign.notAfter);
}

/** The phone is registered as active (`phone-revoked` otherwise). */
export function requireActivePhone(p: PhoneRecord): void {
  if (p.status !== 'active') throw phonePrecondition('phone-revoked');
}

/**
 * The phone's certificate for the password being reset: its current (not revoked) one is good
 * and not past its end (`phone-certificate-invalid` with the certificate otherwise).
 */
export function phoneCertificateForReset(
  certs: readonly CertificateRecord[],
  kind: CertificateKind,
  now: Date,
): CertificateRecord {
  const own = certs.find((c) => c.kind === kind && c.status !== 'revoked');
  if (!own || !withinValidity(own, now))
    throw phonePrecondition('phone-certificate-invalid', { certificate: kind });
  return own;
}

/** Whether the phone can log in now: active, its user-auth certificate good and within validity. */
export function phoneUsable(p: PhoneRecord, certs: readonly CertificateRecord[], now: Date): boolean {
  const auth = certs.find((c) => c.kind === 'auth' && c.status !== 'revoked');
  return p.status === 'active' && auth !== undefined && withinValidity(auth, now);
}
