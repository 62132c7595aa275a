/// <reference path="./oidc-provider.d.ts" />
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import { storeAdapter } from './adapter.js';
import type { ProviderSecrets } from './keys.js';
import type { DauthStore } from './ports.js';

/** Scopes of the reference (spec: dauth.md §2.2). */
export const DAUTH_SCOPES = ['openid', 'name', 'address', 'birthdate', 'gender', 'sign'] as const;
export const BASIC_FOUR_SCOPES = ['name', 'address', 'birthdate', 'gender'] as const;
export type BasicFourScope = (typeof BASIC_FOUR_SCOPES)[number];

/** Lifetimes in seconds (the reference does not publish them: docs/dauth.md, Choices). */
export interface DauthTtl {
  readonly authorizationCode: number;
  readonly accessToken: number;
  readonly refreshToken: number;
  readonly clientCredentials: number;
  readonly interaction: number;
}

export const DEFAULT_TTL: DauthTtl = {
  authorizationCode: 60,
  accessToken: 300,
  refreshToken: 86_400,
  clientCredentials: 300,
  interaction: 900,
};

/** The reference's path layout under the issuer (Keycloak style, spec: dauth.md §1.2). */
export const ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  userinfo: '/protocol/openid-connect/userinfo',
  jwks: '/protocol/openid-connect/certs',
  end_session: '/protocol/openid-connect/logout',
  revocation: '/protocol/openid-connect/revoke',
  introspection: '/protocol/openid-connect/token/introspect',
} as const;

const VSCHAR = /^[\x20-\x7E]{1,255}$/;
const CODE_CHALLENGE = /^[0-9a-zA-Z_-]{1,128}$/;

/** A sign transaction as stored (model `SignTransaction`). */
export interface SignTransactionRecord {
  readonly id: string;
  readonly clientId: string;
  readonly digestType: 'sha256' | 'digestinfo';
  readonly digestBase64: string;
  readonly title?: string;
  readonly status: 'created' | 'authorizing' | 'signed' | 'failed';
  readonly createdAt: string;
  readonly expiresAtMs: number;
  readonly grantId?: string;
  readonly signatureBase64?: string;
  readonly certificateBase64?: string;
}

export interface DauthProviderOptions {
  readonly sandboxId: string;
  readonly issuer: string;
  readonly store: DauthStore;
  readonly secrets: ProviderSecrets;
  readonly ttl?: DauthTtl;
  /** Where the browser is sent for the holder's part (the hand-off page), by interaction uid. */
  readonly interactionPath: (uid: string) => string;
  readonly renderError: (status: number, error: string, description: string) => string;
}

// biome-ignore lint/suspicious/noExplicitAny: oidc-provider is untyped
type Ctx = any;

/**
 * The デジタル認証アプリ provider of one sandbox, configured on oidc-provider to the reference's
 * rules (spec: dauth.md §2–§4, §8): `response_type=code` only; scopes `openid` + the 基本4情報 +
 * `sign`; `state`, `nonce` and PKCE S256 required, with the reference's patterns;
 * `sign_transaction_id` checked against the client's own unused transaction; `acr_values`
 * `aal3 crl`; `private_key_jwt` only, the assertion's `aud` the token URL and its `jti` unique;
 * ID tokens ES256; refresh tokens; a fresh card presentation for every authorization.
 */
