import type { Transport } from '@myna/client';
import { MynaError } from '@myna/errors';
import { randomAlnum } from '../../authority.js';
import type { ResettableCertPin } from '../chains.js';
import { assertCardActive, otherPin, reservationExpired, reservationExpiry } from '../policy.js';
import type { Reservation } from '../ports.js';
import { ACTOR, type AuthorityContext } from './context.js';

/**
 * The authority's side of the JPKI PIN-reset app (pin-lifecycle.md §2): photo card, valid
 * certificates, the other PIN verified in the app's card session; valid 24 hours from the face
 * match; one per card and PIN type.
 */
export class ReservationChannel {
  constructor(private readonly ctx: AuthorityContext) {}

  /**
   * Makes a reservation after the app's face match (its 24 hours start now). The other PIN must
   * have been verified in the app's card session (`transport`); the certificates must be valid.
   * A reservation for the same card and PIN is replaced.
   */
  async reserve(req: {
    readonly transport: Transport;
    readonly terminal: string;
    readonly cardId: string;
    readonly pin: ResettableCertPin;
  }): Promise<{ reservation: Reservation; replaced: Reservation | undefined }> {
    const { ctx } = this;
    const step = { cardId: req.cardId, actor: ACTOR, terminal: req.terminal, pin: req.pin };
    try {
      assertCardActive(await ctx.card(req.cardId));
      const certs = await ctx.certificatePreconditions(req.cardId);
      const other = otherPin(req.pin);
      if (!(await ctx.provenVerified(req.transport, other, certs[other])))
        throw new MynaError('RESET_PRECONDITION', { reason: 'other-pin-not-verified', pin: other });
    } catch (e) {
      await ctx.deps.audit.failure('authority', { ...step, step: 'reservation.refused' }, e);
      throw e;
    }
    const now = ctx.now();
    const at = now.toISOString();
    const reservation: Reservation = {
      id: `rsv_${randomAlnum(ctx.deps.random, 16).toLowerCase()}`,
      sandboxId: ctx.sb,
      cardId: req.cardId,
      pin: req.pin,
      status: 'active',
      faceMatchedAt: at,
      expiresAt: reservationExpiry(now).toISOString(),
      terminal: req.terminal,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
    };
    const replaced = await ctx.deps.resetStore.putReservation(reservation);
    if (replaced) {
      await ctx.deps.audit.record('reservation', {
        ...step,
        step: 'reservation.replaced',
        details: { reservation: replaced.id, by: reservation.id },
      });
    }
    await ctx.deps.audit.record('reservation', {
      ...step,
      step: 'reservation.made',
      details: { reservation: reservation.id, expiresAt: reservation.expiresAt },
    });
    return { reservation, replaced };
  }

  /** Cancels the card's active reservation for a PIN (RESERVATION_NOT_FOUND if there is none). */
  async cancelReservation(req: {
    readonly cardId: string;
    readonly pin: ResettableCertPin;
    readonly terminal: string;
    readonly actor: string;
  }): Promise<Reservation> {
    const { ctx } = this;
    const r = await ctx.deps.resetStore.activeReservation(ctx.sb, req.cardId, req.pin);
    const at = ctx.now().toISOString();
    if (
      !r ||
      !(await ctx.deps.resetStore.transitionReservation(
        ctx.sb,
        r.id,
        'active',
        'cancelled',
        at,
        req.terminal,
      ))
    ) {
      throw new MynaError('RESERVATION_NOT_FOUND', { pin: req.pin });
    }
    await ctx.deps.audit.record('reservation', {
      cardId: req.cardId,
      actor: req.actor,
      terminal: req.terminal,
      pin: req.pin,
      step: 'reservation.cancelled',
      details: { reservation: r.id },
    });
    return (await ctx.deps.resetStore.getReservation(ctx.sb, r.id))!;
  }

  /** The card's usable reservation for a PIN: RESERVATION_NOT_FOUND / RESERVATION_EXPIRED otherwise. */
  async usableReservation(cardId: string, pin: ResettableCertPin, terminal: string): Promise<Reservation> {
    const { ctx } = this;
    const r = await ctx.deps.resetStore.activeReservation(ctx.sb, cardId, pin);
    if (!r) throw new MynaError('RESERVATION_NOT_FOUND', { pin });
    const now = ctx.now();
    if (reservationExpired(r, now)) {
      const at = now.toISOString();
      if (await ctx.deps.resetStore.transitionReservation(ctx.sb, r.id, 'active', 'expired', at, terminal)) {
        await ctx.deps.audit.record('reservation', {
          cardId,
          actor: ACTOR,
          terminal,
          pin,
          step: 'reservation.expired',
          details: { reservation: r.id, expiresAt: r.expiresAt },
        });
      }
      throw new MynaError('RESERVATION_EXPIRED', { pin, expiresAt: r.expiresAt });
    }
    return r;
  }
}
