import { type CommandApdu, SW, swTriesLeft } from '@myna/apdu';
import { isHolderPin, PIN_RULES, type PinId } from '../facts.js';
import { asciiValue, type PinRecord, verifyTransition } from '../pin.js';
import type { CardEvent, CardEventType } from '../ports.js';
import { type Answer, type CardContext, ok, sw } from './context.js';

/**
 * The verify/change/reset family: VERIFY, CHANGE REFERENCE DATA (`00 24`) and JICSAP CHANGE KEY
 * (`80 32`), and the sandbox's RESET RETRY COUNTER (`00 2C`) and ERASE REFERENCE DATA (`80 2C`).
 * Every PIN record is read and written through `CardStateStore.updatePin`, committed before the
 * card answers (spec: architecture.md "State and durability").
 */

/**
 * VERIFY `00 20 00 P2`. spec: card.md §3, §12.2. No data: report tries without spending one
 * (63Cx, also right after a success; 63C0 when blocked). Data: blocked → 6984; match → 9000 and
 * counter back to full; mismatch → 63Cx with the new count (63C0 for the exhausting try).
 * The failed try is committed to the store before this function returns.
 *
 * A key with no reference data (the signature password of an under-15 card, every holder PIN
 * of a face-authentication card): no data → `6300` (SW1 63 "verification failed", no counter to
 * report); with data → `6A88`. The status query must keep SW1 63: OpenSC's jpki driver fails
 * `SC_PIN_CMD_GET_INFO` on anything else (`card-jpki.c` `jpki_pin_cmd`), and `pkcs15-jpki.c`
 * queries both JPKI PINs while binding, so one unset PIN would make the whole card — the
 * user-authentication key too — unusable in OpenSC, PKCS#11, NSS and browsers. No public trace
 * of a real under-15 or face-authentication card shows this answer (docs/faithfulness.md).
 */
export async function verify(card: CardContext, c: CommandApdu): Promise<Answer> {
  if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
  const target = card.pinTarget(c.p2);
  if ('sw' in target) return target;
  const pin = target.pin;
  const terminal = card.terminal;
  if (c.data.length === 0) {
    const rec = await card.opts.store.readPin(card.id, pin);
    if (rec.value === null) return sw(SW.VERIFICATION_FAILED);
    card.notify([card.event('pin.checked', pin, rec, terminal)]);
    return sw(swTriesLeft(rec.triesLeft));
  }
  const data = c.data.slice();
  const { outcome, events } = await card.opts.store.updatePin(card.id, pin, (cur) => {
    const t = verifyTransition(cur, data);
    const evs: CardEvent[] = [];
    switch (t.outcome.kind) {
      case 'verified':
        evs.push(card.event('pin.verified', pin, t.next, terminal));
        break;
      case 'wrong':
        evs.push(card.event('pin.failed', pin, t.next, terminal));
        if (t.next.triesLeft === 0) evs.push(card.event('pin.blocked', pin, t.next, terminal));
        break;
      case 'refused-blocked':
        evs.push(card.event('pin.refused', pin, t.next, terminal));
        break;
      case 'no-reference-data':
        break;
    }
    const changed = t.next.triesLeft !== cur.triesLeft;
    return { next: changed ? t.next : undefined, events: evs, result: { outcome: t.outcome, events: evs } };
  });
  card.notify(events);
  switch (outcome.kind) {
    case 'verified':
      card.session.verified.add(pin);
      return ok();
    case 'wrong':
      card.session.verified.delete(pin);
      return sw(swTriesLeft(outcome.triesLeft));
    case 'refused-blocked':
      card.session.verified.delete(pin);
      return sw(SW.REFERENCE_BLOCKED);
    case 'no-reference-data':
      return sw(SW.DATA_NOT_FOUND);
  }
}

/**
 * CHANGE REFERENCE DATA `00 24 01 P2` (new value only) and JICSAP CHANGE KEY `80 32 00 P2`
 * (`p1` is the P1 each expects). spec: card.md §9, §12.4: the current value must have been
 * verified in this application (else 6982); a new value breaking the PIN's format → 6A80 and
 * nothing changes. Only the holder's PINs can be changed (not 照合番号A/B or the birth-date
 * key → 6985).
 */
