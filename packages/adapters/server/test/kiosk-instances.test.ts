import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildServer, type SandboxServer } from '@myna/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../../store/test/helpers/postgres.js';

/**
 * A kiosk behind a load balancer (issue 11 item 4): two server instances on one PostgreSQL, a
 * round-robin proxy in front (no sticky sessions), a whole kiosk flow K1–K7 whose consecutive
 * touches land on alternating instances — including K5 (the other PIN verified in the card
 * session) and K6 (the reset, which needs that verification) on different ones.
 */
const pg = usePostgres();
const masterKey = new Uint8Array(32).fill(14);
let a: SandboxServer;
let b: SandboxServer;
let proxy: Server;
let base: string;
let key: string;
const served: string[] = [];

beforeAll(async () => {
  const url = await pg.fresh();
  [a, b] = await Promise.all([
    buildServer({ databaseUrl: url, masterKey }),
    buildServer({ databaseUrl: url, masterKey }),
  ]);
  const upstream = [
    { name: 'A', url: new URL(await a.app.listen({ port: 0, host: '127.0.0.1' })) },
    { name: 'B', url: new URL(await b.app.listen({ port: 0, host: '127.0.0.1' })) },
  ];
  let next = 0;
  proxy = createServer((req, res) => {
    const to = upstream[next++ % upstream.length]!;
    served.push(`${to.name} ${req.method} ${req.url}`);
    const fwd = request(
      { host: to.url.hostname, port: to.url.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    fwd.on('error', () => res.writeHead(502).end());
    req.pipe(fwd);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  key = a.defaultSandbox.apiKey;
}, 120_000);
afterAll(async () => {
  await new Promise((r) => proxy?.close(r));
  await a?.close();
  await b?.close();
});

type Json = { [k: string]: unknown; screen?: { id: string; card: string; error?: { id: string } | null } };
async function post(path: string, body: object): Promise<{ status: number; json: Json }> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Json };
}

/** Next Tuesday, 10:00 JST: kiosks are open. */
function tuesdayMorning(): string {
  const d = new Date(Date.now() + 9 * 3600_000);
  d.setUTCDate(d.getUTCDate() + 1 + ((8 - d.getUTCDay()) % 7));
  return `${d.toISOString().slice(0, 10)}T10:00:00+09:00`;
}

describe('a kiosk behind a round-robin load balancer', () => {
  it('runs K1–K7 with every touch on the other instance', async () => {
    expect((await post('/api/clock', { action: 'freeze', at: tuesdayMorning() })).status).toBe(200);
    const card = (await post('/api/cards', { initialTries: { sign: 0 } })).json as { id: string };
    expect(
      (
        await post('/api/phone/reservations', {
          cardId: card.id,
          pin: 'sign',
          otherPin: '1234',
          selfie: 'holder',
        })
      ).status,
    ).toBe(201);
    const created = await post('/api/kiosks', { chain: 'seven-eleven' });
    expect(created.status).toBe(201);
    const id = created.json.kioskId as string;
    const from = served.length;
    const act = async (payload: object) => {
      const r = await post(`/api/kiosks/${id}/actions`, payload);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return r.json.screen!;
    };
    expect((await act({ action: 'administrative-services' })).id).toBe('K2');
    expect((await act({ action: 'password-reset' })).id).toBe('K2');
    expect((await act({ action: 'choose-pin', pin: 'sign' })).id).toBe('K3');
    expect((await act({ action: 'agree' })).id).toBe('K4');
    expect(await act({ action: 'place-card', cardId: card.id })).toMatchObject({
      id: 'K5',
      card: 'inserted',
    });
    // The card stays held by the kiosk between touches: another terminal is told where it is.
    const ws = await fetch(`${base}/api/cards/${card.id}`, { headers: { 'x-api-key': key } });
    expect(ws.status).toBe(409);
    expect(((await ws.json()) as Json).details).toEqual({ terminal: 'kiosk:seven-eleven:store-1' });
    expect(await act({ action: 'other-pin', value: '1234' })).toMatchObject({ id: 'K6', error: null });
    expect(await act({ action: 'new-pin', value: 'NEWPASS1', confirmation: 'NEWPASS1' })).toMatchObject({
      id: 'K7',
      card: 'returned',
    });
    expect((await act({ action: 'remove-card' })).id).toBe('K1');
    // Touches went to both instances; K5 (verify the other PIN) and K6 (reset) to different ones.
    const instances = served
      .slice(from)
      .filter((s) => s.includes(`/api/kiosks/${id}/actions`))
      .map((s) => s[0]);
    expect(instances).toHaveLength(8);
    expect(new Set(instances)).toEqual(new Set(['A', 'B']));
    expect(instances[5]).not.toBe(instances[6]);
    // The new password is set on the card, and the card is free again.
    const st = await fetch(`${base}/api/cards/${card.id}`, { headers: { 'x-api-key': key } });
    expect(st.status).toBe(200);
    expect(((await st.json()) as { pins: { sign: { triesLeft: number } } }).pins.sign.triesLeft).toBe(5);
  }, 120_000);
});
