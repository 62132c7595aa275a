import { readFileSync } from 'node:fs';
import { MynaCardClient, RemoteTransport, type WebSocketConstructor } from '@myna/client';
import { buildServer, type SandboxServer, SESSION_IDLE_MS } from '@myna/server';
import { CARD_LEASE_MS } from '@myna/services';
import { expectCatalogError, waitUntil } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/** Remote card sessions over a real socket, with the `ws` package as the client's WebSocket. */
const WS = WebSocket as unknown as WebSocketConstructor;
let s: SandboxServer;
let base: string;
let key: string;

beforeAll(async () => {
  s = await buildServer({
    databaseUrl: 'sqlite::memory:',
    masterKey: new Uint8Array(32).fill(4),
    eventPollMs: 50,
  });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  key = s.defaultSandbox.apiKey;
});
afterAll(() => s.close());

async function issue(payload: object = {}): Promise<string> {
  const r = await fetch(`${base}/api/cards`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

describe('remote card sessions (WebSocket)', () => {
  it('carries APDUs in order; the client SDK works over it; PIN events carry the terminal', async () => {
    const id = await issue();
    const t = await RemoteTransport.open({
      server: base,
      cardId: id,
      apiKey: key,
      terminal: 'rp-demo:login',
      WebSocket: WS,
    });
    expect(t.atr).toBe('3BE000FF8131FE4514');
    const c = new MynaCardClient(t);
    await expectCatalogError(c.verifyPin('auth', '9999'), 'PIN_WRONG', { triesLeft: 2 });
    const sig = await c.sign('auth', new TextEncoder().encode('challenge'), { pin: '1234' });
    expect(sig.length).toBe(256);
    // Many APDUs in flight keep their order: 20 READ BINARYs of the user-auth certificate's EF
    // (selected by the SFI read), each at its own offset and length, each answered with its slice.
    const ef = await c.readEf('jpki', 0x0a);
    const reads = Array.from({ length: 20 }, (_, i) => ({ offset: 11 * i, le: 1 + i }));
    expect(ef.length).toBeGreaterThan(11 * 19 + 20);
    const rs = await Promise.all(
      reads.map(({ offset, le }) => t.transmit(Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, le))),
    );
    const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(rs.map(hexOf)).toEqual(
      reads.map(({ offset, le }) => `${hexOf(ef.subarray(offset, offset + le))}9000`),
    );
    // A status query (no data) spends no try and is not logged.
    expect(hexOf(await t.transmit(Buffer.from('00200098', 'hex')))).toBe('63c3');
    await t.close();
    const events = (await (
      await fetch(`${base}/api/cards/${id}/events`, { headers: { 'x-api-key': key } })
    ).json()) as {
      type: string;
      terminal: string;
    }[];
    expect(events.map((e) => `${e.type}@${e.terminal}`)).toEqual([
      'pin.failed@rp-demo:login',
      'pin.verified@rp-demo:login',
    ]);
  });

  it('holds the card like a reader: a second terminal gets "card in use at …" until the first lets go', async () => {
    const id = await issue();
    const first = await RemoteTransport.open({
      server: base,
      cardId: id,
      apiKey: key,
      terminal: 'kiosk:seven-eleven',
      WebSocket: WS,
    });
    await expectCatalogError(
      RemoteTransport.open({
        server: base,
        cardId: id,
        apiKey: key,
        terminal: 'app:jpki-reset',
        WebSocket: WS,
      }),
      'CARD_IN_USE',
      { terminal: 'kiosk:seven-eleven' },
    );
    await first.close();
    const second = await RemoteTransport.open({
      server: base,
      cardId: id,
      apiKey: key,
      terminal: 'app:jpki-reset',
      WebSocket: WS,
    });
    expect(
      Buffer.from(await second.transmit(Buffer.from('00A4040C0AD392F000260100000001', 'hex'))).toString(
        'hex',
      ),
    ).toBe('9000');
    await second.close();
  });

  it('close() resolves once the server has released the card: reopening at once never finds it in use', async () => {
    const id = await issue();
    const open = (terminal: string) =>
      RemoteTransport.open({ server: base, cardId: id, apiKey: key, terminal, WebSocket: WS });
    for (let i = 0; i < 40; i++) {
      const t = await open(`flow:${i}`);
      // An APDU in flight when close() is called is answered before the card is let go.
      const answer = t.transmit(Buffer.from('00A4040C0AD392F000260100000001', 'hex'));
      await t.close();
      expect(Buffer.from(await answer).toString('hex')).toBe('9000');
      expect(await s.runtime.server.lease(id)).toBeUndefined();
    }
    // A closed transport refuses APDUs; closing twice is harmless.
    const last = await open('flow:last');
    await last.close();
    await last.close();
    await expectCatalogError(last.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c)), 'TRANSPORT_ERROR');
  });

  it('refuses unknown cards, wrong keys and other sandboxes’ cards', async () => {
    const id = await issue();
    await expectCatalogError(
      RemoteTransport.open({ server: base, cardId: 'card_nope', apiKey: key, terminal: 't', WebSocket: WS }),
      'CARD_NOT_FOUND',
    );
    await expectCatalogError(
      RemoteTransport.open({ server: base, cardId: id, apiKey: 'myna_bad', terminal: 't', WebSocket: WS }),
      'TRANSPORT_ERROR',
    );
    const other = (await (
      await fetch(`${base}/api/sandboxes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"x"}',
      })
    ).json()) as {
      apiKey: string;
    };
    await expectCatalogError(
      RemoteTransport.open({ server: base, cardId: id, apiKey: other.apiKey, terminal: 't', WebSocket: WS }),
      'CARD_NOT_FOUND',
    );
  });

  it('releases the card when the session goes idle', async () => {
    const quick = await buildServer({
      databaseUrl: 'sqlite::memory:',
      masterKey: new Uint8Array(32).fill(5),
      session: { idleMs: 150, leaseMs: 60_000 },
    });
    const url = await quick.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const k = quick.defaultSandbox.apiKey;
      const r = await fetch(`${url}/api/cards`, {
        method: 'POST',
        headers: { 'x-api-key': k, 'content-type': 'application/json' },
        body: '{}',
      });
      const id = ((await r.json()) as { id: string }).id;
      const idle = await RemoteTransport.open({
        server: url,
        cardId: id,
        apiKey: k,
        terminal: 'sleepy',
        WebSocket: WS,
      });
      await new Promise((res) => setTimeout(res, 400));
      await expectCatalogError(idle.transmit(Buffer.from('00200098', 'hex')), 'TRANSPORT_ERROR');
      const next = await RemoteTransport.open({
        server: url,
        cardId: id,
        apiKey: k,
        terminal: 'awake',
        WebSocket: WS,
      });
      await next.close();
    } finally {
      await quick.close();
    }
  });
});

describe('a silent session keeps its card (issue 11 item 3)', () => {
  it('renews the lease on WebSocket pong: held past its lease time until the session goes idle', async () => {
    const leaseMs = 300;
    const quick = await buildServer({
      databaseUrl: 'sqlite::memory:',
      masterKey: new Uint8Array(32).fill(6),
      session: { leaseMs, idleMs: 60_000 },
    });
    const url = await quick.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const k = quick.defaultSandbox.apiKey;
      const r = await fetch(`${url}/api/cards`, {
        method: 'POST',
        headers: { 'x-api-key': k, 'content-type': 'application/json' },
        body: '{}',
      });
      const id = ((await r.json()) as { id: string }).id;
      const silent = await RemoteTransport.open({
        server: url,
        cardId: id,
        apiKey: k,
        terminal: 'silent',
        WebSocket: WS,
      });
      const first = (await quick.runtime.server.lease(id))!;
      // Wait on the lease row: renewed past the end of its first lease time (or expired, if nothing renews it).
      const renewed = await waitUntil(
        async () => {
          const l = await quick.runtime.server.lease(id);
          return (l && l.expiresAtMs > first.expiresAtMs + leaseMs) ||
            Date.now() >= first.expiresAtMs + leaseMs
            ? (l ?? first)
            : undefined;
        },
        'the lease renewed past its first lease time, or that time over',
        { timeoutMs: 3 * leaseMs + 5_000, intervalMs: 20 },
      );
      const now = renewed;
      expect(now.holder).toBe(first.holder);
      expect(now.expiresAtMs).toBeGreaterThan(first.expiresAtMs + leaseMs);
      await expect(
        RemoteTransport.open({ server: url, cardId: id, apiKey: k, terminal: 'intruder', WebSocket: WS }),
      ).rejects.toMatchObject({ code: 'CARD_IN_USE', details: { terminal: 'silent' } });
      // The silent terminal still has the card.
      expect(
        Buffer.from(await silent.transmit(Buffer.from('00A4040C0AD392F000260100000001', 'hex'))).toString(
          'hex',
        ),
      ).toBe('9000');
      await silent.close();
    } finally {
      await quick.close();
    }
  });

  it('the documented times are the code’s', async () => {
    const api = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8').replace(
      /\s+/g,
      ' ',
    );
    expect(SESSION_IDLE_MS).toBe(120_000);
    expect(CARD_LEASE_MS).toBe(30_000);
    expect(api).toContain('after 2 minutes without a message');
    expect(api).toContain(`lease expires (${CARD_LEASE_MS / 1000} s)`);
  });
});

describe('live events (Server-Sent Events)', () => {
  it('streams PIN events with their terminal as they happen', async () => {
    const id = await issue();
    const ac = new AbortController();
    const res = await fetch(`${base}/api/events/stream?card=${id}&key=${key}`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const t = await RemoteTransport.open({
      server: base,
      cardId: id,
      apiKey: key,
      terminal: 'stream-test',
      WebSocket: WS,
    });
    const c = new MynaCardClient(t);
    await c.verifyPin('kenhojo', '0000').catch(() => undefined);
    let text = '';
    const deadline = Date.now() + 5000;
    while (!text.includes('pin.failed') && Date.now() < deadline) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    ac.abort();
    await t.close();
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('event: card-event'))
      .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { type: string });
    expect(events.find((e) => e.type === 'pin.failed')).toMatchObject({
      pin: 'kenhojo',
      triesLeft: 2,
      terminal: 'stream-test',
    });
    expect(text).toMatch(/^id: \d+$/m);
  });
});
