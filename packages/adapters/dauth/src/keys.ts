import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** A sandbox provider's secrets, kept encrypted in the store (docs/dauth.md, "Keys"). */
export interface ProviderSecrets {
  /** Private JWKs: an EC P-256 key (ES256, ID tokens) and an RSA key (RS256). */
  readonly jwks: { keys: JWK[] };
  /** Keys signing the provider's cookies. */
  readonly cookieKeys: string[];
  /** Salt of the pairwise subject identifiers. */
  readonly pairwiseSalt: string;
}

export async function generateProviderSecrets(): Promise<string> {
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsa = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const kid = () => randomBytes(16).toString('base64url');
  const secrets: ProviderSecrets = {
    jwks: {
      keys: [
        { ...(await exportJWK(ec.privateKey)), kid: kid(), use: 'sig', alg: 'ES256' },
        { ...(await exportJWK(rsa.privateKey)), kid: kid(), use: 'sig', alg: 'RS256' },
      ],
    },
    cookieKeys: [randomBytes(32).toString('base64url')],
    pairwiseSalt: randomBytes(32).toString('base64url'),
  };
  return JSON.stringify(secrets);
}
