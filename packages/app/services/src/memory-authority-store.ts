import type { CardStateStore } from '@myna/card';
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

/**
 * In-memory `AuthorityStore` for unit tests and throw-away sandboxes (the durable adapters are
 * in @myna/store). Single-process: every method is atomic on the event loop.
 */
export class MemoryAuthorityStore implements AuthorityStore {
  private readonly secrets = new Map<string, Uint8Array>();
  private readonly publics = new Map<string, Uint8Array>();
  private readonly sequences = new Map<string, bigint>();
  private readonly residents = new Map<string, ResidentRecord>();
  private readonly cards = new Map<string, CardRecord>();
  private readonly certificates = new Map<string, CertificateRecord>();

  async getSecret(sb: string, name: string) {
    return this.secrets.get(`${sb}/${name}`);
  }
  async putSecretIfAbsent(sb: string, name: string, value: Uint8Array) {
    const k = `${sb}/${name}`;
    if (!this.secrets.has(k)) this.secrets.set(k, value);
    return this.secrets.get(k)!;
  }
  async getPublic(sb: string, name: string) {
    return this.publics.get(`${sb}/${name}`);
  }
  async putPublicIfAbsent(sb: string, name: string, value: Uint8Array) {
    const k = `${sb}/${name}`;
    if (!this.publics.has(k)) this.publics.set(k, value);
    return this.publics.get(k)!;
  }
  async nextSequence(sb: string, name: string) {
    const k = `${sb}/${name}`;
    const v = (this.sequences.get(k) ?? 0n) + 1n;
    this.sequences.set(k, v);
    return v;
  }

  async insertResident(r: ResidentRecord) {
    if (this.residents.has(r.id)) throw new Error('resident exists');
    this.residents.set(r.id, r);
  }
  async getResident(sb: string, id: string) {
    const r = this.residents.get(id);
    return r?.sandboxId === sb ? r : undefined;
  }
  async listResidents(sb: string) {
    return [...this.residents.values()].filter((r) => r.sandboxId === sb);
  }
  async updateResident(r: ResidentRecord) {
    this.residents.set(r.id, r);
  }
  async myNumberTaken(sb: string, myNumber: string) {
    return [...this.residents.values()].some((r) => r.sandboxId === sb && r.myNumber === myNumber);
  }

  async insertCard(c: CardRecord) {
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
    return [...this.cards.values()].filter((c) => c.sandboxId === sb);
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
    if (c) this.cards.set(id, { ...c, ...patch, updatedAt: at });
  }

  async insertCertificate(c: CertificateRecord) {
    this.certificates.set(`${c.sandboxId}/${c.kind}/${c.serialHex}`, c);
  }
  async getCertificate(sb: string, kind: CertificateKind, serialHex: string) {
    return this.certificates.get(`${sb}/${kind}/${serialHex}`);
  }
  async listCertificates(
    sb: string,
    f: { kind?: CertificateKind; cardId?: string; status?: CertificateStatus },
  ) {
    return [...this.certificates.values()].filter(
      (c) =>
        c.sandboxId === sb &&
        (f.kind === undefined || c.kind === f.kind) &&
        (f.cardId === undefined || c.cardId === f.cardId) &&
        (f.status === undefined || c.status === f.status),
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
    if (c) this.certificates.set(k, { ...c, status, revokedAt, reason });
  }
}
