import { randomBytes, randomUUID } from 'node:crypto';
import type { MynaCardClient } from '@myna/client';
import { MynaError } from '@myna/errors';
import { inProcessOcspChecker, jstDate, type Sandbox, withCard } from '@myna/services';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import {
  type AppDeps,
  type AppTask,
  type Consent,
  type HolderPin,
  type PinView,
  pairwiseSubject,
  REASON_TEXT,
  type Reason,
  readPins,
  runApp,
  type Text,
} from './holder.js';
import { generateProviderSecrets, type ProviderSecrets } from './keys.js';
import { errorPage } from './pages.js';
import type { DauthStore } from './ports.js';
import {
  BASIC_FOUR_SCOPES,
  type BasicFourScope,
  createProvider,
  type DauthTtl,
  DEFAULT_TTL,
  type SignTransactionRecord,
} from './provider.js';

/** The terminal label of the app (the card's timeline shows it). */
export const APP_TERMINAL = 'app:digital-auth';

/** The error the relying party receives for each reason (docs/dauth.md, "Errors"). */
export const RP_ERROR: Record<Reason, { error: string; description: string }> = {
  cancelled: { error: 'access_denied', description: 'user_cancelled' },
  'pin-locked': { error: 'access_denied', description: 'pin_locked' },
  'pin-not-set': { error: 'access_denied', description: 'pin_not_set' },
  'no-signature-certificate': { error: 'access_denied', description: 'no_signature_certificate' },
  'certificate-expired': { error: 'access_denied', description: 'certificate_expired' },
  'certificate-revoked': { error: 'access_denied', description: 'certificate_revoked' },
  'certificate-suspended': { error: 'access_denied', description: 'certificate_suspended' },
  'certificate-invalid': { error: 'access_denied', description: 'certificate_invalid' },
  'card-expired': { error: 'access_denied', description: 'card_expired' },
  timeout: { error: 'access_denied', description: 'timeout' },
};

export type Outcome =
  | { readonly result: 'success' }
  | {
      readonly result: 'error';
      readonly error: string;
      readonly errorDescription: string;
      readonly reason: Reason;
      readonly pin?: HolderPin;
      readonly message: Text;
      readonly supportGuide?: string;
    };

export interface AuthorizationView {
  readonly uid: string;
  readonly state: 'pending' | 'finished' | 'expired';
  readonly purpose: 'login' | 'sign';
  readonly client: { readonly clientId: string; readonly name: string };
  readonly scopes: string[];
  readonly basicFour: BasicFourScope[];
  readonly acrValues: string[];
  readonly signTransaction?: {
    readonly id: string;
    readonly digestType: 'sha256' | 'digestinfo';
    readonly digestBase64: string;
    readonly title?: string;
  };
  readonly expiresAt: string;
  readonly card?: { readonly cardId: string; readonly pins: Partial<Record<HolderPin, PinView>> };
  readonly continueUrl: string;
  readonly outcome?: Outcome;
}

export interface HolderAnswer {
  readonly authorization: AuthorizationView;
  readonly step: 'needs-input' | 'confirm-last-try' | 'pin-wrong' | 'finished';
  readonly field?: 'authPin' | 'kenhojoPin' | 'signPassword';
  readonly pin?: HolderPin;
  readonly triesLeft?: number;
  readonly message: Text;
  readonly outcome?: Outcome;
}

interface HolderState {
  cardId?: string;
  pins?: Partial<Record<HolderPin, PinView>>;
  /** Sandbox-clock ms when the app first saw the request (the holder's time limit runs from it). */
  startedAtMs: number;
  outcome?: Outcome;
}

interface InteractionLike {
  jti: string;
  exp: number;
  returnTo: string;
  params: Record<string, string | undefined>;
  result?: unknown;
  save(ttl: number): Promise<unknown>;
}

export interface DigitalAuthOptions {
  readonly sandbox: Sandbox;
  readonly store: DauthStore;
  /** `<base>/s/<sandbox>/api/realms/main`. */
  readonly issuer: string;
  /** The console's URL (`<base>/`): the app page is `<console>#/dauth/<uid>`. */
  readonly consoleUrl: string;
  readonly ttl?: DauthTtl;
  /** The holder's time limit on the sandbox clock; default 5 minutes. */
  readonly holderTimeoutMs?: number;
}

