import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildServer, type SandboxServer } from '@myna/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * Bad input gets a catalogued 4xx and changes nothing (issue 11, items 6–10 and 13): JSON bodies
 * are not coerced, query strings are parsed strictly, Fastify's and Node's own refusals answer
 * from the catalog without echoing the URL, validation names the right field, issuance refuses
 * impossible holders, a 400 writes no audit row, the clock is bounded and can go back to real
 * time, and a locked PIN says whether the attempt counted. Through inject() and a real socket.
 */
let s: SandboxServer;
let key: string;
let base: string;
const h = (extra: Record<string, string> = {}) => ({ 'x-api-key': key, ...extra });

type Res = Awaited<ReturnType<SandboxServer['app']['inject']>>;
const bad = (r: Res, status: number, code: string) => {
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json() as {
    code: string;
    message: string;
    messageJa: string;
    details: Record<string, unknown>;
  };
  expect(body.code).toBe(code);
  expect(body.message).toEqual(expect.any(String));
  expect(body.messageJa).toEqual(expect.any(String));
  return body;
};
const ok = (r: Res, status = 200) => {
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
const post = (url: string, payload: unknown, headers: Record<string, string> = h()) =>
  s.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  }) as Promise<Res>;
const get = (url: string, headers: Record<string, string> = h()) =>
  s.app.inject({ url, headers }) as Promise<Res>;
const tries = async (id: string, pin: string): Promise<number> =>
  ok(await get(`/api/cards/${id}`)).pins[pin].triesLeft;

function tuesdayMorning(): string {
  const d = new Date(Date.now() + 9 * 3600_000);
  d.setUTCDate(d.getUTCDate() + 1 + ((8 - d.getUTCDay()) % 7));
  return `${d.toISOString().slice(0, 10)}T10:00:00+09:00`;
}

