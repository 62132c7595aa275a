import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import type { FastifyReply } from 'fastify';
import { authorityHttp } from '../authority-http.js';
import type { SandboxRuntime } from '../runtime.js';

const SandboxParam = Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$', description: 'The sandbox id' });
const Kind = Type.Union([Type.Literal('auth'), Type.Literal('sign')], {
  description: "'auth' (利用者証明用) or 'sign' (署名用)",
});
const NotFound = { 404: { $ref: 'Error#' }, 400: { $ref: 'Error#' } } as const;
const der = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: { type: 'string', format: 'binary' } } },
});

/**
 * The JPKI authority of each sandbox on public URLs (relying parties have no API key):
 * `/s/<sandbox>/ocsp` (RFC 6960 POST and GET), `/s/<sandbox>/crl/{auth,sign}.crl`,
 * `/s/<sandbox>/ca/{auth,sign}.cer`. The OCSP URL is written into every issued certificate.
 */
export function authorityRoutes(runtime: SandboxRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    const answer = async (
      reply: FastifyReply,
      sandbox: string,
      method: string,
      path: string,
      body?: unknown,
    ) => {
      if (!(await runtime.server.sandbox(sandbox))) throw new MynaError('SANDBOX_NOT_FOUND');
      const bytes = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array(0);
      const a = await authorityHttp((await runtime.get(sandbox)).authority, method, path, bytes);
      if (a.status === 404) throw new MynaError('NOT_FOUND');
      return reply
        .status(a.status)
        .type(a.type)
        .send(typeof a.body === 'string' ? a.body : Buffer.from(a.body));
    };
    const tags = ['authority (public)'];

    app.post(
      '/s/:sandbox/ocsp',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'OCSP responder (RFC 6960, POST) / OCSPレスポンダ',
          description:
            'Body: a DER OCSPRequest (`content-type: application/ocsp-request`). Answers a signed OCSPResponse: good, revoked (with the reason; certificateHold for a suspended card) or unknown. No API key.',
          security: [],
          params: Type.Object({ sandbox: SandboxParam }),
          // Documented, not validated: the DER is read by the content-type parser as bytes.
          body: {
            content: {
              'application/ocsp-request': {
                schema: Type.Unsafe<Buffer>({ description: 'DER OCSPRequest (RFC 6960 §4.1.1)' }),
              },
            },
          },
          response: { 200: der('application/ocsp-response', 'DER OCSPResponse'), ...NotFound },
        },
      },
      async (req, reply) => answer(reply, req.params.sandbox, 'POST', '/ocsp', req.body),
    );

    app.get(
      '/s/:sandbox/ocsp/*',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'OCSP responder (RFC 6960 §A.1, GET) / OCSPレスポンダ',
          description: 'The path after /ocsp/ is the base64 DER OCSPRequest, URL-encoded. No API key.',
          security: [],
          params: Type.Object({
            sandbox: SandboxParam,
            '*': Type.String({ description: 'base64 OCSPRequest' }),
          }),
          response: { 200: der('application/ocsp-response', 'DER OCSPResponse'), ...NotFound },
        },
      },
      async (req, reply) => answer(reply, req.params.sandbox, 'GET', `/ocsp/${req.params['*']}`),
    );

    app.get(
      '/s/:sandbox/crl/:kind.crl',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Certificate revocation list / 失効リスト (CRL)',
          description: 'The DER CRL of the user-auth or signature CA (application/pkix-crl). No API key.',
          security: [],
          params: Type.Object({ sandbox: SandboxParam, kind: Kind }),
          response: { 200: der('application/pkix-crl', 'DER CertificateList'), ...NotFound },
        },
      },
      async (req, reply) => answer(reply, req.params.sandbox, 'GET', `/crl/${req.params.kind}.crl`),
    );

    app.get(
      '/s/:sandbox/ca/:kind.cer',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'CA certificate / 認証局証明書',
          description:
            'The DER certificate of the user-auth or signature CA (application/pkix-cert), the trust anchor of the sandbox. No API key.',
          security: [],
          params: Type.Object({ sandbox: SandboxParam, kind: Kind }),
          response: { 200: der('application/pkix-cert', 'DER Certificate'), ...NotFound },
        },
      },
      async (req, reply) => answer(reply, req.params.sandbox, 'GET', `/ca/${req.params.kind}.cer`),
    );
  };
}
