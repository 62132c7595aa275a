/**
 * bench/server — the relying-party login flow (SELECT, PIN status, VERIFY, read the user-auth
 * certificate, sign) over remote WebSocket card sessions, N = 1, 10, 100 concurrent sessions on
 * different cards: flows/s and p50/p99 latency, on SQLite and on PostgreSQL, beside the same flow
 * in-process on the same database in the same run.
 *
 *   npm run bench:server            (BENCH_SECONDS=3 per case by default)
 *
 * PostgreSQL comes from MYNA_TEST_POSTGRES_URL, or a private cluster started with
 * scripts/postgres-test.sh.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualCard } from '@myna/card';
import {
  InProcessTransport,
  MynaCardClient,
  RemoteTransport,
  type Transport,
  type WebSocketConstructor,
} from '@myna/client';
import { buildServer } from '@myna/server';
import WebSocket from 'ws';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const SIZES = [1, 10, 100];
const data = new TextEncoder().encode('login challenge');

async function flow(c: MynaCardClient): Promise<void> {
  await c.select('jpki');
  await c.pinStatus('auth');
  await c.verifyPin('auth', '1234');
  await c.readCertificate('auth');
  await c.sign('auth', data);
}

async function run(
  clients: MynaCardClient[],
): Promise<{ flows: number; perSec: number; p50: number; p99: number }> {
  const lat: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const t = performance.now();
        await flow(c);
        lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  return { flows: lat.length, perSec: lat.length / SECONDS, p50: q(0.5), p99: q(0.99) };
}

async function bench(label: string, databaseUrl: string): Promise<string[]> {
  const server = await buildServer({ databaseUrl, masterKey: new Uint8Array(32).fill(11) });
  const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const key = server.defaultSandbox.apiKey;
  const ids: string[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (ids.length < Math.max(...SIZES)) {
        ids.push('');
        const r = await fetch(`${base}/api/cards`, {
          method: 'POST',
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          body: '{}',
        });
        ids[ids.indexOf('')] = ((await r.json()) as { id: string }).id;
      }
    }),
  );
  const sb = await server.runtime.get('default');
  const rows: string[] = [];
  for (const n of SIZES) {
    // Baseline: the same flow in-process, n cards, same database.
    const local = await Promise.all(
      ids.slice(0, n).map(async (id) => {
        const card = await VirtualCard.open(id, {
          store: sb.cards,
          random: sb.random,
          clock: sb.clock,
          terminal: 'bench:in-process',
        });
        return new MynaCardClient(new InProcessTransport(card));
      }),
    );
    const inproc = await run(local);
    const transports: Transport[] = await Promise.all(
      ids.slice(0, n).map((id) =>
        RemoteTransport.open({
          server: base,
          cardId: id,
          apiKey: key,
          terminal: 'bench:remote',
          WebSocket: WebSocket as unknown as WebSocketConstructor,
        }),
      ),
    );
    const remote = await run(transports.map((t) => new MynaCardClient(t)));
    // close() resolves once the server has released each card: the next round opens them at once.
    await Promise.all(transports.map((t) => t.close?.()));
    rows.push(
      `| ${label} | ${n} | ${remote.perSec.toFixed(1)} | ${remote.p50.toFixed(1)} | ${remote.p99.toFixed(1)} | ${inproc.perSec.toFixed(1)} | ${inproc.p50.toFixed(1)} | ${inproc.p99.toFixed(1)} | ${(remote.perSec / inproc.perSec).toFixed(2)} |`,
    );
    console.error(rows.at(-1));
  }
  await server.close();
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'myna-bench-server-'));
let pgDir: string | undefined;
let pgUrl = process.env.MYNA_TEST_POSTGRES_URL;
if (!pgUrl) {
  const out = execFileSync('bash', ['scripts/postgres-test.sh', 'start'], { encoding: 'utf8' });
  pgUrl = /MYNA_TEST_POSTGRES_URL=(\S+)/.exec(out)![1]!;
  pgDir = /MYNA_TEST_POSTGRES_DIR=(\S+)/.exec(out)![1]!;
}
try {
  const rows = [
    ...(await bench('SQLite', `sqlite:${join(dir, 'bench.db')}`)),
    ...(await bench('PostgreSQL', pgUrl)),
  ];
  console.log(
    `node ${process.version}, ${SECONDS} s per case; flow = SELECT, PIN status, VERIFY, READ certificate, SIGN (≈ 10 APDUs)\n`,
  );
  console.log(
    '| store | sessions | remote flows/s | p50 ms | p99 ms | in-process flows/s | p50 ms | p99 ms | remote ÷ in-process |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (pgDir) execFileSync('bash', ['scripts/postgres-test.sh', 'stop', pgDir]);
}
