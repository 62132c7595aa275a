import { MynaCardClient, type Transport } from '@myna/client';
import { MynaError } from '@myna/errors';
import { AdminSession } from '../../admin-channel.js';
import type { CertificateRecord } from '../../ports.js';
import type { ResettableCertPin, StoreChainId } from '../chains.js';
import { assertCardNotAbolished, assertKioskMayReset, assertPinFormat, otherPin } from '../policy.js';
import type { Reservation } from '../ports.js';
import { ACTOR, type AuthorityContext } from './context.js';
import type { ReservationChannel } from './reservation.js';

/** Which kiosk asks: its chain (capability, §3.1) and store. */
export interface KioskRef {
  readonly chain: StoreChainId;
  readonly storeId: string;
}

/**
 * The authority's side of the convenience-store kiosk (pin-lifecycle.md §3): service hours, store
 * capability, a valid and unused reservation for this card and PIN, valid certificates, the other
 * PIN verified in this same card session at the kiosk.
 */
export class KioskChannel {
  constructor(
    private readonly ctx: AuthorityContext,
    private readonly reservations: ReservationChannel,
  ) {}

  /**
   * The checks of K4 (card placed): service hours (E7), the store's capability (E5), a reservation
   * for this card and PIN (E1) not older than 24 hours (E2), valid certificates (E6).
   */
  async kioskAdmission(req: {
    readonly cardId: string;
    readonly pin: ResettableCertPin;
    readonly kiosk: KioskRef;
    readonly terminal: string;
  }): Promise<{ reservation: Reservation; certificates: Record<ResettableCertPin, CertificateRecord> }> {
    assertKioskMayReset(this.ctx.now(), req.kiosk.chain, req.pin);
    assertCardNotAbolished(await this.ctx.card(req.cardId));
    const reservation = await this.reservations.usableReservation(req.cardId, req.pin, req.terminal);
    const certificates = await this.ctx.certificatePreconditions(req.cardId);
    return { reservation, certificates };
  }

  /**
   * K6 → K7: resets `pin` to `newValue` on the card in the kiosk's reader, if every K4 check still
   * holds at this moment and the other PIN was verified in this card session (K5). The reservation
   * is used up (claimed before the card work, so one reservation opens one reset); if the card
   * then fails, it is given back.
   */
  async resetAtKiosk(req: {
    readonly transport: Transport;
    readonly terminal: string;
    readonly cardId: string;
    readonly pin: ResettableCertPin;
    readonly newValue: string;
    readonly kiosk: KioskRef;
  }): Promise<void> {
    const { ctx } = this;
    const step = { cardId: req.cardId, actor: ACTOR, terminal: req.terminal, pin: req.pin };
    let reservation: Reservation;
    try {
      assertPinFormat(req.pin, req.newValue);
      const admitted = await this.kioskAdmission(req);
      reservation = admitted.reservation;
      const other = otherPin(req.pin);
      if (!(await ctx.provenVerified(req.transport, other, admitted.certificates[other])))
        throw new MynaError('RESET_PRECONDITION', { reason: 'other-pin-not-verified', pin: other });
      const at = ctx.now().toISOString();
      if (
        !(await ctx.deps.resetStore.transitionReservation(
          ctx.sb,
          reservation.id,
          'active',
          'used',
          at,
          req.terminal,
        ))
      )
        throw new MynaError('RESERVATION_NOT_FOUND', { pin: req.pin });
    } catch (e) {
      await ctx.deps.audit.failure('authority', { ...step, step: 'kiosk.consent-refused' }, e);
      throw e;
    }
    await ctx.deps.audit.record('authority', {
      ...step,
      step: 'kiosk.consent',
      details: { reservation: reservation.id, chain: req.kiosk.chain, store: req.kiosk.storeId },
    });
    try {
      const card = await ctx.card(req.cardId);
      const admin = await AdminSession.open(new MynaCardClient(req.transport), card);
      await admin.resetPin(req.pin, req.newValue);
    } catch (e) {
      const at = ctx.now().toISOString();
      await ctx.deps.resetStore.transitionReservation(ctx.sb, reservation.id, 'used', 'active', at, null);
      await ctx.deps.audit.failure('authority', { ...step, step: 'kiosk.reset' }, e);
      throw e;
    }
    await ctx.deps.audit.record('authority', { ...step, step: 'kiosk.reset' });
    await ctx.deps.audit.record('reservation', {
      ...step,
      step: 'reservation.used',
      details: { reservation: reservation.id },
    });
  }
}
