import type { CardEventType } from '@myna/card';
import type {
  AuditEvent,
  CounterProcedure,
  MailedLetter,
  ProcedureStatus,
  Reservation,
  ReservationStatus,
  ResetStore,
  ResettableCertPin,
  StaffAccount,
  StaffSessionRecord,
  TimelineEntry,
} from '@myna/services';
import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import { StoreError } from './errors.js';
import type { StoreDatabase } from './open.js';
import { isUniqueViolation, withRetry } from './retry.js';
import type { Database } from './schema.js';

/** Rows of the reset ecosystem's tables (migration 0002-reset). */
interface ResetTables {
  reset_reservations: {
    id: string;
    sandbox_id: string;
    card_id: string;
    pin: string;
    status: string;
    face_matched_at: string;
    expires_at: string;
    terminal: string;
    created_at: string;
    updated_at: string;
    closed_at: string | null;
    closed_by: string | null;
  };
  counter_staff: {
    sandbox_id: string;
    id: string;
    municipality_code: string;
    name: string;
    role: string;
    password_hash: string;
    disabled: number;
    created_at: string;
    updated_at: string;
  };
  counter_sessions: {
    sandbox_id: string;
    token_hash: string;
    staff_id: string;
    municipality_code: string;
    window: string;
    created_at: string;
    expires_at: string;
  };
  counter_procedures: {
    id: string;
    sandbox_id: string;
    municipality_code: string;
    card_id: string;
    kind: string;
    applicant_role: string;
    applicant_name: string | null;
    pins: string;
    status: string;
    checks: string;
    visits: number;
    answer_attempts: number;
    letter_id: string | null;
    opened_by: string;
    opened_at: string;
    updated_at: string;
    closed_at: string | null;
    closed_by: string | null;
  };
  counter_letters: {
    id: string;
    sandbox_id: string;
    procedure_id: string;
    card_id: string;
    resident_id: string;
    kind: string;
    addressee: string;
    address: string;
    answer_code_enc: string;
    mailed_at: string;
  };
  office_events: {
    id: Generated<number | string>;
    sandbox_id: string;
    type: string;
    actor: string;
    terminal: string;
    at: string;
    detail: string | null;
  };
}

type Db = ResetTables & Database;

/** Encryption context of an answer code: bound to its letter. */
const answerCodeCtx = (letterId: string) => `counter_letters:answer_code:${letterId}`;

/** The fields of an audit event kept in `card_events.detail` (JSON). */
const AUDIT_DETAIL = ['actor', 'step', 'outcome', 'procedureId', 'code', 'details'] as const;

/**
 * `ResetStore` (packages/services/src/reset/ports.ts) on SQLite or PostgreSQL.
 *
 * - Reservations: at most one `active` per card and PIN (a partial unique index); `putReservation`
 *   replaces the active one in the same transaction (the row locked on PostgreSQL).
 * - Staff passwords arrive hashed (scrypt); sessions are stored by token hash only.
 * - Answer codes of mailed letters are encrypted at rest with the master key (`SecretBox`), bound
 *   to their letter.
 * - Audit events about a card go into `card_events` — type `procedure.<channel>.step`, the terminal
 *   in its column, who did it and the non-secret details in `detail` (JSON) — so one table holds a
 *   card's PIN events and procedure steps, and `timeline` reads them ordered by time. Steps not
 *   about a card (staff logins) go into `office_events`.
 */
export class SqlResetStore implements ResetStore {
  readonly #h: StoreDatabase;
  readonly #db: Kysely<Db>;

  constructor(handle: StoreDatabase) {
    this.#h = handle;
    this.#db = handle.db as unknown as Kysely<Db>;
  }

  // ───────────── reservations ─────────────

