import { cvCertificate, keyId } from '@myna/card';
import { MynaError } from '@myna/errors';
import {
  type CaCredentials,
  type CertificateStatus,
  certificateToPem,
  createCa,
  createCrl,
  createOcspErrorResponse,
  createOcspResponse,
  generateRsaKeyPair,
  ocspCertIdMatchesIssuer,
  parseCertificate,
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
  /** GET DATA 00F8 → 7F21 at MF level, linked by 00F7 (card.md §2.4; @myna/card MfCvChain). */
  readonly mfChain: { upper: Uint8Array; lower: Uint8Array; intermediateKeyId: Uint8Array };
}

/**
 * Key IDs of the sandbox's CV hierarchy (production IDs start with 5, J-LIS test cards' with 6;
 * the sandbox's with 9). The root (GET DATA 0042) signs the 券面 APs' EF 0004 and the MF chain's
 * 00F8; 00F8 certifies the intermediate (00F7), which signs 7F21 over the 共通カードAP's
 * INTERNAL AUTHENTICATE key (its key reference record, EF 0002, names the same ID).
 */
const CV_ROOT_ID = keyId('9000000', '001');
const CV_INTERMEDIATE_ID = keyId('9000042', '001');
const COMMON_AUTH_ID = keyId('9000010', '001');

/**
 * The first generation's validity: wide, so a sandbox clock moved years back or forward still
 * issues. Later generations (`rollOver`) are ten years from the roll-over, as J-LIS's are
 * (2015-10-20 → 2025-10-19, 2019-09-14 → 2029-09-14, 2023-07-16 → 2033-07-15).
 */
const CA_NOT_BEFORE = new Date('2015-01-01T00:00:00Z');
const CA_NOT_AFTER = new Date('2049-12-31T14:59:59Z');
const GENERATION_YEARS = 10;

/**
 * User-certificate serials are 4 bytes, as J-LIS's (the production 利用者証明用 certificate has
 * 0x012D57CA): a per-kind counter on top of this base, so the first is 0x01000001 and they stay
 * 4 bytes for the first 2^31 − 2^24 certificates. Later CA generations draw theirs from the same
 * counter (J-LIS's second and third roots have 4-byte serials, 0x0133C349 and 0x06D18006).
 */
export const USER_SERIAL_BASE = 0x0100_0000n;

/** One generation of a hierarchy's CA (J-LIS keeps one DN across generations; the key differs). */
export interface CaGeneration {
  readonly kind: CertificateKind;
  /** 1, 2, … in the order they were created. */
  readonly generation: number;
  readonly credentials: CaCredentials;
  /** The CA certificate's serial (serialToHex form), validity and subjectKeyIdentifier. */
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyIdHex: string;
}

/** What a console, the API and the CLI show of one generation (the relying party's view). */
export interface CaGenerationSummary {
  readonly kind: CertificateKind;
  readonly generation: number;
  /** The generation new certificates are issued by now. */
  readonly current: boolean;
  readonly serialHex: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** subjectKeyIdentifier, upper-case hex: what issued certificates carry as AKI keyid. */
  readonly keyIdHex: string;
  /** How many certificates on record this generation signed. */
  readonly certificates: number;
  readonly certificateDer: Uint8Array;
  readonly certificatePem: string;
}

export interface AuthorityOptions {
  readonly sandboxId: string;
  /** OCSP URL written into user certificates (authorityInfoAccess). */
  readonly ocspUrl?: string;
}

/** Where a generation's key and certificate live (generation 1 keeps the names it always had). */
const caName = (kind: CertificateKind, generation: number, what: 'key' | 'cert') =>
  generation === 1 ? `ca-${kind}-${what}` : `ca-${kind}-${what}-g${generation}`;
const crlSequence = (kind: CertificateKind, generation: number) =>
  generation === 1 ? `crl-number-${kind}` : `crl-number-${kind}-g${generation}`;

