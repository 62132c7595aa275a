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

/**
 * In-memory `ResetStore` for tests and throw-away sandboxes (the durable adapter is
 * `SqlResetStore` in @myna/store). Single process: every method is atomic on the event loop.
 * PIN events reach its timeline through `recordCardEvent` (createSandbox wires it as the
 * connector's `onEvent`), so one list holds both, in commit order.
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
    return [...this.reservations.values()].filter((r) => r.sandboxId === sb && r.cardId === cardId);
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
    if (this.staff.has(k)) throw new MynaError('INVALID_ARGUMENT', { field: 'id', rule: 'unique' });
    this.staff.set(k, a);
  }
  async getStaff(sb: string, id: string) {
    return this.staff.get(`${sb}/${id}`);
  }
  async listStaff(sb: string, municipalityCode: string) {
    return [...this.staff.values()].filter(
      (a) => a.sandboxId === sb && a.municipalityCode === municipalityCode,
    );
  }
  async updateStaff(a: StaffAccount) {
    this.staff.set(`${a.sandboxId}/${a.id}`, a);
  }
  async putSession(s: StaffSessionRecord) {
    this.sessions.set(`${s.sandboxId}/${s.tokenHash}`, s);
  }
  async getSession(sb: string, tokenHash: string) {
    return this.sessions.get(`${sb}/${tokenHash}`);
  }
  async deleteSession(sb: string, tokenHash: string) {
    this.sessions.delete(`${sb}/${tokenHash}`);
  }

  // ── procedures and letters ──
  async insertProcedure(p: CounterProcedure) {
    if (this.procedures.has(p.id)) throw new Error(`procedure ${p.id} exists`);
    this.procedures.set(p.id, p);
  }
  async getProcedure(sb: string, id: string) {
    const p = this.procedures.get(id);
    return p?.sandboxId === sb ? p : undefined;
  }
  async listProcedures(sb: string, cardId: string) {
    return [...this.procedures.values()].filter((p) => p.sandboxId === sb && p.cardId === cardId);
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
    this.letters.set(l.id, l);
  }
  async getLetter(sb: string, id: string) {
    const l = this.letters.get(id);
    return l?.sandboxId === sb ? l : undefined;
  }
  async lettersFor(sb: string, residentId: string) {
    return [...this.letters.values()].filter((l) => l.sandboxId === sb && l.residentId === residentId);
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
