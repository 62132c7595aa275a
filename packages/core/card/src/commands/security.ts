import { type CommandApdu, SW } from '@myna/apdu';
import { computeSignature, type SignScheme, signInputOk } from '../signing.js';
import { type Answer, type CardContext, ok, sw } from './context.js';

/**
 * The security family: GET CHALLENGE, COMPUTE DIGITAL SIGNATURE, INTERNAL AUTHENTICATE, SET
 * SESSION KEY and SET PUBLIC IC KEY. (EXTERNAL AUTHENTICATE, the sandbox's issuer
 * authentication, is in `admin.ts`.)
 */

/** GET CHALLENGE `00 84 00 00 Le`: Le 1–256 honoured exactly; extended Le → 6985 (card.md §2.4). */
export function getChallenge(card: CardContext, c: CommandApdu): Answer {
  if (c.p1 !== 0 || c.p2 !== 0) return sw(SW.WRONG_P1P2);
  if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
  if (c.extended) return sw(SW.CONDITIONS_NOT_SATISFIED);
  const challenge = card.opts.random.bytes(c.ne);
  card.session.challenge = challenge;
  return ok(challenge);
}

/**
 * COMPUTE DIGITAL SIGNATURE `80 2A P1 P2 Lc data Le`. spec: card.md §4.2: P2 80 = current EF,
 * 80|SFI = key by SFI (97, 9A), 00 = the 券面 AP's own key; P1 = scheme 00–05 (others 6A86);
 * the key's PIN must be verified in this application (6982); bad input length → 6700.
 */
export function computeDigitalSignature(card: CardContext, c: CommandApdu): Answer {
  if (c.p1 > 5) return sw(SW.WRONG_P1P2);
  const key = card.keyTarget(c.p2, true);
  if ('sw' in key) return key;
  if (key.ef.op !== 'sign') return sw(SW.CONDITIONS_NOT_SATISFIED);
  if (!card.allowed(key.ef.use)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  const scheme = c.p1 as SignScheme;
  if (!signInputOk(scheme, c.data.length)) return sw(SW.WRONG_LENGTH);
  if (c.ne === undefined || c.ne < 256) return sw(SW.WRONG_LENGTH);
  const k = card.keys.get(key.ef.key);
  if (!k) return sw(SW.CONDITIONS_NOT_SATISFIED);
  return ok(computeSignature(k, scheme, c.data, card.opts.random));
}

/**
 * INTERNAL AUTHENTICATE `00 88 00 P2`: only the common AP's EF 0019 answers, with a
 * sha256WithRSAEncryption signature over the 1–255-byte challenge (card.md §7). Keys behind a
 * PIN → 6982; the 券面 signing keys → 6985 (card.md §2.4).
 */
export function internalAuthenticate(card: CardContext, c: CommandApdu): Answer {
  if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
  const key = card.keyTarget(c.p2, false);
  if ('sw' in key) return key;
  if (key.ef.op !== 'internal-auth') {
    return sw(card.allowed(key.ef.use) ? SW.CONDITIONS_NOT_SATISFIED : SW.SECURITY_STATUS_NOT_SATISFIED);
  }
  if (c.data.length < 1 || c.data.length > 255) return sw(SW.WRONG_LENGTH);
  if (c.ne === undefined || c.ne < 256) return sw(SW.WRONG_LENGTH);
  const k = card.keys.get(key.ef.key);
  if (!k) return sw(SW.CONDITIONS_NOT_SATISFIED);
  return ok(computeSignature(k, 3, c.data, card.opts.random));
}

/**
 * SET SESSION KEY `80 AE` (kenhojo secure messaging, card.md §5): 66F1 in the common and
 * 券面確認 APs, 6982 in 住基 and before the kenhojo PIN. Secure messaging itself is not
 * emulated yet (docs/faithfulness.md), so a verified kenhojo session gets 6D00.
 */
export function setSessionKey(card: CardContext): Answer {
  const ap = card.session.ap;
  if (ap === 'common' || ap === 'kenkaku') return sw(SW.SET_SESSION_KEY_UNAVAILABLE);
  if (ap === 'juki') return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (ap === 'kenhojo') {
    return sw(card.session.verified.has('kenhojo') ? SW.INS_NOT_SUPPORTED : SW.SECURITY_STATUS_NOT_SATISFIED);
  }
  return sw(SW.INS_NOT_SUPPORTED);
}

/**
 * SET PUBLIC IC KEY `80 A2` (card.md §2.4): these P1P2 are rejected by real cards (6A86);
 * terminal authentication is not emulated, so every other form stops at 6982.
 */
export function setPublicIcKey(_card: CardContext, c: CommandApdu): Answer {
  const p = (c.p1 << 8) | c.p2;
  return sw([0x0000, 0x00ae, 0x8000, 0x00b6].includes(p) ? SW.WRONG_P1P2 : SW.SECURITY_STATUS_NOT_SATISFIED);
}