let cardId: string;
const pem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END CERTIFICATE-----\n`;

beforeAll(async () => {
  s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(7) });
  key = s.defaultSandbox.apiKey;
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  cardId = ok(await post('/api/cards', {}), 201).id;
});
afterAll(() => s.close());

describe('item 6: JSON bodies are not coerced, query strings are strict', () => {
  it.each([
    ['a number', 9999],
    ['a list', ['9999']],
  ])('authPin as %s is no PIN: 400, no try spent', async (_what, authPin) => {
    const body = bad(
      await post('/api/rp/registrations', {
        cardId,
        mode: 'safe',
        input: { route: 'four-digit', authPin, kenhojoSameAsAuth: true },
      }),
      400,
      'INVALID_ARGUMENT',
    );
    expect(body.details.field).toBe('body/input/authPin');
    expect(JSON.stringify(body)).not.toContain('9999');
    expect(await tries(cardId, 'auth')).toBe(3);
  });

  it('confirmLastTry: 1 is no consent', async () => {
    const body = bad(
      await post('/api/phone/reservations', {
        cardId,
        pin: 'sign',
        otherPin: '1234',
        selfie: 'holder',
        confirmLastTry: 1,
      }),
      400,
      'INVALID_ARGUMENT',
    );
    expect(body.details.field).toBe('body/confirmLastTry');
    expect(await tries(cardId, 'auth')).toBe(3);
  });

  it('{"action":"advance","ms":true} does not move the clock', async () => {
    ok(await post('/api/clock', { action: 'freeze', at: tuesdayMorning() }));
    const before = ok(await get('/api/clock')).now;
    const body = bad(await post('/api/clock', { action: 'advance', ms: true }), 400, 'INVALID_ARGUMENT');
    expect(body.details.field).toBe('body/ms');
    expect(
      bad(await post('/api/clock', { action: 'advance', ms: '60000' }), 400, 'INVALID_ARGUMENT').details
        .field,
    ).toBe('body/ms');
    expect(ok(await get('/api/clock')).now).toBe(before);
  });

  it.each(['Infinity', '1e400', '0x10', '1e3', '%2012', '10.5', '-0x1'])(
    'limit=%s is 400 INVALID_ARGUMENT (not 500)',
    async (limit) => {
      const body = bad(await get(`/api/events?limit=${limit}`), 400, 'INVALID_ARGUMENT');
      expect(body.details.field).toBe('querystring/limit');
    },
  );

  it('plain numerals in the query still work', async () => {
    expect(ok(await get('/api/events?limit=10&after=0'))).toEqual(expect.any(Array));
    expect(ok(await get(`/api/cards/${cardId}/events?limit=1000`))).toEqual(expect.any(Array));
  });
});

describe("item 7: Fastify's and Node's refusals answer from the catalog and never echo the URL", () => {
  it('a malformed URL (%ZZ)', async () => {
    const r = (await s.app.inject({ url: '/api/%ZZ?key=SECRET-KEY-1' })) as Res;
    const body = bad(r, 400, 'INVALID_ARGUMENT');
    expect(body.details.field).toBe('url');
    expect(r.body).not.toContain('SECRET-KEY-1');
  });

  it('a path segment over the limit: 414 URL_TOO_LONG', async () => {
    const r = (await s.app.inject({ url: `/api/cards/${'a'.repeat(300)}?key=SECRET-KEY-2` })) as Res;
    bad(r, 414, 'URL_TOO_LONG');
    expect(r.body).not.toContain('SECRET-KEY-2');
  });

  it('headers over Node’s limit: 431 HEADERS_TOO_LARGE on a real socket', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/api/cards?key=SECRET-KEY-3`, {
        headers: { 'x-padding': 'x'.repeat(20_000) },
      });
      req.on('response', (r) => {
        let body = '';
        r.on('data', (c) => {
          body += c;
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'HEADERS_TOO_LARGE', messageJa: expect.any(String) });
    expect(res.body).not.toContain('SECRET-KEY-3');
  });

  it('the public authority paths answer a full catalog error', async () => {
    bad(await get('/s/default/nothing', {}), 404, 'NOT_FOUND');
    bad(await get('/s/default/crl/other.crl', {}), 400, 'INVALID_ARGUMENT');
    bad(await get('/s/no-such-sandbox/ca/auth.cer', {}), 404, 'SANDBOX_NOT_FOUND');
    const ca = await get('/s/default/ca/auth.cer', {});
    expect(ca.statusCode).toBe(200);
    expect(ca.headers['content-type']).toBe('application/pkix-cert');
    expect((await get('/s/default/crl/sign.crl', {})).headers['content-type']).toBe('application/pkix-crl');
  });

  it('the OCSP responder answers openssl over the documented POST route', async () => {
    ok(await post('/api/clock', { action: 'real-time' })); // openssl checks thisUpdate against real time
    const dir = mkdtempSync(join(tmpdir(), 'myna-ocsp-http-'));
    try {
      const sb = await s.runtime.get('default');
      const cert = (await sb.store.listCertificates('default', { cardId, kind: 'auth' }))[0]!;
      const ca = new Uint8Array((await get('/s/default/ca/auth.cer', {})).rawPayload);
      writeFileSync(join(dir, 'ca.pem'), pem(ca));
      writeFileSync(join(dir, 'leaf.pem'), pem(cert.der));
      const r = await promisify(execFile)(
        'openssl',
        [
          'ocsp',
          '-url',
          `${base}/s/default/ocsp`,
          '-issuer',
          'ca.pem',
          '-cert',
          'leaf.pem',
          '-CAfile',
          'ca.pem',
        ],
        { cwd: dir },
      );
      expect(r.stdout + r.stderr).toContain('Response verify OK');
      expect(r.stdout).toMatch(/leaf\.pem: good/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a non-JSON WebSocket text frame answers INVALID_ARGUMENT, not INTERNAL', async () => {
    const ws = new WebSocket(
      `${base.replace('http', 'ws')}/api/cards/${cardId}/session?key=${key}&terminal=t1`,
    );
    const messages: { type: string; code?: string }[] = [];
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data, binary) => {
      if (binary) return;
      const m = JSON.parse(String(data));
      messages.push(m);
      if (m.type === 'ready') ws.send('this is not JSON');
    });
    const code = await closed;
    expect(messages.map((m) => m.type)).toEqual(['ready', 'error']);
    expect(messages[1]).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'message' } });
    expect(code).toBe(4400);
  });
});

