import { readFileSync } from 'node:fs';
import { Command } from '@commander-js/extra-typings';
import { MynaError } from '@myna/errors';
import { openContext } from '../context.js';
import { type Io, table } from '../output.js';

function bad(flag: string, rule: string): never {
  throw new MynaError('INVALID_ARGUMENT', { flag, rule });
}

/** `myna-sandbox dauth …`: the relying parties of the sandbox's デジタル認証アプリ (docs/dauth.md). */
export function dauthCommand(io: Io, global: () => { json: boolean }): Command {
  const d = new Command('dauth').description('the デジタル認証アプリ provider / デジタル認証アプリ');
  const client = d.command('client').description('relying parties (clients) / 利用者システム（RP）');

  client
    .command('add')
    .description('register a relying party; prints its client_id / RP を登録し client_id を表示')
    .requiredOption('--redirect-uri <uri...>', 'registered redirect_uri (exact match; repeatable)')
    .requiredOption(
      '--jwks <file>',
      'JSON file of the public JWKS (private_key_jwt key; use: enc key for signing)',
    )
    .option('--name <name>', 'name shown to the holder in the app')
    .option('--client-id <id>', 'client_id to use (1–255 letters and digits; default generated)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      let jwks: { keys: Record<string, unknown>[] };
      try {
        jwks = JSON.parse(readFileSync(o.jwks, 'utf8'));
      } catch {
        bad('--jwks', 'a readable JSON file');
      }
      if (!jwks || !Array.isArray(jwks.keys)) bad('--jwks', 'a JWKS: { "keys": [...] }');
      const ctx = await openContext();
      try {
        const [{ DigitalAuth }, { SqlDauthStore }] = await Promise.all([
          import('@myna/dauth'),
          import('@myna/store'),
        ]);
        const dauth = await DigitalAuth.create({
          sandbox: ctx.sandbox,
          store: new SqlDauthStore(ctx.db),
          // The issuer only names the provider here; registration does not depend on it.
          issuer: `http://127.0.0.1:8080/s/${ctx.sandbox.id}/api/realms/main`,
          consoleUrl: 'http://127.0.0.1:8080/',
        });
        const r = await dauth.addClient({
          redirectUris: o.redirectUri,
          jwks: jwks as never,
          ...(o.name ? { name: o.name } : {}),
          ...(o.clientId ? { clientId: o.clientId } : {}),
        });
        if (json) io.out(JSON.stringify({ clientId: r.clientId, redirectUris: o.redirectUri }));
        else io.out(`client_id: ${r.clientId}`);
      } finally {
        await ctx.close();
      }
    });

  client
    .command('list')
    .description('registered relying parties / 登録済み RP')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const ctx = await openContext();
      try {
        const { SqlDauthStore } = await import('@myna/store');
        const rows = await new SqlDauthStore(ctx.db).listClients(ctx.sandbox.id);
        const items = rows.map((r) => ({
          clientId: r.clientId,
          name: String(r.metadata.client_name ?? ''),
          redirectUris: (r.metadata.redirect_uris as string[]) ?? [],
        }));
        if (json) io.out(JSON.stringify(items));
        else
          io.out(
            table([
              ['client_id', 'name', 'redirect_uri'],
              ...items.map((i) => [i.clientId, i.name, i.redirectUris.join(' ')]),
            ]),
          );
      } finally {
        await ctx.close();
      }
    });

  client
    .command('remove')
    .description('delete a relying party / RP を削除')
    .argument('<clientId>')
    .action(async (id) => {
      const ctx = await openContext();
      try {
        const { SqlDauthStore } = await import('@myna/store');
        if (!(await new SqlDauthStore(ctx.db).deleteClient(ctx.sandbox.id, id)))
          throw new MynaError('DAUTH_CLIENT_NOT_FOUND', { clientId: id });
        io.out(`removed ${id}`);
      } finally {
        await ctx.close();
      }
    });
  // Three levels deep: main.ts configures two; usage errors here must throw too (exit 2).
  for (const c of client.commands)
    c.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return d;
}