export async function changeReferenceData(card: CardContext, c: CommandApdu, p1: number): Promise<Answer> {
  if (c.p1 !== p1) return sw(SW.WRONG_P1P2);
  const target = card.pinTarget(c.p2);
  if ('sw' in target) return target;
  const pin = target.pin;
  if (c.data.length === 0) return sw(SW.WRONG_LENGTH);
  if (!isHolderPin(pin)) return sw(SW.CONDITIONS_NOT_SATISFIED);
  if (!card.session.verified.has(pin)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  const value = asciiValue(c.data);
  if (value === undefined || !PIN_RULES[pin].check(value)) return sw(SW.WRONG_DATA);
  return writePin(card, pin, value, 'pin.changed');
}

/**
 * RESET RETRY COUNTER `00 2C P1 P2` — sandbox administrative reset (see admin.ts; not the real
 * card's, whose issuer commands are not public: card.md §9). Requires EXTERNAL AUTHENTICATE
 * with the card's issuer key in this session, else 6982. P1 02: new value and a full counter;
 * P1 03: full counter, value kept.
 */
export async function resetRetryCounter(card: CardContext, c: CommandApdu): Promise<Answer> {
  if (!card.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (c.p1 !== 0x02 && c.p1 !== 0x03) return sw(SW.WRONG_P1P2);
  const target = card.pinTarget(c.p2);
  if ('sw' in target) return target;
  const pin = target.pin;
  if (c.p1 === 0x03) {
    if (c.data.length !== 0) return sw(SW.WRONG_LENGTH);
    return writePin(card, pin, null, 'pin.reset');
  }
  if (c.data.length === 0) return sw(SW.WRONG_LENGTH);
  if (!isHolderPin(pin)) return sw(SW.CONDITIONS_NOT_SATISFIED);
  const value = asciiValue(c.data);
  if (value === undefined || !PIN_RULES[pin].check(value)) return sw(SW.WRONG_DATA);
  return writePin(card, pin, value, 'pin.reset');
}

/**
 * ERASE REFERENCE DATA `80 2C 00 P2` — sandbox administrative command (docs/faithfulness.md; not
 * the real card's): removes a holder PIN's reference data (P2 80 = current EF, 80|SFI), as on a
 * face-authentication card (顔認証マイナンバーカード, pin-lifecycle.md §1.3). VERIFY then answers
 * 6300 without data and 6A88 with data until RESET RETRY COUNTER P1 02 sets a value again. Needs issuer authentication (else
 * 6982); only the holder's PINs (else 6985); no data (else 6700).
 */
export async function eraseReferenceData(card: CardContext, c: CommandApdu): Promise<Answer> {
  if (!card.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
  if (c.data.length !== 0) return sw(SW.WRONG_LENGTH);
  const target = card.pinTarget(c.p2);
  if ('sw' in target) return target;
  const pin = target.pin;
  if (!isHolderPin(pin)) return sw(SW.CONDITIONS_NOT_SATISFIED);
  const terminal = card.terminal;
  const events = await card.opts.store.updatePin(card.id, pin, (cur) => {
    const next: PinRecord = { value: null, maxTries: cur.maxTries, triesLeft: cur.maxTries };
    const evs = [card.event('pin.erased', pin, next, terminal)];
    return { next, events: evs, result: evs };
  });
  card.session.verified.delete(pin);
  card.notify(events);
  return ok();
}

/** Sets a new value (or keeps it, for `null`) with a full counter, atomically with its event. */
async function writePin(
  card: CardContext,
  pin: PinId,
  value: string | null,
  type: CardEventType,
): Promise<Answer> {
  const terminal = card.terminal;
  const result = await card.opts.store.updatePin(card.id, pin, (cur) => {
    const newValue = value ?? cur.value;
    if (newValue === null) return { events: [], result: { events: [] as CardEvent[], ok: false } };
    const next: PinRecord = { value: newValue, maxTries: cur.maxTries, triesLeft: cur.maxTries };
    const events = [card.event(type, pin, next, terminal)];
    return { next, events, result: { events, ok: true } };
  });
  card.notify(result.events);
  return sw(result.ok ? SW.OK : SW.DATA_NOT_FOUND);
}
