import { createServer } from 'node:http';
import { Command } from '@commander-js/extra-typings';
import { MynaError } from '@myna/errors';
import { openContext } from '../context.js';
import type { Io } from '../output.js';

export function authorityCommand(io: Io): Command {
  const a = new Command('authority').description('the JPKI authority: OCSP responder and CRLs / 認証局');
  a.command('serve')
    .description('serve OCSP (RFC 6960) and CRLs over HTTP until stopped / OCSP・CRL を HTTP で提供')
    .option('--port <port>', 'TCP port', '8081')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (o) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new MynaError('INVALID_ARGUMENT', { flag: '--port', rule: '0–65535' });
      const { authorityHttp } = await import('@myna/server');
      const ctx = await openContext();
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          authorityHttp(
            ctx.sandbox.authority,
            req.method ?? 'GET',
            new URL(req.url ?? '/', 'http://x').pathname,
            new Uint8Array(Buffer.concat(chunks)),
          )
            .then((a) => {
              res.writeHead(a.status, { 'content-type': a.type });
              res.end(a.body);
            })
            .catch(() => {
              res.writeHead(500, { 'content-type': 'application/json' });
              res.end(JSON.stringify({ code: 'INTERNAL' }));
            });
        });
      });
      await new Promise<void>((resolve) => server.listen(port, o.host, resolve));
      const addr = server.address();
      const url = `http://${o.host}:${typeof addr === 'object' && addr ? addr.port : port}`;
      io.out(`OCSP: ${url}/ocsp   CRL: ${url}/crl/auth.crl ${url}/crl/sign.crl`);
      await new Promise<void>((resolve) => {
        const stop = () => server.close(() => resolve());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await ctx.close();
    });
  return a;
}
