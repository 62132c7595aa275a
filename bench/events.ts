/**
 * bench/events — opening the live event stream on a sandbox with a long history: 10 concurrent
 * `GET /api/events/stream` without `after` over 100,000 stored events, time to the first byte of
 * each stream, and the latency of `/healthz` probed while they open (the event loop's health).
 *
 *   npx tsx bench/events.ts            (EVENTS=100000 OPENS=10 by default; SQLite file)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '@myna/server';

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const OPENS = Number(process.env.OPENS ?? 10);

const dir = mkdtempSync(join(tmpdir(), 'myna-bench-events-'));
const s = await buildServer({
  databaseUrl: `sqlite:${join(dir, 'sandbox.db')}`,
  masterKey: new Uint8Array(32).fill(7),
});
try {
  const base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  const key = s.defaultSandbox.apiKey;
  const card = (await (
    await fetch(`${base}/api/cards`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: '{}',
    })
  ).json()) as { id: string };
  // biome-ignore lint/suspicious/noExplicitAny: raw rows for the bench
  const db = s.runtime.db.db as any;
  const at = new Date().toISOString();
  for (let i = 0; i < EVENTS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, EVENTS - i) }, () => ({
      card_id: card.id,
      sandbox_id: 'default',
      type: 'pin.failed',
      pin: 'auth',
      tries_left: 2,
      max_tries: 3,
      terminal: 'bench',
      at,
      detail: null,
    }));
    await db.insertInto('card_events').values(rows).execute();
  }

  const health: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      await (await fetch(`${base}/healthz`)).text();
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await new Promise((r) => setTimeout(r, 100));
  const ac = new AbortController();
  const t0 = performance.now();
  const ttfb = await Promise.all(
    Array.from({ length: OPENS }, async () => {
      const res = await fetch(`${base}/api/events/stream?key=${key}`, { signal: ac.signal });
      const reader = res.body!.getReader();
      await reader.read();
      return performance.now() - t0;
    }),
  );
  await new Promise((r) => setTimeout(r, 100));
  probing = false;
  await probe;
  ac.abort();
  const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
  const pct = (a: number[], p: number) => sorted(a)[Math.min(a.length - 1, Math.floor(a.length * p))]!;
  const f = (n: number) => n.toFixed(1);
  console.log(
    `node ${process.version}; ${EVENTS.toLocaleString('en-US')} events, ${OPENS} concurrent opens without \`after\`, SQLite file`,
  );
  console.log('| measure | p50 ms | max ms |');
  console.log('|---|---:|---:|');
  console.log(`| time to first byte of the stream | ${f(pct(ttfb, 0.5))} | ${f(Math.max(...ttfb))} |`);
  console.log(
    `| /healthz while they open (${health.length} probes) | ${f(pct(health, 0.5))} | ${f(Math.max(...health))} |`,
  );
} finally {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
}