  async putReservation(r: Reservation): Promise<Reservation | undefined> {
    try {
      return await withRetry('putReservation', () =>
        this.#db.transaction().execute(async (trx) => {
          const old = await trx
            .selectFrom('reset_reservations')
            .selectAll()
            .where('sandbox_id', '=', r.sandboxId)
            .where('card_id', '=', r.cardId)
            .where('pin', '=', r.pin)
            .where('status', '=', 'active')
            .$if(this.#h.dialect === 'postgres', (q) => q.forUpdate())
            .executeTakeFirst();
          if (old) {
            await trx
              .updateTable('reset_reservations')
              .set({
                status: 'replaced',
                updated_at: r.createdAt,
                closed_at: r.createdAt,
                closed_by: r.terminal,
              })
              .where('id', '=', old.id)
              .execute();
          }
          await trx
            .insertInto('reset_reservations')
            .values(reservationRow({ ...r, status: 'active' }))
            .execute();
          return old
            ? toReservation({
                ...old,
                status: 'replaced',
                updated_at: r.createdAt,
                closed_at: r.createdAt,
                closed_by: r.terminal,
              })
            : undefined;
        }),
      );
    } catch (e) {
      if (isUniqueViolation(e))
        throw new StoreError('CONFLICT', `card ${r.cardId}: another reservation was made at the same time`, {
          cause: e,
        });
      throw e;
    }
  }

  async getReservation(sandboxId: string, id: string): Promise<Reservation | undefined> {
    const row = await this.#db
      .selectFrom('reset_reservations')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toReservation(row) : undefined;
  }

  async activeReservation(
    sandboxId: string,
    cardId: string,
    pin: ResettableCertPin,
  ): Promise<Reservation | undefined> {
    const row = await this.#db
      .selectFrom('reset_reservations')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('card_id', '=', cardId)
      .where('pin', '=', pin)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row ? toReservation(row) : undefined;
  }

  async listReservations(sandboxId: string, cardId: string): Promise<Reservation[]> {
    const rows = await this.#db
      .selectFrom('reset_reservations')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('card_id', '=', cardId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toReservation);
  }

  async transitionReservation(
    sandboxId: string,
    id: string,
    from: ReservationStatus,
    to: ReservationStatus,
    at: string,
    by: string | null,
  ): Promise<boolean> {
    const closed = to === 'active' ? { closed_at: null, closed_by: null } : { closed_at: at, closed_by: by };
    const res = await withRetry('transitionReservation', () =>
      this.#db
        .updateTable('reset_reservations')
        .set({ status: to, updated_at: at, ...closed })
        .where('sandbox_id', '=', sandboxId)
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst(),
    );
    return res.numUpdatedRows === 1n;
  }

  // ───────────── staff ─────────────

  async insertStaff(a: StaffAccount): Promise<void> {
    try {
      await withRetry('insertStaff', () =>
        this.#db.insertInto('counter_staff').values(staffRow(a)).execute(),
      );
    } catch (e) {
      if (isUniqueViolation(e))
        throw new StoreError('CONFLICT', `staff ${a.id} already exists in sandbox ${a.sandboxId}`, {
          code: 'INVALID_ARGUMENT',
          details: { field: 'id', rule: 'unique' },
          cause: e,
        });
      throw e;
    }
  }

  async getStaff(sandboxId: string, id: string): Promise<StaffAccount | undefined> {
    const row = await this.#db
      .selectFrom('counter_staff')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toStaff(row) : undefined;
  }

  async listStaff(sandboxId: string, municipalityCode: string): Promise<StaffAccount[]> {
    const rows = await this.#db
      .selectFrom('counter_staff')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('municipality_code', '=', municipalityCode)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toStaff);
  }

  async updateStaff(a: StaffAccount): Promise<void> {
    const { sandbox_id: _sb, id: _id, created_at: _c, ...set } = staffRow(a);
    const res = await withRetry('updateStaff', () =>
      this.#db
        .updateTable('counter_staff')
        .set(set)
        .where('sandbox_id', '=', a.sandboxId)
        .where('id', '=', a.id)
        .executeTakeFirst(),
    );
    if (res.numUpdatedRows === 0n)
      throw new StoreError('NOT_FOUND', `no staff ${a.id} in sandbox ${a.sandboxId}`);
  }

  async putSession(s: StaffSessionRecord): Promise<void> {
    await insertOnce('putSession', `a session with this token exists in sandbox ${s.sandboxId}`, () =>
      this.#db
        .insertInto('counter_sessions')
        .values({
          sandbox_id: s.sandboxId,
          token_hash: s.tokenHash,
          staff_id: s.staffId,
          municipality_code: s.municipalityCode,
          window: s.window,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
        })
        .execute(),
    );
  }

  async getSession(sandboxId: string, tokenHash: string): Promise<StaffSessionRecord | undefined> {
    const row = await this.#db
      .selectFrom('counter_sessions')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row
      ? {
          tokenHash: row.token_hash,
          sandboxId: row.sandbox_id,
          staffId: row.staff_id,
          municipalityCode: row.municipality_code,
          window: row.window,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      : undefined;
  }

  async deleteSession(sandboxId: string, tokenHash: string): Promise<void> {
    await withRetry('deleteSession', () =>
      this.#db
        .deleteFrom('counter_sessions')
        .where('sandbox_id', '=', sandboxId)
        .where('token_hash', '=', tokenHash)
        .execute(),
    );
  }

  // ───────────── procedures and letters ─────────────

  async insertProcedure(p: CounterProcedure): Promise<void> {
    await insertOnce('insertProcedure', `procedure ${p.id} exists`, () =>
      this.#db.insertInto('counter_procedures').values(procedureRow(p)).execute(),
    );
  }

  async getProcedure(sandboxId: string, id: string): Promise<CounterProcedure | undefined> {
    const row = await this.#db
      .selectFrom('counter_procedures')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toProcedure(row) : undefined;
  }

  async listProcedures(sandboxId: string, cardId: string): Promise<CounterProcedure[]> {
    const rows = await this.#db
      .selectFrom('counter_procedures')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('card_id', '=', cardId)
      .orderBy('opened_at')
      .orderBy('id')
      .execute();
    return rows.map(toProcedure);
  }

  async updateProcedure(next: CounterProcedure, expected: ProcedureStatus): Promise<boolean> {
    const { id: _id, sandbox_id: _sb, ...set } = procedureRow(next);
    const res = await withRetry('updateProcedure', () =>
      this.#db
        .updateTable('counter_procedures')
        .set(set)
        .where('sandbox_id', '=', next.sandboxId)
        .where('id', '=', next.id)
        .where('status', '=', expected)
        .executeTakeFirst(),
    );
    return res.numUpdatedRows === 1n;
  }

  async insertLetter(l: MailedLetter): Promise<void> {
    await insertOnce('insertLetter', `letter ${l.id} exists`, () =>
      this.#db
        .insertInto('counter_letters')
        .values({
          id: l.id,
          sandbox_id: l.sandboxId,
          procedure_id: l.procedureId,
          card_id: l.cardId,
          resident_id: l.residentId,
          kind: l.kind,
          addressee: l.addressee,
          address: l.address,
          answer_code_enc: this.#h.box.encryptText(l.answerCode, answerCodeCtx(l.id)),
          mailed_at: l.mailedAt,
        })
        .execute(),
    );
  }

  async getLetter(sandboxId: string, id: string): Promise<MailedLetter | undefined> {
    const row = await this.#db
      .selectFrom('counter_letters')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.#letter(row) : undefined;
  }

  async lettersFor(sandboxId: string, residentId: string): Promise<MailedLetter[]> {
    const rows = await this.#db
      .selectFrom('counter_letters')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .where('resident_id', '=', residentId)
      .orderBy('mailed_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.#letter(r));
  }

  #letter(row: Selectable<ResetTables['counter_letters']>): MailedLetter {
    return {
      id: row.id,
      sandboxId: row.sandbox_id,
      procedureId: row.procedure_id,
      cardId: row.card_id,
      residentId: row.resident_id,
      kind: row.kind as MailedLetter['kind'],
      addressee: row.addressee,
      address: row.address,
      doNotForward: true,
      answerCode: this.#h.box.decryptText(row.answer_code_enc, answerCodeCtx(row.id)),
      mailedAt: row.mailed_at,
    };
  }

  // ───────────── audit ─────────────

  async appendAudit(e: AuditEvent): Promise<void> {
    const detail: Record<string, unknown> = {};
    for (const k of AUDIT_DETAIL) if (e[k] !== undefined) detail[k] = e[k];
    if (e.cardId === null) {
      await withRetry('appendAudit', () =>
        this.#db
          .insertInto('office_events')
          .values({
            sandbox_id: e.sandboxId,
            type: e.type,
            actor: e.actor,
            terminal: e.terminal,
            at: e.at,
            detail: JSON.stringify({
              ...detail,
              ...(e.pin ? { pin: e.pin } : {}),
              ...(e.triesLeft !== undefined ? { triesLeft: e.triesLeft } : {}),
            }),
          })
          .execute(),
      );
      return;
    }
    const cardId = e.cardId;
    const row: Insertable<Database['card_events']> = {
      card_id: cardId,
      sandbox_id: e.sandboxId,
      type: e.type,
      pin: e.pin ?? null,
      tries_left: e.triesLeft ?? null,
      max_tries: null,
      terminal: e.terminal,
      at: e.at,
      detail: JSON.stringify(detail),
    };
    await withRetry('appendAudit', () => this.#db.insertInto('card_events').values(row).execute());
  }

  async timeline(sandboxId: string, cardId: string): Promise<TimelineEntry[]> {
    const rows = await this.#db
      .selectFrom('card_events')
      .selectAll()
      .where('card_id', '=', cardId)
      .where('sandbox_id', '=', sandboxId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toTimelineEntry);
  }

  async officeEvents(sandboxId: string): Promise<AuditEvent[]> {
    const rows = await this.#db
      .selectFrom('office_events')
      .selectAll()
      .where('sandbox_id', '=', sandboxId)
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      const d = (r.detail === null ? {} : JSON.parse(r.detail)) as Record<string, unknown>;
      return {
        ...(d as Partial<AuditEvent>),
        type: r.type as AuditEvent['type'],
        sandboxId: r.sandbox_id,
        cardId: null,
        actor: r.actor,
        terminal: r.terminal,
        at: r.at,
        step: String(d.step ?? ''),
        outcome: (d.outcome as AuditEvent['outcome']) ?? 'ok',
      };
    });
  }
}

