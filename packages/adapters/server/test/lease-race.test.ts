import { buildServer, type SandboxServer } from '@myna/server';
import { waitUntil } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { usePostgres } from '../../store/test/helpers/postgres.js';

/**
 * Simultaneous session opens on one card (issue 11 item 2): the lease is taken in one atomic
 * statement, so each round has exactly one winner and every other opener is told CARD_IN_USE —
 * never INTERNAL — on one instance and on two instances sharing one PostgreSQL.
 */
const pg = usePostgres();
const masterKey = new Uint8Array(32).fill(11);
let a: SandboxServer;
let b: SandboxServer;
let urlA: string;
let urlB: string;
let key: string;

beforeAll(async () => {
  const url = await pg.fresh();
  [a, b] = await Promise.all([
    buildServer({ databaseUrl: url, masterKey }),
    buildServer({ databaseUrl: url, masterKey }),
  ]);
  urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
  urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
  key = a.defaultSandbox.apiKey;
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

async function issue(base: string): Promise<string> {
  const r = await fetch(`${base}/api/cards`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

/** Waits until the card's lease row is gone (the winner's close is committed). */
async function released(s: SandboxServer, cardId: string): Promise<void> {
  await waitUntil(
    async () => (await s.runtime.server.lease(cardId)) === undefined,
    `the lease of ${cardId} released`,
  );
}

/** Opens a raw session and answers the server's first word: the socket when ready, else the error code. */
function open(base: string, cardId: string, terminal: string): Promise<WebSocket | string> {
  const u = new URL(`/api/cards/${cardId}/session`, base);
  u.protocol = 'ws:';
  u.searchParams.set('terminal', terminal);
  u.searchParams.set('key', key);
  const ws = new WebSocket(u);
  return new Promise((resolve) => {
    ws.once('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; code?: string };
      resolve(msg.type === 'ready' ? ws : (msg.code ?? msg.type));
    });
    ws.once('close', (code) => resolve(`closed ${code}`));
    ws.once('error', (e) => resolve(`error ${e.message}`));
  });
}

async function race(servers: readonly string[], rounds: number, openers: number) {
  const cardId = await issue(servers[0]!);
  const tally = { won: 0, inUse: 0, other: [] as string[] };
  const winnersPerRound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const results = await Promise.all(
      Array.from({ length: openers }, (_, i) =>
        open(servers[i % servers.length]!, cardId, `t-${round}-${i}`),
      ),
    );
    let won = 0;
    for (const r of results) {
      if (typeof r !== 'string') {
        won++;
        r.close(1000, 'done');
      } else if (r === 'CARD_IN_USE') tally.inUse++;
      else tally.other.push(r);
    }
    tally.won += won;
    winnersPerRound.push(won);
    await released(a, cardId);
  }
  return { ...tally, winnersPerRound };
}

describe('simultaneous session opens on PostgreSQL', () => {
  it('one instance: 10 openers × 20 rounds, one winner a round, the others CARD_IN_USE', async () => {
    const r = await race([urlA], 20, 10);
    console.info(
      `lease race, one instance: ${JSON.stringify({ won: r.won, inUse: r.inUse, other: r.other.length })}`,
    );
    expect(r.other).toEqual([]);
    expect(r.winnersPerRound).toEqual(Array(20).fill(1));
    expect(r.inUse).toBe(20 * 9);
  }, 120_000);

  it('two instances: 10 openers × 20 rounds, one winner a round, the others CARD_IN_USE', async () => {
    const r = await race([urlA, urlB], 20, 10);
    console.info(
      `lease race, two instances: ${JSON.stringify({ won: r.won, inUse: r.inUse, other: r.other.length })}`,
    );
    expect(r.other).toEqual([]);
    expect(r.winnersPerRound).toEqual(Array(20).fill(1));
    expect(r.inUse).toBe(20 * 9);
  }, 120_000);
});