export interface ClientRegistration {
  readonly clientId?: string;
  readonly name?: string;
  readonly redirectUris: string[];
  readonly jwks: { keys: JWK[] };
}

const CLIENT_ID = /^[0-9a-zA-Z]{1,255}$/;
const now = () => Math.floor(Date.now() / 1000);
const DIGEST_INFO_SHA256 = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** OAuth-style error of the relying party's sign-transaction API. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * The デジタル認証アプリ of one sandbox: the provider (oidc-provider, mounted by the server), the
 * app's side (the holder API over the pending authorizations, docs/dauth.md "Holder API"),
 * the sign transactions, and the registered clients.
 */
export class DigitalAuth {
  // biome-ignore lint/suspicious/noExplicitAny: oidc-provider is untyped
  readonly provider: any;
  private readonly deps: AppDeps;
  private readonly timeoutMs: number;

  private constructor(
    private readonly o: DigitalAuthOptions,
    private readonly secrets: ProviderSecrets,
  ) {
    const issuerPath = new URL(o.issuer).pathname;
    this.provider = createProvider({
      sandboxId: o.sandbox.id,
      issuer: o.issuer,
      store: o.store,
      secrets,
      ttl: o.ttl ?? DEFAULT_TTL,
      interactionPath: (uid) => `${issuerPath}/interaction/${uid}`,
      renderError: errorPage,
    });
    const sb = o.sandbox;
    this.deps = {
      clock: sb.clock,
      random: sb.random,
      ocsp: inProcessOcspChecker(sb.authority, sb.random, sb.clock),
      trustAnchor: async (kind) => (await sb.authority.generations(kind)).map((g) => g.credentials.certDer),
    };
    this.timeoutMs = o.holderTimeoutMs ?? 5 * 60_000;
  }

  static async create(o: DigitalAuthOptions): Promise<DigitalAuth> {
    const secrets = JSON.parse(
      await o.store.secrets(o.sandbox.id, generateProviderSecrets),
    ) as ProviderSecrets;
    return new DigitalAuth(o, secrets);
  }

  get issuer(): string {
    return this.o.issuer;
  }

  private get sid(): string {
    return this.o.sandbox.id;
  }

  /** The Node request handler of the provider (mounted under the issuer's path). */
  callback(): (req: unknown, res: unknown) => void {
    return this.provider.callback();
  }

  // ───────────────────────── clients ─────────────────────────

  async addClient(reg: ClientRegistration): Promise<{ clientId: string; metadata: Record<string, unknown> }> {
    const clientId = reg.clientId ?? `RP${randomBytes(8).toString('hex').toUpperCase()}`;
    const invalid = (rule: string) => new MynaError('DAUTH_CLIENT_INVALID', { rule });
    if (!CLIENT_ID.test(clientId)) throw invalid('client_id is 1–255 letters and digits');
    if (reg.redirectUris.length === 0) throw invalid('at least one redirect_uri');
    for (const u of reg.redirectUris) {
      if (u.length > 255) throw invalid('a redirect_uri has at most 255 characters');
      try {
        new URL(u);
      } catch {
        throw invalid('a redirect_uri is an absolute URL');
      }
    }
    const keys = reg.jwks?.keys;
    if (!Array.isArray(keys) || keys.length === 0) throw invalid('jwks has at least one key');
    for (const k of keys) {
      if (k.d !== undefined || k.p !== undefined || k.k !== undefined)
        throw invalid('jwks holds public keys only');
      if (k.kty !== 'RSA' && k.kty !== 'EC') throw invalid('keys are RSA or EC');
      try {
        await importJWK({ ...k, alg: k.alg ?? (k.kty === 'RSA' ? 'RS256' : 'ES256') });
      } catch {
        throw invalid('every key is a valid JWK');
      }
    }
    if (!keys.some((k) => k.use === undefined || k.use === 'sig')) throw invalid('jwks has a signing key');
    const metadata: Record<string, unknown> = {
      client_id: clientId,
      client_name: reg.name ?? clientId,
      redirect_uris: reg.redirectUris,
      jwks: { keys: keys.filter((k) => k.use === undefined || k.use === 'sig') },
      // The encryption key (use: enc) the sign-transaction result is encrypted to.
      ...(keys.some((k) => k.use === 'enc')
        ? { 'urn:myna:enc_jwks': { keys: keys.filter((k) => k.use === 'enc') } }
        : {}),
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    };
    const { 'urn:myna:enc_jwks': enc, ...forProvider } = metadata;
    try {
      await this.provider.Client.validate(forProvider);
    } catch (e) {
      throw invalid((e as { error_description?: string }).error_description ?? 'client metadata');
    }
    const stored = { ...forProvider, ...(enc ? { enc_jwks: enc } : {}) };
    if (!(await this.o.store.addClient(this.sid, clientId, stored, new Date().toISOString())))
      throw new MynaError('DAUTH_CLIENT_EXISTS', { clientId });
    return { clientId, metadata: stored };
  }

