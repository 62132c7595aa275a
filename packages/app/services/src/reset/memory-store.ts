import type { CardEvent } from '@myna/card';
import { MynaError } from '@myna/errors';
import type { ResettableCertPin } from './chains.js';
import type {
  AuditEvent,
  CounterProcedure,
  MailedLetter,
  ProcedureStatus,
  Reservation,
  ReservationStatus,
  ResetStore,
  StaffAccount,
  StaffSessionRecord,
  TimelineEntry,
} from './ports.js';

type Logged = { seq: number; cardId: string; entry: TimelineEntry; sandboxId: string | null };

/** Oldest first by `at`, ties by id (the SQL adapter's `order by <time>, id`). */
const oldestFirst =
  <T extends { readonly id: string }>(at: (x: T) => string) =>
  (a: T, b: T): number =>
    at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** What the SQL adapter throws for a duplicate key: the catalog's INTERNAL, reason CONFLICT. */
const conflict = () => new MynaError('INTERNAL', { reason: 'CONFLICT' });

/**
 * In-memory `ResetStore` for tests and throw-away sandboxes (the durable adapter is
 * `SqlResetStore` in @myna/store). Single process: every method is atomic on the event loop.
 * PIN events reach its timeline through `recordCardEvent` (createSandbox wires it as the
 * connector's `onEvent`), so one list holds both, in commit order. It keeps the same contract as
 * `SqlResetStore` (packages/adapters/store/test/contracts/reset-store.contract.ts): lists oldest
 * first, and the same catalog errors for duplicate keys and updates of missing rows.
 */
export class MemoryResetStore implements ResetStore {
  private readonly reservations = new Map<string, Reservation>();
  private readonly staff = new Map<string, StaffAccount>();
  private readonly sessions = new Map<string, StaffSessionRecord>();
  private readonly procedures = new Map<string, CounterProcedure>();
  private readonly letters = new Map<string, MailedLetter>();
  private readonly log: Logged[] = [];
  private readonly office: AuditEvent[] = [];
  private seq = 0;

  // ── reservations ──
  async putReservation(r: Reservation): Promise<Reservation | undefined> {
    const old = await this.activeReservation(r.sandboxId, r.cardId, r.pin);
    let replaced: Reservation | undefined;
    if (old) {
      replaced = {
        ...old,
        status: 'replaced',
        updatedAt: r.createdAt,
        closedAt: r.createdAt,
        closedBy: r.terminal,
      };
      this.reservations.set(old.id, replaced);
    }
    this.reservations.set(r.id, { ...r, status: 'active' });
    return replaced;
  }
  async getReservation(sb: string, id: string) {
    const r = this.reservations.get(id);
    return r?.sandboxId === sb ? r : undefined;
  }
  async activeReservation(sb: string, cardId: string, pin: ResettableCertPin) {
    return [...this.reservations.values()].find(
      (r) => r.sandboxId === sb && r.cardId === cardId && r.pin === pin && r.status === 'active',
    );
  }
  async listReservations(sb: string, cardId: string) {
    return [...this.reservations.values()]
      .filter((r) => r.sandboxId === sb && r.cardId === cardId)
      .sort(oldestFirst((r) => r.createdAt));
  }
  async transitionReservation(
    sb: string,
    id: string,
    from: ReservationStatus,
    to: ReservationStatus,
    at: string,
    by: string | null,
  ): Promise<boolean> {
    // No await between the read and the write: a compare-and-set (one reservation, one reset).
    const r = this.reservations.get(id);
    if (!r || r.sandboxId !== sb || r.status !== from) return false;
    const closed = to === 'active' ? { closedAt: null, closedBy: null } : { closedAt: at, closedBy: by };
    this.reservations.set(id, { ...r, status: to, updatedAt: at, ...closed });
    return true;
  }

