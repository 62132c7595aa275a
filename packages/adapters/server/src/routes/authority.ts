import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { MynaError } from '@myna/errors';
import type { CaGenerationSummary } from '@myna/services';
import type { FastifyReply } from 'fastify';
import { authorityHttp } from '../authority-http.js';
import type { SandboxRuntime } from '../runtime.js';
import { errorResponses } from '../schemas.js';

const SandboxParam = Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$', description: 'The sandbox id' });
const Kind = Type.Union([Type.Literal('auth'), Type.Literal('sign')], {
  description: "'auth' (利用者証明用) or 'sign' (署名用)",
});
const Generation = Type.Integer({ minimum: 1, maximum: 99, description: 'CA generation, 1 = the first' });
/** The same in a path segment (params are strings: no type coercion here). */
const GenerationParam = Type.String({
  pattern: '^[1-9][0-9]?$',
  description: 'CA generation, 1 = the first',
});
const GenerationBody = Type.Object(
  {
    kind: Kind,
    generation: Generation,
    current: Type.Boolean({ description: 'New certificates are issued by this generation' }),
    serialHex: Type.String({ description: 'The CA certificate serial (1 for the first, 4 bytes after)' }),
    subject: Type.String({ description: 'One DN for every generation, as J-LIS' }),
    notBefore: Type.String({ format: 'date-time' }),
    notAfter: Type.String({ format: 'date-time' }),
    keyIdHex: Type.String({ description: 'subjectKeyIdentifier; issued certificates carry it as AKI keyid' }),
    certificates: Type.Integer({ minimum: 0, description: 'Certificates on record signed by it' }),
    certificatePem: Type.String(),
    caUrl: Type.String({ description: 'Public URL path of its certificate' }),
    crlUrl: Type.String({ description: 'Public URL path of its CRL' }),
  },
  { $id: 'CaGeneration', title: 'CaGeneration' },
);
const NotFound = { 404: { $ref: 'Error#' }, 400: { $ref: 'Error#' } } as const;
const der = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: { type: 'string', format: 'binary' } } },
});

/**
 * The JPKI authority of each sandbox on public URLs (relying parties have no API key):
 * `/s/<sandbox>/ocsp` (RFC 6960 POST and GET), `/s/<sandbox>/crl/{auth,sign}.crl`,
 * `/s/<sandbox>/ca/{auth,sign}.cer` (the current CA generation; `/crl/<kind>/<n>.crl` and
 * `/ca/<kind>/<n>.cer` for generation n). The OCSP URL is written into every issued certificate.
 * With an API key: `GET /api/authority/generations` and `POST /api/authority/{kind}/rollover`.
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

    app.get(
      '/s/:sandbox/crl/:kind/:generation.crl',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'CRL of one CA generation / 世代ごとの失効リスト',
          description:
            'The DER CRL signed by generation n, listing only the certificates it signed. 404 for a generation that does not exist. No API key.',
          security: [],
          params: Type.Object({ sandbox: SandboxParam, kind: Kind, generation: GenerationParam }),
          response: { 200: der('application/pkix-crl', 'DER CertificateList'), ...NotFound },
        },
      },
      async (req, reply) =>
        answer(reply, req.params.sandbox, 'GET', `/crl/${req.params.kind}/${req.params.generation}.crl`),
    );

    app.get(
      '/s/:sandbox/ca/:kind/:generation.cer',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'CA certificate of one generation / 世代ごとの認証局証明書',
          description:
            'The DER certificate of generation n. Certificates issued before a roll-over keep chaining to their own generation: a relying party trusts every generation in use. No API key.',
          security: [],
          params: Type.Object({ sandbox: SandboxParam, kind: Kind, generation: GenerationParam }),
          response: { 200: der('application/pkix-cert', 'DER Certificate'), ...NotFound },
        },
      },
      async (req, reply) =>
        answer(reply, req.params.sandbox, 'GET', `/ca/${req.params.kind}/${req.params.generation}.cer`),
    );

    const body = (sandboxId: string, g: CaGenerationSummary) => ({
      kind: g.kind,
      generation: g.generation,
      current: g.current,
      serialHex: g.serialHex,
      subject: g.subject,
      notBefore: g.notBefore,
      notAfter: g.notAfter,
      keyIdHex: g.keyIdHex,
      certificates: g.certificates,
      certificatePem: g.certificatePem,
      caUrl: `/s/${sandboxId}/ca/${g.kind}/${g.generation}.cer`,
      crlUrl: `/s/${sandboxId}/crl/${g.kind}/${g.generation}.crl`,
    });

    app.get(
      '/api/authority/generations',
      {
        schema: {
          tags: ['authority'],
          summary: 'CA generations / 認証局の世代',
          description:
            'Every generation of both hierarchies, oldest first: which one issues now, how many certificates each signed, and where its certificate and CRL are published. The relying party view: trust all of them.',
          response: { 200: Type.Array(GenerationBody), ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        return (await sb.authority.generationSummaries()).map((g) => body(req.sandboxId, g));
      },
    );

    app.post(
      '/api/authority/:kind/rollover',
      {
        schema: {
          tags: ['authority'],
          summary: 'Roll the CA over to a new generation / 認証局の世代交代',
          description:
            'A new key and self-signed CA certificate under the same DN, valid ten years from the sandbox clock (as J-LIS did in 2019 and 2023). New certificates are issued by it; earlier ones keep chaining to their generation until renewed, and each generation keeps its CRL and OCSP answers.',
          params: Type.Object({ kind: Kind }),
          response: { 200: GenerationBody, ...errorResponses },
        },
      },
      async (req) => {
        const sb = await runtime.get(req.sandboxId);
        const made = await sb.authority.rollOver(req.params.kind);
        const all = await sb.authority.generationSummaries();
        return body(
          req.sandboxId,
          all.find((g) => g.kind === made.kind && g.generation === made.generation)!,
        );
      },
    );
  };
}