  // ───────────────────────── holder API ─────────────────────────

  private async interaction(uid: string): Promise<InteractionLike | undefined> {
    return (await this.provider.Interaction.find(uid)) as InteractionLike | undefined;
  }

  private async state(uid: string): Promise<HolderState> {
    const row = await this.o.store.findModel(this.sid, 'HolderState', uid);
    if (row) return row.payload as unknown as HolderState;
    const s: HolderState = { startedAtMs: this.o.sandbox.clock.now().getTime() };
    await this.saveState(uid, s);
    return s;
  }

  private async saveState(uid: string, s: HolderState): Promise<void> {
    const i = await this.interaction(uid);
    const exp = i ? i.exp * 1000 : Date.now() + 60_000;
    await this.o.store.upsertModel(
      this.sid,
      'HolderState',
      uid,
      s as unknown as Record<string, unknown>,
      exp,
    );
  }

  private task(i: InteractionLike, tx?: SignTransactionRecord): AppTask {
    const scopes = (i.params.scope ?? '').split(' ');
    const basicFour = BASIC_FOUR_SCOPES.filter((s) => scopes.includes(s));
    return scopes.includes('sign') && tx
      ? {
          purpose: 'sign',
          basicFour: [],
          sign: { digestType: tx.digestType, digest: Buffer.from(tx.digestBase64, 'base64') },
        }
      : { purpose: 'login', basicFour };
  }

  private async signTx(id: string | undefined): Promise<SignTransactionRecord | undefined> {
    if (!id) return undefined;
    return (await this.o.store.findModel(this.sid, 'SignTransaction', id))?.payload as
      | SignTransactionRecord
      | undefined;
  }

  private continueUrl(uid: string): string {
    return `${this.o.issuer}/interaction/${uid}/continue`;
  }

  /** The app's link: the console page of this pending authorization. */
  appUrl(uid: string): string {
    return `${this.o.consoleUrl}#/dauth/${uid}`;
  }

  private async view(uid: string, i: InteractionLike, s: HolderState): Promise<AuthorizationView> {
    const scopes = (i.params.scope ?? '').split(' ').filter(Boolean);
    const tx = await this.signTx(i.params.sign_transaction_id);
    const client = await this.o.store.client(this.sid, i.params.client_id ?? '');
    return {
      uid,
      state: s.outcome ? 'finished' : 'pending',
      purpose: scopes.includes('sign') ? 'sign' : 'login',
      client: {
        clientId: i.params.client_id ?? '',
        name: String(client?.metadata.client_name ?? i.params.client_id),
      },
      scopes,
      basicFour: BASIC_FOUR_SCOPES.filter((x) => scopes.includes(x)),
      acrValues: (i.params.acr_values ?? '').split(' ').filter(Boolean),
      ...(tx
        ? {
            signTransaction: {
              id: tx.id,
              digestType: tx.digestType,
              digestBase64: tx.digestBase64,
              ...(tx.title ? { title: tx.title } : {}),
            },
          }
        : {}),
      expiresAt: new Date(s.startedAtMs + this.timeoutMs).toISOString(),
      ...(s.cardId ? { card: { cardId: s.cardId, pins: s.pins ?? {} } } : {}),
      continueUrl: this.continueUrl(uid),
      ...(s.outcome ? { outcome: s.outcome } : {}),
    };
  }

