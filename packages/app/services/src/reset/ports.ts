import type { CardEvent, CardEventType, HolderPinId } from '@myna/card';
import type { ResettableCertPin } from './chains.js';

/**
 * Ports of the reset ecosystem (docs/reset.md): reservations of the JPKI PIN-reset app, staff
 * accounts and sessions of the municipal counter, counter procedures with their mailed letters,
 * and the audit trail. In-memory adapters in `memory-store.ts`; durable ones in @myna/store
 * (`SqlResetStore`, migration 0002-reset).
 *
 * PIN state is NOT here: it lives on the card and is reached only through APDUs.
 */

// ───────────────────────── reservations (pin-lifecycle.md §2) ─────────────────────────

/**
 * `active` until used by a kiosk reset, cancelled, replaced by a newer reservation for the same
 * card and PIN, or found expired (recorded when a kiosk or the app meets it after 24 hours).
 */
export type ReservationStatus = 'active' | 'used' | 'cancelled' | 'replaced' | 'expired';

/** An initialisation reservation (初期化の予約) made in the JPKI PIN-reset app (§2.1). */
export interface Reservation {
  readonly id: string;
  readonly sandboxId: string;
  readonly cardId: string;
  /** The PIN to be reset at the kiosk: the signature password or the user-auth PIN. */
  readonly pin: ResettableCertPin;
  readonly status: ReservationStatus;
  /** When the face match completed: the 24-hour window starts here (§2.3 [NIIGATA]). */
  readonly faceMatchedAt: string;
  /** `faceMatchedAt` + 24 h; valid while now < expiresAt. */
  readonly expiresAt: string;
  /** Terminal the reservation was made from (`app:jpki-reset`…). */
  readonly terminal: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When and by which terminal it left `active` (used, cancelled, replaced, expired). */
  readonly closedAt: string | null;
  readonly closedBy: string | null;
}

export interface ReservationStore {
  /**
   * Inserts `r` (status `active`) and, atomically, marks the card's active reservation for the
   * same PIN `replaced` (one per card and PIN type). Returns the replaced reservation, if any.
   */
  putReservation(r: Reservation): Promise<Reservation | undefined>;
  getReservation(sandboxId: string, id: string): Promise<Reservation | undefined>;
  /** The card's active reservation for a PIN, if any (expired or not). */
  activeReservation(
    sandboxId: string,
    cardId: string,
    pin: ResettableCertPin,
  ): Promise<Reservation | undefined>;
  /** Every reservation of a card, oldest first. */
  listReservations(sandboxId: string, cardId: string): Promise<Reservation[]>;
  /**
   * Compare-and-set of the status: moves reservation `id` from `from` to `to`, stamping
   * `closedAt`/`closedBy` (cleared again when `to` is `active`). False if it was not in `from`.
   */
  transitionReservation(
    sandboxId: string,
    id: string,
    from: ReservationStatus,
    to: ReservationStatus,
    at: string,
    by: string | null,
  ): Promise<boolean>;
}

// ───────────────────────── counter staff (pin-lifecycle.md §4) ─────────────────────────

export type StaffRole = 'clerk' | 'supervisor';

