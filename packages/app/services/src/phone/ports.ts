import { MynaError } from '@myna/errors';

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

export interface PhoneStore {
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