  /** The pending authorization, its time limit applied. */
  private async load(uid: string): Promise<{ i: InteractionLike; s: HolderState }> {
    const i = await this.interaction(uid);
    if (!i) throw new MynaError('DAUTH_AUTHORIZATION_NOT_FOUND', { uid });
    let s = await this.state(uid);
    if (!s.outcome && this.o.sandbox.clock.now().getTime() > s.startedAtMs + this.timeoutMs) {
      s = await this.finish(uid, i, s, { reason: 'timeout' });
    }
    return { i, s };
  }

  async authorization(uid: string): Promise<AuthorizationView> {
    const { i, s } = await this.load(uid);
    return this.view(uid, i, s);
  }

  async authorizations(): Promise<AuthorizationView[]> {
    const rows = await this.o.store.listModels(this.sid, 'Interaction');
    const out: AuthorizationView[] = [];
    for (const r of rows) {
      const uid = String(r.payload.jti ?? '');
      if (!uid || r.payload.result) continue;
      try {
        out.push(await this.authorization(uid));
      } catch {
        // gone meanwhile
      }
    }
    return out;
  }

  /** Status for the hand-off page's polling (public: names only the state). */
  async status(uid: string): Promise<'pending' | 'finished' | 'expired'> {
    try {
      return (await this.authorization(uid)).state;
    } catch {
      return 'expired';
    }
  }

  private pending(s: HolderState): void {
    if (s.outcome) throw new MynaError('DAUTH_AUTHORIZATION_FINISHED', {});
  }

  /**
   * The app reads the physical card only: a smartphone certificate (スマホ用電子証明書) is refused,
   * as the real デジタル認証アプリ did at launch (spec: dauth.md; docs/phone.md — a sandbox choice
   * until its later support is documented).
   */
  private async physicalCard(cardId: string) {
    const sb = this.o.sandbox;
    if (await sb.phones.getPhone(sb.id, cardId))
      throw new MynaError('PHONE_PRECONDITION', { reason: 'dauth-card-only' });
    return sb.municipality.card(cardId);
  }

  /** "Hold the card to the phone": status queries only. */
  async chooseCard(uid: string, cardId: string): Promise<AuthorizationView> {
    const { i, s } = await this.load(uid);
    this.pending(s);
    const sb = this.o.sandbox;
    await this.physicalCard(cardId);
    const tx = await this.signTx(i.params.sign_transaction_id);
    const pins = await withCard(sb.connector, cardId, APP_TERMINAL, (c: MynaCardClient) =>
      readPins(c, this.task(i, tx)),
    );
    const next: HolderState = { ...s, cardId, pins };
    await this.saveState(uid, next);
    return this.view(uid, i, next);
  }

  async cancel(uid: string): Promise<HolderAnswer> {
    const { i, s } = await this.load(uid);
    this.pending(s);
    const done = await this.finish(uid, i, s, { reason: 'cancelled' });
    return this.answerFinished(uid, i, done);
  }

  async consent(uid: string, consent: Consent): Promise<HolderAnswer> {
    const { i, s } = await this.load(uid);
    if (s.outcome) return this.answerFinished(uid, i, s);
    const cardId = consent.cardId ?? s.cardId;
    if (!cardId) throw new MynaError('INVALID_ARGUMENT', { field: 'cardId', rule: 'choose a card first' });
    const sb = this.o.sandbox;
    const card = await this.physicalCard(cardId);
    const tx = await this.signTx(i.params.sign_transaction_id);
    const task = this.task(i, tx);
    // The card's own validity (its face and the authority's record), on the sandbox clock.
    if (card.expiresOn < jstDate(sb.clock.now())) {
      const done = await this.finish(uid, i, { ...s, cardId }, { reason: 'card-expired' });
      return this.answerFinished(uid, i, done);
    }
    const step = await withCard(sb.connector, cardId, APP_TERMINAL, async (c: MynaCardClient) => {
      const r = await runApp(c, task, consent, this.deps);
      return { r, pins: await readPins(c, task) };
    });
    const st: HolderState = { ...s, cardId, pins: step.pins };
    const r = step.r;
    if (r.kind === 'success') {
      const holderId = card.residentId;
      const sub = pairwiseSubject(this.secrets.pairwiseSalt, i.params.client_id ?? '', holderId);
      const done = await this.finish(uid, i, st, {
        sub,
        claims: r.claims,
        tx,
        signature: r.signature,
        cert: r.certificate,
      });
      return this.answerFinished(uid, i, done);
    }
    if (r.kind === 'failed') {
      const done = await this.finish(uid, i, st, { reason: r.reason, ...(r.pin ? { pin: r.pin } : {}) });
      return this.answerFinished(uid, i, done);
    }
    await this.saveState(uid, st);
    return {
      authorization: await this.view(uid, i, st),
      step: r.kind,
      ...(r.kind === 'needs-input' ? { field: r.field } : {}),
      ...(r.kind !== 'needs-input' ? { pin: r.pin } : {}),
      ...(r.kind === 'pin-wrong' ? { triesLeft: r.triesLeft } : {}),
      ...(r.kind === 'confirm-last-try' ? { triesLeft: 1 } : {}),
      message: r.message,
    };
  }

