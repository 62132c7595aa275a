import { buildServer, type SandboxServer } from '@myna/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Every route's validation through inject(): bad JSON, wrong types, unknown card, wrong API key, another sandbox's card. */
let s: SandboxServer;
let key: string;
let otherKey: string;
let cardId: string;
const h = () => ({ 'x-api-key': key });

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(3) });
  key = s.defaultSandbox.apiKey;
  const other = await s.app.inject({
    method: 'POST',
    url: '/api/sandboxes',
    payload: { name: 'other team' },
  });
  expect(other.statusCode).toBe(201);
  otherKey = other.json().apiKey;
  const r = await s.app.inject({ method: 'POST', url: '/api/cards', headers: h(), payload: {} });
  expect(r.statusCode).toBe(201);
  cardId = r.json().id;
});
afterAll(() => s.close());

const bad = (
  r: { statusCode: number; json(): { code: string; details: Record<string, unknown> } },
  status: number,
  code: string,
) => {
  expect(r.statusCode).toBe(status);
  expect(r.json().code).toBe(code);
  return r.json();
};

describe('authentication and isolation', () => {
  it.each([
    ['GET', '/api/cards'],
    ['POST', '/api/cards'],
    ['GET', '/api/clock'],
    ['POST', '/api/clock'],
    ['GET', '/api/sandbox'],
    ['GET', '/api/events'],
    ['GET', '/api/cards/card_x'],
    ['GET', '/api/cards/card_x/events'],
  ])('%s %s needs a valid API key', async (method, url) => {
    bad(await s.app.inject({ method: method as 'GET', url }), 401, 'API_KEY_INVALID');
    bad(
      await s.app.inject({ method: method as 'GET', url, headers: { 'x-api-key': 'myna_wrong' } }),
      401,
      'API_KEY_INVALID',
    );
  });

  it('accepts the key as Bearer token and as ?key=', async () => {
    expect(
      (await s.app.inject({ url: '/api/sandbox', headers: { authorization: `Bearer ${key}` } })).json().id,
    ).toBe('default');
    expect((await s.app.inject({ url: `/api/sandbox?key=${key}` })).json().id).toBe('default');
  });

  it("another sandbox's card is not found, and lists are separate", async () => {
    const o = { 'x-api-key': otherKey };
    bad(await s.app.inject({ url: `/api/cards/${cardId}`, headers: o }), 404, 'CARD_NOT_FOUND');
    bad(await s.app.inject({ url: `/api/cards/${cardId}/events`, headers: o }), 404, 'CARD_NOT_FOUND');
    expect((await s.app.inject({ url: '/api/cards', headers: o })).json()).toEqual([]);
    expect(
      (await s.app.inject({ url: '/api/cards', headers: h() })).json().map((c: { id: string }) => c.id),
    ).toContain(cardId);
  });
});

describe('validation: clear errors from the catalog, nothing changed', () => {
  it.each([
    ['not JSON', '{"kind":', 'body'],
    ['wrong type', JSON.stringify({ kind: 42 }), 'body/kind'],
    ['unknown kind', JSON.stringify({ kind: 'child' }), 'body/kind'],
    ['unknown field', JSON.stringify({ colour: 'red' }), 'body/colour'],
    ['PIN of the wrong format', JSON.stringify({ pins: { auth: '12x4' } }), 'body/pins/auth'],
    ['lower-case signature password', JSON.stringify({ pins: { sign: 'abc123' } }), 'body/pins/sign'],
    ['tries out of range', JSON.stringify({ initialTries: { auth: 9 } }), 'body/initialTries/auth'],
    ['bad date', JSON.stringify({ holder: { birthDate: '1990-13-45' } }), 'body/holder/birthDate'],
  ])('POST /api/cards with %s → 400 INVALID_ARGUMENT', async (_what, payload, field) => {
    const before = (await s.app.inject({ url: '/api/cards', headers: h() })).json().length;
    const body = bad(
      await s.app.inject({
        method: 'POST',
        url: '/api/cards',
        headers: { ...h(), 'content-type': 'application/json' },
        payload,
      }),
      400,
      'INVALID_ARGUMENT',
    );
    expect(String(body.details.field)).toBe(field);
    expect(JSON.stringify(body)).not.toMatch(/12x4|abc123/);
    expect((await s.app.inject({ url: '/api/cards', headers: h() })).json().length).toBe(before);
  });

  it('rules the schema cannot see still answer from the catalog (sign PIN without a digit)', async () => {
    const body = bad(
      await s.app.inject({
        method: 'POST',
        url: '/api/cards',
        headers: h(),
        payload: { pins: { sign: 'ABCDEFG' } },
      }),
      400,
      'PIN_FORMAT',
    );
    expect(body.details).toMatchObject({ pin: 'sign' });
    bad(
      await s.app.inject({
        method: 'POST',
        url: '/api/cards',
        headers: h(),
        payload: { kind: 'face-auth', pins: { auth: '1234' } },
      }),
      400,
      'PROFILE_INVALID',
    );
    bad(
      await s.app.inject({
        method: 'POST',
        url: '/api/cards',
        headers: h(),
        payload: { kind: 'adult', holder: { birthDate: '2020-01-01' } },
      }),
      400,
      'PROFILE_INVALID',
    );
  });

  it.each([
    ['unknown card', '/api/cards/card_nope', 404, 'CARD_NOT_FOUND'],
    ['bad id', '/api/cards/..%2Fetc', 400, 'INVALID_ARGUMENT'],
    ['bad query type', `/api/cards/CARD/events?after=minus`, 400, 'INVALID_ARGUMENT'],
    ['unknown route', '/api/frobnicate', 404, 'NOT_FOUND'],
  ])('%s', async (_what, url, status, code) => {
    bad(await s.app.inject({ url: url.replace('CARD', cardId), headers: h() }), status, code);
  });

  it('clock actions are validated', async () => {
    bad(
      await s.app.inject({ method: 'POST', url: '/api/clock', headers: h(), payload: { action: 'rewind' } }),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await s.app.inject({
        method: 'POST',
        url: '/api/clock',
        headers: h(),
        payload: { action: 'set', at: 'tomorrow' },
      }),
      400,
      'INVALID_ARGUMENT',
    );
    bad(
      await s.app.inject({ method: 'POST', url: '/api/sandboxes', payload: { name: '' } }),
      400,
      'INVALID_ARGUMENT',
    );
  });
});

