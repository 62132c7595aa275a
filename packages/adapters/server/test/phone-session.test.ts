import { MynaCardClient, RemoteTransport, type WebSocketConstructor } from '@myna/client';
import { buildServer, type SandboxServer } from '@myna/server';
import { expectCatalogError } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/** A smartphone element (スマホ用電子証明書) over the WebSocket card session, like a card. */
const WS = WebSocket as unknown as WebSocketConstructor;
let s: SandboxServer;
let base: string;
let key: string;

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(7) });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  key = s.defaultSandbox.apiKey;
});
afterAll(() => s.close());

async function post(url: string, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

describe('phone element over a remote session', () => {
  it('answers the phone token, needs the phone PIN for the user-auth certificate, counts its own tries', async () => {
    const card = await post('/api/cards', {});
    expect(card.status).toBe(201);
    const phone = await post(`/api/cards/${card.json.id}/phones`, {
      platform: 'android',
      cardSignPin: 'ABC123',
      phonePins: { auth: '9876', sign: 'PHONE123' },
    });
    expect(phone.status).toBe(201);
    const id = (phone.json.phone as { id: string }).id;
    const t = await RemoteTransport.open({
      server: base,
      cardId: id,
      apiKey: key,
      terminal: 'jpki-reader',
      WebSocket: WS,
    });
    try {
      const c = new MynaCardClient(t);
      expect(await c.tokenLabel()).toBe('JPKIAPGPSETOKEN');
      await expectCatalogError(c.readCertificate('auth'), 'PIN_NOT_VERIFIED');
      await expectCatalogError(c.verifyPin('auth', '0000'), 'PIN_WRONG', { triesLeft: 2 });
      await c.verifyPin('auth', '9876');
      expect((await c.readCertificate('auth')).length).toBeGreaterThan(1000);
    } finally {
      await t.close();
    }
  });
});