function generationOf(kind: CertificateKind, generation: number, credentials: CaCredentials): CaGeneration {
  const info = parseCertificate(credentials.certDer);
  return {
    kind,
    generation,
    credentials,
    serialHex: info.serialHex,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    keyIdHex: info.subjectKeyIdentifier ?? '',
  };
}

/**
 * The JPKI authority (the J-LIS role) of one sandbox: its two CA hierarchies and their
 * generations, certificate status, revocation and suspension (certificate hold), CRLs and OCSP.
 * Policy lives here; the certificate formats live in @myna/pki. Every time is the injected clock's.
 */
export class JpkiAuthority {
  private first = new Map<CertificateKind, Promise<CaCredentials>>();
  private known = new Map<CertificateKind, CaGeneration[]>();
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

  /**
   * The issuing CA (certificate and key) of a hierarchy: the newest generation whose validity
   * holds the sandbox's now (the newest of all when none does). The first generation is created
   * on first use, safely under concurrent starts.
   */
  async ca(kind: CertificateKind): Promise<CaCredentials> {
    return (await this.currentGeneration(kind)).credentials;
  }

  /** The generation `ca(kind)` issues with. */
  async currentGeneration(kind: CertificateKind): Promise<CaGeneration> {
    const gens = await this.generations(kind);
    const now = this.clock.now().getTime();
    const valid = gens.filter((g) => g.notBefore.getTime() <= now && now <= g.notAfter.getTime());
    return (valid.length > 0 ? valid : gens).at(-1)!;
  }

  /**
   * Every generation of a hierarchy, oldest first — the trust anchors a relying party needs,
   * since a certificate keeps chaining to the generation that signed it until it is renewed.
   * Reads generations other instances rolled over to (one look-up past the last known).
   */
  async generations(kind: CertificateKind): Promise<CaGeneration[]> {
    let gens = this.known.get(kind);
    if (!gens) {
      gens = [generationOf(kind, 1, await this.firstGeneration(kind))];
      this.known.set(kind, gens);
    }
    for (;;) {
      const n: number = gens.length + 1;
      const certDer = await this.store.getPublic(this.sandboxId, caName(kind, n, 'cert'));
      if (!certDer) break;
      const pkcs8 = await this.store.getSecret(this.sandboxId, caName(kind, n, 'key'));
      if (!pkcs8) break;
      gens = [...gens, generationOf(kind, n, { certDer, privateKeyPkcs8: pkcs8 })];
      this.known.set(kind, gens);
    }
    return gens;
  }

  /** Every generation of both hierarchies, with the number of certificates each signed. */
  async generationSummaries(): Promise<CaGenerationSummary[]> {
    const out: CaGenerationSummary[] = [];
    for (const kind of ['auth', 'sign'] as const) {
      const current = await this.currentGeneration(kind);
      const signedBy = new Map<string, number>();
      for (const c of await this.store.listCertificates(this.sandboxId, { kind })) {
        const aki = parseCertificate(c.der).authorityKeyIdentifier ?? '';
        signedBy.set(aki, (signedBy.get(aki) ?? 0) + 1);
      }
      for (const g of await this.generations(kind)) {
        out.push({
          kind,
          generation: g.generation,
          current: g.generation === current.generation,
          serialHex: g.serialHex,
          subject: parseCertificate(g.credentials.certDer).subject,
          notBefore: g.notBefore.toISOString(),
          notAfter: g.notAfter.toISOString(),
          keyIdHex: g.keyIdHex,
          certificates: signedBy.get(g.keyIdHex) ?? 0,
          certificateDer: g.credentials.certDer,
          certificatePem: certificateToPem(g.credentials.certDer),
        });
      }
    }
    return out;
  }

  /** The generation whose key signed `certDer` (matched by authorityKeyIdentifier), if any. */
  async generationFor(kind: CertificateKind, certDer: Uint8Array): Promise<CaGeneration | undefined> {
    const aki = parseCertificate(certDer).authorityKeyIdentifier;
    return (await this.generations(kind)).find((g) => g.keyIdHex === aki);
  }

