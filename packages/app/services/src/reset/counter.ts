import { timingSafeEqual } from 'node:crypto';
import { HOLDER_PIN_IDS, type HolderPinId } from '@myna/card';
import { MynaCardClient, type Transport } from '@myna/client';
import { MynaError } from '@myna/errors';
import { ageOn } from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import { randomAlnum } from '../authority.js';
import { jstDate } from '../clock.js';
import type { CardConnector } from '../connector.js';
import type {
  AuthorityStore,
  CardRecord,
  CertificateKind,
  CertificateRecord,
  ResidentRecord,
} from '../ports.js';
import type { AuditStep, AuditTrail } from './audit.js';
import { completeProcedure } from './completion.js';
import { matchFace, printedCardFace, readCardFace } from './face-match.js';
import type {
  ApplicantRole,
  CounterProcedure,
  MailedLetter,
  ProcedureKind,
  ResetStore,
  StaffAccount,
  StaffRole,
} from './ports.js';
import type { CounterConsent, ResetAuthority, RestoredPins } from './reset-authority.js';
import {
  counterOpen,
  DEFAULT_OFFICE_HOURS,
  hashPassword,
  type OfficeHours,
  tokenHash,
  validateOfficeHours,
  verifyPassword,
} from './staff.js';

export interface CounterOptions {
  readonly nameJa: string;
  readonly nameEn: string;
  /** When procedures are taken (JST). Default weekdays 08:30–17:00. */
  readonly officeHours: OfficeHours;
  /**
   * Whether the holder needs an official photo ID besides the card (J-LIS for a PIN change
   * [JP-PW], [IAM]); cities differ (§8.5: card only [SANDA]). Default true.
   */
  readonly photoIdRequired: boolean;
  /** How long a staff login lasts. Default 8 hours. */
  readonly sessionTtlMs: number;
}

export const DEFAULT_COUNTER_OPTIONS: Omit<CounterOptions, 'nameJa' | 'nameEn'> = {
  officeHours: DEFAULT_OFFICE_HOURS,
  photoIdRequired: true,
  sessionTtlMs: 8 * 3600_000,
};

/** A logged-in staff member at a counter window. `token` is the only credential; keep it secret. */
export interface StaffSession {
  readonly token: string;
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly municipalityCode: string;
  readonly window: string;
  /** `counter:<municipality code>:<window>`: the label of the window's card reader. */
  readonly terminal: string;
  readonly expiresAt: string;
}

/** A staff account as shown (no password hash). */
export type StaffInfo = Omit<StaffAccount, 'passwordHash'>;

export type PhotoIdKind = 'driver-license' | 'passport' | 'residence-card' | 'other-official-photo-id';

/** An official photo ID shown at the counter: its kind and what it says (compared with the register). */
export interface PhotoId {
  readonly kind: PhotoIdKind;
  readonly name: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
}

/** What the person at the counter shows (§4.2, §4.3). Only which checks passed is recorded. */
export interface IdentityEvidence {
  /** The person's face (a "selfie", face-match.ts), compared with the card's face photo read from the chip. */
  readonly selfie?: Uint8Array;
  readonly forceFaceMismatch?: boolean;
  /** The photo ID of the person present (holder, legal representative or agent). */
  readonly photoId?: PhotoId;
  /** A legal representative's proof of authority (戸籍謄本, or a guardianship registration). */
  readonly proofOfAuthority?: {
    readonly kind: 'family-register' | 'guardianship-registration';
    readonly holderName: string;
    readonly representativeName: string;
  };
}

export interface OpenProcedureRequest {
  readonly cardId: string;
  readonly kind: ProcedureKind;
  /** The holder, or a legal representative / voluntary agent with their name. */
  readonly applicant: { readonly role: ApplicantRole; readonly name?: string };
  /** pin-reset: the PINs to reset; pin-change: the one PIN to change. */
  readonly pins?: readonly HolderPinId[];
}