  // ── staff ──
  async insertStaff(a: StaffAccount) {
    const k = `${a.sandboxId}/${a.id}`;
    if (this.staff.has(k))
      throw new MynaError('INVALID_ARGUMENT', { reason: 'CONFLICT', field: 'id', rule: 'unique' });
    this.staff.set(k, a);
  }
  async getStaff(sb: string, id: string) {
    return this.staff.get(`${sb}/${id}`);
  }
  async listStaff(sb: string, municipalityCode: string) {
    return [...this.staff.values()]
      .filter((a) => a.sandboxId === sb && a.municipalityCode === municipalityCode)
      .sort(oldestFirst((a) => a.createdAt));
  }
  async updateStaff(a: StaffAccount) {
    const k = `${a.sandboxId}/${a.id}`;
    const cur = this.staff.get(k);
    if (!cur) throw new MynaError('INTERNAL', { reason: 'NOT_FOUND' });
    this.staff.set(k, { ...a, createdAt: cur.createdAt });
  }
  async putSession(s: StaffSessionRecord) {
    const k = `${s.sandboxId}/${s.tokenHash}`;
    if (this.sessions.has(k)) throw conflict();
    this.sessions.set(k, s);
  }
  async getSession(sb: string, tokenHash: string) {
    return this.sessions.get(`${sb}/${tokenHash}`);
  }
  async deleteSession(sb: string, tokenHash: string) {
    this.sessions.delete(`${sb}/${tokenHash}`);
  }

  // ── procedures and letters ──
  async insertProcedure(p: CounterProcedure) {
    if (this.procedures.has(p.id)) throw conflict();
    this.procedures.set(p.id, p);
  }
  async getProcedure(sb: string, id: string) {
    const p = this.procedures.get(id);
    return p?.sandboxId === sb ? p : undefined;
  }
  async listProcedures(sb: string, cardId: string) {
    return [...this.procedures.values()]
      .filter((p) => p.sandboxId === sb && p.cardId === cardId)
      .sort(oldestFirst((p) => p.openedAt));
  }
  async updateProcedure(next: CounterProcedure, expected: ProcedureStatus): Promise<boolean> {
    // Read and write with no await between them: a compare-and-set (two clerks completing one
    // procedure at once must not both win; reset-completion.test.ts).
    const cur = this.procedures.get(next.id);
    if (!cur || cur.sandboxId !== next.sandboxId || cur.status !== expected) return false;
    this.procedures.set(next.id, next);
    return true;
  }
  async insertLetter(l: MailedLetter) {
    if (this.letters.has(l.id)) throw conflict();
    this.letters.set(l.id, l);
  }
  async getLetter(sb: string, id: string) {
    const l = this.letters.get(id);
    return l?.sandboxId === sb ? l : undefined;
  }
  async lettersFor(sb: string, residentId: string) {
    return [...this.letters.values()]
      .filter((l) => l.sandboxId === sb && l.residentId === residentId)
      .sort(oldestFirst((l) => l.mailedAt));
  }

  // ── audit ──
  async appendAudit(e: AuditEvent) {
    if (e.cardId === null) {
      this.office.push(e);
      return;
    }
    const { sandboxId, cardId, ...rest } = e;
    this.log.push({ seq: ++this.seq, cardId, sandboxId, entry: { kind: 'procedure', ...rest } });
  }

  recordCardEvent(e: CardEvent): void {
    const entry: TimelineEntry = {
      kind: 'pin',
      type: e.type,
      at: e.at,
      terminal: e.terminal,
      ...(e.pin !== undefined ? { pin: e.pin } : {}),
      ...(e.triesLeft !== undefined ? { triesLeft: e.triesLeft } : {}),
      ...(e.maxTries !== undefined ? { maxTries: e.maxTries } : {}),
      ...(e.target !== undefined ? { target: e.target } : {}),
    };
    this.log.push({ seq: ++this.seq, cardId: e.cardId, sandboxId: null, entry });
  }

  async timeline(sb: string, cardId: string): Promise<TimelineEntry[]> {
    return this.log
      .filter((l) => l.cardId === cardId && (l.sandboxId === null || l.sandboxId === sb))
      .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.seq - b.seq))
      .map((l) => l.entry);
  }

  async officeEvents(sb: string) {
    return this.office.filter((e) => e.sandboxId === sb);
  }
}
