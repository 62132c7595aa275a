import type { CardImage, CardStateStore } from '@myna/card';
import { MynaError } from '@myna/errors';
import type { AuthorityStore, CertificateKind, CertificateRecord } from '../ports.js';

/**
 * The smartphone certificates' registry (スマホ用電子証明書, docs/phone.md): which phone secure
 * element belongs to which card. The element's chip (files, keys, its own PIN counters) is a card
 * image in the `CardStateStore`, like the card's; its certificates are the authority's
 * `CertificateRecord`s with `cardId` = the phone's id. Only the link and the issuer key live here.
 */
export type PhonePlatform = 'android' | 'iphone';
export type PhoneStatus = 'active' | 'revoked';

export interface PhoneRecord {
  /** Also the id of its chip in the `CardStateStore`. */
  readonly id: string;
  readonly sandboxId: string;
  /** The card it was issued from. */
  readonly cardId: string;
  readonly residentId: string;
  readonly platform: PhonePlatform;
  /** 15-digit element serial (sandbox-drawn). */
  readonly serial: string;
  /** `revoked`: the holder stopped using the phone (失効), or a newer phone replaced it. */
  readonly status: PhoneStatus;
  /** Issuer key of the element's administrative channel. Encrypted at rest. */
  readonly adminKey: Uint8Array;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Everything a phone's issuance writes (`MynaPortalPhone.issue`), all or nothing. */
export interface PhoneIssuanceRecord {
  /** The personalised phone element, for the `CardStateStore`. */
  readonly chip: CardImage;
  readonly phone: PhoneRecord;
  /** The phone's two certificates (`cardId` = the phone's id). */
  readonly certificates: readonly CertificateRecord[];
  /**
   * The phones it replaces (one phone per card): each goes `revoked`, and its listed certificates
   * (those not yet revoked) are revoked `superseded` at `at`.
   */
  readonly retire: readonly {
    readonly phoneId: string;
    readonly certificates: readonly { readonly kind: CertificateKind; readonly serialHex: string }[];
  }[];
  readonly at: string;
}

export interface PhoneStore {
  /**
   * Records a phone's issuance all or nothing: the element (into `chips`), the registry row and
   * the certificates (into `certificates`), and the retirement of the phones it replaces. If any
   * write fails none is left behind — the SQL adapter writes them in one database transaction when
   * the three stores share its database; the memory adapter checks every write before it makes
   * any (as `AuthorityStore.recordIssuance` does for a card).
   */
  recordIssuance(
    issuance: PhoneIssuanceRecord,
    chips: CardStateStore,
    certificates: AuthorityStore,
  ): Promise<void>;
  /** Fails with INTERNAL (reason CONFLICT) if the id exists. */
  insertPhone(p: PhoneRecord): Promise<void>;
  getPhone(sandboxId: string, id: string): Promise<PhoneRecord | undefined>;
  /** The phones issued from a card, oldest first. */
  listPhones(sandboxId: string, filter?: { cardId?: string }): Promise<PhoneRecord[]>;
  /** PHONE_NOT_FOUND if there is no such phone. */
  setPhoneStatus(sandboxId: string, id: string, status: PhoneStatus, at: string): Promise<void>;
}

/** In-memory `PhoneStore` (tests, throw-away sandboxes); the SQL one keeps the same contract. */
export class MemoryPhoneStore implements PhoneStore {
  private readonly phones: PhoneRecord[] = [];

  async insertPhone(p: PhoneRecord): Promise<void> {
    if (this.phones.some((x) => x.id === p.id)) throw new MynaError('INTERNAL', { reason: 'CONFLICT' });
    this.phones.push({ ...p, adminKey: new Uint8Array(p.adminKey) });
  }

  /**
   * All or nothing: every write is checked first (no phone with the id, no certificate with a
   * serial, every replaced phone and certificate exists), then the element is created (if that
   * fails nothing is written), then the records are written.
   */
  async recordIssuance(
    issuance: PhoneIssuanceRecord,
    chips: CardStateStore,
    certificates: AuthorityStore,
  ): Promise<void> {
    const sb = issuance.phone.sandboxId;
    if (this.phones.some((x) => x.id === issuance.phone.id))
      throw new MynaError('INTERNAL', { reason: 'CONFLICT' });
    for (const c of issuance.certificates) {
      if (await certificates.getCertificate(sb, c.kind, c.serialHex))
        throw new MynaError('INTERNAL', { reason: 'CONFLICT' });
    }
    for (const r of issuance.retire) {
      if (!(await this.getPhone(sb, r.phoneId)))
        throw new MynaError('PHONE_NOT_FOUND', { phoneId: r.phoneId });
      for (const c of r.certificates) {
        if (!(await certificates.getCertificate(sb, c.kind, c.serialHex)))
          throw new MynaError('CERTIFICATE_NOT_FOUND', { kind: c.kind, serial: c.serialHex });
      }
    }
    await chips.create(issuance.chip);
    await this.insertPhone(issuance.phone);
    for (const c of issuance.certificates) await certificates.insertCertificate(c);
    for (const r of issuance.retire) {
      for (const c of r.certificates)
        await certificates.setCertificateStatus(
          sb,
          c.kind,
          c.serialHex,
          'revoked',
          issuance.at,
          'superseded',
        );
      await this.setPhoneStatus(sb, r.phoneId, 'revoked', issuance.at);
    }
  }

  async getPhone(sandboxId: string, id: string): Promise<PhoneRecord | undefined> {
    return this.phones.find((p) => p.sandboxId === sandboxId && p.id === id);
  }

  async listPhones(sandboxId: string, filter: { cardId?: string } = {}): Promise<PhoneRecord[]> {
    return this.phones.filter(
      (p) => p.sandboxId === sandboxId && (filter.cardId === undefined || p.cardId === filter.cardId),
    );
  }

  async setPhoneStatus(sandboxId: string, id: string, status: PhoneStatus, at: string): Promise<void> {
    const i = this.phones.findIndex((p) => p.sandboxId === sandboxId && p.id === id);
    if (i < 0) throw new MynaError('PHONE_NOT_FOUND', { phoneId: id });
    this.phones[i] = { ...this.phones[i]!, status, updatedAt: at };
  }
}