  private async answerFinished(uid: string, i: InteractionLike, s: HolderState): Promise<HolderAnswer> {
    const o = s.outcome!;
    return {
      authorization: await this.view(uid, i, s),
      step: 'finished',
      message:
        o.result === 'success'
          ? { ja: '完了しました。元の画面に戻ります。', en: 'Done. Returning to the service.' }
          : o.message,
      outcome: o,
    };
  }

  /** Records the holder's result on the interaction (oidc-provider resumes with it). */
  private async finish(
    uid: string,
    i: InteractionLike,
    s: HolderState,
    r:
      | { reason: Reason; pin?: HolderPin }
      | {
          sub: string;
          claims: Record<string, string>;
          tx: SignTransactionRecord | undefined;
          signature: Uint8Array | undefined;
          cert: Uint8Array;
        },
  ): Promise<HolderState> {
    let outcome: Outcome;
    const tx = await this.signTx(i.params.sign_transaction_id);
    if ('reason' in r) {
      const e = RP_ERROR[r.reason];
      outcome = {
        result: 'error',
        error: e.error,
        errorDescription: e.description,
        reason: r.reason,
        ...(r.pin ? { pin: r.pin } : {}),
        message: REASON_TEXT[r.reason],
        ...(s.cardId && r.reason !== 'cancelled' && r.reason !== 'timeout'
          ? { supportGuide: `${this.o.consoleUrl}#/support/${s.cardId}` }
          : {}),
      };
      i.result = { error: e.error, error_description: e.description };
      if (tx) await this.saveTx({ ...tx, status: 'failed' });
    } else {
      const grant = new this.provider.Grant({ accountId: r.sub, clientId: i.params.client_id });
      grant.addOIDCScope(i.params.scope);
      const grantId: string = await grant.save();
      const ttl = (this.o.ttl ?? DEFAULT_TTL).refreshToken;
      await this.o.store.upsertModel(
        this.sid,
        'HolderClaims',
        grantId,
        { claims: r.claims },
        Date.now() + ttl * 1000,
        {
          grantId,
        },
      );
      if (tx && r.signature)
        await this.saveTx({
          ...tx,
          status: 'signed',
          grantId,
          signatureBase64: Buffer.from(r.signature).toString('base64'),
          certificateBase64: Buffer.from(r.cert).toString('base64'),
        });
      i.result = {
        login: { accountId: r.sub, acr: 'aal3', amr: ['hwk', 'pin'], remember: false },
        consent: { grantId },
      };
      outcome = { result: 'success' };
    }
    await i.save(Math.max(1, i.exp - now()));
    const next: HolderState = { ...s, outcome };
    await this.saveState(uid, next);
    return next;
  }

  /** Where the starting browser goes: oidc-provider's resume once finished, else the hand-off page. */
  async resumeUrl(uid: string): Promise<string | undefined> {
    const i = await this.interaction(uid);
    if (!i) return undefined;
    const { s } = await this.load(uid);
    return s.outcome ? i.returnTo : `${this.o.issuer}/interaction/${uid}`;
  }

  // ───────────────────────── sign transactions ─────────────────────────

  private async saveTx(tx: SignTransactionRecord): Promise<void> {
    await this.o.store.upsertModel(
      this.sid,
      'SignTransaction',
      tx.id,
      tx as unknown as Record<string, unknown>,
      tx.expiresAtMs,
      {
        ...(tx.grantId ? { grantId: tx.grantId } : {}),
      },
    );
  }

