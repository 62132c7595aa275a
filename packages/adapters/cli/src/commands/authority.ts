import { createServer } from 'node:http';
import { Command } from '@commander-js/extra-typings';
import { MynaError } from '@myna/errors';
import type { CaGenerationSummary } from '@myna/services';
import { openContext } from '../context.js';
import type { Io } from '../output.js';

const KINDS = ['auth', 'sign'] as const;

/** One generation as the CLI prints it (the certificate itself only with --json). */
function show(io: Io, json: boolean, gens: readonly CaGenerationSummary[]): void {
  if (json) {
    io.out(JSON.stringify(gens.map(({ certificateDer: _der, ...g }) => g)));
    return;
  }
  for (const g of gens) {
    io.out(
      `${g.kind} generation ${g.generation}${g.current ? ' (current)' : ''}  serial ${g.serialHex}  ` +
        `${g.notBefore.slice(0, 10)} → ${g.notAfter.slice(0, 10)}  keyid ${g.keyIdHex}  certificates ${g.certificates}`,
    );
  }
}

export function authorityCommand(io: Io, global: () => { json: boolean }): Command {
  const a = new Command('authority').description(
    'the JPKI authority: CA generations, OCSP responder and CRLs / 認証局',
  );
  a.command('generations')
    .description('list the CA generations of both hierarchies / 認証局の世代一覧')
    .option('--json', 'print JSON (with each certificate as PEM)')
    .action(async (o) => {
      const ctx = await openContext();
      try {
        show(io, o.json ?? global().json, await ctx.sandbox.authority.generationSummaries());
      } finally {
        await ctx.close();
      }
    });
  a.command('rollover')
    .description(
      'roll a CA over to a new generation (new key, same DN, ten years); earlier certificates keep their chain / 認証局の世代交代',
    )
    .requiredOption('--kind <kind>', "'auth' (利用者証明用) or 'sign' (署名用)")
    .option('--json', 'print JSON')
    .action(async (o) => {
      if (!(KINDS as readonly string[]).includes(o.kind))
        throw new MynaError('INVALID_ARGUMENT', { flag: '--kind', rule: 'auth or sign' });
      const kind = o.kind as (typeof KINDS)[number];
      const ctx = await openContext();
      try {
        const made = await ctx.sandbox.authority.rollOver(kind);
        const all = await ctx.sandbox.authority.generationSummaries();
        show(
          io,
          o.json ?? global().json,
          all.filter((g) => g.kind === kind && g.generation === made.generation),
        );
      } finally {
        await ctx.close();
      }
    });
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
      io.out(
        `OCSP: ${url}/ocsp   CRL: ${url}/crl/auth.crl ${url}/crl/sign.crl (generation n: ${url}/crl/auth/<n>.crl)`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => server.close(() => resolve());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await ctx.close();
    });
  return a;
}
