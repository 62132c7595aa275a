import type { IncomingMessage } from 'node:http';
import { type FastifyPluginAsyncTypebox, type Static, Type } from '@fastify/type-provider-typebox';
import type { AuthorizationView, DigitalAuth, HolderAnswer as HolderAnswerType } from '@myna/dauth';
import { MynaError } from '@myna/errors';
import { SqlDauthStore } from '@myna/store';
import type { FastifyReply } from 'fastify';
import type { SandboxRuntime } from '../runtime.js';
import { errorResponses, PinStatusBody, sameType } from '../schemas.js';

const SANDBOX = /^[A-Za-z0-9_-]{1,100}$/;
const REALM = '/api/realms/main';
const Uid = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
const ClientIdParams = Type.Object({ clientId: Type.String({ pattern: '^[0-9a-zA-Z]{1,255}$' }) });
const Pin4 = Type.String({ pattern: '^[0-9]{4}$' });
const PinName = Type.Union([Type.Literal('auth'), Type.Literal('kenhojo'), Type.Literal('sign')]);
const Jwk = Type.Object(
  { kty: Type.String({ maxLength: 10 }), use: Type.Optional(Type.String({ maxLength: 10 })) },
  { additionalProperties: true },
);
const Holder = { tags: ['dauth holder'] };
const Clients = { tags: ['dauth clients'] };
const AnyObject = Type.Object({}, { additionalProperties: true });

// ── the holder API's answers (docs/dauth.md, "Holder API"), checked against @myna/dauth's types ──
const L = <const T extends string>(...xs: T[]) => Type.Unsafe<T>(Type.Union(xs.map((x) => Type.Literal(x))));
const DauthText = Type.Object({ ja: Type.String(), en: Type.String() });
const DauthReason = L(
  'cancelled',
  'pin-locked',
  'pin-not-set',
  'no-signature-certificate',
  'certificate-expired',
  'certificate-revoked',
  'certificate-suspended',
  'certificate-invalid',
  'card-expired',
  'timeout',
);
const DauthOutcome = Type.Union([
  Type.Object({ result: Type.Literal('success') }),
  Type.Object({
    result: Type.Literal('error'),
    error: Type.String(),
    errorDescription: Type.String(),
    reason: DauthReason,
    pin: Type.Optional(PinName),
    message: DauthText,
    supportGuide: Type.Optional(Type.String()),
  }),
]);
const DauthAuthorization = Type.Object({
  uid: Type.String(),
  state: L('pending', 'finished', 'expired'),
  purpose: L('login', 'sign'),
  client: Type.Object({ clientId: Type.String(), name: Type.String() }),
  scopes: Type.Array(Type.String()),
  basicFour: Type.Array(L('name', 'address', 'birthdate', 'gender')),
  acrValues: Type.Array(Type.String()),
  signTransaction: Type.Optional(
    Type.Object({
      id: Type.String(),
      digestType: L('sha256', 'digestinfo'),
      digestBase64: Type.String(),
      title: Type.Optional(Type.String()),
    }),
  ),
  expiresAt: Type.String(),
  card: Type.Optional(
    Type.Object({
      cardId: Type.String(),
      pins: Type.Object({
        auth: Type.Optional(PinStatusBody),
        kenhojo: Type.Optional(PinStatusBody),
        sign: Type.Optional(PinStatusBody),
      }),
    }),
  ),
  continueUrl: Type.String(),
  outcome: Type.Optional(DauthOutcome),
});
const DauthHolderAnswer = Type.Object({
  authorization: DauthAuthorization,
  step: L('needs-input', 'confirm-last-try', 'pin-wrong', 'finished'),
  field: Type.Optional(L('authPin', 'kenhojoPin', 'signPassword')),
  pin: Type.Optional(PinName),
  triesLeft: Type.Optional(Type.Integer()),
  message: DauthText,
  outcome: Type.Optional(DauthOutcome),
});
sameType<Static<typeof DauthAuthorization>, AuthorizationView>(true);
sameType<Static<typeof DauthHolderAnswer>, HolderAnswerType>(true);

/** The issuer of a sandbox's デジタル認証アプリ provider (docs/dauth.md, "URLs"). */
export const dauthIssuer = (publicUrl: string, sandboxId: string) => `${publicUrl}/s/${sandboxId}${REALM}`;