/** Wrong answer codes allowed before a voluntary agent's procedure is void (sandbox rule). */
export const MAX_ANSWER_ATTEMPTS = 3;

const KIND_NEEDS_PINS: Record<ProcedureKind, 'some' | 'one' | 'none'> = {
  'pin-reset': 'some',
  'pin-change': 'one',
  'lift-suspension': 'none',
  'to-face-auth': 'none',
  'from-face-auth': 'none',
  'sign-certificate': 'none',
};

/**
 * The municipal counter (市区町村窓口) of pin-lifecycle.md §4 and §5: staff accounts (clerk,
 * supervisor) with login, office hours per municipality, and in-person procedures with identity
 * checks — reset of any PIN, PIN change, lifting a suspension, switching to and from a
 * face-authentication card, a new signature certificate. A voluntary agent's procedure takes two
 * visits with a 照会書兼回答書 mailed to the holder in between; a legal representative of a minor
 * (or an adult ward) finishes the same day.
 *
 * The counter is a terminal: its window's reader (`counter:<code>:<window>`) reaches the card, and
 * every reset is asked of — and performed by — the authority (`ResetAuthority`), which checks the
 * staff session and the procedure itself. A PIN change is the holder's own CHANGE REFERENCE DATA.
 */
export class MunicipalCounter {
  readonly options: CounterOptions;

  constructor(
    private readonly deps: {
      readonly sandboxId: string;
      readonly municipalityCode: string;
      readonly store: AuthorityStore;
      readonly authority: ResetAuthority;
      readonly connector: CardConnector;
      readonly resetStore: ResetStore;
      readonly audit: AuditTrail;
      readonly clock: Clock;
      readonly random: Random;
    },
    options: Partial<CounterOptions> = {},
  ) {
    this.options = {
      nameJa: `市区町村窓口（${deps.municipalityCode}）`,
      nameEn: `Municipal counter (${deps.municipalityCode})`,
      ...DEFAULT_COUNTER_OPTIONS,
      ...options,
    };
    validateOfficeHours(this.options.officeHours);
  }

  get municipalityCode(): string {
    return this.deps.municipalityCode;
  }

