import { verify, X509Certificate } from 'node:crypto';
import { EF, type HolderPinId, PIN_RULES } from '@myna/card';
import { MynaCardClient, type Transport } from '@myna/client';
import { isMynaError, MynaError } from '@myna/errors';
import { ageOn, readSignCertificateHolder } from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import { AdminSession } from '../admin-channel.js';
import { type JpkiAuthority, randomAlnum } from '../authority.js';
import {
  issueFreshCertificates,
  recordFreshCertificates,
  writeFreshCertificates,
} from '../certificate-issuance.js';
import { jstDate } from '../clock.js';
import type { Municipality } from '../municipality.js';
import type {
  AuthorityStore,
  CardRecord,
  CertificateKind,
  CertificateRecord,
  ResidentRecord,
} from '../ports.js';
import type { AuditTrail } from './audit.js';
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
  ResetStore,
  StaffAccount,
  StaffSessionRecord,
} from './ports.js';
import { tokenHash } from './staff.js';

/** The "other" PIN: the user-auth PIN resets the signature password and vice versa (§2.2). */
export function otherPin(pin: ResettableCertPin): ResettableCertPin {
  return pin === 'sign' ? 'auth' : 'sign';
}

/** Which kiosk asks: its chain (capability, §3.1) and store. */
export interface KioskRef {
  readonly chain: StoreChainId;
  readonly storeId: string;
}

/**
 * A counter terminal's request: its card reader (the card is in it), its label, the logged-in
 * staff member's session token and the procedure. The authority checks all of it itself.
 */
export interface CounterConsent {
  readonly transport: Transport;
  readonly terminal: string;
  readonly staffToken: string;
  readonly procedureId: string;
}

/** The PINs a holder chooses when a face-authentication card becomes a PIN card again. */
export interface RestoredPins {
  readonly auth: string;
  readonly kenhojo: string;
  readonly juki: string;
  /** 共通 (the second key reference of the 個人番号カード用 PIN); default: the 住基 PIN. */
  readonly common?: string;
  /** Required from the 15th birthday (a new signature certificate is issued); absent before. */
  readonly sign?: string;
}

const ACTOR = 'authority';

/**
 * The authority's reset policy (the J-LIS role; architecture.md "Mechanism on the card, policy in
 * the authority"): it decides whether a PIN may be reset, and then performs the reset itself over
 * the card's authenticated admin channel, through the reader of the terminal that asked — the app's
 * phone, the kiosk, the counter's reader. Only the authority holds issuer keys (`CardRecord.adminKey`);
 * kiosks and counters are terminals and cannot reset anything on their own (the card answers 6982).
 *
 * - Reservation (pin-lifecycle.md §2): photo card, valid certificates, the other PIN verified in the
 *   app's card session; valid 24 hours from the face match; one per card and PIN type.
 * - Kiosk (§3): service hours, store capability, a valid and unused reservation for this card and
 *   PIN, valid certificates, the other PIN verified in this same card session at the kiosk.
 * - Counter (§4, §5): a logged-in staff member of the holder's municipality, at their window, with
 *   the procedure's identity checks done.
 *
 * "The other PIN verified in this card session" is proved, not claimed: the authority asks the card
 * to sign a fresh challenge with the other PIN's key (`80 2A`, which the card allows only after that
 * PIN's VERIFY in the current session) and checks the signature against the certificate it issued.
 */
export class ResetAuthority {
  constructor(
    private readonly deps: {
      readonly sandboxId: string;
      readonly store: AuthorityStore;
      readonly authority: JpkiAuthority;
      readonly municipality: Municipality;
      readonly resetStore: ResetStore;
      readonly audit: AuditTrail;
      readonly clock: Clock;
      readonly random: Random;
    },
  ) {}