/**
 * The デジタル認証アプリ of each sandbox (docs/dauth.md): the OpenID Connect provider
 * (oidc-provider, a Koa app, handed the raw request under `/s/<sandbox>/api/realms/main`), the
 * hand-off page, the relying party's sign-transaction API, the holder API (`/api/dauth/…`, the
 * app's side) and client registration.
 */
export function dauthRoutes(runtime: SandboxRuntime, publicUrl: () => string): FastifyPluginAsyncTypebox {
  // Loaded on first use: oidc-provider warns at import on Node 20, and most runs never need it.
  let loaded: Promise<typeof import('@myna/dauth')> | undefined;
  const lib = () => {
    loaded ??= import('@myna/dauth');
    return loaded;
  };
  const instances = new Map<string, Promise<DigitalAuth>>();
  const store = new SqlDauthStore(runtime.db);
  const dauthFor = async (sandboxId: string): Promise<DigitalAuth> => {
    const sandbox = await runtime.get(sandboxId); // also brings the sandbox clock up to date
    let d = instances.get(sandboxId);
    if (!d) {
      const issuer = dauthIssuer(publicUrl(), sandboxId);
      const consoleUrl = `${publicUrl()}/`;
      d = lib().then((l) => l.DigitalAuth.create({ sandbox, store, issuer, consoleUrl }));
      instances.set(sandboxId, d);
      d.catch(() => instances.delete(sandboxId));
    }
    return d;
  };
  const publicSandbox = async (sandbox: string) =>
    SANDBOX.test(sandbox) && (await runtime.server.sandbox(sandbox)) ? dauthFor(sandbox) : undefined;
  const oauthError = async (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof (await lib()).OAuthError)) throw e;
    if (e.status === 401) reply.header('www-authenticate', `Bearer error="${e.error}"`);
    return reply.status(e.status).send({ error: e.error, error_description: e.description });
  };
  const bearer = (h: string | undefined) => (h?.startsWith('Bearer ') ? h.slice(7) : undefined);

  return async (app) => {
    // ── the provider: raw Node request to oidc-provider, Fastify's body parsing off ──
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
      scope.route({
        method: ['GET', 'POST'],
        url: `/s/:sandbox${REALM}/*`,
        config: { public: true },
        schema: { hide: true },
        handler: async (req, reply) => {
          const { sandbox } = req.params as { sandbox: string };
          const d = await publicSandbox(sandbox);
          if (!d)
            return reply
              .status(404)
              .type('text/html')
              .send((await lib()).errorPage(404, 'not_found', 'unknown sandbox'));
          const raw = req.raw as IncomingMessage & { originalUrl?: string };
          const url = raw.url ?? '/';
          const at = url.indexOf(REALM) + REALM.length;
          raw.originalUrl = url;
          raw.url = url.slice(at) || '/';
          reply.hijack();
          d.callback()(raw, reply.raw);
        },
      });
    });

    // ── hand-off page: mobile → the app; desktop → link + polling ──
    app.get(
      `/s/:sandbox${REALM}/interaction/:uid`,
      { config: { public: true }, schema: { hide: true } },
      async (req, reply) => {
        const { sandbox, uid } = req.params as { sandbox: string; uid: string };
        const d = await publicSandbox(sandbox);
        const a = d && (await d.authorization(uid).catch(() => undefined));
        if (!d || !a)
          return reply
            .status(404)
            .type('text/html')
            .send((await lib()).errorPage(404, 'not_found', 'authorization not found'));
        if (a.state !== 'pending') return reply.redirect(a.continueUrl, 303);
        // `/return`: the app runs in the browser that started the request, so it goes on to continueUrl itself.
        if ((await lib()).isMobile(req.headers['user-agent']))
          return reply.redirect(`${d.appUrl(uid)}/return`, 303);
        return reply
          .type('text/html')
          .header('x-frame-options', 'DENY')
          .header('content-security-policy', "frame-ancestors 'none'")
          .send(
            (await lib()).handoffPage({
              appUrl: d.appUrl(uid),
              statusUrl: `${d.issuer}/interaction/${uid}/status`,
              continueUrl: a.continueUrl,
              clientName: a.client.name,
            }),
          );
      },
    );
    app.get(
      `/s/:sandbox${REALM}/interaction/:uid/status`,
      { config: { public: true }, schema: { hide: true } },
      async (req, reply) => {
        const { sandbox, uid } = req.params as { sandbox: string; uid: string };
        const d = await publicSandbox(sandbox);
        return reply.header('cache-control', 'no-store').send({ state: d ? await d.status(uid) : 'expired' });
      },
    );
    app.get(
      `/s/:sandbox${REALM}/interaction/:uid/continue`,
      { config: { public: true }, schema: { hide: true } },
      async (req, reply) => {
        const { sandbox, uid } = req.params as { sandbox: string; uid: string };
        const d = await publicSandbox(sandbox);
        const to = d && (await d.resumeUrl(uid));
        if (!to)
          return reply
            .status(404)
            .type('text/html')
            .send((await lib()).errorPage(404, 'not_found', 'authorization not found'));
        return reply.redirect(to, 303);
      },
    );

    // ── the relying party's sign-transaction API (Bearer tokens of the provider) ──
    app.post(
      '/s/:sandbox/api/sign-transactions',
      {
        config: { public: true },
        schema: {
          tags: ['dauth relying party'],
          summary: 'Create a sign transaction / 署名トランザクション開始',
          description:
            'Bearer: a client-credentials access token. Body `{ digest: base64 (SHA-256, 32 bytes) or base64 DER DigestInfo, digest_type: "sha256" | "digestinfo", title? }`. Answers `{ sign_transaction_id, expires_at }`; errors are OAuth-style `{ error, error_description }`.',
          security: [],
          body: AnyObject,
        },
      },
      async (req, reply) => {
        const d = await publicSandbox((req.params as { sandbox: string }).sandbox);
        if (!d) return reply.status(404).send({ error: 'not_found', error_description: 'unknown sandbox' });
        try {
          return reply
            .status(201)
            .send(
              await d.createSignTransaction(
                bearer(req.headers.authorization),
                req.body as Record<string, unknown>,
              ),
            );
        } catch (e) {
          return await oauthError(reply, e);
        }
      },
    );
    app.get(
      '/s/:sandbox/api/sign-transactions/:id/result',
      {
        config: { public: true },
        schema: {
          tags: ['dauth relying party'],
          summary: 'Sign transaction result / 署名トランザクション結果取得',
          description:
            'Bearer: the access token of the code flow that authorized this transaction. Answers `{ sign_transaction_id, status: "signed", result: <compact JWE> }`, encrypted to the client’s registered `use: enc` key (RSA-OAEP-256 or ECDH-ES, A256GCM); the JWE holds `{ signature, certificate, digest, digest_type, … }` (docs/dauth.md).',
          security: [],
        },
      },
      async (req, reply) => {
        const { sandbox, id } = req.params as { sandbox: string; id: string };
        const d = await publicSandbox(sandbox);
        if (!d) return reply.status(404).send({ error: 'not_found', error_description: 'unknown sandbox' });
        try {
          return reply
            .header('cache-control', 'no-store')
            .send(await d.signResult(bearer(req.headers.authorization), id));
        } catch (e) {
          return await oauthError(reply, e);
        }
      },
    );

    // ── the sandbox's API: issuer, clients, holder ──
    app.get(
      '/api/dauth',
      {
        schema: {
          ...Clients,
          summary: 'The provider of this sandbox / このサンドボックスのデジタル認証アプリ',
          response: { 200: Type.Object({ issuer: Type.String() }), ...errorResponses },
        },
      },
      async (req) => ({ issuer: dauthIssuer(publicUrl(), req.sandboxId) }),
    );
    app.post(
      '/api/dauth/clients',
      {
        schema: {
          ...Clients,
          summary: 'Register a relying party / 利用者（RP）クライアントを登録',
          description:
            'The public JWKS of the RP: its private_key_jwt key(s) (`use: sig` or no `use`) and, for signing, an encryption key (`use: enc`) the sign result is encrypted to. The client_id is generated (RP + 16 hex) unless given.',
          body: Type.Object(
            {
              redirectUris: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), {
                minItems: 1,
                maxItems: 20,
              }),
              jwks: Type.Object({ keys: Type.Array(Jwk, { minItems: 1, maxItems: 10 }) }),
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              clientId: Type.Optional(Type.String({ pattern: '^[0-9a-zA-Z]{1,255}$' })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ clientId: Type.String(), metadata: AnyObject }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const d = await dauthFor(req.sandboxId);
        const b = req.body;
        const r = await d.addClient({
          redirectUris: b.redirectUris,
          jwks: b.jwks as never,
          ...(b.name ? { name: b.name } : {}),
          ...(b.clientId ? { clientId: b.clientId } : {}),
        });
        return reply.status(201).send(r);
      },
    );
    app.get(
      '/api/dauth/clients',
      {
        schema: {
          ...Clients,
          summary: 'Registered relying parties / 登録済みクライアント',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({ clientId: Type.String(), metadata: AnyObject, createdAt: Type.String() }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ items: await store.listClients(req.sandboxId) }),
    );
    app.get(
      '/api/dauth/clients/:clientId',
      {
        schema: {
          ...Clients,
          summary: 'One relying party / クライアント',
          params: ClientIdParams,
          response: {
            200: Type.Object({ clientId: Type.String(), metadata: AnyObject, createdAt: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const c = await store.client(req.sandboxId, req.params.clientId);
        if (!c) throw new MynaError('DAUTH_CLIENT_NOT_FOUND', { clientId: req.params.clientId });
        return c;
      },
    );
    app.delete(
      '/api/dauth/clients/:clientId',
      {
        schema: {
          ...Clients,
          summary: 'Delete a relying party / クライアントを削除',
          params: ClientIdParams,
        },
      },
      async (req, reply) => {
        if (!(await store.deleteClient(req.sandboxId, req.params.clientId)))
          throw new MynaError('DAUTH_CLIENT_NOT_FOUND', { clientId: req.params.clientId });
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/dauth/authorizations',
      {
        schema: {
          ...Holder,
          summary: 'Pending authorizations / 認証待ちのリクエスト',
          response: { 200: Type.Object({ items: Type.Array(DauthAuthorization) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await (await dauthFor(req.sandboxId)).authorizations() }),
    );
    app.get(
      '/api/dauth/authorizations/:uid',
      {
        schema: {
          ...Holder,
          summary: 'What the relying party asks / 認証リクエストの内容',
          params: Uid,
          response: { 200: DauthAuthorization, ...errorResponses },
        },
      },
      async (req) => (await dauthFor(req.sandboxId)).authorization(req.params.uid),
    );
    app.post(
      '/api/dauth/authorizations/:uid/card',
      {
        schema: {
          ...Holder,
          summary: 'Hold a card to the phone / カードを読み取る',
          description:
            'Chooses the virtual card; reads the needed PINs’ tries left with status queries (no try spent).',
          params: Uid,
          body: Type.Object(
            { cardId: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 100 }) },
            { additionalProperties: false },
          ),
          response: { 200: DauthAuthorization, ...errorResponses },
        },
      },
      async (req) => (await dauthFor(req.sandboxId)).chooseCard(req.params.uid, req.body.cardId),
    );
    app.post(
      '/api/dauth/authorizations/:uid/consent',
      {
        schema: {
          ...Holder,
          summary: 'Consent and enter the PIN / 同意して暗証番号を入力',
          description:
            'Steps: needs-input, confirm-last-try, pin-wrong (a real try spent), finished (outcome; the starting browser goes to continueUrl). PINs go to the card as terminal app:digital-auth under the SDK’s safe policy; never echoed.',
          params: Uid,
          body: Type.Object(
            {
              cardId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 100 })),
              authPin: Type.Optional(Pin4),
              kenhojoPin: Type.Optional(Pin4),
              kenhojoSameAsAuth: Type.Optional(Type.Boolean()),
              signPassword: Type.Optional(
                Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9]+$' }),
              ),
              confirmLastTry: Type.Optional(Type.Array(PinName, { maxItems: 3 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: DauthHolderAnswer, ...errorResponses },
        },
      },
      async (req) => (await dauthFor(req.sandboxId)).consent(req.params.uid, req.body),
    );
    app.post(
      '/api/dauth/authorizations/:uid/cancel',
      {
        schema: {
          ...Holder,
          summary: 'Cancel / キャンセル',
          params: Uid,
          response: { 200: DauthHolderAnswer, ...errorResponses },
        },
      },
      async (req) => (await dauthFor(req.sandboxId)).cancel(req.params.uid),
    );
  };
}
