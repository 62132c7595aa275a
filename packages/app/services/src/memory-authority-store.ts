import type { CardStateStore } from '@myna/card';
import { MynaError } from '@myna/errors';
import type {
  AuthorityStore,
  CardKind,
  CardRecord,
  CardStatus,
  CertificateKind,
  CertificateRecord,
  CertificateStatus,
  IssuanceRecord,
  ResidentRecord,
  RevocationReason,
} from './ports.js';

/** Orders by the given keys, compared as strings (the SQL adapters' `order by`). */
const byKeys =
  <T>(...keys: ((x: T) => string)[]) =>
  (a: T, b: T): number => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

/**
 * In-memory `AuthorityStore` for unit tests and throw-away sandboxes (the durable adapters are
 * in @myna/store). Single-process: every method is atomic on the event loop. It keeps the same
 * contract as `SqlAuthorityStore` (packages/adapters/store/test/contracts/authority-store.contract.ts):
 * lists oldest first, its own copies of stored bytes, and the same catalog errors — a duplicate
 * id or serial is `INTERNAL` (details.reason `CONFLICT`), a taken My Number `MY_NUMBER_TAKEN`, an
 * update of a missing row `RESIDENT_NOT_FOUND` / `CARD_NOT_FOUND` / `CERTIFICATE_NOT_FOUND`
 * (details.reason `NOT_FOUND`).
 */
export class MemoryAuthorityStore implements AuthorityStore {
  private readonly secrets = new Map<string, Uint8Array>();
  private readonly publics = new Map<string, Uint8Array>();
  private readonly sequences = new Map<string, bigint>();
  private readonly residents = new Map<string, ResidentRecord>();
  private readonly cards = new Map<string, CardRecord>();
  private readonly certificates = new Map<string, CertificateRecord>();

  async getSecret(sb: string, name: string) {
    const v = this.secrets.get(`${sb}/${name}`);
    return v && new Uint8Array(v);
  }
  async putSecretIfAbsent(sb: string, name: string, value: Uint8Array) {
    const k = `${sb}/${name}`;
    if (!this.secrets.has(k)) this.secrets.set(k, new Uint8Array(value));
    return new Uint8Array(this.secrets.get(k)!);
  }
  async getPublic(sb: string, name: string) {
    const v = this.publics.get(`${sb}/${name}`);
    return v && new Uint8Array(v);
  }
  async putPublicIfAbsent(sb: string, name: string, value: Uint8Array) {
    const k = `${sb}/${name}`;
    if (!this.publics.has(k)) this.publics.set(k, new Uint8Array(value));
    return new Uint8Array(this.publics.get(k)!);
  }
  async nextSequence(sb: string, name: string) {
    const k = `${sb}/${name}`;
    const v = (this.sequences.get(k) ?? 0n) + 1n;
    this.sequences.set(k, v);
    return v;
  }

  async insertResident(r: ResidentRecord) {
    if (this.residents.has(r.id)) throw new MynaError('INTERNAL', { reason: 'CONFLICT', residentId: r.id });
    if (this.holderOf(r.sandboxId, r.myNumber) !== undefined)
      throw new MynaError('MY_NUMBER_TAKEN', { reason: 'CONFLICT', residentId: r.id });
    this.residents.set(r.id, r);
  }
  async getResident(sb: string, id: string) {
    const r = this.residents.get(id);
    return r?.sandboxId === sb ? r : undefined;
  }
  async listResidents(sb: string) {
    return [...this.residents.values()]
      .filter((r) => r.sandboxId === sb)
      .sort(
        byKeys<ResidentRecord>(
          (r) => r.createdAt,
          (r) => r.id,
        ),
      );
  }
  async updateResident(r: ResidentRecord) {
    const cur = await this.getResident(r.sandboxId, r.id);
    const holder = this.holderOf(r.sandboxId, r.myNumber);
    if (cur && holder !== undefined && holder !== r.id)
      throw new MynaError('MY_NUMBER_TAKEN', { reason: 'CONFLICT', residentId: r.id });
    if (!cur) throw new MynaError('RESIDENT_NOT_FOUND', { reason: 'NOT_FOUND', residentId: r.id });
    this.residents.set(r.id, { ...r, createdAt: cur.createdAt });
  }
  async myNumberTaken(sb: string, myNumber: string) {
    return this.holderOf(sb, myNumber) !== undefined;
  }
  /** The id of the sandbox's resident with this My Number, if any. */
  private holderOf(sb: string, myNumber: string): string | undefined {
    return [...this.residents.values()].find((r) => r.sandboxId === sb && r.myNumber === myNumber)?.id;
  }

