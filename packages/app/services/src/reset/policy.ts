import { PIN_RULES } from '@myna/card/facts';
import { MynaError } from '@myna/errors';
import { readSignCertificateHolder } from '@myna/pki';
import type { CardRecord, CertificateKind, CertificateRecord, ResidentRecord } from '../ports.js';
import {
  kioskInService,
  RESERVATION_VALIDITY_MS,
  type ResettableCertPin,
  type StoreChainId,
  storeChain,
} from './chains.js';
import type {
  CounterProcedure,
  ProcedureKind,
  Reservation,
  StaffAccount,
  StaffSessionRecord,
} from './ports.js';

/**
 * The authority's reset policy as pure rules (pin-lifecycle.md §§2–5): which PIN a channel may
 * reset and when. The channel modules (`reset/authority/`) gather the records and call these;
 * nothing here reads a store or the card. Each rule throws the catalog error a holder sees.
 */

/** The "other" PIN: the user-auth PIN resets the signature password and vice versa (§2.2). */
export function otherPin(pin: ResettableCertPin): ResettableCertPin {
  return pin === 'sign' ? 'auth' : 'sign';
}

/** Whether the signature certificate still carries the register's basic four facts (§5.3). */
export function sameFacts(signDer: Uint8Array, res: ResidentRecord): boolean {
  const h = readSignCertificateHolder(signDer);
  return (
    h.name === res.name &&
    h.address === res.address &&
    h.birthDate === res.birthDate &&
    h.sex === (res.sex === '0' ? '9' : res.sex)
  );
}

/**
 * JR-FAQ's preconditions for one certificate (§2.2, §1.3): present, not revoked (a revocation for
 * `affiliationChanged` reads `facts-changed`), not on hold, within validity, and — for the
 * signature certificate — with the basic four facts unchanged. CERTIFICATE_INVALID names which and
 * why.
 */
export function assertCertificateUsable(
  kind: CertificateKind,
  c: CertificateRecord | undefined,
  now: Date,
  res: ResidentRecord,
): CertificateRecord {
  const invalid = (reason: string) => new MynaError('CERTIFICATE_INVALID', { certificate: kind, reason });
  if (!c) throw invalid('absent');
  if (c.status === 'revoked') throw invalid(c.reason === 'affiliationChanged' ? 'facts-changed' : 'revoked');
  if (c.status === 'hold') throw invalid('hold');
  const t = now.getTime();
  if (t > Date.parse(c.notAfter)) throw invalid('expired');
  if (t < Date.parse(c.notBefore)) throw invalid('not-yet-valid');
  if (kind === 'sign' && !sameFacts(c.der, res)) throw invalid('facts-changed');
  return c;
}

/** An active card for the app (suspended → CARD_SUSPENDED, abolished → CARD_ABOLISHED). */
export function assertCardActive(card: CardRecord): CardRecord {
  if (card.status === 'suspended') throw new MynaError('CARD_SUSPENDED', { cardId: card.id });
  if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: card.id });
  return card;
}

/** Any card but an abolished one (the kiosk, the counter and the lost-card line). */
export function assertCardNotAbolished(card: CardRecord): CardRecord {
  if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: card.id });
  return card;
}

/** A new PIN value obeys its format rule (PIN_FORMAT names the rule, never the value). */
export function assertPinFormat(pin: keyof typeof PIN_RULES, value: string): void {
  if (!PIN_RULES[pin].check(value)) throw new MynaError('PIN_FORMAT', { pin, rule: PIN_RULES[pin].rule });
}

/** A reservation's end: 24 hours after the face match (§2.3). */
export function reservationExpiry(faceMatchedAt: Date): Date {
  return new Date(faceMatchedAt.getTime() + RESERVATION_VALIDITY_MS);
}

/** A reservation is usable while `now < expiresAt`; at or after its 24th hour it has expired (§2.4). */
export function reservationExpired(r: Pick<Reservation, 'expiresAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(r.expiresAt);
}

/**
 * The kiosk's own rules (§3.1; K4 in docs/reset.md): service hours 06:30–23:00 JST (E7) and the
 * store chain's capability for this PIN (E5).
 */
export function assertKioskMayReset(now: Date, chain: StoreChainId, pin: ResettableCertPin): void {
  if (!kioskInService(now)) throw new MynaError('KIOSK_CLOSED');
  if (!storeChain(chain).resets.includes(pin)) throw new MynaError('STORE_CANNOT_RESET', { chain, pin });
}

/** A staff session is current and its account enabled (STAFF_LOGIN_FAILED otherwise). */
export function assertStaffSession(
  session: StaffSessionRecord | undefined,
  staff: StaffAccount | undefined,
  now: Date,
): { session: StaffSessionRecord; staff: StaffAccount } {
  if (!session || now.getTime() >= Date.parse(session.expiresAt))
    throw new MynaError('STAFF_LOGIN_FAILED', { reason: 'no-session' });
  if (!staff || staff.disabled) throw new MynaError('STAFF_LOGIN_FAILED', { reason: 'no-session' });
  return { session, staff };
}

/**
 * The counter's consent (§4, §5): a staff member of the procedure's municipality at the window
 * they logged in at (a supervisor where required), the procedure of a permitted kind with its
 * identity checks done (`ready`).
 */
export function assertCounterMayAct(args: {
  readonly session: StaffSessionRecord;
  readonly staff: StaffAccount;
  readonly procedure: CounterProcedure;
  readonly terminal: string;
  readonly kinds: readonly ProcedureKind[];
  readonly supervisor?: boolean;
}): void {
  const { session, staff, procedure } = args;
  if (procedure.municipalityCode !== session.municipalityCode)
    throw new MynaError('STAFF_FORBIDDEN', { reason: 'other-municipality' });
  if (args.terminal !== `counter:${session.municipalityCode}:${session.window}`)
    throw new MynaError('STAFF_FORBIDDEN', { reason: 'other-terminal' });
  if (args.supervisor && staff.role !== 'supervisor')
    throw new MynaError('STAFF_FORBIDDEN', { role: staff.role, needs: 'supervisor' });
  if (!args.kinds.includes(procedure.kind))
    throw new MynaError('PROCEDURE_STATE', { kind: procedure.kind, status: procedure.status });
  if (procedure.status === 'open' || procedure.status === 'awaiting-answer')
    throw new MynaError('IDENTITY_NOT_CONFIRMED', { procedureId: procedure.id, status: procedure.status });
  if (procedure.status !== 'ready')
    throw new MynaError('PROCEDURE_STATE', { procedureId: procedure.id, status: procedure.status });
}

/** The holder is registered in the procedure's municipality, and the card is not abolished. */
export function assertCounterHolder(
  procedure: CounterProcedure,
  card: CardRecord,
  res: ResidentRecord,
): void {
  if (res.municipalityCode !== procedure.municipalityCode)
    throw new MynaError('RESET_PRECONDITION', { reason: 'other-municipality' });
  assertCardNotAbolished(card);
}
