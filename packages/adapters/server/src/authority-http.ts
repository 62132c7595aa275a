import { isMynaError, MynaError } from '@myna/errors';
import type { JpkiAuthority } from '@myna/services';

export interface HttpAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: Uint8Array | string;
}

/**
 * The authority's public HTTP surface, framework-free so any server can mount it:
 * - `POST /ocsp` (application/ocsp-request) and `GET /ocsp/<base64 request>` (RFC 6960 §A.1);
 * - `GET /crl/auth.crl`, `/crl/sign.crl` (DER, application/pkix-crl) of the current CA generation,
 *   `/crl/auth/<n>.crl` of generation n;
 * - `GET /ca/auth.cer`, `/ca/sign.cer` (DER CA certificates, current generation), `/ca/auth/<n>.cer`.
 * An unknown generation answers 404.
 */
export async function authorityHttp(
  authority: JpkiAuthority,
  method: string,
  path: string,
  body: Uint8Array,
): Promise<HttpAnswer> {
  const ocsp = (der: Uint8Array) =>
    authority.ocsp(der).then((b) => ({ status: 200, type: 'application/ocsp-response', body: b }));
  if (method === 'POST' && path === '/ocsp') return ocsp(body);
  if (method === 'GET' && path.startsWith('/ocsp/')) {
    const b64 = decodeURIComponent(path.slice('/ocsp/'.length));
    return ocsp(new Uint8Array(Buffer.from(b64, 'base64')));
  }
  const crl = /^\/crl\/(auth|sign)(?:\/([1-9][0-9]{0,1}))?\.crl$/.exec(path);
  const ca = /^\/ca\/(auth|sign)(?:\/([1-9][0-9]{0,1}))?\.cer$/.exec(path);
  const generation = (m: RegExpExecArray) => (m[2] === undefined ? undefined : Number(m[2]));
  try {
    if (method === 'GET' && crl) {
      return {
        status: 200,
        type: 'application/pkix-crl',
        body: await authority.crl(crl[1] as 'auth' | 'sign', generation(crl)),
      };
    }
    if (method === 'GET' && ca) {
      return {
        status: 200,
        type: 'application/pkix-cert',
        body: (await authority.generation(ca[1] as 'auth' | 'sign', generation(ca))).credentials.certDer,
      };
    }
  } catch (e) {
    if (!(isMynaError(e) && e.code === 'NOT_FOUND')) throw e;
  }
  return { status: 404, type: 'application/json', body: JSON.stringify(new MynaError('NOT_FOUND').toJSON()) };
}
