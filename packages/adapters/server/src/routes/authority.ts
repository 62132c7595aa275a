import type { FastifyPluginAsync } from 'fastify';
import { authorityHttp } from '../authority-http.js';
import type { SandboxRuntime } from '../runtime.js';

/**
 * The JPKI authority of each sandbox on public URLs (relying parties have no API key):
 * `/s/<sandbox>/ocsp` (RFC 6960 POST and GET), `/s/<sandbox>/crl/{auth,sign}.crl`,
 * `/s/<sandbox>/ca/{auth,sign}.cer`. The OCSP URL is written into every issued certificate.
 */
export function authorityRoutes(runtime: SandboxRuntime): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    app.route({
      method: ['GET', 'POST'],
      url: '/s/:sandbox/*',
      config: { public: true },
      schema: { hide: true },
      handler: async (req, reply) => {
        const { sandbox } = req.params as { sandbox: string };
        if (!/^[A-Za-z0-9_-]{1,100}$/.test(sandbox) || !(await runtime.server.sandbox(sandbox))) {
          return reply.status(404).send({ code: 'SANDBOX_NOT_FOUND' });
        }
        const path = `/${(req.params as { '*': string })['*']}`;
        const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array(0);
        const a = await authorityHttp((await runtime.get(sandbox)).authority, req.method, path, body);
        return reply
          .status(a.status)
          .type(a.type)
          .send(typeof a.body === 'string' ? a.body : Buffer.from(a.body));
      },
    });
  };
}
