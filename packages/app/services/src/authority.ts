import { cvCertificate, keyId } from '@myna/card';
import { MynaError } from '@myna/errors';
import {
  type CaCredentials,
  type CertificateStatus,
  createCa,
  createCrl,
  createOcspErrorResponse,
  createOcspResponse,
  generateRsaKeyPair,
  ocspCertIdMatchesIssuer,
  parseOcspRequest,
  type RevokedCertificate,
  serialFromHex,
  spkiFromPkcs8,
} from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import type { AuthorityStore, CertificateKind, CertificateRecord, RevocationReason } from './ports.js';

/** Issuer material shared by the cards of one sandbox (personalisation inputs; see card.md §§5–7). */
export interface IssuerMaterial {
  readonly kenhojoSigner: { privateKeyPkcs8: Uint8Array; keyId: Uint8Array; cvCertificate: Uint8Array };
  readonly kenkakuSigner: { privateKeyPkcs8: Uint8Array; keyId: Uint8Array; cvCertificate: Uint8Array };
  readonly kenhojoAp: Uint8Array;
  readonly kenkakuAp: Uint8Array;
  readonly commonAuth: Uint8Array;
  readonly kenhojoSessionPublicSpki: Uint8Array;
}

/** The CAs' validity: wide, so a sandbox clock moved years back or forward still issues. */
const CA_NOT_BEFORE = new Date('2015-01-01T00:00:00Z');
const CA_NOT_AFTER = new Date('2049-12-31T14:59:59Z');

export interface AuthorityOptions {
  readonly sandboxId: string;
  /** OCSP URL written into user certificates (authorityInfoAccess). */
  readonly ocspUrl?: string;
}

/**
 * The JPKI authority (the J-LIS role) of one sandbox: its two CA hierarchies, certificate
 * status, revocation and suspension (certificate hold), CRLs and OCSP. Policy lives here; the
 * certificate formats live in @myna/pki. Every time is the injected clock's.
 */
export class JpkiAuthority {
  private cas = new Map<CertificateKind, Promise<CaCredentials>>();
  private material: Promise<IssuerMaterial> | undefined;

  constructor(
    private readonly store: AuthorityStore,
    private readonly clock: Clock,
    readonly options: AuthorityOptions,
  ) {}

  get sandboxId(): string {
    return this.options.sandboxId;
  }

  /** Elements whose certificates follow a card's (the smartphone certificates: docs/phone.md). */
  private linked: (cardId: string) => Promise<readonly string[]> = async () => [];

  /**
   * Registers where the certificates that follow a card live: revoking the card's signature
   * certificate (for any reason but `superseded`) revokes theirs with the same reason; holding
   * and releasing the card holds and releases theirs. spec: docs/phone.md (what is observed and
   * what is the sandbox's choice).
   */
  followCardsWith(linked: (cardId: string) => Promise<readonly string[]>): void {
    this.linked = linked;
  }

  /** The CA (certificate and key) of a hierarchy, created on first use. Safe under concurrent starts. */
  ca(kind: CertificateKind): Promise<CaCredentials> {
    let p = this.cas.get(kind);
    if (!p) {
      p = this.loadOrCreateCa(kind);
      p.catch(() => this.cas.delete(kind));
      this.cas.set(kind, p);
    }
    return p;
  }

  private async loadOrCreateCa(kind: CertificateKind): Promise<CaCredentials> {
    const sb = this.sandboxId;
    let pkcs8 = await this.store.getSecret(sb, `ca-${kind}-key`);
    if (!pkcs8) {
      const kp = await generateRsaKeyPair();
      pkcs8 = await this.store.putSecretIfAbsent(sb, `ca-${kind}-key`, kp.privateKeyPkcs8);
    }
    let certDer = await this.store.getPublic(sb, `ca-${kind}-cert`);
    if (!certDer) {
      const der = await createCa({
        kind,
        key: { pkcs8, spki: spkiFromPkcs8(pkcs8) },
        serial: 1n,
        notBefore: CA_NOT_BEFORE,
        notAfter: CA_NOT_AFTER,
      });
      certDer = await this.store.putPublicIfAbsent(sb, `ca-${kind}-cert`, der);
    }
    return { certDer, privateKeyPkcs8: pkcs8 };
  }

