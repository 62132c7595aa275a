import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. One schema for SQLite and PostgreSQL (migrations/). Times are
 * ISO-8601 text, dates `YYYY-MM-DD` text. `*_enc` columns hold `SecretBox` strings
 * (`m1.<key id>.<base64url>`); plain binary columns are BLOB / BYTEA. BIGINT columns come back
 * as strings from pg and numbers from better-sqlite3: read them through `toBigInt`/`Number`.
 */
export interface Database {
  cards: CardsTable;
  card_pins: CardPinsTable;
  card_events: CardEventsTable;
  residents: ResidentsTable;
  certificates: CertificatesTable;
  secrets: SecretsTable;
  public_objects: PublicObjectsTable;
  sequences: SequencesTable;
  phones: PhonesTable;
}

/** One row per smartphone secure element (スマホ用電子証明書; migration 0006, docs/phone.md). */
export interface PhonesTable {
  id: string;
  sandbox_id: string;
  card_id: string;
  resident_id: string;
  platform: string;
  serial: string;
  status: string;
  admin_key_enc: string;
  created_at: string;
  updated_at: string;
}

/**
 * One row per card. Written by two parties in either order: the card store (`image_enc`, the
 * chip) and the authority (`resident_id` … `admin_key_enc`, the municipality's record). Columns
 * of the party that has not written yet are NULL.
 */
export interface CardsTable {
  id: string;
  sandbox_id: string;
  serial: string;
  resident_id: string | null;
  kind: string | null;
  status: string | null;
  issued_on: string | null;
  expires_on: string | null;
  security_code_enc: string | null;
  admin_key_enc: string | null;
  /** `serializeImage()` of the card image *without* its PIN records, encrypted whole. */
  image_enc: string | null;
  created_at: string;
  updated_at: string;
}

/** The only place PIN values and retry counters live. */
export interface CardPinsTable {
  card_id: string;
  pin_id: string;
  value_enc: string | null;
  max_tries: number;
  tries_left: number;
  updated_at: string;
}

/** Append-only PIN event log. */
export interface CardEventsTable {
  id: Generated<number | string>;
  card_id: string;
  sandbox_id: string;
  type: string;
  pin: string | null;
  tries_left: number | null;
  max_tries: number | null;
  terminal: string;
  at: string;
  /** JSON of any further event fields, or NULL. */
  detail: string | null;
}

export interface ResidentsTable {
  id: string;
  sandbox_id: string;
  my_number_enc: string;
  /** Keyed HMAC of the My Number, unique per sandbox. */
  my_number_hmac: string;
  name: string;
  address: string;
  birth_date: string;
  sex: string;
  municipality_code: string;
  photo: Uint8Array;
  facts_version: number;
  created_at: string;
  updated_at: string;
}

export interface CertificatesTable {
  sandbox_id: string;
  kind: string;
  serial_hex: string;
  card_id: string;
  resident_id: string;
  der: Uint8Array;
  not_before: string;
  not_after: string;
  status: string;
  revoked_at: string | null;
  reason: string | null;
  issued_at: string;
}

export interface SecretsTable {
  sandbox_id: string;
  name: string;
  value_enc: string;
}

export interface PublicObjectsTable {
  sandbox_id: string;
  name: string;
  value: Uint8Array;
}

export interface SequencesTable {
  sandbox_id: string;
  name: string;
  value: number | string | bigint;
}