  async insertCard(c: CardRecord) {
    const serialTaken = [...this.cards.values()].some(
      (o) => o.sandboxId === c.sandboxId && o.serial === c.serial,
    );
    if (this.cards.has(c.id) || serialTaken) throw new MynaError('INTERNAL', { reason: 'CONFLICT' });
    this.cards.set(c.id, c);
  }
  /**
   * All or nothing: every record is checked first (no card with the id, no certificate with a
   * serial), then the chip is created (if that fails nothing is written), then the records are set
   * synchronously, so no other call sees half an issuance.
   */
  async recordIssuance(issuance: IssuanceRecord, chips: CardStateStore) {
    if (this.cards.has(issuance.card.id)) throw new Error(`card ${issuance.card.id} is already recorded`);
    const keys = issuance.certificates.map((c) => `${c.sandboxId}/${c.kind}/${c.serialHex}`);
    if (new Set(keys).size !== keys.length || keys.some((k) => this.certificates.has(k)))
      throw new Error('a certificate serial is already recorded');
    await chips.create(issuance.chip);
    if (this.cards.has(issuance.card.id) || keys.some((k) => this.certificates.has(k)))
      throw new Error(`card ${issuance.card.id} was recorded meanwhile`);
    this.cards.set(issuance.card.id, issuance.card);
    for (const [i, c] of issuance.certificates.entries()) this.certificates.set(keys[i]!, c);
  }
  async getCard(sb: string, id: string) {
    const c = this.cards.get(id);
    return c?.sandboxId === sb ? c : undefined;
  }
  async listCards(sb: string) {
    return [...this.cards.values()]
      .filter((c) => c.sandboxId === sb)
      .sort(
        byKeys<CardRecord>(
          (c) => c.createdAt,
          (c) => c.id,
        ),
      );
  }
  async setCardStatus(sb: string, id: string, status: CardStatus, at: string) {
    await this.updateCard(sb, id, { status }, at);
  }

  async setCardKind(sb: string, id: string, kind: CardKind, at: string) {
    await this.updateCard(sb, id, { kind }, at);
  }

  private async updateCard(
    sb: string,
    id: string,
    patch: Partial<Pick<CardRecord, 'status' | 'kind'>>,
    at: string,
  ) {
    const c = await this.getCard(sb, id);
    if (!c) throw new MynaError('CARD_NOT_FOUND', { reason: 'NOT_FOUND', cardId: id });
    this.cards.set(id, { ...c, ...patch, updatedAt: at });
  }

  async insertCertificate(c: CertificateRecord) {
    const k = `${c.sandboxId}/${c.kind}/${c.serialHex}`;
    if (this.certificates.has(k)) throw new MynaError('INTERNAL', { reason: 'CONFLICT' });
    this.certificates.set(k, c);
  }
  async getCertificate(sb: string, kind: CertificateKind, serialHex: string) {
    return this.certificates.get(`${sb}/${kind}/${serialHex}`);
  }
  async listCertificates(
    sb: string,
    f: { kind?: CertificateKind; cardId?: string; status?: CertificateStatus },
  ) {
    return [...this.certificates.values()]
      .filter(
        (c) =>
          c.sandboxId === sb &&
          (f.kind === undefined || c.kind === f.kind) &&
          (f.cardId === undefined || c.cardId === f.cardId) &&
          (f.status === undefined || c.status === f.status),
      )
      .sort(
        byKeys<CertificateRecord>(
          (c) => c.issuedAt,
          (c) => c.kind,
          (c) => c.serialHex,
        ),
      );
  }
  async setCertificateStatus(
    sb: string,
    kind: CertificateKind,
    serialHex: string,
    status: CertificateStatus,
    revokedAt: string | null,
    reason: RevocationReason | null,
  ) {
    const k = `${sb}/${kind}/${serialHex}`;
    const c = this.certificates.get(k);
    if (!c) throw new MynaError('CERTIFICATE_NOT_FOUND', { reason: 'NOT_FOUND', kind, serial: serialHex });
    this.certificates.set(k, { ...c, status, revokedAt, reason });
  }
}