// biome-ignore lint/suspicious/noExplicitAny: oidc-provider is untyped
export function createProvider(o: DauthProviderOptions): any {
  const ttl = o.ttl ?? DEFAULT_TTL;
  const { store, sandboxId } = o;
  const policy = interactionPolicy.base();
  // The app reads the card for every authorization: an earlier login in this browser is no login.
  policy
    .get('login')
    .checks.add(
      new interactionPolicy.Check('card_required', 'the holder presents the card in the app', (ctx: Ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const required = (name: string, pattern: RegExp) => async (_ctx: Ctx, value: unknown) => {
    if (value === undefined || value === '')
      throw new errors.InvalidRequest(`missing required parameter '${name}'`);
    if (typeof value !== 'string' || !pattern.test(value))
      throw new errors.InvalidRequest(`invalid ${name} parameter`);
  };

  const provider = new Provider(o.issuer, {
    adapter: storeAdapter(store, sandboxId),
    clients: [],
    jwks: o.secrets.jwks,
    cookies: {
      keys: o.secrets.cookieKeys,
      names: { session: 'dauth_session', interaction: 'dauth_interaction', resume: 'dauth_resume' },
    },
    routes: ROUTES,
    responseTypes: ['code'],
    scopes: [...DAUTH_SCOPES],
    claims: {
      openid: ['sub'],
      name: ['name'],
      address: ['address'],
      birthdate: ['birthdate'],
      gender: ['gender'],
    },
    acrValues: ['aal3', 'crl'],
    pkce: { required: () => true },
    clientAuthMethods: ['private_key_jwt'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'ES256',
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      revocation: { enabled: false },
      introspection: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    extraParams: {
      async scope(_ctx: Ctx, value: unknown) {
        if (
          !String(value ?? '')
            .split(' ')
            .includes('openid')
        )
          throw new errors.InvalidScope("the 'openid' scope is required", 'openid');
      },
      state: required('state', VSCHAR),
      nonce: required('nonce', VSCHAR),
      code_challenge: required('code_challenge', CODE_CHALLENGE),
      async sign_transaction_id(ctx: Ctx, value: unknown, client: { clientId: string }) {
        const scopes = String(ctx.oidc.params.scope ?? '').split(' ');
        const sign = scopes.includes('sign');
        if (!sign && value === undefined) return;
        if (!sign) throw new errors.InvalidRequest("sign_transaction_id needs the 'sign' scope");
        if (typeof value !== 'string' || !value)
          throw new errors.InvalidRequest("the 'sign' scope needs sign_transaction_id");
        const tx = (await store.findModel(sandboxId, 'SignTransaction', value))?.payload as
          | SignTransactionRecord
          | undefined;
        if (!tx || tx.clientId !== client.clientId)
          throw new errors.InvalidRequest('unknown sign_transaction_id');
        if (tx.status === 'signed' || tx.status === 'failed')
          throw new errors.InvalidRequest('sign_transaction_id was already used');
      },
    },
    interactions: {
      policy,
      url: (_ctx: Ctx, interaction: { uid: string }) => o.interactionPath(interaction.uid),
    },
    async findAccount(ctx: Ctx, sub: string, token?: { grantId?: string }) {
      return {
        accountId: sub,
        async claims() {
          const grantId =
            token?.grantId ??
            ctx?.oidc?.entities?.Grant?.jti ??
            ctx?.oidc?.entities?.AuthorizationCode?.grantId ??
            ctx?.oidc?.entities?.RefreshToken?.grantId;
          const stored = grantId ? await store.findModel(sandboxId, 'HolderClaims', grantId) : undefined;
          return { ...((stored?.payload.claims as Record<string, unknown>) ?? {}), sub };
        },
      };
    },
    async issueRefreshToken(_ctx: Ctx, client: { grantTypeAllowed(t: string): boolean }) {
      return client.grantTypeAllowed('refresh_token');
    },
    rotateRefreshToken: true,
    // Tokens outlive the browser session: the holder presents the card for every authorization,
    // so the provider's session is only the interaction's carrier (docs/dauth.md, Choices).
    async expiresWithSession() {
      return false;
    },
    async assertJwtClientAuthClaimsAndHeader(
      ctx: Ctx,
      claims: { aud?: unknown; jti?: unknown; exp?: unknown },
    ) {
      const tokenUrl = ctx.oidc.urlFor('token');
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (aud.length !== 1 || aud[0] !== tokenUrl)
        throw new errors.InvalidClientAuth('audience (aud) must be the token endpoint URL');
      if (typeof claims.jti !== 'string' || !claims.jti)
        throw new errors.InvalidClientAuth('jti is required');
      if (typeof claims.exp !== 'number') throw new errors.InvalidClientAuth('exp is required');
    },
    async renderError(ctx: Ctx, out: { error: string; error_description?: string }) {
      ctx.type = 'html';
      ctx.body = o.renderError(ctx.status ?? 400, out.error, out.error_description ?? '');
    },
    ttl: {
      AuthorizationCode: ttl.authorizationCode,
      AccessToken: ttl.accessToken,
      ClientCredentials: ttl.clientCredentials,
      IdToken: ttl.accessToken,
      RefreshToken: ttl.refreshToken,
      Interaction: ttl.interaction,
      Session: ttl.interaction,
      Grant: ttl.refreshToken,
    },
    conformIdTokenClaims: true,
  });
  provider.proxy = true;
  return provider;
}