export interface StaffAccount {
  /** Login id, unique per sandbox. */
  readonly id: string;
  readonly sandboxId: string;
  readonly municipalityCode: string;
  readonly name: string;
  readonly role: StaffRole;
  /** `scrypt$N$r$p$<salt b64>$<hash b64>` (staff.ts); never the password. */
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A logged-in staff member at one counter window. Only a hash of the token is stored. */
export interface StaffSessionRecord {
  /** SHA-256 (hex) of the session token. */
  readonly tokenHash: string;
  readonly sandboxId: string;
  readonly staffId: string;
  readonly municipalityCode: string;
  /** The counter window (窓口番号) the staff member logged in at. */
  readonly window: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface StaffStore {
  /** Fails (MynaError INVALID_ARGUMENT, or the adapter's conflict error) if the id exists. */
  insertStaff(a: StaffAccount): Promise<void>;
  getStaff(sandboxId: string, id: string): Promise<StaffAccount | undefined>;
  listStaff(sandboxId: string, municipalityCode: string): Promise<StaffAccount[]>;
  updateStaff(a: StaffAccount): Promise<void>;
  putSession(s: StaffSessionRecord): Promise<void>;
  getSession(sandboxId: string, tokenHash: string): Promise<StaffSessionRecord | undefined>;
  deleteSession(sandboxId: string, tokenHash: string): Promise<void>;
}

// ───────────────────────── counter procedures (pin-lifecycle.md §§4, 5) ─────────────────────────

/**
 * What a counter procedure does: reset PINs (初期化・再設定), change a PIN, lift a suspension
 * (一時停止解除), switch to or from a face-authentication card, or issue a new signature
 * certificate (e.g. after a change of address).
 */
export const PROCEDURE_KINDS = [
  'pin-reset',
  'pin-change',
  'lift-suspension',
  'to-face-auth',
  'from-face-auth',
  'sign-certificate',
] as const;

/** One of `PROCEDURE_KINDS` — the one declaration (the server's schema is derived from it). */
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** Who stands at the counter: the holder, a legal representative (法定代理人) or a voluntary agent (任意代理人). */
export type ApplicantRole = 'holder' | 'legal-representative' | 'voluntary-agent';

/**
 * `open` → (identity confirmed) `ready` → `completed`. A voluntary agent's procedure goes
 * `open` → `awaiting-answer` (照会書兼回答書 mailed) → second visit with the answer → `ready`.
 * `cancelled` ends it (by staff, or after three wrong answer codes).
 */
export type ProcedureStatus = 'open' | 'awaiting-answer' | 'ready' | 'completed' | 'cancelled';

export interface CounterProcedure {
  readonly id: string;
  readonly sandboxId: string;
  readonly municipalityCode: string;
  readonly cardId: string;
  readonly kind: ProcedureKind;
  readonly applicant: { readonly role: ApplicantRole; readonly name: string | null };
  /** The PINs the procedure concerns (the ones to reset; the one to change). */
  readonly pins: readonly HolderPinId[];
  readonly status: ProcedureStatus;
  /** The identity checks that passed, by name (e.g. `card-face-match`, `photo-id`), never their data. */
  readonly checks: readonly string[];
  readonly visits: number;
  readonly answerAttempts: number;
  readonly letterId: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
}

/** 照会書兼回答書: the inquiry-and-answer form mailed to the holder's registered address (§4.3). */
export interface MailedLetter {
  readonly id: string;
  readonly sandboxId: string;
  readonly procedureId: string;
  readonly cardId: string;
  readonly residentId: string;
  readonly kind: 'inquiry-and-answer';
  readonly addressee: string;
  readonly address: string;
  /** Sent by ordinary mail marked not-to-be-forwarded (転送不要). */
  readonly doNotForward: true;
  /** The code the holder writes on the answer; needed on the second visit. Secret: encrypted at rest. */
  readonly answerCode: string;
  readonly mailedAt: string;
}

export interface ProcedureStore {
  insertProcedure(p: CounterProcedure): Promise<void>;
  getProcedure(sandboxId: string, id: string): Promise<CounterProcedure | undefined>;
  listProcedures(sandboxId: string, cardId: string): Promise<CounterProcedure[]>;
  /** Compare-and-set: writes `next` only if the stored status is still `expected`. */
  updateProcedure(next: CounterProcedure, expected: ProcedureStatus): Promise<boolean>;
  insertLetter(l: MailedLetter): Promise<void>;
  getLetter(sandboxId: string, id: string): Promise<MailedLetter | undefined>;
  /** The letters mailed to a resident, oldest first (the holder's mailbox). */
  lettersFor(sandboxId: string, residentId: string): Promise<MailedLetter[]>;
}

// ───────────────────────── audit ─────────────────────────

/** The channel a procedure step belongs to. */
export type AuditChannel = 'app' | 'kiosk' | 'counter' | 'lost-card' | 'authority' | 'reservation';

/**
 * One step of one procedure (`procedure.<channel>.step`), stored beside the card's own PIN events
 * (`card_events`). Who did it (`actor`) and from which terminal; details are non-secret facts:
 * never a PIN, a key, an answer code or a My Number.
 */
export interface AuditEvent {
  readonly type: `procedure.${AuditChannel}.step`;
  readonly sandboxId: string;
  /** Null for steps not about a card (staff logins). */
  readonly cardId: string | null;
  /** `holder`, `staff:<id>`, `legal-representative`, `voluntary-agent`, `authority`, `caller`. */
  readonly actor: string;
  readonly terminal: string;
  readonly at: string;
  /** The step's name, e.g. `K5.other-pin`, `reservation.made`, `identity.confirmed`. */
  readonly step: string;
  readonly outcome: 'ok' | 'refused' | 'error';
  /** The PIN the step concerns (its name, never its value). */
  readonly pin?: HolderPinId;
  readonly triesLeft?: number;
  readonly procedureId?: string;
  /** Catalog code of a refusal or error. */
  readonly code?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** One line of a card's timeline: a PIN event from the card, or a procedure step. */
export type TimelineEntry =
  | {
      readonly kind: 'pin';
      readonly type: CardEventType;
      readonly at: string;
      readonly terminal: string;
      readonly pin?: string;
      readonly triesLeft?: number;
      readonly maxTries?: number;
      readonly target?: string;
    }
  | ({ readonly kind: 'procedure' } & Omit<AuditEvent, 'sandboxId' | 'cardId'>);

export interface AuditLog {
  appendAudit(e: AuditEvent): Promise<void>;
  /** The card's PIN events and procedure steps, ordered by time (ties in commit order). */
  timeline(sandboxId: string, cardId: string): Promise<TimelineEntry[]>;
  /** Steps not about a card (staff logins), oldest first. */
  officeEvents(sandboxId: string): Promise<AuditEvent[]>;
  /**
   * For adapters that do not share a table with the card's events: takes the card's committed
   * PIN events (wired as the connector's `onEvent` by `createSandbox`).
   */
  recordCardEvent?(e: CardEvent): void;
}

/** Everything the reset ecosystem persists. */
export interface ResetStore extends ReservationStore, StaffStore, ProcedureStore, AuditLog {}