describe('cards in any state, through personalisation', () => {
  it('one try left, blocked, revoked, held, suspended, under-15, face-auth', async () => {
    const issue = async (payload: object) => {
      const r = await s.app.inject({ method: 'POST', url: '/api/cards', headers: h(), payload });
      expect(r.statusCode, r.body).toBe(201);
      return (await s.app.inject({ url: `/api/cards/${r.json().id}`, headers: h() })).json();
    };
    expect((await issue({ initialTries: { auth: 1, sign: 0 } })).pins).toMatchObject({
      auth: { triesLeft: 1, blocked: false },
      sign: { triesLeft: 0, blocked: true },
    });
    const revoked = await issue({ certificates: { sign: 'revoked' } });
    expect(
      revoked.certificates.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`),
    ).toEqual(['auth:good', 'sign:revoked']);
    const lost = await issue({ suspended: true });
    expect(lost.card.status).toBe('suspended');
    expect(lost.certificates.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`)).toEqual([
      'auth:hold',
      'sign:hold',
    ]);
    expect((await issue({ kind: 'under-15' })).certificates).toHaveLength(1);
    expect(
      Object.values((await issue({ kind: 'face-auth' })).pins).every((p) => !(p as { set: boolean }).set),
    ).toBe(true);
  });

  it('with another ATR profile, or speaking T=0: the status shows the chip ATR; an unknown profile is 400', async () => {
    const issue = async (payload: object) => {
      const r = await s.app.inject({ method: 'POST', url: '/api/cards', headers: h(), payload });
      expect(r.statusCode, r.body).toBe(201);
      return (await s.app.inject({ url: `/api/cards/${r.json().id}`, headers: h() })).json();
    };
    expect((await issue({})).chip).toEqual({
      atrProfile: 'contact',
      atr: '3BE000FF8131FE4514',
      protocol: 'T=1',
    });
    expect((await issue({ atr: 'contactless-06' })).chip).toEqual({
      atrProfile: 'contactless-06',
      atr: '3B888001000005E0B381A1007F',
      protocol: 'T=1',
    });
    const t0 = await issue({ atr: 'contact-t0', kind: 'under-15' });
    expect(t0.chip).toEqual({ atrProfile: 'contact-t0', atr: '3B6000FF', protocol: 'T=0' });
    // PIN status read through APDUs on the T=0 chip; the under-15 signature password is not set.
    expect(t0.pins.auth).toMatchObject({ set: true, triesLeft: 3 });
    expect(t0.pins.sign).toMatchObject({ set: false });
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/cards',
      headers: h(),
      payload: { atr: 'contact-99' },
    });
    expect(r.statusCode).toBe(400);
  });
});

describe('the clock', () => {
  it('freezes, advances and sets sandbox time, persisted for the sandbox', async () => {
    const post = (payload: object) =>
      s.app.inject({ method: 'POST', url: '/api/clock', headers: h(), payload });
    expect((await post({ action: 'freeze', at: '2027-01-01T00:00:00Z' })).json()).toEqual({
      now: '2027-01-01T00:00:00.000Z',
      frozen: true,
    });
    expect((await post({ action: 'advance', ms: 3_600_000 })).json().now).toBe('2027-01-01T01:00:00.000Z');
    expect((await s.app.inject({ url: '/api/clock', headers: h() })).json().now).toBe(
      '2027-01-01T01:00:00.000Z',
    );
    const other = (await s.app.inject({ url: '/api/clock', headers: { 'x-api-key': otherKey } })).json();
    expect(other.frozen).toBe(false);
    const running = (await post({ action: 'unfreeze' })).json();
    expect(running.frozen).toBe(false);
    await post({ action: 'set', at: new Date().toISOString() });
  });
});

describe('OpenAPI and health', () => {
  it('publishes /openapi.json with the routes and /docs', async () => {
    const spec = (await s.app.inject({ url: '/openapi.json' })).json();
    expect(spec.openapi).toBe('3.0.3');
    for (const p of ['/api/cards', '/api/cards/{id}', '/api/clock', '/api/events', '/api/events/stream'])
      expect(spec.paths).toHaveProperty([p]);
    expect((await s.app.inject({ url: '/docs/' })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
  });
});
