/**
 * An example relying party of the デジタル認証アプリ, written from the public reference with
 * openid-client (panva) and jose only. The same code runs against the real sandbox
 * (`https://sb-auth-and-sign.go.jp/api/realms/main`) and against myna-sandbox
 * (`<base>/s/<sandbox>/api/realms/main`): only the issuer URL and the credentials change.
 *
 *   const rp = await DigitalAuthRp.connect({ issuer, clientId, signingKey, encryptionKey, redirectUri });
 *   const { url, pending } = await rp.loginUrl({ basicFour: true });   // send the browser to url
 *   const user = await rp.completeLogin(callbackUrl, pending);          // on redirect_uri
 *   const s = await rp.signUrl('利用規約に同意します。');                  // signing
 *   const signed = await rp.completeSigning(callbackUrl, s.pending);
 */
import { createHash } from 'node:crypto';
import { compactDecrypt, type JWK } from 'jose';
import * as oidc from 'openid-client';

export interface RpConfig {
  /** e.g. https://sb-auth-and-sign.go.jp/api/realms/main */
  readonly issuer: string;
  readonly clientId: string;
  /** The private key registered for private_key_jwt. */
  readonly signingKey: CryptoKey;
  readonly signingKid?: string;
  /** The private key of the registered `use: enc` key (the sign result is encrypted to it). */
  readonly encryptionKey?: CryptoKey;
  readonly redirectUri: string;
  /** Only for http:// issuers (a local sandbox). */
  readonly allowHttp?: boolean;
}

/** What the RP keeps in the user's session between the redirect and the callback. */
export interface Pending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly signTransactionId?: string;
  readonly digest?: string;
}

const DIGEST_INFO_SHA256 = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export class DigitalAuthRp {
  private constructor(
    readonly config: oidc.Configuration,
    private readonly o: RpConfig,
  ) {}

  static async connect(o: RpConfig): Promise<DigitalAuthRp> {
    const tokenUrl = `${o.issuer}/protocol/openid-connect/token`;
    const config = await oidc.discovery(
      new URL(o.issuer),
      o.clientId,
      { token_endpoint_auth_method: 'private_key_jwt', id_token_signed_response_alg: 'ES256' },
      oidc.PrivateKeyJwt(o.signingKid ? { key: o.signingKey, kid: o.signingKid } : o.signingKey, {
        // The reference: the assertion's audience is the token endpoint URL.
        [oidc.modifyAssertion]: (_header, payload) => {
          payload.aud = tokenUrl;
        },
      }),
      o.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    return new DigitalAuthRp(config, o);
  }

  private get realmHost(): string {
    // The sign-transaction API sits beside the realm: <host>/api/sign-transactions.
    return this.o.issuer.replace(/\/api\/realms\/main$/, '');
  }

  private async authorizationUrl(scope: string, extra: Record<string, string> = {}) {
    const pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(this.config, {
      redirect_uri: this.o.redirectUri,
      scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      acr_values: 'aal3 crl',
      ...extra,
    });
    return { url, pending };
  }

  /** Login; with `basicFour` the holder is asked for the 基本4情報 too. */
  loginUrl(opts: { basicFour?: boolean } = {}): Promise<{ url: URL; pending: Pending }> {
    return this.authorizationUrl(opts.basicFour ? 'openid name address birthdate gender' : 'openid');
  }

  /** On redirect_uri: the code exchange, ID token validation (signature, iss, aud, exp, nonce), userinfo. */
  async completeLogin(callback: URL, pending: Pending) {
    const tokens = await oidc.authorizationCodeGrant(this.config, callback, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const userinfo = await oidc.fetchUserInfo(this.config, tokens.access_token, claims.sub);
    return { sub: claims.sub, idToken: claims, userinfo, tokens };
  }

  /** Signing, step 1–3: client-credentials token, sign transaction (DigestInfo of SHA-256), authorize. */
  async signUrl(text: string): Promise<{ url: URL; pending: Pending }> {
    const cc = await oidc.clientCredentialsGrant(this.config);
    const hash = createHash('sha256').update(text).digest();
    const digest = Buffer.concat([DIGEST_INFO_SHA256, hash]).toString('base64');
    const r = await fetch(`${this.realmHost}/api/sign-transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cc.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ digest, digest_type: 'digestinfo', title: text.slice(0, 100) }),
    });
    if (!r.ok) throw new Error(`sign transaction: ${r.status} ${await r.text()}`);
    const { sign_transaction_id } = (await r.json()) as { sign_transaction_id: string };
    const { url, pending } = await this.authorizationUrl('openid sign', { sign_transaction_id });
    return { url, pending: { ...pending, signTransactionId: sign_transaction_id, digest } };
  }

  /** Signing, step 5–6: code exchange, then the result with the user's token; the JWE opened. */
  async completeSigning(callback: URL, pending: Pending) {
    const tokens = await oidc.authorizationCodeGrant(this.config, callback, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
    });
    const r = await fetch(`${this.realmHost}/api/sign-transactions/${pending.signTransactionId}/result`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    if (!r.ok) throw new Error(`sign result: ${r.status} ${await r.text()}`);
    const { result } = (await r.json()) as { result: string };
    if (!this.o.encryptionKey) return { jwe: result };
    const { plaintext } = await compactDecrypt(result, this.o.encryptionKey);
    const payload = JSON.parse(new TextDecoder().decode(plaintext)) as {
      signature: string;
      certificate: string;
      digest: string;
    };
    return { jwe: result, signature: payload.signature, certificate: payload.certificate };
  }
}

export type { JWK };
