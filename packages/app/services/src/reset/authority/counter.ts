import { EF, type HolderPinId } from '@myna/card';
import { MynaCardClient, type Transport } from '@myna/client';
import { MynaError } from '@myna/errors';
import { isUnder15 } from '@myna/pki';
import { AdminSession } from '../../admin-channel.js';
import {
  issueFreshCertificates,
  recordFreshCertificates,
  writeFreshCertificates,
} from '../../certificate-issuance.js';
import { jstDate } from '../../clock.js';
import type { CardRecord, CertificateKind, CertificateRecord, ResidentRecord } from '../../ports.js';
import { completeProcedure } from '../completion.js';
import { assertCounterHolder, assertCounterMayAct, assertPinFormat, assertStaffSession } from '../policy.js';
import type { CounterProcedure, ProcedureKind, StaffAccount, StaffSessionRecord } from '../ports.js';
import { tokenHash } from '../staff.js';
import { ACTOR, type AuthorityContext } from './context.js';

/** A procedure that writes to the card needs an active one (a suspended card is lifted first). */
function assertActiveCard(card: CardRecord): void {
  if (card.status !== 'active') throw new MynaError('CARD_SUSPENDED', { cardId: card.id });
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

interface CounterContext {
  procedure: CounterProcedure;
  staff: StaffAccount;
  card: CardRecord;
  resident: ResidentRecord;
}

/**
 * The authority's side of the municipal counter (pin-lifecycle.md §4, §5): a logged-in staff
 * member of the holder's municipality, at their window, with the procedure's identity checks
 * done. Every operation completes its procedure through the one completion path
 * (`completeProcedure`, reset/completion.ts: claim before the card work).
 */
export class CounterChannel {
  constructor(private readonly ctx: AuthorityContext) {}

  /** Checks a staff session token: the session and account must exist, be current and enabled. */
  async staffSession(token: string): Promise<{ session: StaffSessionRecord; staff: StaffAccount }> {
    const { deps } = this.ctx;
    const session = await deps.resetStore.getSession(this.ctx.sb, tokenHash(token));
    const staff = session ? await deps.resetStore.getStaff(this.ctx.sb, session.staffId) : undefined;
    return assertStaffSession(session, staff, this.ctx.now());
  }

  /**
   * The counter's consent: a logged-in staff member of the procedure's municipality at the window
   * they logged in at, the procedure of a permitted kind with its identity checks done (`ready`),
   * the holder registered in this municipality.
   */
  private async counterConsent(
    c: CounterConsent,
    kinds: readonly ProcedureKind[],
    opts: { readonly supervisor?: boolean } = {},
  ): Promise<CounterContext> {
    const { session, staff } = await this.staffSession(c.staffToken);
    const procedure = await this.ctx.deps.resetStore.getProcedure(this.ctx.sb, c.procedureId);
    if (!procedure) throw new MynaError('PROCEDURE_NOT_FOUND', { procedureId: c.procedureId });
    assertCounterMayAct({ session, staff, procedure, terminal: c.terminal, kinds, ...opts });
    const card = await this.ctx.card(procedure.cardId);
    const resident = await this.ctx.resident(card.residentId);
    assertCounterHolder(procedure, card, resident);
    return { procedure, staff, card, resident };
  }

  /**
   * Runs a counter operation: consent, then the one completion path (claim, the card work over
   * the counter's reader, give back if it fails), with the audit of each step.
   */
  private async atCounter<T>(
    c: CounterConsent,
    name: string,
    kinds: readonly ProcedureKind[],
    opts: { readonly supervisor?: boolean },
    work: (ctx: CounterContext & { client: MynaCardClient }) => Promise<T>,
  ): Promise<{ result: T; procedure: CounterProcedure }> {
    const { deps } = this.ctx;
    const base = { actor: ACTOR, terminal: c.terminal, procedureId: c.procedureId };
    const refused = async (e: unknown) => {
      const p = await deps.resetStore.getProcedure(this.ctx.sb, c.procedureId);
      await deps.audit.failure(
        'authority',
        { ...base, cardId: p?.cardId ?? null, step: `${name}.refused` },
        e,
      );
      return e;
    };
    let ctx: CounterContext;
    try {
      ctx = await this.counterConsent(c, kinds, opts);
    } catch (e) {
      throw await refused(e);
    }
    const step = { ...base, cardId: ctx.card.id, details: { staff: ctx.staff.id } };
    let claimed = false;
    try {
      const done = await completeProcedure(
        { procedures: deps.resetStore, clock: deps.clock },
        ctx.procedure,
        `staff:${ctx.staff.id}`,
        async () => {
          claimed = true;
          await deps.audit.record('authority', { ...step, step: `${name}.consent` });
          return work({ ...ctx, client: new MynaCardClient(c.transport) });
        },
      );
      await deps.audit.record('authority', { ...step, step: name });
      return done;
    } catch (e) {
      if (!claimed) throw await refused(e);
      await deps.audit.failure('authority', { ...step, step: name }, e);
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
      for (const p of pins) assertPinFormat(p, values[p]!);
      if (ctx.card.status === 'suspended') throw new MynaError('CARD_SUSPENDED', { cardId: ctx.card.id });
      await this.needsReferenceData(ctx.client, pins);
      const admin = await AdminSession.open(ctx.client, ctx.card);
      for (const p of pins) {
        await admin.resetPin(p, values[p]!);
        await this.ctx.deps.audit.record('authority', {
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
        const held = await this.ctx.deps.store.listCertificates(this.ctx.sb, {
          cardId: ctx.card.id,
          status: 'hold',
        });
        if (ctx.card.status !== 'suspended' && held.length === 0)
          throw new MynaError('PROCEDURE_STATE', { reason: 'not-suspended' });
        const releasing = held.filter((h) => h.kind === 'auth' || opts.releaseSignature);
        for (const h of releasing) {
          if (h.kind === 'sign' && !(await this.ctx.provenVerified(c.transport, 'sign', h)))
            throw new MynaError('RESET_PRECONDITION', { reason: 'sign-pin-not-verified', pin: 'sign' });
        }
        const at = this.ctx.now().toISOString();
        if (ctx.card.status === 'suspended')
          await this.ctx.deps.store.setCardStatus(this.ctx.sb, ctx.card.id, 'active', at);
        for (const h of releasing)
          await this.ctx.deps.store.setCertificateStatus(
            this.ctx.sb,
            h.kind,
            h.serialHex,
            'good',
            null,
            null,
          );
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
        assertActiveCard(ctx.card);
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
        for (const s of await this.ctx.deps.store.listCertificates(this.ctx.sb, {
          cardId: ctx.card.id,
          kind: 'sign',
        })) {
          if (s.status !== 'revoked')
            await this.ctx.deps.authority.revoke('sign', s.serialHex, 'cessationOfOperation');
        }
        await this.ctx.cancelAllReservations(ctx.card.id, c.terminal, 'face-auth');
        await this.ctx.deps.store.setCardKind(
          this.ctx.sb,
          ctx.card.id,
          'face-auth',
          this.ctx.now().toISOString(),
        );
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
        assertActiveCard(ctx.card);
        const now = this.ctx.now();
        const adult = !isUnder15({ birthDate: ctx.resident.birthDate, on: jstDate(now) });
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
        for (const [p, v] of values) assertPinFormat(p, v);
        if ((await ctx.client.pinStatus('auth')).set)
          throw new MynaError('PROCEDURE_STATE', { reason: 'not-face-auth' });
        const issuer = this.ctx.deps.municipality.certificateIssuer();
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
        await this.ctx.deps.store.setCardKind(
          this.ctx.sb,
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
        assertActiveCard(ctx.card);
        const now = this.ctx.now();
        if (isUnder15({ birthDate: ctx.resident.birthDate, on: jstDate(now) }))
          throw new MynaError('RESET_PRECONDITION', { reason: 'under-15' });
        const newPin = opts.newSignPin?.toUpperCase();
        if (newPin !== undefined) assertPinFormat('sign', newPin);
        if (!(await ctx.client.pinStatus('auth')).set)
          throw new MynaError('RESET_PRECONDITION', { reason: 'face-auth-card' });
        if (newPin === undefined && !(await ctx.client.pinStatus('sign')).set)
          throw new MynaError('INVALID_ARGUMENT', {
            field: 'newSignPin',
            rule: 'required: the card has no signature password',
          });
        const issuer = this.ctx.deps.municipality.certificateIssuer();
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
        for (const s of await this.ctx.deps.store.listCertificates(this.ctx.sb, {
          cardId: ctx.card.id,
          kind: 'sign',
        })) {
          if (s.status !== 'revoked') await this.ctx.deps.authority.revoke('sign', s.serialHex, 'superseded');
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
}

/** EF 0008 with its signature byte set (8F) or cleared (00); card.md §4.1. */
function withSignAvailability(ef: Uint8Array, present: boolean): Uint8Array {
  const out = new Uint8Array(ef.length >= 3 ? ef : Uint8Array.of(0x00, 0x8f, 0x00));
  out[0] = present ? 0x8f : 0x00;
  return out;
}
