import type { CardImage, CardStateStore } from '@myna/card';
import type { RevocationReason } from '@myna/pki';

/**
 * Ports of the services: the persistence the authority and the municipality need. Adapters
 * (SQLite and PostgreSQL, in @myna/store) implement them; the services never see SQL.
 *
 * Card PIN state is NOT here: it belongs to the card (`CardStateStore` in @myna/card) and is
 * reached only through APDUs.
 */

/** A resident on the municipal register (住民基本台帳), with the basic four facts. */
export interface ResidentRecord {
  readonly id: string;
  readonly sandboxId: string;
  /** 12-digit 個人番号. Encrypted at rest by the adapter; never logged. */
  readonly myNumber: string;
  /** Family and given name separated by U+3000. */
  readonly name: string;
  readonly address: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  /** JIS X 0303: '1' male, '2' female, '9' not applicable, '0' unknown. */
  readonly sex: '0' | '1' | '2' | '9';
  readonly municipalityCode: string;
  /** Face photo, JPEG 2000. */
  readonly photo: Uint8Array;
  /** Incremented whenever one of the basic four facts changes (signature-certificate revocation trigger). */
  readonly factsVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type CardKind = 'adult' | 'under-15' | 'face-auth';
export type CardStatus = 'active' | 'suspended' | 'abolished';

/** What the municipality knows about an issued card (its chip state lives in the CardStateStore). */
export interface CardRecord {
  readonly id: string;
  readonly sandboxId: string;
  /** 15-digit serial. */
  readonly serial: string;
  readonly residentId: string;
  readonly kind: CardKind;
  readonly status: CardStatus;
  /** YYYY-MM-DD. */
  readonly issuedOn: string;
  /** YYYY-MM-DD. */
  readonly expiresOn: string;
  /** 4-digit security code printed on the face (needed for 照合番号B). Encrypted at rest. */
  readonly securityCode: string;
  /** Per-card issuer key of the administrative channel. Encrypted at rest. */
  readonly adminKey: Uint8Array;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type CertificateKind = 'auth' | 'sign';
export type CertificateStatus = 'good' | 'revoked' | 'hold';

/** RFC 5280 revocation reasons, as @myna/pki writes them into CRLs and OCSP responses. */
export type { RevocationReason } from '@myna/pki';

export interface CertificateRecord {
  /** Serial number as @myna/pki's `serialToHex` writes it (upper case, whole bytes). */
  readonly serialHex: string;
  readonly sandboxId: string;
  readonly kind: CertificateKind;
  readonly cardId: string;
  readonly residentId: string;
  readonly der: Uint8Array;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly status: CertificateStatus;
  readonly revokedAt: string | null;
  readonly reason: RevocationReason | null;
  readonly issuedAt: string;
}

/** Everything a new card's issuance writes (`Municipality.issueCard`). */
export interface IssuanceRecord {
  /** The personalised chip, for the card's `CardStateStore`. */
  readonly chip: CardImage;
  readonly card: CardRecord;
  readonly certificates: readonly CertificateRecord[];
}

export interface AuthorityStore {
  /**
   * Secrets (private keys, issuer material), encrypted at rest with the master key.
   * `putSecretIfAbsent` returns the value that is stored afterwards (the existing one if another
   * instance won the race), so two instances starting together agree on one authority.
   */
  getSecret(sandboxId: string, name: string): Promise<Uint8Array | undefined>;
  putSecretIfAbsent(sandboxId: string, name: string, value: Uint8Array): Promise<Uint8Array>;
  /** Public material (CA certificates, CV certificates), stored as is. */
  getPublic(sandboxId: string, name: string): Promise<Uint8Array | undefined>;
  putPublicIfAbsent(sandboxId: string, name: string, value: Uint8Array): Promise<Uint8Array>;
  /** Atomic, gap-free per (sandbox, name) counter starting at 1 (card serials, certificate serials, CRL numbers). */
  nextSequence(sandboxId: string, name: string): Promise<bigint>;

  insertResident(r: ResidentRecord): Promise<void>;
  getResident(sandboxId: string, id: string): Promise<ResidentRecord | undefined>;
  listResidents(sandboxId: string): Promise<ResidentRecord[]>;
  updateResident(r: ResidentRecord): Promise<void>;
  /** True if a resident with this My Number exists in the sandbox (compared without decrypting every row: adapters keep a keyed hash). */
  myNumberTaken(sandboxId: string, myNumber: string): Promise<boolean>;

  insertCard(c: CardRecord): Promise<void>;
  /**
   * Records an issued card all or nothing: the chip (into `chips`), the card record and its
   * certificates. If any write fails, none of them is left behind — the SQL adapters write them in
   * one database transaction (the chip too, when `chips` is on the same database), the memory
   * adapter checks every write before it makes any. Serials and sequences drawn before are not
   * given back: a failed issuance leaves a gap, as a spoiled form does.
   */
  recordIssuance(issuance: IssuanceRecord, chips: CardStateStore): Promise<void>;
  getCard(sandboxId: string, id: string): Promise<CardRecord | undefined>;
  listCards(sandboxId: string): Promise<CardRecord[]>;
  setCardStatus(sandboxId: string, id: string, status: CardStatus, at: string): Promise<void>;
  /** After the counter switches a card to or from face authentication (the chip already changed). */
  setCardKind(sandboxId: string, id: string, kind: CardKind, at: string): Promise<void>;

  insertCertificate(c: CertificateRecord): Promise<void>;
  getCertificate(
    sandboxId: string,
    kind: CertificateKind,
    serialHex: string,
  ): Promise<CertificateRecord | undefined>;
  listCertificates(
    sandboxId: string,
    filter: { kind?: CertificateKind; cardId?: string; status?: CertificateStatus },
  ): Promise<CertificateRecord[]>;
  setCertificateStatus(
    sandboxId: string,
    kind: CertificateKind,
    serialHex: string,
    status: CertificateStatus,
    revokedAt: string | null,
    reason: RevocationReason | null,
  ): Promise<void>;
}
