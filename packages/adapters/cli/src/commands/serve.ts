import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import { MynaError } from '@myna/errors';
import { demoPhoto } from '../context.js';
import type { Io } from '../output.js';

const WEB_ROOT = fileURLToPath(new URL('../../../../../apps/web/dist', import.meta.url));

export function serveCommand(io: Io): Command {
  return new Command('serve')
    .description('start the sandbox server and web console / サンドボックスを起動')
    .option('--port <port>', 'TCP port', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-demo', 'do not seed the demo cards into an empty default sandbox')
    .action(async (o) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new MynaError('INVALID_ARGUMENT', { flag: '--port', rule: '0–65535' });
      const [{ buildServer, dauthIssuer }, { seedDemo }] = await Promise.all([
        import('@myna/server'),
        import('@myna/services'),
      ]);
      const server = await buildServer({
        logger: { level: process.env.LOG_LEVEL ?? 'warn' },
        webRoot: WEB_ROOT,
      });
      if (o.demo) {
        const sb = await server.runtime.get(server.defaultSandbox.id);
        const seeded = await seedDemo(sb, [demoPhoto(0), demoPhoto(1), demoPhoto(2)]);
        if (seeded.length > 0) io.out(`デモカードを発行しました / issued ${seeded.length} demo cards`);
      }
      let url: string;
      try {
        url = await server.app.listen({ port, host: o.host });
      } catch (e) {
        await server.close();
        throw listenError(e, port, o.host);
      }
      const local = url.replace('0.0.0.0', '127.0.0.1');
      io.out(`myna-sandbox: ${local}/#key=${server.defaultSandbox.apiKey}`);
      io.out(
        `  API: ${local}/docs   OpenAPI: ${local}/openapi.json   key (x-api-key): ${server.defaultSandbox.apiKey}`,
      );
      for (const sb of await server.runtime.server.listSandboxes())
        io.out(`  デジタル認証アプリ issuer (${sb.id}): ${dauthIssuer(local, sb.id)}`);
      if (!existsSync(`${WEB_ROOT}/index.html`))
        io.out('  (web console not built: npm run build -w @myna/web)');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}

/** Why the server could not listen, named: the port and how to choose another. */
function listenError(e: unknown, port: number, host: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE')
    return new MynaError(
      'PORT_IN_USE',
      { port, host, hint: '--port <n> or PORT=<n> npm start' },
      { cause: e },
    );
  if (code === 'EACCES')
    return new MynaError(
      'INVALID_ARGUMENT',
      { flag: '--port', port, rule: 'a port this user may open (1024 or above)' },
      { cause: e },
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new MynaError(
      'INVALID_ARGUMENT',
      { flag: '--host', host, rule: 'an address of this machine' },
      { cause: e },
    );
  return e;
}