  /** The 券面 APs' issuer keys, CV certificates and shared AP keys, created on first use. */
  issuerMaterial(): Promise<IssuerMaterial> {
    this.material ??= this.loadOrCreateMaterial();
    this.material.catch(() => {
      this.material = undefined;
    });
    return this.material;
  }

  private async secretKey(name: string): Promise<Uint8Array> {
    const have = await this.store.getSecret(this.sandboxId, name);
    if (have) return have;
    const kp = await generateRsaKeyPair();
    return this.store.putSecretIfAbsent(this.sandboxId, name, kp.privateKeyPkcs8);
  }

  private async loadOrCreateMaterial(): Promise<IssuerMaterial> {
    const names = [
      'cv-root',
      'kenhojo-signer',
      'kenkaku-signer',
      'kenhojo-ap',
      'kenkaku-ap',
      'common-auth',
      'kenhojo-session',
    ];
    const [cvRoot, kenhojoSigner, kenkakuSigner, kenhojoAp, kenkakuAp, commonAuth, session] =
      await Promise.all(names.map((n) => this.secretKey(n)));
    const cv = async (name: string, signer: Uint8Array, subject: Uint8Array) => {
      const have = await this.store.getPublic(this.sandboxId, name);
      if (have) return have;
      const der = cvCertificate({
        issuerKeyId: keyId('9000000', '001'),
        subjectKeyId: subject,
        subjectPublicKey: spkiFromPkcs8(signer),
        issuerPrivateKeyPkcs8: cvRoot!,
      });
      return this.store.putPublicIfAbsent(this.sandboxId, name, der);
    };
    const kenhojoId = keyId('9000033', '001');
    const kenkakuId = keyId('9000023', '001');
    return {
      kenhojoSigner: {
        privateKeyPkcs8: kenhojoSigner!,
        keyId: kenhojoId,
        cvCertificate: await cv('cv-kenhojo', kenhojoSigner!, kenhojoId),
      },
      kenkakuSigner: {
        privateKeyPkcs8: kenkakuSigner!,
        keyId: kenkakuId,
        cvCertificate: await cv('cv-kenkaku', kenkakuSigner!, kenkakuId),
      },
      kenhojoAp: kenhojoAp!,
      kenkakuAp: kenkakuAp!,
      commonAuth: commonAuth!,
      kenhojoSessionPublicSpki: spkiFromPkcs8(session!),
    };
  }

  /** A fresh certificate serial for a hierarchy (gap-free per sandbox and kind). */
  async nextSerial(kind: CertificateKind): Promise<bigint> {
    // Serial 1 is the CA itself.
    return 1n + (await this.store.nextSequence(this.sandboxId, `cert-serial-${kind}`));
  }

  /** Status of one certificate now: good / revoked / hold, and whether it is within its validity. */
  async certificateStatus(
    kind: CertificateKind,
    serialHex: string,
  ): Promise<{
    record: CertificateRecord;
    status: CertificateRecord['status'];
    expired: boolean;
    notYetValid: boolean;
  }> {
    const record = await this.store.getCertificate(this.sandboxId, kind, serialHex);
    if (!record) throw new MynaError('CERTIFICATE_NOT_FOUND', { kind, serial: serialHex });
    const now = this.clock.now().getTime();
    return {
      record,
      status: record.status,
      expired: now > Date.parse(record.notAfter),
      notYetValid: now < Date.parse(record.notBefore),
    };
  }

  /** Revokes a certificate for good (a later hold or release does not undo it). */
  async revoke(
    kind: CertificateKind,
    serialHex: string,
    reason: Exclude<RevocationReason, 'certificateHold' | 'removeFromCRL'>,
  ): Promise<void> {
    const c = await this.store.getCertificate(this.sandboxId, kind, serialHex);
    if (!c) throw new MynaError('CERTIFICATE_NOT_FOUND', { kind, serial: serialHex });
    if (c.status === 'revoked') return;
    await this.store.setCertificateStatus(
      this.sandboxId,
      kind,
      serialHex,
      'revoked',
      this.clock.now().toISOString(),
      reason,
    );
    if (kind !== 'sign' || reason === 'superseded') return;
    for (const element of await this.linked(c.cardId)) {
      for (const f of await this.store.listCertificates(this.sandboxId, { cardId: element })) {
        if (f.status !== 'revoked') await this.revoke(f.kind, f.serialHex, reason);
      }
    }
  }

