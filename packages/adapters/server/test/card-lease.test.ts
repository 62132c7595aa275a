import { RemoteTransport, type WebSocketConstructor } from '@myna/client';
import { buildServer, type SandboxServer } from '@myna/server';
import { waitUntil } from '@myna/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * One terminal per card on every path (issue 11 item 1): while a WebSocket session holds a card,
 * every HTTP route that talks to the card (relying party, reset app, support guide, kiosk,
 * counter, the console's status read) answers CARD_IN_USE naming the holding terminal, and
 * spends nothing.
 */
const WS = WebSocket as unknown as WebSocketConstructor;
let s: SandboxServer;
let base: string;
let key: string;

type Json = Record<string, unknown> & { code?: string; details?: Record<string, unknown> };
async function call(method: string, path: string, body?: object, extra: Record<string, string> = {}) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}), ...extra },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, json: (await r.json()) as Json };
}

/** Next Tuesday, 10:00 JST: kiosks and the counter are open. */
function tuesdayMorning(): string {
  const d = new Date(Date.now() + 9 * 3600_000);
  d.setUTCDate(d.getUTCDate() + 1 + ((8 - d.getUTCDay()) % 7));
  return `${d.toISOString().slice(0, 10)}T10:00:00+09:00`;
}

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(12) });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  key = s.defaultSandbox.apiKey;
  expect((await call('POST', '/api/clock', { action: 'freeze', at: tuesdayMorning() })).status).toBe(200);
});
afterAll(() => s.close());

async function released(cardId: string): Promise<void> {
  await waitUntil(
    async () => (await s.runtime.server.lease(cardId)) === undefined,
    `the lease of ${cardId} released`,
  );
  expect(await s.runtime.server.lease(cardId)).toBeUndefined();
}

describe('a card held by a terminal is held on every path', () => {
  it('HTTP routes answer CARD_IN_USE with the holding terminal and spend nothing', async () => {
    const card = (await call('POST', '/api/cards', {})).json as { id: string };
    const id = card.id;
    const inUse = (r: { status: number; json: Json }) => {
      expect(r.status, JSON.stringify(r.json)).toBe(409);
      expect(r.json).toMatchObject({ code: 'CARD_IN_USE', details: { terminal: 'holder:app' } });
    };
    // Counter staff, before the card is taken.
    const sup = { id: 'sato.sup', name: '佐藤　主任', role: 'supervisor', password: 'correct horse battery' };
    expect((await call('POST', '/api/counter/staff', sup)).status).toBe(201);
    const token = (
      await call('POST', '/api/counter/login', { id: sup.id, password: sup.password, window: '1' })
    ).json.token as string;
    const counter = { 'x-counter-session': token };
    const opened = await call(
      'POST',
      '/api/counter/procedures',
      { cardId: id, kind: 'pin-reset', applicant: { role: 'holder' }, pins: ['auth'] },
      counter,
    );
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);

    const holder = await RemoteTransport.open({
      server: base,
      cardId: id,
      apiKey: key,
      terminal: 'holder:app',
      WebSocket: WS,
    });

    inUse(
      await call('POST', '/api/rp/registrations', {
        cardId: id,
        mode: 'risky',
        input: { route: 'four-digit', authPin: '9999', kenhojoPin: '9999' },
      }),
    );
    inUse(
      await call('POST', '/api/phone/reservations', {
        cardId: id,
        pin: 'sign',
        otherPin: '9999',
        selfie: 'holder',
      }),
    );
    inUse(await call('GET', `/api/cards/${id}/diagnosis`));
    inUse(await call('GET', `/api/cards/${id}`));
    inUse(
      await call(
        'POST',
        `/api/counter/procedures/${opened.json.id as string}/identity`,
        {
          selfie: 'holder',
          photoId: { kind: 'driver-license', name: '山田　太郎', birthDate: '1985-04-01' },
        },
        counter,
      ),
    );
    // The kiosk shows it on its screen, as the machine would; the card stays with its holder.
    const k = (await call('POST', '/api/kiosks', { chain: 'seven-eleven' })).json as { kioskId: string };
    for (const a of [
      { action: 'administrative-services' },
      { action: 'password-reset' },
      { action: 'choose-pin', pin: 'sign' },
      { action: 'agree' },
    ])
      expect((await call('POST', `/api/kiosks/${k.kioskId}/actions`, a)).status).toBe(200);
    const placed = await call('POST', `/api/kiosks/${k.kioskId}/actions`, {
      action: 'place-card',
      cardId: id,
    });
    expect(placed.status).toBe(200);
    expect(placed.json.screen).toMatchObject({
      id: 'ERROR',
      card: 'none',
      error: { code: 'CARD_IN_USE', details: { terminal: 'holder:app' } },
    });

    await holder.close();
    await released(id);
    // Nothing was spent, and no PIN event was written by anyone but the holder (none at all).
    const st = await call('GET', `/api/cards/${id}`);
    expect(st.status).toBe(200);
    expect(st.json.pins).toMatchObject({
      auth: { triesLeft: 3 },
      kenhojo: { triesLeft: 3 },
      sign: { triesLeft: 5 },
    });
    const events = (await call('GET', `/api/cards/${id}/events`)).json as unknown as { type: string }[];
    expect(events.filter((e) => e.type.startsWith('pin.') && e.type !== 'pin.checked')).toEqual([]);
  });
});
