import { MynaCardClient, RemoteTransport, type WebSocketConstructor } from '@myna/client';
import { buildServer, type SandboxServer } from '@myna/server';
import { expectCatalogError, waitUntil } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { usePostgres } from '../../store/test/helpers/postgres.js';

/** Two server instances sharing one PostgreSQL: one sandbox, one set of counters, one lease per card. */
const WS = WebSocket as unknown as WebSocketConstructor;
const pg = usePostgres();
const masterKey = new Uint8Array(32).fill(9);
let a: SandboxServer;
let b: SandboxServer;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  const url = await pg.fresh();
  // Both start together: migrations, the default sandbox and its API key must come out the same.
  [a, b] = await Promise.all([
    buildServer({ databaseUrl: url, masterKey }),
    buildServer({ databaseUrl: url, masterKey }),
  ]);
  urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
  urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('two server instances on one PostgreSQL', () => {
  it('share sandboxes, cards, counters, the clock and card leases', async () => {
    expect(a.defaultSandbox.apiKey).toBe(b.defaultSandbox.apiKey);
    const key = a.defaultSandbox.apiKey;
    const h = { 'x-api-key': key, 'content-type': 'application/json' };
    const id = (
      (await (await fetch(`${urlA}/api/cards`, { method: 'POST', headers: h, body: '{}' })).json()) as {
        id: string;
      }
    ).id;
    expect(
      ((await (await fetch(`${urlB}/api/cards`, { headers: h })).json()) as { id: string }[]).map(
        (c) => c.id,
      ),
    ).toContain(id);

    // A terminal on instance A holds the card; a terminal on instance B is told where it is.
    const onA = await RemoteTransport.open({
      server: urlA,
      cardId: id,
      apiKey: key,
      terminal: 'kiosk:lawson',
      WebSocket: WS,
    });
    await expectCatalogError(
      RemoteTransport.open({
        server: urlB,
        cardId: id,
        apiKey: key,
        terminal: 'counter:13221',
        WebSocket: WS,
      }),
      'CARD_IN_USE',
      { terminal: 'kiosk:lawson' },
    );
    await expectCatalogError(new MynaCardClient(onA).verifyPin('sign', 'WRONG1'), 'PIN_WRONG', {
      triesLeft: 4,
    });
    await onA.close();
    // The close reaches instance A, which releases the card (wait on that state).
    await waitUntil(async () => (await a.runtime.server.lease(id)) === undefined, 'the card released on A');

    // Instance B reads the counter through APDUs: the failure on A is there.
    const status = (await (await fetch(`${urlB}/api/cards/${id}`, { headers: h })).json()) as {
      pins: { sign: { triesLeft: number } };
    };
    expect(status.pins.sign.triesLeft).toBe(4);
    const onB = await RemoteTransport.open({
      server: urlB,
      cardId: id,
      apiKey: key,
      terminal: 'counter:13221',
      WebSocket: WS,
    });
    await onB.close();

    // The clock set on one instance is the clock of the other.
    await fetch(`${urlA}/api/clock`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ action: 'freeze', at: '2028-02-29T12:00:00Z' }),
    });
    expect(((await (await fetch(`${urlB}/api/clock`, { headers: h })).json()) as { now: string }).now).toBe(
      '2028-02-29T12:00:00.000Z',
    );
  });
});