  private get sb(): string {
    return this.deps.sandboxId;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  // ───────────────────────── records and preconditions ─────────────────────────

  async card(cardId: string): Promise<CardRecord> {
    const c = await this.deps.store.getCard(this.sb, cardId);
    if (!c) throw new MynaError('CARD_NOT_FOUND', { cardId });
    return c;
  }

  private async resident(id: string): Promise<ResidentRecord> {
    const r = await this.deps.store.getResident(this.sb, id);
    if (!r) throw new MynaError('RESIDENT_NOT_FOUND', { residentId: id });
    return r;
  }

  /** The card's current certificate of a kind (the latest issued), if any. */
  private async current(cardId: string, kind: CertificateKind): Promise<CertificateRecord | undefined> {
    const all = await this.deps.store.listCertificates(this.sb, { cardId, kind });
    return all.sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0)).at(-1);
  }

  /**
   * JR-FAQ's preconditions (pin-lifecycle.md §2.2, §1.3): the signature certificate within its
   * validity, not revoked (or on hold) and with the basic four facts unchanged since issuance; the
   * user-auth certificate within its validity. CERTIFICATE_INVALID names which and why.
   */
  async certificatePreconditions(cardId: string): Promise<Record<ResettableCertPin, CertificateRecord>> {
    const card = await this.card(cardId);
    const res = await this.resident(card.residentId);
    const now = this.now().getTime();
    const out: Partial<Record<ResettableCertPin, CertificateRecord>> = {};
    for (const kind of ['sign', 'auth'] as const) {
      const c = await this.current(cardId, kind);
      const invalid = (reason: string) => new MynaError('CERTIFICATE_INVALID', { certificate: kind, reason });
      if (!c) throw invalid('absent');
      if (c.status === 'revoked')
        throw invalid(c.reason === 'affiliationChanged' ? 'facts-changed' : 'revoked');
      if (c.status === 'hold') throw invalid('hold');
      if (now > Date.parse(c.notAfter)) throw invalid('expired');
      if (now < Date.parse(c.notBefore)) throw invalid('not-yet-valid');
      if (kind === 'sign') {
        const h = readSignCertificateHolder(c.der);
        const same =
          h.name === res.name &&
          h.address === res.address &&
          h.birthDate === res.birthDate &&
          h.sex === (res.sex === '0' ? '9' : res.sex);
        if (!same) throw invalid('facts-changed');
      }
      out[kind] = c;
    }
    return out as Record<ResettableCertPin, CertificateRecord>;
  }

  /** An active card (suspended → CARD_SUSPENDED, abolished → CARD_ABOLISHED). */
  private async activeCard(cardId: string): Promise<CardRecord> {
    const card = await this.card(cardId);
    if (card.status === 'suspended') throw new MynaError('CARD_SUSPENDED', { cardId });
    if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId });
    return card;
  }

  /**
   * Proves that `key`'s PIN was verified in the card session behind `transport`: the card signs a
   * fresh challenge with that key only then (card.md §4.2), and the signature must verify with the
   * certificate the authority issued for this card.
   */
  private async provenVerified(
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

  // ───────────────────────── reservations (JPKI PIN-reset app, §2) ─────────────────────────

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
    const step = { cardId: req.cardId, actor: ACTOR, terminal: req.terminal, pin: req.pin };
    try {
      await this.activeCard(req.cardId);
      const certs = await this.certificatePreconditions(req.cardId);
      const other = otherPin(req.pin);
      if (!(await this.provenVerified(req.transport, other, certs[other])))
        throw new MynaError('RESET_PRECONDITION', { reason: 'other-pin-not-verified', pin: other });
    } catch (e) {
      await this.deps.audit.failure('authority', { ...step, step: 'reservation.refused' }, e);
      throw e;
    }
    const now = this.now();
    const at = now.toISOString();
    const reservation: Reservation = {
      id: `rsv_${randomAlnum(this.deps.random, 16).toLowerCase()}`,
      sandboxId: this.sb,
      cardId: req.cardId,
      pin: req.pin,
      status: 'active',
      faceMatchedAt: at,
      expiresAt: new Date(now.getTime() + RESERVATION_VALIDITY_MS).toISOString(),
      terminal: req.terminal,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
    };
    const replaced = await this.deps.resetStore.putReservation(reservation);
    if (replaced) {
      await this.deps.audit.record('reservation', {
        ...step,
        step: 'reservation.replaced',
        details: { reservation: replaced.id, by: reservation.id },
      });
    }
    await this.deps.audit.record('reservation', {
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
    const r = await this.deps.resetStore.activeReservation(this.sb, req.cardId, req.pin);
    const at = this.now().toISOString();
    if (
      !r ||
      !(await this.deps.resetStore.transitionReservation(
        this.sb,
        r.id,
        'active',
        'cancelled',
        at,
        req.terminal,
      ))
    ) {
      throw new MynaError('RESERVATION_NOT_FOUND', { pin: req.pin });
    }
    await this.deps.audit.record('reservation', {
      cardId: req.cardId,
      actor: req.actor,
      terminal: req.terminal,
      pin: req.pin,
      step: 'reservation.cancelled',
      details: { reservation: r.id },
    });
    return (await this.deps.resetStore.getReservation(this.sb, r.id))!;
  }

  /** The card's usable reservation for a PIN: RESERVATION_NOT_FOUND / RESERVATION_EXPIRED otherwise. */
  async usableReservation(cardId: string, pin: ResettableCertPin, terminal: string): Promise<Reservation> {
    const r = await this.deps.resetStore.activeReservation(this.sb, cardId, pin);
    if (!r) throw new MynaError('RESERVATION_NOT_FOUND', { pin });
    const now = this.now();
    if (now.getTime() >= Date.parse(r.expiresAt)) {
      const at = now.toISOString();
      if (
        await this.deps.resetStore.transitionReservation(this.sb, r.id, 'active', 'expired', at, terminal)
      ) {
        await this.deps.audit.record('reservation', {
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

  // ───────────────────────── kiosk (§3) ─────────────────────────

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
    if (!kioskInService(this.now())) throw new MynaError('KIOSK_CLOSED');
    if (!storeChain(req.kiosk.chain).resets.includes(req.pin))
      throw new MynaError('STORE_CANNOT_RESET', { chain: req.kiosk.chain, pin: req.pin });
    const card = await this.card(req.cardId);
    if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: req.cardId });
    const reservation = await this.usableReservation(req.cardId, req.pin, req.terminal);
    const certificates = await this.certificatePreconditions(req.cardId);
    return { reservation, certificates };
  }

  /**
   * K6 → K7: resets `pin` to `newValue` on the card in the kiosk's reader, if every K4 check still
   * holds at this moment and the other PIN was verified in this card session (K5). The reservation
   * is used up; if the card then fails, it is given back.
   */
  async resetAtKiosk(req: {
    readonly transport: Transport;
    readonly terminal: string;
    readonly cardId: string;
    readonly pin: ResettableCertPin;
    readonly newValue: string;
    readonly kiosk: KioskRef;
  }): Promise<void> {
    const step = { cardId: req.cardId, actor: ACTOR, terminal: req.terminal, pin: req.pin };
    let reservation: Reservation;
    try {
      if (!PIN_RULES[req.pin].check(req.newValue))
        throw new MynaError('PIN_FORMAT', { pin: req.pin, rule: PIN_RULES[req.pin].rule });
      const admitted = await this.kioskAdmission(req);
      reservation = admitted.reservation;
      const other = otherPin(req.pin);
      if (!(await this.provenVerified(req.transport, other, admitted.certificates[other])))
        throw new MynaError('RESET_PRECONDITION', { reason: 'other-pin-not-verified', pin: other });
      const at = this.now().toISOString();
      if (
        !(await this.deps.resetStore.transitionReservation(
          this.sb,
          reservation.id,
          'active',
          'used',
          at,
          req.terminal,
        ))
      )
        throw new MynaError('RESERVATION_NOT_FOUND', { pin: req.pin });
    } catch (e) {
      await this.deps.audit.failure('authority', { ...step, step: 'kiosk.consent-refused' }, e);
      throw e;
    }
    await this.deps.audit.record('authority', {
      ...step,
      step: 'kiosk.consent',
      details: { reservation: reservation.id, chain: req.kiosk.chain, store: req.kiosk.storeId },
    });
    try {
      const card = await this.card(req.cardId);
      const admin = await AdminSession.open(new MynaCardClient(req.transport), card);
      await admin.resetPin(req.pin, req.newValue);
    } catch (e) {
      const at = this.now().toISOString();
      await this.deps.resetStore.transitionReservation(this.sb, reservation.id, 'used', 'active', at, null);
      await this.deps.audit.failure('authority', { ...step, step: 'kiosk.reset' }, e);
      throw e;
    }
    await this.deps.audit.record('authority', { ...step, step: 'kiosk.reset' });
    await this.deps.audit.record('reservation', {
      ...step,
      step: 'reservation.used',
      details: { reservation: reservation.id },
    });
  }

  // ───────────────────────── counter (§4, §5) ─────────────────────────

  /** Checks a staff session token: the session and account must exist, be current and enabled. */
  async staffSession(token: string): Promise<{ session: StaffSessionRecord; staff: StaffAccount }> {
    const session = await this.deps.resetStore.getSession(this.sb, tokenHash(token));
    if (!session || this.now().getTime() >= Date.parse(session.expiresAt))
      throw new MynaError('STAFF_LOGIN_FAILED', { reason: 'no-session' });
    const staff = await this.deps.resetStore.getStaff(this.sb, session.staffId);
    if (!staff || staff.disabled) throw new MynaError('STAFF_LOGIN_FAILED', { reason: 'no-session' });
    return { session, staff };
  }

  /**
   * The counter's consent: a logged-in staff member of the procedure's municipality at the window
   * they logged in at, the procedure of a permitted kind with its identity checks done (`ready`),
   * the holder registered in this municipality. The procedure is claimed (→ `completed`) before
   * the card is touched and given back (→ `ready`) if the card fails.
   */
  private async counterConsent(
    c: CounterConsent,
    kinds: readonly ProcedureKind[],
    opts: { readonly supervisor?: boolean } = {},
  ): Promise<{
    procedure: CounterProcedure;
    staff: StaffAccount;
    card: CardRecord;
    resident: ResidentRecord;
  }> {
    const { session, staff } = await this.staffSession(c.staffToken);
    const procedure = await this.deps.resetStore.getProcedure(this.sb, c.procedureId);
    if (!procedure) throw new MynaError('PROCEDURE_NOT_FOUND', { procedureId: c.procedureId });
    if (procedure.municipalityCode !== session.municipalityCode)
      throw new MynaError('STAFF_FORBIDDEN', { reason: 'other-municipality' });
    if (c.terminal !== `counter:${session.municipalityCode}:${session.window}`)
      throw new MynaError('STAFF_FORBIDDEN', { reason: 'other-terminal' });
    if (opts.supervisor && staff.role !== 'supervisor')
      throw new MynaError('STAFF_FORBIDDEN', { role: staff.role, needs: 'supervisor' });
    if (!kinds.includes(procedure.kind))
      throw new MynaError('PROCEDURE_STATE', { kind: procedure.kind, status: procedure.status });
    if (procedure.status === 'open' || procedure.status === 'awaiting-answer')
      throw new MynaError('IDENTITY_NOT_CONFIRMED', { procedureId: procedure.id, status: procedure.status });
    if (procedure.status !== 'ready')
      throw new MynaError('PROCEDURE_STATE', { procedureId: procedure.id, status: procedure.status });
    const card = await this.card(procedure.cardId);
    const resident = await this.resident(card.residentId);
    if (resident.municipalityCode !== procedure.municipalityCode)
      throw new MynaError('RESET_PRECONDITION', { reason: 'other-municipality' });
    if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: card.id });
    return { procedure, staff, card, resident };
  }

  private async claim(p: CounterProcedure, staff: StaffAccount): Promise<CounterProcedure> {
    const at = this.now().toISOString();
    const next: CounterProcedure = {
      ...p,
      status: 'completed',
      updatedAt: at,
      closedAt: at,
      closedBy: `staff:${staff.id}`,
    };
    if (!(await this.deps.resetStore.updateProcedure(next, 'ready')))
      throw new MynaError('PROCEDURE_STATE', { procedureId: p.id, status: 'changed' });
    return next;
  }

  private async unclaim(p: CounterProcedure): Promise<void> {
    const at = this.now().toISOString();
    await this.deps.resetStore.updateProcedure(
      { ...p, status: 'ready', updatedAt: at, closedAt: null, closedBy: null },
      'completed',
    );
  }

  /**
   * Runs a counter operation: consent, claim, the card work over the counter's reader, audit; the
   * procedure is given back to `ready` if the work fails.
   */
  private async atCounter<T>(
    c: CounterConsent,
    name: string,
    kinds: readonly ProcedureKind[],
    opts: { readonly supervisor?: boolean },
    work: (ctx: {
      procedure: CounterProcedure;
      staff: StaffAccount;
      card: CardRecord;
      resident: ResidentRecord;
      client: MynaCardClient;
    }) => Promise<T>,
  ): Promise<{ result: T; procedure: CounterProcedure }> {
    const base = { actor: ACTOR, terminal: c.terminal, procedureId: c.procedureId };
    let ctx: Awaited<ReturnType<ResetAuthority['counterConsent']>>;
    let claimed: CounterProcedure;
    try {
      ctx = await this.counterConsent(c, kinds, opts);
      claimed = await this.claim(ctx.procedure, ctx.staff);
    } catch (e) {
      const p = await this.deps.resetStore.getProcedure(this.sb, c.procedureId);
      await this.deps.audit.failure(
        'authority',
        { ...base, cardId: p?.cardId ?? null, step: `${name}.refused` },
        e,
      );
      throw e;
    }
    const step = { ...base, cardId: ctx.card.id, details: { staff: ctx.staff.id } };
    await this.deps.audit.record('authority', { ...step, step: `${name}.consent` });
    try {
      const result = await work({ ...ctx, client: new MynaCardClient(c.transport) });
      await this.deps.audit.record('authority', { ...step, step: name });
      return { result, procedure: claimed };
    } catch (e) {
      await this.unclaim(ctx.procedure);
      await this.deps.audit.failure('authority', { ...step, step: name }, e);
      throw e;
    }
  }

  private async needsReferenceData(client: MynaCardClient, pins: readonly HolderPinId[]): Promise<void> {
    for (const pin of pins) {
      if (!(await client.pinStatus(pin)).set)
        throw new MynaError('RESET_PRECONDITION', { reason: 'no-pin', pin });
    }
  }

  /**
   * Resets PINs at the counter (初期化・再設定, §4.1): each to its new value with a full counter.
   * `values` must name exactly the procedure's PINs; each must have reference data on the card
   * (a face-authentication card is switched back instead; under 15 there is no signature password).
   */
  async resetAtCounter(
    c: CounterConsent,
    values: Readonly<Partial<Record<HolderPinId, string>>>,
  ): Promise<CounterProcedure> {
    const { procedure } = await this.atCounter(c, 'counter.reset', ['pin-reset'], {}, async (ctx) => {
      const pins = ctx.procedure.pins;
      const given = Object.keys(values).filter((k) => values[k as HolderPinId] !== undefined);
      if (given.length !== pins.length || !pins.every((p) => given.includes(p)))
        throw new MynaError('INVALID_ARGUMENT', { field: 'pins', rule: 'exactly the PINs of the procedure' });
      for (const p of pins) {
        if (!PIN_RULES[p].check(values[p]!))
          throw new MynaError('PIN_FORMAT', { pin: p, rule: PIN_RULES[p].rule });
      }
      if (ctx.card.status === 'suspended') throw new MynaError('CARD_SUSPENDED', { cardId: ctx.card.id });
      await this.needsReferenceData(ctx.client, pins);
      const admin = await AdminSession.open(ctx.client, ctx.card);
      for (const p of pins) {
        await admin.resetPin(p, values[p]!);
        await this.deps.audit.record('authority', {
          cardId: ctx.card.id,
          actor: ACTOR,
          terminal: c.terminal,
          procedureId: ctx.procedure.id,
          pin: p,
          step: 'counter.pin-reset',
        });
      }
    });
    return procedure;
  }

  /**
   * Lifts a suspension (一時利用停止の解除, §5.4): only at the counter. The card is active again and
   * its user-auth certificate released; the signature certificate is released only when the holder
   * entered the signature password in this card session (SAKATA: "enters the signature PIN if the
   * signature certificate is needed"), proved like the kiosk's other PIN.
   */
  async liftSuspension(
    c: CounterConsent,
    opts: { readonly releaseSignature: boolean },
  ): Promise<{ procedure: CounterProcedure; released: CertificateKind[] }> {
    const { procedure, result } = await this.atCounter(
      c,
      'counter.lift-suspension',
      ['lift-suspension'],
      { supervisor: true },
      async (ctx) => {
        const held = await this.deps.store.listCertificates(this.sb, { cardId: ctx.card.id, status: 'hold' });
        if (ctx.card.status !== 'suspended' && held.length === 0)
          throw new MynaError('PROCEDURE_STATE', { reason: 'not-suspended' });
        const releasing = held.filter((h) => h.kind === 'auth' || opts.releaseSignature);
        for (const h of releasing) {
          if (h.kind === 'sign' && !(await this.provenVerified(c.transport, 'sign', h)))
            throw new MynaError('RESET_PRECONDITION', { reason: 'sign-pin-not-verified', pin: 'sign' });
        }
        const at = this.now().toISOString();
        if (ctx.card.status === 'suspended')
          await this.deps.store.setCardStatus(this.sb, ctx.card.id, 'active', at);
        for (const h of releasing)
          await this.deps.store.setCertificateStatus(this.sb, h.kind, h.serialHex, 'good', null, null);
        return releasing.map((h) => h.kind);
      },
    );
    return { procedure, released: result };
  }

  /**
   * Switches to a face-authentication card (顔認証マイナンバーカード, §1.3): every holder PIN's
   * reference data is erased on the card (`80 2C 00`), the signature key and certificate are
   * removed and the signature certificate revoked; the user-auth certificate stays (used through
   * face matching). Pending reservations are cancelled.
   */
  async switchToFaceAuth(c: CounterConsent): Promise<CounterProcedure> {
    const { procedure } = await this.atCounter(
      c,
      'counter.to-face-auth',
      ['to-face-auth'],
      {},
      async (ctx) => {
        if (ctx.card.status !== 'active') throw new MynaError('CARD_SUSPENDED', { cardId: ctx.card.id });
        if (!(await ctx.client.pinStatus('auth')).set)
          throw new MynaError('PROCEDURE_STATE', { reason: 'already-face-auth' });
        const set: HolderPinId[] = [];
        for (const p of ['auth', 'sign', 'kenhojo', 'juki', 'common'] as const) {
          if ((await ctx.client.pinStatus(p)).set) set.push(p);
        }
        const availability = await ctx.client.readEf('jpki', EF.jpki.certAvailability);
        const admin = await AdminSession.open(ctx.client, ctx.card);
        for (const p of set) await admin.erasePin(p);
        await admin.putKey('jpki', EF.jpki.signKey, null);
        await admin.writeEf('jpki', EF.jpki.signCert, new Uint8Array(0));
        await admin.writeEf('jpki', EF.jpki.certAvailability, withSignAvailability(availability, false));
        for (const s of await this.deps.store.listCertificates(this.sb, {
          cardId: ctx.card.id,
          kind: 'sign',
        })) {
          if (s.status !== 'revoked')
            await this.deps.authority.revoke('sign', s.serialHex, 'cessationOfOperation');
        }
        await this.cancelAllReservations(ctx.card.id, c.terminal, 'face-auth');
        await this.deps.store.setCardKind(this.sb, ctx.card.id, 'face-auth', this.now().toISOString());
      },
    );
    return procedure;
  }

  /**
   * Switches a face-authentication card back to a PIN card (§1.3): the holder's new PINs are set
   * with RESET RETRY COUNTER P1 02 (which works on a PIN without reference data); from the 15th
   * birthday a new signature certificate is issued and written to the card (PUT KEY, WRITE EF).
   */
  async switchFromFaceAuth(
    c: CounterConsent,
    pins: RestoredPins,
  ): Promise<{ procedure: CounterProcedure; certificates: CertificateRecord[] }> {
    const { procedure, result } = await this.atCounter(
      c,
      'counter.from-face-auth',
      ['from-face-auth'],
      {},
      async (ctx) => {
        if (ctx.card.status !== 'active') throw new MynaError('CARD_SUSPENDED', { cardId: ctx.card.id });
        const now = this.now();
        const adult = ageOn(ctx.resident.birthDate, jstDate(now)) >= 15;
        if (adult !== (pins.sign !== undefined))
          throw new MynaError('INVALID_ARGUMENT', {
            field: 'pins.sign',
            rule: adult ? 'required from the 15th birthday' : 'no signature certificate under 15',
          });
        const values: [HolderPinId, string][] = [
          ['auth', pins.auth],
          ['kenhojo', pins.kenhojo],
          ['juki', pins.juki],
          ['common', pins.common ?? pins.juki],
          ...(pins.sign !== undefined
            ? ([['sign', pins.sign.toUpperCase()]] as [HolderPinId, string][])
            : []),
        ];
        for (const [p, v] of values) {
          if (!PIN_RULES[p].check(v)) throw new MynaError('PIN_FORMAT', { pin: p, rule: PIN_RULES[p].rule });
        }
        if ((await ctx.client.pinStatus('auth')).set)
          throw new MynaError('PROCEDURE_STATE', { reason: 'not-face-auth' });
        const issuer = this.deps.municipality.certificateIssuer();
        const fresh = adult
          ? await issueFreshCertificates(issuer, {
              now,
              resident: ctx.resident,
              card: ctx.card,
              kinds: ['sign'],
            })
          : [];
        const availability = await ctx.client.readEf('jpki', EF.jpki.certAvailability);
        const admin = await AdminSession.open(ctx.client, ctx.card);
        for (const [p, v] of values) await admin.resetPin(p, v);
        if (fresh.length > 0) {
          await writeFreshCertificates(admin, fresh);
          await admin.writeEf('jpki', EF.jpki.certAvailability, withSignAvailability(availability, true));
        }
        await this.deps.store.setCardKind(
          this.sb,
          ctx.card.id,
          adult ? 'adult' : 'under-15',
          now.toISOString(),
        );
        return recordFreshCertificates(issuer, {
          card: ctx.card,
          residentId: ctx.resident.id,
          fresh,
          at: now.toISOString(),
        });
      },
    );
    return { procedure, certificates: result };
  }

  /**
   * A new signature certificate at the counter, e.g. after a change of address revoked the old one
   * (§5.3 [OHKURA]): new key pair and certificate written to the card; any current signature
   * certificate is superseded. The signature password is set to `newSignPin`, or — when absent —
   * kept with a full counter (required if the card has none yet, e.g. after the 15th birthday).
   */
  async issueSignCertificate(
    c: CounterConsent,
    opts: { readonly newSignPin?: string } = {},
  ): Promise<{ procedure: CounterProcedure; certificate: CertificateRecord }> {
    const { procedure, result } = await this.atCounter(
      c,
      'counter.sign-certificate',
      ['sign-certificate'],
      {},
      async (ctx) => {
        if (ctx.card.status !== 'active') throw new MynaError('CARD_SUSPENDED', { cardId: ctx.card.id });
        const now = this.now();
        if (ageOn(ctx.resident.birthDate, jstDate(now)) < 15)
          throw new MynaError('RESET_PRECONDITION', { reason: 'under-15' });
        const newPin = opts.newSignPin?.toUpperCase();
        if (newPin !== undefined && !PIN_RULES.sign.check(newPin))
          throw new MynaError('PIN_FORMAT', { pin: 'sign', rule: PIN_RULES.sign.rule });
        if (!(await ctx.client.pinStatus('auth')).set)
          throw new MynaError('RESET_PRECONDITION', { reason: 'face-auth-card' });
        if (newPin === undefined && !(await ctx.client.pinStatus('sign')).set)
          throw new MynaError('INVALID_ARGUMENT', {
            field: 'newSignPin',
            rule: 'required: the card has no signature password',
          });
        const issuer = this.deps.municipality.certificateIssuer();
        const fresh = await issueFreshCertificates(issuer, {
          now,
          resident: ctx.resident,
          card: ctx.card,
          kinds: ['sign'],
        });
        const availability = await ctx.client.readEf('jpki', EF.jpki.certAvailability);
        const admin = await AdminSession.open(ctx.client, ctx.card);
        await writeFreshCertificates(admin, fresh);
        await admin.writeEf('jpki', EF.jpki.certAvailability, withSignAvailability(availability, true));
        await admin.resetPin('sign', newPin ?? null);
        for (const s of await this.deps.store.listCertificates(this.sb, {
          cardId: ctx.card.id,
          kind: 'sign',
        })) {
          if (s.status !== 'revoked') await this.deps.authority.revoke('sign', s.serialHex, 'superseded');
        }
        const [certificate] = await recordFreshCertificates(issuer, {
          card: ctx.card,
          residentId: ctx.resident.id,
          fresh,
          at: now.toISOString(),
        });
        return certificate!;
      },
    );
    return { procedure, certificate: result };
  }

  // ───────────────────────── lost cards (§5.4) ─────────────────────────

  /**
   * Suspension after a call to the lost-card line (一時利用停止 / 電子証明書の一時保留): the card is
   * suspended, every good certificate goes on hold (OCSP answers revoked/certificateHold, relying
   * parties refuse) and pending reservations are cancelled. Lifted only at the counter.
   */
  async suspendCard(req: {
    readonly cardId: string;
    readonly terminal: string;
  }): Promise<CertificateRecord[]> {
    const card = await this.card(req.cardId);
    if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: card.id });
    const at = this.now().toISOString();
    if (card.status !== 'suspended') await this.deps.store.setCardStatus(this.sb, card.id, 'suspended', at);
    await this.deps.authority.holdCard(card.id);
    await this.cancelAllReservations(card.id, req.terminal, 'suspended');
    return this.deps.store.listCertificates(this.sb, { cardId: card.id, status: 'hold' });
  }

  private async cancelAllReservations(cardId: string, terminal: string, reason: string): Promise<void> {
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

/** EF 0008 with its signature byte set (8F) or cleared (00); card.md §4.1. */
function withSignAvailability(ef: Uint8Array, present: boolean): Uint8Array {
  const out = new Uint8Array(ef.length >= 3 ? ef : Uint8Array.of(0x00, 0x8f, 0x00));
  out[0] = present ? 0x8f : 0x00;
  return out;
}