  private get sb(): string {
    return this.deps.sandboxId;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /** The label of a window's card reader. */
  terminalFor(window: string): string {
    return `counter:${this.municipalityCode}:${window}`;
  }

  /** Whether the counter takes procedures at an instant (default: now). */
  isOpen(at: Date = this.now()): boolean {
    return counterOpen(this.options.officeHours, at);
  }

  // ───────────────────────── staff ─────────────────────────

  /**
   * Creates a staff account. The first account of the municipality needs no session (bootstrap)
   * and must be a supervisor; after that only a supervisor may create accounts.
   */
  async createStaff(
    by: StaffSession | null,
    a: { readonly id: string; readonly name: string; readonly role: StaffRole; readonly password: string },
  ): Promise<StaffInfo> {
    const existing = await this.deps.resetStore.listStaff(this.sb, this.municipalityCode);
    let actor = 'bootstrap';
    if (existing.length === 0 && by === null) {
      if (a.role !== 'supervisor')
        throw new MynaError('INVALID_ARGUMENT', { field: 'role', rule: 'the first account is a supervisor' });
    } else {
      if (by === null) throw new MynaError('STAFF_FORBIDDEN', { needs: 'supervisor' });
      const { staff } = await this.staff(by);
      if (staff.role !== 'supervisor')
        throw new MynaError('STAFF_FORBIDDEN', { role: staff.role, needs: 'supervisor' });
      actor = `staff:${staff.id}`;
    }
    if (!/^[a-z0-9][a-z0-9._-]{2,31}$/.test(a.id))
      throw new MynaError('INVALID_ARGUMENT', { field: 'id', rule: '3–32 of a–z 0–9 . _ -' });
    if (a.role !== 'clerk' && a.role !== 'supervisor')
      throw new MynaError('INVALID_ARGUMENT', { field: 'role', rule: "'clerk' or 'supervisor'" });
    if (a.name.trim() === '') throw new MynaError('INVALID_ARGUMENT', { field: 'name', rule: 'not empty' });
    if (await this.deps.resetStore.getStaff(this.sb, a.id))
      throw new MynaError('INVALID_ARGUMENT', { field: 'id', rule: 'unique' });
    const at = this.now().toISOString();
    const account: StaffAccount = {
      id: a.id,
      sandboxId: this.sb,
      municipalityCode: this.municipalityCode,
      name: a.name,
      role: a.role,
      passwordHash: await hashPassword(a.password, this.deps.random),
      disabled: false,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.resetStore.insertStaff(account);
    await this.deps.audit.record('counter', {
      cardId: null,
      actor,
      terminal: `counter:${this.municipalityCode}`,
      step: 'staff.created',
      details: { staff: a.id, role: a.role },
    });
    const { passwordHash: _omit, ...info } = account;
    return info;
  }

  /** Logs a staff member in at a window. Wrong id, password or municipality: STAFF_LOGIN_FAILED. */
  async login(id: string, password: string, window: string): Promise<StaffSession> {
    if (!/^[A-Za-z0-9-]{1,16}$/.test(window))
      throw new MynaError('INVALID_ARGUMENT', { field: 'window', rule: '1–16 of A–Z a–z 0–9 -' });
    const terminal = this.terminalFor(window);
    const account = await this.deps.resetStore.getStaff(this.sb, id);
    const ok =
      account !== undefined &&
      !account.disabled &&
      account.municipalityCode === this.municipalityCode &&
      (await verifyPassword(password, account.passwordHash));
    if (!account || !ok) {
      await this.deps.audit.record('counter', {
        cardId: null,
        actor: `staff:${id}`,
        terminal,
        step: 'staff.login',
        outcome: 'refused',
        code: 'STAFF_LOGIN_FAILED',
      });
      throw new MynaError('STAFF_LOGIN_FAILED');
    }
    const token = Buffer.from(this.deps.random.bytes(32)).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMs).toISOString();
    await this.deps.resetStore.putSession({
      tokenHash: tokenHash(token),
      sandboxId: this.sb,
      staffId: account.id,
      municipalityCode: this.municipalityCode,
      window,
      createdAt: now.toISOString(),
      expiresAt,
    });
    await this.deps.audit.record('counter', {
      cardId: null,
      actor: `staff:${id}`,
      terminal,
      step: 'staff.login',
    });
    return {
      token,
      staffId: account.id,
      name: account.name,
      role: account.role,
      municipalityCode: this.municipalityCode,
      window,
      terminal,
      expiresAt,
    };
  }

  async logout(s: StaffSession): Promise<void> {
    await this.deps.resetStore.deleteSession(this.sb, tokenHash(s.token));
    await this.deps.audit.record('counter', {
      cardId: null,
      actor: `staff:${s.staffId}`,
      terminal: s.terminal,
      step: 'staff.logout',
    });
  }

  /** The session's staff account, checked with the authority's own records. */
  private async staff(s: StaffSession): Promise<{ staff: StaffAccount; terminal: string }> {
    const { session, staff } = await this.deps.authority.staffSession(s.token);
    if (session.municipalityCode !== this.municipalityCode)
      throw new MynaError('STAFF_FORBIDDEN', { reason: 'other-municipality' });
    return { staff, terminal: this.terminalFor(session.window) };
  }

  // ───────────────────────── procedures ─────────────────────────

  /** The holder's mailbox (sandbox only): the letters mailed to a resident, with their answer codes. */
  mailbox(residentId: string): Promise<MailedLetter[]> {
    return this.deps.resetStore.lettersFor(this.sb, residentId);
  }

  async procedure(s: StaffSession, id: string): Promise<CounterProcedure> {
    await this.staff(s);
    return this.load(id);
  }

  private async load(id: string): Promise<CounterProcedure> {
    const p = await this.deps.resetStore.getProcedure(this.sb, id);
    if (!p || p.municipalityCode !== this.municipalityCode)
      throw new MynaError('PROCEDURE_NOT_FOUND', { procedureId: id });
    return p;
  }

  /** Opens a procedure for a card at the staff member's window (office hours only). */
  async open(s: StaffSession, req: OpenProcedureRequest): Promise<CounterProcedure> {
    return this.run(s, null, 'counter.open', async ({ staff }) => {
      const card = await this.card(req.cardId);
      const res = await this.resident(card);
      if (res.municipalityCode !== this.municipalityCode)
        throw new MynaError('RESET_PRECONDITION', { reason: 'other-municipality' });
      if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: card.id });
      if (card.status === 'suspended' && req.kind !== 'lift-suspension')
        throw new MynaError('CARD_SUSPENDED', { cardId: card.id });
      if (!(req.kind in KIND_NEEDS_PINS))
        throw new MynaError('INVALID_ARGUMENT', {
          field: 'kind',
          rule: Object.keys(KIND_NEEDS_PINS).join(', '),
        });
      const pins = [...new Set(req.pins ?? [])];
      if (!pins.every((p) => HOLDER_PIN_IDS.includes(p)))
        throw new MynaError('INVALID_ARGUMENT', { field: 'pins', rule: HOLDER_PIN_IDS.join(', ') });
      const need = KIND_NEEDS_PINS[req.kind];
      if (
        (need === 'some' && pins.length === 0) ||
        (need === 'one' && pins.length !== 1) ||
        (need === 'none' && pins.length > 0)
      )
        throw new MynaError('INVALID_ARGUMENT', { field: 'pins', rule: `${need} for ${req.kind}` });
      const role = req.applicant.role;
      if (!['holder', 'legal-representative', 'voluntary-agent'].includes(role))
        throw new MynaError('INVALID_ARGUMENT', {
          field: 'applicant.role',
          rule: 'holder, legal-representative or voluntary-agent',
        });
      const name = req.applicant.name?.trim() || null;
      if (role !== 'holder' && name === null)
        throw new MynaError('INVALID_ARGUMENT', {
          field: 'applicant.name',
          rule: 'required for a representative or agent',
        });
      if (role === 'voluntary-agent' && req.kind !== 'pin-reset')
        throw new MynaError('INVALID_ARGUMENT', {
          field: 'applicant.role',
          rule: 'a voluntary agent can only have PINs reset',
        });
      const at = this.now().toISOString();
      const p: CounterProcedure = {
        id: `prc_${randomAlnum(this.deps.random, 16).toLowerCase()}`,
        sandboxId: this.sb,
        municipalityCode: this.municipalityCode,
        cardId: card.id,
        kind: req.kind,
        applicant: { role, name: role === 'holder' ? null : name },
        pins: req.kind === 'sign-certificate' ? ['sign'] : pins,
        status: 'open',
        checks: [],
        visits: 1,
        answerAttempts: 0,
        letterId: null,
        openedBy: `staff:${staff.id}`,
        openedAt: at,
        updatedAt: at,
        closedAt: null,
        closedBy: null,
      };
      await this.deps.resetStore.insertProcedure(p);
      return { result: p, cardId: card.id, procedureId: p.id, details: { kind: p.kind, applicant: role } };
    });
  }

  /**
   * Identity checks of the first (or only) visit (§4.2, §4.3):
   * - holder in person: the card's face photo (read from the chip with 照合番号B from the printed
   *   face) against the person, plus an official photo ID matching the register if the
   *   municipality asks for one;
   * - legal representative: their photo ID and proof of authority naming them and the holder (a
   *   family-register extract for a holder under 18, or a guardianship registration), the card read;
   * - voluntary agent: their photo ID; then the 照会書兼回答書 is mailed to the holder's registered
   *   address and the procedure waits for the second visit.
   */
  async confirmIdentity(s: StaffSession, id: string, evidence: IdentityEvidence): Promise<CounterProcedure> {
    return this.run(s, id, 'identity', async ({ staff, terminal }) => {
      const p = await this.load(id);
      if (p.status !== 'open') throw new MynaError('PROCEDURE_STATE', { procedureId: id, status: p.status });
      const card = await this.card(p.cardId);
      const res = await this.resident(card);
      const checks: string[] = [];
      const fail = (check: string, reason: string) =>
        new MynaError('IDENTITY_NOT_CONFIRMED', { check, reason });
      const photoId = (who: string, name: string, birthDate?: string) => {
        const id = evidence.photoId;
        if (!id) throw fail(`${who}-photo-id`, 'missing');
        if (id.name !== name || (birthDate !== undefined && id.birthDate !== birthDate))
          throw fail(`${who}-photo-id`, 'does-not-match');
        checks.push(`${who}-photo-id:${id.kind}`);
      };
      let next: CounterProcedure;
      if (p.applicant.role === 'holder') {
        if (!evidence.selfie) throw fail('card-face-match', 'no-person');
        const photo = await this.withCardAt(terminal, card.id, async (t) => {
          const face = await readCardFace(
            new MynaCardClient(t),
            await printedCardFace(this.deps.store, this.sb, card.id),
          );
          return face.photo;
        });
        if (
          !matchFace(evidence.selfie, photo, { forceMismatch: evidence.forceFaceMismatch ?? false }).matched
        )
          throw fail('card-face-match', 'mismatch');
        checks.push('card-face-match');
        if (this.options.photoIdRequired) photoId('holder', res.name, res.birthDate);
        next = { ...p, status: 'ready', checks };
      } else if (p.applicant.role === 'legal-representative') {
        const proof = evidence.proofOfAuthority;
        if (!proof) throw fail('proof-of-authority', 'missing');
        if (proof.holderName !== res.name || proof.representativeName !== p.applicant.name)
          throw fail('proof-of-authority', 'does-not-match');
        if (proof.kind === 'family-register' && ageOn(res.birthDate, jstDate(this.now())) >= 18)
          throw fail('proof-of-authority', 'holder-not-a-minor');
        checks.push(`proof:${proof.kind}`);
        photoId('representative', p.applicant.name!);
        await this.withCardAt(terminal, card.id, async (t) =>
          readCardFace(new MynaCardClient(t), await printedCardFace(this.deps.store, this.sb, card.id)),
        );
        checks.push('card-read');
        next = { ...p, status: 'ready', checks };
      } else {
        photoId('agent', p.applicant.name!);
        const letter = await this.mailLetter(p, res);
        next = { ...p, status: 'awaiting-answer', checks, letterId: letter.id };
        await this.deps.audit.record('counter', {
          cardId: card.id,
          actor: `staff:${staff.id}`,
          terminal,
          procedureId: p.id,
          step: 'letter.mailed',
          details: { letter: letter.id, kind: letter.kind, doNotForward: true },
        });
      }
      next = { ...next, updatedAt: this.now().toISOString() };
      await this.save(next, 'open');
      return { result: next, cardId: card.id, procedureId: p.id, details: { checks: checks.join(' ') } };
    });
  }

  /**
   * A voluntary agent's second visit (§4.3): not on the day the letter was mailed; the agent's
   * photo ID again, the card, and the answer code written on the 照会書兼回答書. Three wrong codes
   * void the procedure.
   */
  async secondVisit(
    s: StaffSession,
    id: string,
    visit: { readonly answerCode: string; readonly photoId: PhotoId },
  ): Promise<CounterProcedure> {
    return this.run(s, id, 'second-visit', async ({ terminal }) => {
      const p = await this.load(id);
      if (p.status !== 'awaiting-answer' || p.letterId === null)
        throw new MynaError('PROCEDURE_STATE', { procedureId: id, status: p.status });
      const letter = await this.deps.resetStore.getLetter(this.sb, p.letterId);
      if (!letter) throw new MynaError('PROCEDURE_STATE', { procedureId: id, reason: 'no-letter' });
      if (jstDate(new Date(letter.mailedAt)) >= jstDate(this.now()))
        throw new MynaError('PROCEDURE_STATE', { procedureId: id, reason: 'letter-still-in-the-mail' });
      if (visit.photoId.name !== p.applicant.name)
        throw new MynaError('IDENTITY_NOT_CONFIRMED', { check: 'agent-photo-id', reason: 'does-not-match' });
      const card = await this.card(p.cardId);
      if (card.status !== 'active') throw new MynaError('CARD_SUSPENDED', { cardId: card.id });
      await this.withCardAt(terminal, card.id, async (t) =>
        readCardFace(new MynaCardClient(t), await printedCardFace(this.deps.store, this.sb, card.id)),
      );
      const at = this.now().toISOString();
      if (!sameCode(visit.answerCode, letter.answerCode)) {
        const attempts = p.answerAttempts + 1;
        const voided = attempts >= MAX_ANSWER_ATTEMPTS;
        await this.save(
          {
            ...p,
            answerAttempts: attempts,
            updatedAt: at,
            ...(voided ? { status: 'cancelled' as const, closedAt: at, closedBy: 'authority' } : {}),
          },
          'awaiting-answer',
        );
        throw new MynaError('ANSWER_CODE_INVALID', { attemptsLeft: MAX_ANSWER_ATTEMPTS - attempts, voided });
      }
      const next: CounterProcedure = {
        ...p,
        status: 'ready',
        visits: p.visits + 1,
        checks: [...p.checks, `agent-photo-id:${visit.photoId.kind}`, 'card-read', 'answer-code'],
        updatedAt: at,
      };
      await this.save(next, 'awaiting-answer');
      return { result: next, cardId: card.id, procedureId: p.id, details: { visit: next.visits } };
    });
  }

  /** Resets the procedure's PINs to the new values (§4.1), performed by the authority through this window's reader. */
  resetPins(
    s: StaffSession,
    id: string,
    values: Readonly<Partial<Record<HolderPinId, string>>>,
  ): Promise<CounterProcedure> {
    return this.withConsent(s, id, 'pin-reset', (consent) =>
      this.deps.authority.resetAtCounter(consent, values),
    );
  }

  /**
   * Changes a PIN the holder knows (§5.1, [KASAI][JP-PW]): the holder enters the current and the new
   * value on the window's PIN pad; the card's own VERIFY + CHANGE REFERENCE DATA (client SDK, safe
   * policy: a wrong current value spends a try). No authority is involved.
   */
  async changePin(
    s: StaffSession,
    id: string,
    change: { readonly current: string; readonly next: string; readonly confirmLastTry?: boolean },
  ): Promise<CounterProcedure> {
    return this.run(s, id, 'pin-change', async ({ staff, terminal }) => {
      const p = await this.load(id);
      if (p.kind !== 'pin-change') throw new MynaError('PROCEDURE_STATE', { kind: p.kind });
      if (p.status !== 'ready')
        throw new MynaError(p.status === 'open' ? 'IDENTITY_NOT_CONFIRMED' : 'PROCEDURE_STATE', {
          procedureId: id,
          status: p.status,
        });
      const pin = p.pins[0]!;
      // The one completion path (completion.ts): claimed before the card work, so two clerks
      // cannot both change the PIN; given back to `ready` if the card refuses.
      const { procedure: next } = await completeProcedure(
        { procedures: this.deps.resetStore, clock: this.deps.clock },
        p,
        `staff:${staff.id}`,
        () =>
          this.withCardAt(terminal, p.cardId, (t) =>
            new MynaCardClient(t).changePin(pin, change.current, change.next, {
              confirmLastTry: change.confirmLastTry ?? false,
            }),
          ),
      );
      return { result: next, cardId: p.cardId, procedureId: p.id, pin };
    });
  }

  /**
   * Lifts a suspension (§5.4; supervisor). With `signPin` the holder enters the signature password
   * (a real VERIFY) and the signature certificate is released too; without it, it stays on hold.
   */
  async liftSuspension(
    s: StaffSession,
    id: string,
    opts: { readonly signPin?: string; readonly confirmLastTry?: boolean } = {},
  ): Promise<{ procedure: CounterProcedure; released: CertificateKind[] }> {
    return this.withConsent(s, id, 'lift-suspension', async (consent, client) => {
      if (opts.signPin !== undefined)
        await client.verifyPin('sign', opts.signPin, { confirmLastTry: opts.confirmLastTry ?? false });
      return this.deps.authority.liftSuspension(consent, { releaseSignature: opts.signPin !== undefined });
    });
  }

  /** Switches the card to a face-authentication card (§1.3). */
  switchToFaceAuth(s: StaffSession, id: string): Promise<CounterProcedure> {
    return this.withConsent(s, id, 'to-face-auth', (consent) =>
      this.deps.authority.switchToFaceAuth(consent),
    );
  }

  /** Switches a face-authentication card back to a PIN card with the holder's new PINs (§1.3). */
  switchFromFaceAuth(
    s: StaffSession,
    id: string,
    pins: RestoredPins,
  ): Promise<{ procedure: CounterProcedure; certificates: CertificateRecord[] }> {
    return this.withConsent(s, id, 'from-face-auth', (consent) =>
      this.deps.authority.switchFromFaceAuth(consent, pins),
    );
  }

  /** A new signature certificate, e.g. after a change of address (§5.3). */
  issueSignCertificate(
    s: StaffSession,
    id: string,
    opts: { readonly newSignPin?: string } = {},
  ): Promise<{ procedure: CounterProcedure; certificate: CertificateRecord }> {
    return this.withConsent(s, id, 'sign-certificate', (consent) =>
      this.deps.authority.issueSignCertificate(consent, opts),
    );
  }

  /** Cancels an unfinished procedure. */
  async cancel(s: StaffSession, id: string): Promise<CounterProcedure> {
    return this.run(s, id, 'cancel', async ({ staff }) => {
      const p = await this.load(id);
      if (p.status === 'completed' || p.status === 'cancelled')
        throw new MynaError('PROCEDURE_STATE', { procedureId: id, status: p.status });
      const at = this.now().toISOString();
      const next: CounterProcedure = {
        ...p,
        status: 'cancelled',
        updatedAt: at,
        closedAt: at,
        closedBy: `staff:${staff.id}`,
      };
      await this.save(next, p.status);
      return { result: next, cardId: p.cardId, procedureId: p.id };
    });
  }

  // ───────────────────────── machinery ─────────────────────────

  /**
   * One counter step: the staff session (this municipality), office hours, the work, and the audit
   * of its outcome with who did it and from which window.
   */
  private async run<T>(
    s: StaffSession,
    procedureId: string | null,
    name: string,
    work: (ctx: { staff: StaffAccount; terminal: string }) => Promise<{
      result: T;
      cardId: string;
      procedureId: string;
      pin?: HolderPinId;
      details?: Record<string, unknown>;
    }>,
  ): Promise<T> {
    const { staff, terminal } = await this.staff(s);
    const base: Omit<AuditStep, 'cardId' | 'step'> = {
      actor: `staff:${staff.id}`,
      terminal,
      ...(procedureId ? { procedureId } : {}),
    };
    try {
      if (!this.isOpen()) throw new MynaError('COUNTER_CLOSED', { municipality: this.municipalityCode });
      const out = await work({ staff, terminal });
      await this.deps.audit.record('counter', {
        ...base,
        cardId: out.cardId,
        procedureId: out.procedureId,
        step: name,
        ...(out.pin ? { pin: out.pin } : {}),
        ...(out.details ? { details: out.details } : {}),
      });
      return out.result;
    } catch (e) {
      const p = procedureId ? await this.deps.resetStore.getProcedure(this.sb, procedureId) : undefined;
      await this.deps.audit.failure('counter', { ...base, cardId: p?.cardId ?? null, step: name }, e);
      throw e;
    }
  }

  /** Opens the window's card session and asks the authority to act on it. */
  private async withConsent<T>(
    s: StaffSession,
    id: string,
    kind: ProcedureKind,
    fn: (consent: CounterConsent, client: MynaCardClient) => Promise<T>,
  ): Promise<T> {
    return this.run(s, id, kind, async ({ staff, terminal }) => {
      const p = await this.load(id);
      // Early, so that nothing reaches the card in vain; the authority checks all of it again.
      if (p.kind !== kind) throw new MynaError('PROCEDURE_STATE', { kind: p.kind });
      if (p.status === 'open' || p.status === 'awaiting-answer')
        throw new MynaError('IDENTITY_NOT_CONFIRMED', { procedureId: id, status: p.status });
      if (p.status !== 'ready') throw new MynaError('PROCEDURE_STATE', { procedureId: id, status: p.status });
      if (kind === 'lift-suspension' && staff.role !== 'supervisor')
        throw new MynaError('STAFF_FORBIDDEN', { role: staff.role, needs: 'supervisor' });
      const result = await this.withCardAt(terminal, p.cardId, (transport) =>
        fn({ transport, terminal, staffToken: s.token, procedureId: id }, new MynaCardClient(transport)),
      );
      return { result, cardId: p.cardId, procedureId: id };
    });
  }

  private async withCardAt<T>(
    terminal: string,
    cardId: string,
    fn: (t: Transport) => Promise<T>,
  ): Promise<T> {
    const t = await this.deps.connector.connect(cardId, terminal);
    try {
      return await fn(t);
    } finally {
      await t.close();
    }
  }

  private async save(next: CounterProcedure, expected: CounterProcedure['status']): Promise<void> {
    if (!(await this.deps.resetStore.updateProcedure(next, expected)))
      throw new MynaError('PROCEDURE_STATE', { procedureId: next.id, status: 'changed' });
  }

  private async card(cardId: string): Promise<CardRecord> {
    const c = await this.deps.store.getCard(this.sb, cardId);
    if (!c) throw new MynaError('CARD_NOT_FOUND', { cardId });
    return c;
  }

  private async resident(card: CardRecord): Promise<ResidentRecord> {
    const r = await this.deps.store.getResident(this.sb, card.residentId);
    if (!r) throw new MynaError('RESIDENT_NOT_FOUND', { residentId: card.residentId });
    return r;
  }

  /** 照会書兼回答書 to the holder's registered address, not to be forwarded (§4.3). */
  private async mailLetter(p: CounterProcedure, res: ResidentRecord): Promise<MailedLetter> {
    const code = randomAlnum(this.deps.random, 8);
    const letter: MailedLetter = {
      id: `ltr_${randomAlnum(this.deps.random, 16).toLowerCase()}`,
      sandboxId: this.sb,
      procedureId: p.id,
      cardId: p.cardId,
      residentId: res.id,
      kind: 'inquiry-and-answer',
      addressee: res.name,
      address: res.address,
      doNotForward: true,
      answerCode: `${code.slice(0, 4)}-${code.slice(4)}`,
      mailedAt: this.now().toISOString(),
    };
    await this.deps.resetStore.insertLetter(letter);
    return letter;
  }
}

/** Compares answer codes ignoring case, spaces and hyphens, in constant time. */
function sameCode(given: string, want: string): boolean {
  const norm = (s: string) => Buffer.from(s.toUpperCase().replace(/[\s-]/g, ''), 'utf8');
  const a = norm(given);
  const b = norm(want);
  return a.length === b.length && timingSafeEqual(a, b);
}