  /**
   * Rolls a hierarchy over to a new CA generation (J-LIS did so in 2019 and 2023): a new RSA-2048
   * key, a self-signed certificate under the same DN, valid ten years from now, its serial drawn
   * from the hierarchy's counter. From now on certificates are issued by it; certificates issued
   * before keep chaining to their own generation until renewed, and each generation keeps its own
   * CRL and answers OCSP for its own certificates. Two instances rolling over at once agree on one
   * new generation (the stored key and certificate win).
   */
  async rollOver(kind: CertificateKind): Promise<CaGeneration> {
    const gens = await this.generations(kind);
    const n = gens.length + 1;
    const kp = await generateRsaKeyPair();
    const pkcs8 = await this.store.putSecretIfAbsent(
      this.sandboxId,
      caName(kind, n, 'key'),
      kp.privateKeyPkcs8,
    );
    const notBefore = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime());
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + GENERATION_YEARS);
    notAfter.setTime(notAfter.getTime() - 1000);
    const der = await createCa({
      kind,
      key: { pkcs8, spki: spkiFromPkcs8(pkcs8) },
      serial: await this.nextSerial(kind),
      notBefore,
      notAfter,
    });
    await this.store.putPublicIfAbsent(this.sandboxId, caName(kind, n, 'cert'), der);
    const after = await this.generations(kind);
    const made = after.find((g) => g.generation === n);
    if (!made) throw new MynaError('INTERNAL', { reason: 'CA generation vanished after roll-over' });
    return made;
  }

  private firstGeneration(kind: CertificateKind): Promise<CaCredentials> {
    let p = this.first.get(kind);
    if (!p) {
      p = this.loadOrCreateCa(kind);
      p.catch(() => this.first.delete(kind));
      this.first.set(kind, p);
    }
    return p;
  }

  private async loadOrCreateCa(kind: CertificateKind): Promise<CaCredentials> {
    const sb = this.sandboxId;
    let pkcs8 = await this.store.getSecret(sb, caName(kind, 1, 'key'));
    if (!pkcs8) {
      const kp = await generateRsaKeyPair();
      pkcs8 = await this.store.putSecretIfAbsent(sb, caName(kind, 1, 'key'), kp.privateKeyPkcs8);
    }
    let certDer = await this.store.getPublic(sb, caName(kind, 1, 'cert'));
    if (!certDer) {
      const der = await createCa({
        kind,
        key: { pkcs8, spki: spkiFromPkcs8(pkcs8) },
        serial: 1n, // J-LIS's first generation has serial 01
        notBefore: CA_NOT_BEFORE,
        notAfter: CA_NOT_AFTER,
      });
      certDer = await this.store.putPublicIfAbsent(sb, caName(kind, 1, 'cert'), der);
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
      'cv-intermediate',
    ];
    const [cvRoot, kenhojoSigner, kenkakuSigner, kenhojoAp, kenkakuAp, commonAuth, session, cvMid] =
      await Promise.all(names.map((n) => this.secretKey(n)));
    // Stored under "-v2" names: the v1 certificates signed the whole 5F4E TLV, which no verifier
    // accepts (docs/faithfulness.md); the signature covers the 5F4E value.
    const cv = async (
      name: string,
      subjectKey: Uint8Array,
      subject: Uint8Array,
      issuer: { id: Uint8Array; pkcs8: Uint8Array } = { id: CV_ROOT_ID, pkcs8: cvRoot! },
    ) => {
      const have = await this.store.getPublic(this.sandboxId, `${name}-v2`);
      if (have) return have;
      const der = cvCertificate({
        issuerKeyId: issuer.id,
        subjectKeyId: subject,
        subjectPublicKey: spkiFromPkcs8(subjectKey),
        issuerPrivateKeyPkcs8: issuer.pkcs8,
      });
      return this.store.putPublicIfAbsent(this.sandboxId, `${name}-v2`, der);
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
      mfChain: {
        upper: await cv('cv-mf-upper', cvMid!, CV_INTERMEDIATE_ID),
        lower: await cv('cv-mf-lower', commonAuth!, COMMON_AUTH_ID, {
          id: CV_INTERMEDIATE_ID,
          pkcs8: cvMid!,
        }),
        intermediateKeyId: CV_INTERMEDIATE_ID,
      },
    };
  }

  /** A fresh 4-byte certificate serial for a hierarchy (gap-free per sandbox and kind). */
  async nextSerial(kind: CertificateKind): Promise<bigint> {
    return USER_SERIAL_BASE + (await this.store.nextSequence(this.sandboxId, `cert-serial-${kind}`));
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

  /** Revocation records of the certificates one generation signed. */
  private async revokedEntries(gen: CaGeneration): Promise<RevokedCertificate[]> {
    const out: RevokedCertificate[] = [];
    for (const status of ['revoked', 'hold'] as const) {
      for (const c of await this.store.listCertificates(this.sandboxId, { kind: gen.kind, status })) {
        if (parseCertificate(c.der).authorityKeyIdentifier !== gen.keyIdHex) continue;
        out.push({
          serial: serialFromHex(c.serialHex),
          revokedAt: new Date(c.revokedAt ?? c.issuedAt),
          reason: c.reason ?? 'unspecified',
        });
      }
    }
    return out;
  }

  /** The generation numbered `generation` (default: the current one). Throws NOT_FOUND. */
  async generation(kind: CertificateKind, generation?: number): Promise<CaGeneration> {
    if (generation === undefined) return this.currentGeneration(kind);
    const g = (await this.generations(kind)).find((x) => x.generation === generation);
    if (!g) throw new MynaError('NOT_FOUND', { kind, generation });
    return g;
  }

  /**
   * A fresh CRL (DER) of one hierarchy and generation (default: the current one), signed by that
   * generation and listing only the certificates it signed; valid for 24 hours. CRL numbers count
   * per generation.
   */
  async crl(kind: CertificateKind, generation?: number): Promise<Uint8Array> {
    const gen = await this.generation(kind, generation);
    const now = this.clock.now();
    return createCrl({
      ca: gen.credentials,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 24 * 3600_000),
      crlNumber: await this.store.nextSequence(this.sandboxId, crlSequence(kind, gen.generation)),
      revoked: await this.revokedEntries(gen),
    });
  }

  /**
   * Answers an OCSP request (RFC 6960) for either hierarchy and any generation, signed by the
   * generation the CertIDs name: good, revoked (with its reason) or on hold (revoked +
   * certificateHold); `unknown` for serials that generation never signed; `unauthorized` for
   * another CA's certificates; `malformedRequest` for bytes that are not one.
   */
  async ocsp(requestDer: Uint8Array): Promise<Uint8Array> {
    let req: ReturnType<typeof parseOcspRequest>;
    try {
      req = parseOcspRequest(requestDer);
    } catch {
      return createOcspErrorResponse('malformedRequest');
    }
    if (req.certIds.length === 0) return createOcspErrorResponse('malformedRequest');
    let gen: CaGeneration | undefined;
    for (const k of ['auth', 'sign'] as const) {
      for (const g of await this.generations(k)) {
        if (req.certIds.every((id) => ocspCertIdMatchesIssuer(id, g.credentials.certDer))) gen = g;
      }
    }
    if (!gen) return createOcspErrorResponse('unauthorized');
    const now = this.clock.now();
    const responses = [];
    for (const certId of req.certIds) {
      const rec = await this.store.getCertificate(this.sandboxId, gen.kind, certId.serialHex);
      let status: CertificateStatus;
      if (!rec || parseCertificate(rec.der).authorityKeyIdentifier !== gen.keyIdHex)
        status = { kind: 'unknown' };
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
      responder: gen.credentials,
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