/** Runs an insert (with retries); a duplicate key becomes StoreError CONFLICT (catalog INTERNAL). */
async function insertOnce(what: string, message: string, insert: () => Promise<unknown>): Promise<void> {
  try {
    await withRetry(what, insert);
  } catch (e) {
    if (isUniqueViolation(e)) throw new StoreError('CONFLICT', message, { cause: e });
    throw e;
  }
}

function reservationRow(r: Reservation): ResetTables['reset_reservations'] {
  return {
    id: r.id,
    sandbox_id: r.sandboxId,
    card_id: r.cardId,
    pin: r.pin,
    status: r.status,
    face_matched_at: r.faceMatchedAt,
    expires_at: r.expiresAt,
    terminal: r.terminal,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    closed_at: r.closedAt,
    closed_by: r.closedBy,
  };
}

function toReservation(row: ResetTables['reset_reservations']): Reservation {
  return {
    id: row.id,
    sandboxId: row.sandbox_id,
    cardId: row.card_id,
    pin: row.pin as ResettableCertPin,
    status: row.status as ReservationStatus,
    faceMatchedAt: row.face_matched_at,
    expiresAt: row.expires_at,
    terminal: row.terminal,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
  };
}

function staffRow(a: StaffAccount): ResetTables['counter_staff'] {
  return {
    sandbox_id: a.sandboxId,
    id: a.id,
    municipality_code: a.municipalityCode,
    name: a.name,
    role: a.role,
    password_hash: a.passwordHash,
    disabled: a.disabled ? 1 : 0,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

function toStaff(row: ResetTables['counter_staff']): StaffAccount {
  return {
    id: row.id,
    sandboxId: row.sandbox_id,
    municipalityCode: row.municipality_code,
    name: row.name,
    role: row.role as StaffAccount['role'],
    passwordHash: row.password_hash,
    disabled: Number(row.disabled) !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function procedureRow(p: CounterProcedure): ResetTables['counter_procedures'] {
  return {
    id: p.id,
    sandbox_id: p.sandboxId,
    municipality_code: p.municipalityCode,
    card_id: p.cardId,
    kind: p.kind,
    applicant_role: p.applicant.role,
    applicant_name: p.applicant.name,
    pins: JSON.stringify(p.pins),
    status: p.status,
    checks: JSON.stringify(p.checks),
    visits: p.visits,
    answer_attempts: p.answerAttempts,
    letter_id: p.letterId,
    opened_by: p.openedBy,
    opened_at: p.openedAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    closed_by: p.closedBy,
  };
}

function toProcedure(row: ResetTables['counter_procedures']): CounterProcedure {
  return {
    id: row.id,
    sandboxId: row.sandbox_id,
    municipalityCode: row.municipality_code,
    cardId: row.card_id,
    kind: row.kind as CounterProcedure['kind'],
    applicant: {
      role: row.applicant_role as CounterProcedure['applicant']['role'],
      name: row.applicant_name,
    },
    pins: JSON.parse(row.pins) as CounterProcedure['pins'],
    status: row.status as ProcedureStatus,
    checks: JSON.parse(row.checks) as string[],
    visits: Number(row.visits),
    answerAttempts: Number(row.answer_attempts),
    letterId: row.letter_id,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
  };
}

function toTimelineEntry(r: Selectable<Database['card_events']>): TimelineEntry {
  const d = (r.detail === null ? {} : JSON.parse(r.detail)) as Record<string, unknown>;
  if (r.type.startsWith('procedure.')) {
    return {
      kind: 'procedure',
      type: r.type as AuditEvent['type'],
      actor: String(d.actor ?? ''),
      terminal: r.terminal,
      at: r.at,
      step: String(d.step ?? ''),
      outcome: (d.outcome as AuditEvent['outcome']) ?? 'ok',
      ...(r.pin !== null ? { pin: r.pin as NonNullable<AuditEvent['pin']> } : {}),
      ...(r.tries_left !== null ? { triesLeft: Number(r.tries_left) } : {}),
      ...(typeof d.procedureId === 'string' ? { procedureId: d.procedureId } : {}),
      ...(typeof d.code === 'string' ? { code: d.code } : {}),
      ...(d.details && typeof d.details === 'object'
        ? { details: d.details as AuditEvent['details'] & object }
        : {}),
    };
  }
  return {
    kind: 'pin',
    type: r.type as CardEventType,
    at: r.at,
    terminal: r.terminal,
    ...(r.pin !== null ? { pin: r.pin } : {}),
    ...(r.tries_left !== null ? { triesLeft: Number(r.tries_left) } : {}),
    ...(r.max_tries !== null ? { maxTries: Number(r.max_tries) } : {}),
    ...(typeof d.target === 'string' ? { target: d.target } : {}),
  };
}