  /** Suspension (一時保留): every good certificate of the card goes on hold. */
  async holdCard(cardId: string): Promise<void> {
    const at = this.clock.now().toISOString();
    for (const element of await this.linked(cardId)) await this.holdCard(element);
    for (const c of await this.store.listCertificates(this.sandboxId, { cardId, status: 'good' })) {
      await this.store.setCertificateStatus(
        this.sandboxId,
        c.kind,
        c.serialHex,
        'hold',
        at,
        'certificateHold',
      );
    }
  }

  /** Lifting a suspension: held certificates are good again (revoked ones stay revoked). */
  async releaseCard(cardId: string): Promise<void> {
    for (const element of await this.linked(cardId)) await this.releaseCard(element);
    for (const c of await this.store.listCertificates(this.sandboxId, { cardId, status: 'hold' })) {
      await this.store.setCertificateStatus(this.sandboxId, c.kind, c.serialHex, 'good', null, null);
    }
  }

  private async revokedEntries(kind: CertificateKind): Promise<RevokedCertificate[]> {
    const out: RevokedCertificate[] = [];
    for (const status of ['revoked', 'hold'] as const) {
      for (const c of await this.store.listCertificates(this.sandboxId, { kind, status })) {
        out.push({
          serial: serialFromHex(c.serialHex),
          revokedAt: new Date(c.revokedAt ?? c.issuedAt),
          reason: c.reason ?? 'unspecified',
        });
      }
    }
    return out;
  }

  /** A fresh CRL (DER) of one hierarchy; valid for 24 hours. */
  async crl(kind: CertificateKind): Promise<Uint8Array> {
    const now = this.clock.now();
    return createCrl({
      ca: await this.ca(kind),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 24 * 3600_000),
      crlNumber: await this.store.nextSequence(this.sandboxId, `crl-number-${kind}`),
      revoked: await this.revokedEntries(kind),
    });
  }

  /**
   * Answers an OCSP request (RFC 6960) for either hierarchy: good, revoked (with its reason) or
   * on hold (revoked + certificateHold); `unknown` for serials this authority never issued;
   * `unauthorized` for another CA's certificates; `malformedRequest` for bytes that are not one.
   */
  async ocsp(requestDer: Uint8Array): Promise<Uint8Array> {
    let req: ReturnType<typeof parseOcspRequest>;
    try {
      req = parseOcspRequest(requestDer);
    } catch {
      return createOcspErrorResponse('malformedRequest');
    }
    if (req.certIds.length === 0) return createOcspErrorResponse('malformedRequest');
    let kind: CertificateKind | undefined;
    for (const k of ['auth', 'sign'] as const) {
      const ca = await this.ca(k);
      if (req.certIds.every((id) => ocspCertIdMatchesIssuer(id, ca.certDer))) kind = k;
    }
    if (!kind) return createOcspErrorResponse('unauthorized');
    const now = this.clock.now();
    const responses = [];
    for (const certId of req.certIds) {
      const rec = await this.store.getCertificate(this.sandboxId, kind, certId.serialHex);
      let status: CertificateStatus;
      if (!rec) status = { kind: 'unknown' };
      else if (rec.status === 'good') status = { kind: 'good' };
      else
        status = {
          kind: 'revoked',
          revokedAt: new Date(rec.revokedAt ?? rec.issuedAt),
          reason: rec.reason ?? 'unspecified',
        };
      responses.push({ certId, status });
    }
    return createOcspResponse({
      responder: await this.ca(kind),
      producedAt: now,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 3600_000),
      responses,
      ...(req.nonce ? { nonce: req.nonce } : {}),
    });
  }
}

/** Random upper-case alphanumerics (issue ids, request numbers). */
export function randomAlnum(random: Random, n: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from(random.bytes(n), (b) => alphabet[b % 36]).join('');
}