describe('item 8: issuance refuses impossible holders with field and rule; validation names the field', () => {
  it.each([
    ['a future birth date', { holder: { birthDate: '2030-01-01' } }, 'birthDate'],
    ['a future birth date, under-15', { kind: 'under-15', holder: { birthDate: '2030-01-01' } }, 'birthDate'],
    ['a name without the U+3000 separator', { holder: { name: '山田太郎' } }, 'name'],
  ])(
    '%s: 400 PROFILE_INVALID naming the field and the rule, nothing issued',
    async (_what, payload, field) => {
      const before = ok(await get('/api/cards')).length;
      const body = bad(await post('/api/cards', payload), 400, 'PROFILE_INVALID');
      expect(body.details).toMatchObject({ field, rule: expect.any(String) });
      expect(ok(await get('/api/cards')).length).toBe(before);
    },
  );

  it('a name of 300 characters, an impossible day: the schema names the field', async () => {
    expect(
      bad(await post('/api/cards', { holder: { name: '山'.repeat(300) } }), 400, 'INVALID_ARGUMENT').details,
    ).toMatchObject({
      field: 'body/holder/name',
      rule: expect.stringContaining('100'),
    });
    expect(
      bad(await post('/api/cards', { holder: { birthDate: '1985-02-30' } }), 400, 'INVALID_ARGUMENT').details
        .field,
    ).toBe('body/holder/birthDate');
  });

  it('a bad `at` is named body/at, an unknown action body/action with the choices', async () => {
    expect(
      bad(await post('/api/clock', { action: 'set', at: 'tomorrow' }), 400, 'INVALID_ARGUMENT').details,
    ).toMatchObject({
      field: 'body/at',
      rule: expect.stringContaining('date-time'),
    });
    expect(bad(await post('/api/clock', { action: 'rewind' }), 400, 'INVALID_ARGUMENT').details).toEqual({
      field: 'body/action',
      rule: 'one of freeze, unfreeze, set, advance, real-time',
    });
    expect(
      bad(await post('/api/clock', { action: 'unfreeze', at: 'x' }), 400, 'INVALID_ARGUMENT').details.field,
    ).toBe('body/at');
  });

  it("the kiosk's touches: the field of the touch the action names; a PIN as a number is no PIN", async () => {
    ok(await post('/api/clock', { action: 'freeze', at: tuesdayMorning() }));
    const kiosk = ok(await post('/api/kiosks', { chain: 'seven-eleven' }), 201);
    const touch = (body: object) => post(`/api/kiosks/${kiosk.kioskId}/actions`, body);
    expect(
      bad(await touch({ action: 'other-pin', value: 1234 }), 400, 'INVALID_ARGUMENT').details.field,
    ).toBe('body/value');
    expect(
      bad(await touch({ action: 'other-pin', value: '1234', confirmLastTry: 'yes' }), 400, 'INVALID_ARGUMENT')
        .details.field,
    ).toBe('body/confirmLastTry');
    expect(bad(await touch({ action: 'place-card' }), 400, 'INVALID_ARGUMENT').details).toEqual({
      field: 'body/cardId',
      rule: 'required',
    });
    expect(ok(await get(`/api/kiosks/${kiosk.kioskId}`)).screen.id).toBe('K1');
  });

  it('an unknown property is named', async () => {
    expect(bad(await post('/api/cards', { colour: 'red' }), 400, 'INVALID_ARGUMENT').details).toEqual({
      field: 'body/colour',
      rule: 'unknown property (not allowed)',
    });
    expect(
      bad(
        await post('/api/cards', { holder: { name: '山田　太郎', nickname: 'x' } }),
        400,
        'INVALID_ARGUMENT',
      ).details.field,
    ).toBe('body/holder/nickname');
  });
});

