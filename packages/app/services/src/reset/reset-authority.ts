import type { Transport } from '@myna/client';
import type { CertificateKind, CertificateRecord } from '../ports.js';
import { AuthorityContext, type ResetAuthorityDeps } from './authority/context.js';
import { CounterChannel, type CounterConsent, type RestoredPins } from './authority/counter.js';
import { KioskChannel } from './authority/kiosk.js';
import { LostCardChannel } from './authority/lost-card.js';
import { ReservationChannel } from './authority/reservation.js';
import type { ResettableCertPin } from './chains.js';
import type { CounterProcedure, Reservation, StaffAccount, StaffSessionRecord } from './ports.js';

export type { ResetAuthorityDeps } from './authority/context.js';
export type { CounterConsent, RestoredPins } from './authority/counter.js';
export type { KioskRef } from './authority/kiosk.js';
/** Re-exported for the terminals (kiosk, app); its home is policy.ts. */
export { otherPin } from './policy.js';

/**
 * The authority's reset policy (the J-LIS role; architecture.md "Mechanism on the card, policy in
 * the authority"): it decides whether a PIN may be reset, and then performs the reset itself over
 * the card's authenticated admin channel, through the reader of the terminal that asked — the app's
 * phone, the kiosk, the counter's reader. Only the authority holds issuer keys (`CardRecord.adminKey`);
 * kiosks and counters are terminals and cannot reset anything on their own (the card answers 6982).
 *
 * One module per channel, over one shared context (`authority/context.ts`) and the pure rules of
 * `policy.ts`:
 * - Reservation (`authority/reservation.ts`, pin-lifecycle.md §2): photo card, valid certificates,
 *   the other PIN verified in the app's card session; valid 24 hours from the face match; one per
 *   card and PIN type.
 * - Kiosk (`authority/kiosk.ts`, §3): service hours, store capability, a valid and unused
 *   reservation for this card and PIN, valid certificates, the other PIN verified in this same card
 *   session at the kiosk.
 * - Counter (`authority/counter.ts`, §4, §5): a logged-in staff member of the holder's
 *   municipality, at their window, with the procedure's identity checks done; every operation
 *   completes its procedure through `completeProcedure` (completion.ts: claim before the card work).
 * - Lost-card line (`authority/lost-card.ts`, §5.4): suspension and certificate hold.
 *
 * "The other PIN verified in this card session" is proved, not claimed: the authority asks the card
 * to sign a fresh challenge with the other PIN's key (`80 2A`, which the card allows only after that
 * PIN's VERIFY in the current session) and checks the signature against the certificate it issued.
 */
export class ResetAuthority {
  private readonly ctx: AuthorityContext;
  private readonly reservations: ReservationChannel;
  private readonly kiosk: KioskChannel;
  private readonly counter: CounterChannel;
  private readonly lostCard: LostCardChannel;

  constructor(deps: ResetAuthorityDeps) {
    this.ctx = new AuthorityContext(deps);
    this.reservations = new ReservationChannel(this.ctx);
    this.kiosk = new KioskChannel(this.ctx, this.reservations);
    this.counter = new CounterChannel(this.ctx);
    this.lostCard = new LostCardChannel(this.ctx);
  }

  // records and preconditions
  card(cardId: string) {
    return this.ctx.card(cardId);
  }
  certificatePreconditions(cardId: string): Promise<Record<ResettableCertPin, CertificateRecord>> {
    return this.ctx.certificatePreconditions(cardId);
  }

  // reservations (JPKI PIN-reset app, §2)
  reserve(req: {
    readonly transport: Transport;
    readonly terminal: string;
    readonly cardId: string;
    readonly pin: ResettableCertPin;
  }): Promise<{ reservation: Reservation; replaced: Reservation | undefined }> {
    return this.reservations.reserve(req);
  }
  cancelReservation(req: {
    readonly cardId: string;
    readonly pin: ResettableCertPin;
    readonly terminal: string;
    readonly actor: string;
  }): Promise<Reservation> {
    return this.reservations.cancelReservation(req);
  }
  usableReservation(cardId: string, pin: ResettableCertPin, terminal: string): Promise<Reservation> {
    return this.reservations.usableReservation(cardId, pin, terminal);
  }

  // kiosk (§3)
  kioskAdmission(req: Parameters<KioskChannel['kioskAdmission']>[0]) {
    return this.kiosk.kioskAdmission(req);
  }
  resetAtKiosk(req: Parameters<KioskChannel['resetAtKiosk']>[0]): Promise<void> {
    return this.kiosk.resetAtKiosk(req);
  }

  // counter (§4, §5)
  staffSession(token: string): Promise<{ session: StaffSessionRecord; staff: StaffAccount }> {
    return this.counter.staffSession(token);
  }
  resetAtCounter(c: CounterConsent, values: Parameters<CounterChannel['resetAtCounter']>[1]) {
    return this.counter.resetAtCounter(c, values);
  }
  liftSuspension(
    c: CounterConsent,
    opts: { readonly releaseSignature: boolean },
  ): Promise<{ procedure: CounterProcedure; released: CertificateKind[] }> {
    return this.counter.liftSuspension(c, opts);
  }
  switchToFaceAuth(c: CounterConsent): Promise<CounterProcedure> {
    return this.counter.switchToFaceAuth(c);
  }
  switchFromFaceAuth(
    c: CounterConsent,
    pins: RestoredPins,
  ): Promise<{ procedure: CounterProcedure; certificates: CertificateRecord[] }> {
    return this.counter.switchFromFaceAuth(c, pins);
  }
  issueSignCertificate(
    c: CounterConsent,
    opts: { readonly newSignPin?: string } = {},
  ): Promise<{ procedure: CounterProcedure; certificate: CertificateRecord }> {
    return this.counter.issueSignCertificate(c, opts);
  }

  // lost cards (§5.4)
  suspendCard(req: { readonly cardId: string; readonly terminal: string }): Promise<CertificateRecord[]> {
    return this.lostCard.suspendCard(req);
  }
}