  /** `POST /api/sign-transactions` with a client-credentials token (spec: dauth.md §5.1–§5.2). */
  async createSignTransaction(
    bearer: string | undefined,
    body: { digest?: unknown; digest_type?: unknown; title?: unknown },
  ): Promise<{ sign_transaction_id: string; expires_at: string }> {
    const token = bearer ? await this.provider.ClientCredentials.find(bearer) : undefined;
    if (!token) throw new OAuthError(401, 'invalid_token', 'a client-credentials access token is required');
    const client = await this.o.store.client(this.sid, token.clientId);
    if (!client) throw new OAuthError(401, 'invalid_token', 'the client is no longer registered');
    if (!client.metadata.enc_jwks)
      throw new OAuthError(
        400,
        'invalid_client',
        'register an encryption key (use: enc) to receive sign results',
      );
    const type = body.digest_type ?? 'sha256';
    if (type !== 'sha256' && type !== 'digestinfo')
      throw new OAuthError(400, 'invalid_request', "digest_type is 'sha256' or 'digestinfo'");
    if (typeof body.digest !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body.digest))
      throw new OAuthError(400, 'invalid_request', 'digest is standard base64');
    const d = Buffer.from(body.digest, 'base64');
    if (type === 'sha256' && d.length !== 32)
      throw new OAuthError(400, 'invalid_request', 'a sha256 digest has 32 bytes');
    if (type === 'digestinfo' && (d.length !== 51 || !d.subarray(0, 19).equals(DIGEST_INFO_SHA256)))
      throw new OAuthError(400, 'invalid_request', 'digestinfo is the DER DigestInfo of a SHA-256 hash');
    if (body.title !== undefined && (typeof body.title !== 'string' || body.title.length > 200))
      throw new OAuthError(400, 'invalid_request', 'title is a string of at most 200 characters');
    const ttl = (this.o.ttl ?? DEFAULT_TTL).interaction;
    const tx: SignTransactionRecord = {
      id: randomUUID(),
      clientId: token.clientId,
      digestType: type,
      digestBase64: d.toString('base64'),
      ...(typeof body.title === 'string' ? { title: body.title } : {}),
      status: 'created',
      createdAt: new Date().toISOString(),
      expiresAtMs: Date.now() + ttl * 1000,
    };
    await this.saveTx(tx);
    return { sign_transaction_id: tx.id, expires_at: new Date(tx.expiresAtMs).toISOString() };
  }

  /** `GET /api/sign-transactions/{id}/result` with the holder's access token: a compact JWE. */
  async signResult(bearer: string | undefined, id: string): Promise<Record<string, unknown>> {
    const token = bearer ? await this.provider.AccessToken.find(bearer) : undefined;
    if (!token)
      throw new OAuthError(401, 'invalid_token', 'the access token of the signing authorization is required');
    const tx = await this.signTx(id);
    if (!tx || tx.clientId !== token.clientId)
      throw new OAuthError(404, 'not_found', 'unknown sign transaction');
    if (
      tx.status !== 'signed' ||
      tx.grantId !== token.grantId ||
      !String(token.scope ?? '')
        .split(' ')
        .includes('sign')
    )
      throw new OAuthError(403, 'insufficient_scope', 'this token did not authorize this sign transaction');
    const client = await this.o.store.client(this.sid, tx.clientId);
    const enc = (client?.metadata.enc_jwks as { keys: JWK[] } | undefined)?.keys[0];
    if (!enc) throw new OAuthError(400, 'invalid_client', 'the client has no encryption key');
    const alg = enc.kty === 'RSA' ? 'RSA-OAEP-256' : 'ECDH-ES';
    const key = await importJWK({ ...enc, alg }, alg);
    const payload = {
      sign_transaction_id: tx.id,
      digest_type: tx.digestType,
      digest: tx.digestBase64,
      signature: tx.signatureBase64,
      certificate: tx.certificateBase64,
      signature_algorithm:
        tx.digestType === 'digestinfo'
          ? 'RSASSA-PKCS1-v1_5'
          : 'RSASSA-PKCS1-v1_5 (raw digest, no DigestInfo)',
    };
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg, enc: 'A256GCM', cty: 'json', ...(enc.kid ? { kid: enc.kid } : {}) })
      .encrypt(key);
    return { sign_transaction_id: tx.id, status: 'signed', result: jwe };
  }
}