describe('item 9: a 400 at the counter writes no audit row', () => {
  it('POST /api/counter/procedures refused as input leaves the timeline as it was', async () => {
    ok(await post('/api/clock', { action: 'freeze', at: tuesdayMorning() }));
    ok(
      await post('/api/counter/staff', {
        id: 'sup01',
        name: '窓口　花子',
        role: 'supervisor',
        password: 'correct-horse-1',
      }),
      201,
    );
    const { token } = ok(await post('/api/counter/login', { id: 'sup01', password: 'correct-horse-1' }));
    const staff = h({ 'x-counter-session': token });
    const before = ok(await get(`/api/cards/${cardId}/timeline`)).length;
    const open = (body: object) =>
      post('/api/counter/procedures', { cardId, applicant: { role: 'holder' }, ...body }, staff);
    // Past the schema, refused by the counter's own input rules (pin-reset needs PINs, pin-change one).
    bad(await open({ kind: 'pin-reset' }), 400, 'INVALID_ARGUMENT');
    bad(await open({ kind: 'pin-change', pins: [] }), 400, 'INVALID_ARGUMENT');
    // Refused by the schema.
    bad(await open({ kind: 'pin-reset', pins: 'auth' }), 400, 'INVALID_ARGUMENT');
    expect(ok(await get(`/api/cards/${cardId}/timeline`)).length).toBe(before);
    // What the clerk did is still audited.
    ok(await open({ kind: 'pin-reset', pins: ['auth'] }), 201);
    expect(ok(await get(`/api/cards/${cardId}/timeline`)).length).toBe(before + 1);
  });
});

describe('item 10: sandbox time is bounded and can go back to real time', () => {
  it('refuses a time before the sandbox existed or too far ahead, and changes nothing', async () => {
    const frozen = ok(await post('/api/clock', { action: 'freeze', at: tuesdayMorning() }));
    const back = bad(
      await post('/api/clock', { action: 'set', at: '1990-01-01T00:00:00Z' }),
      400,
      'CLOCK_OUT_OF_RANGE',
    );
    expect(back.details).toMatchObject({
      field: 'body/at',
      earliest: expect.any(String),
      latest: expect.any(String),
    });
    expect(Date.parse(String(back.details.earliest))).toBeLessThan(Date.now());
    bad(
      await post('/api/clock', { action: 'freeze', at: '2100-01-01T00:00:00Z' }),
      400,
      'CLOCK_OUT_OF_RANGE',
    );
    expect(
      bad(await post('/api/clock', { action: 'advance', ms: -3e11 }), 400, 'CLOCK_OUT_OF_RANGE').details
        .field,
    ).toBe('body/ms');
    expect(ok(await get('/api/clock'))).toEqual(frozen);
    // Within the bounds: ten years ahead (a card's lifetime).
    ok(await post('/api/clock', { action: 'advance', ms: 10 * 365 * 86_400_000 }));
  });

  it('{"action":"real-time"} unfreezes and removes the offset', async () => {
    ok(await post('/api/clock', { action: 'freeze', at: '2030-06-01T00:00:00Z' }));
    const t0 = Date.now();
    const r = ok(await post('/api/clock', { action: 'real-time' }));
    expect(r.frozen).toBe(false);
    expect(Date.parse(r.now)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(Date.parse(r.now)).toBeLessThanOrEqual(Date.now() + 1000);
    const later = ok(await get('/api/clock'));
    expect(Math.abs(Date.parse(later.now) - Date.now())).toBeLessThan(2000);
  });
});

describe('item 13: PIN_BLOCKED says whether the attempt counted', () => {
  it('the try that locks counts; a refusal of a locked PIN does not', async () => {
    ok(await post('/api/clock', { action: 'real-time' }));
    const id = ok(await post('/api/cards', { initialTries: { auth: 1 } }), 201).id;
    const register = () =>
      post('/api/rp/registrations', {
        cardId: id,
        mode: 'risky',
        input: { route: 'four-digit', authPin: '0000', kenhojoSameAsAuth: true, confirmLastTry: ['auth'] },
      });
    const first = ok(await register());
    expect(first).toMatchObject({ status: 'pin-locked', pin: 'auth', counted: true });
    expect(await tries(id, 'auth')).toBe(0);
    const second = ok(await register());
    expect(second).toMatchObject({ status: 'pin-locked', pin: 'auth', counted: false });
  });
});
