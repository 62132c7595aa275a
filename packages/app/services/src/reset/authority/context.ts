import { verify, X509Certificate } from 'node:crypto';
import { MynaCardClient, type Transport } from '@myna/client';
import { isMynaError, MynaError } from '@myna/errors';
import type { Clock, Random } from '@myna/ports';
import type { JpkiAuthority } from '../../authority.js';
import type { Municipality } from '../../municipality.js';
import type {
  AuthorityStore,
  CardRecord,
  CertificateKind,
  CertificateRecord,
  ResidentRecord,
} from '../../ports.js';
import type { AuditTrail } from '../audit.js';
import type { ResettableCertPin } from '../chains.js';
import { assertCertificateUsable } from '../policy.js';
import type { ResetStore } from '../ports.js';

/** What the authority's reset channels share: its stores, clock, randomness and audit trail. */
export interface ResetAuthorityDeps {
  readonly sandboxId: string;
  readonly store: AuthorityStore;
  readonly authority: JpkiAuthority;
  readonly municipality: Municipality;
  readonly resetStore: ResetStore;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly random: Random;
}

/** The audit actor of every step the authority performs. */
export const ACTOR = 'authority';

/**
 * The records and proofs every reset channel of the authority reads (reservation, kiosk, counter,
 * lost-card line): cards, residents, current certificates, the certificate preconditions and the
 * proof that a PIN was verified in a card session.
 */
export class AuthorityContext {
  constructor(readonly deps: ResetAuthorityDeps) {}

  get sb(): string {
    return this.deps.sandboxId;
  }

  now(): Date {
    return this.deps.clock.now();
  }

  async card(cardId: string): Promise<CardRecord> {
    const c = await this.deps.store.getCard(this.sb, cardId);
    if (!c) throw new MynaError('CARD_NOT_FOUND', { cardId });
    return c;
  }

  async resident(id: string): Promise<ResidentRecord> {
    const r = await this.deps.store.getResident(this.sb, id);
    if (!r) throw new MynaError('RESIDENT_NOT_FOUND', { residentId: id });
    return r;
  }

  /** The card's current certificate of a kind (the latest issued), if any. */
  async current(cardId: string, kind: CertificateKind): Promise<CertificateRecord | undefined> {
    const all = await this.deps.store.listCertificates(this.sb, { cardId, kind });
    return all.sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0)).at(-1);
  }

  /**
   * JR-FAQ's preconditions (pin-lifecycle.md §2.2, §1.3) on both certificates, signature first
   * (the rule: `assertCertificateUsable` in reset/policy.ts).
   */
  async certificatePreconditions(cardId: string): Promise<Record<ResettableCertPin, CertificateRecord>> {
    const card = await this.card(cardId);
    const res = await this.resident(card.residentId);
    const now = this.now();
    const out: Partial<Record<ResettableCertPin, CertificateRecord>> = {};
    for (const kind of ['sign', 'auth'] as const) {
      out[kind] = assertCertificateUsable(kind, await this.current(cardId, kind), now, res);
    }
    return out as Record<ResettableCertPin, CertificateRecord>;
  }

  /**
   * Proves that `key`'s PIN was verified in the card session behind `transport`: the card signs a
   * fresh challenge with that key only then (card.md §4.2), and the signature must verify with the
   * certificate the authority issued for this card.
   */
  async provenVerified(
    transport: Transport,
    key: ResettableCertPin,
    cert: CertificateRecord,
  ): Promise<boolean> {
    const challenge = this.deps.random.bytes(32);
    let signature: Uint8Array;
    try {
      signature = await new MynaCardClient(transport).sign(key, challenge);
    } catch (e) {
      if (isMynaError(e, 'PIN_NOT_VERIFIED')) return false;
      throw e;
    }
    return verify('sha256', challenge, new X509Certificate(Buffer.from(cert.der)).publicKey, signature);
  }

  /** Cancels the card's active reservations (suspension, a switch to a face-authentication card). */
  async cancelAllReservations(cardId: string, terminal: string, reason: string): Promise<void> {
    for (const pin of ['sign', 'auth'] as const) {
      const r = await this.deps.resetStore.activeReservation(this.sb, cardId, pin);
      if (!r) continue;
      const at = this.now().toISOString();
      if (
        await this.deps.resetStore.transitionReservation(this.sb, r.id, 'active', 'cancelled', at, terminal)
      ) {
        await this.deps.audit.record('reservation', {
          cardId,
          actor: ACTOR,
          terminal,
          pin,
          step: 'reservation.cancelled',
          details: { reservation: r.id, reason },
        });
      }
    }
  }
}
