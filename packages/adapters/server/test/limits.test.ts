import { Writable } from 'node:stream';
import { buildServer } from '@myna/server';
import { describe, expect, it } from 'vitest';

/** Issue 11 item 12: no API key in logs, a request timeout, bounded sandbox cache and anonymous creation. */
const masterKey = new Uint8Array(32).fill(13);

describe('logs', () => {
  it('never carry the API key of a ?key= URL (EventSource, WebSocket), at info level', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const s = await buildServer({
      databaseUrl: 'sqlite::memory:',
      masterKey,
      logger: { level: 'info', stream },
    });
    try {
      const key = s.defaultSandbox.apiKey;
      const r = await s.app.inject({ url: `/api/events?limit=5&key=${encodeURIComponent(key)}` });
      expect(r.statusCode).toBe(200);
      await s.app.inject({ url: `/api/cards/card_x/session?terminal=t&key=${key}` });
      const log = lines.join('');
      expect(log).toContain('/api/events?limit=5&key=[REDACTED]');
      expect(log).not.toContain(key);
      expect(log).not.toContain(encodeURIComponent(key));
    } finally {
      await s.close();
    }
  });
});

describe('requests', () => {
  it('have a time limit to arrive (30 s by default, configurable)', async () => {
    const s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey });
    const t = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey, requestTimeoutMs: 5000 });
    try {
      expect(s.app.server.requestTimeout).toBe(30_000);
      expect(t.app.server.requestTimeout).toBe(5000);
    } finally {
      await s.close();
      await t.close();
    }
  });
});

describe('sandboxes', () => {
  it('are kept wired in memory up to a bound, least recently used out first, and still served', async () => {
    const s = await buildServer({
      databaseUrl: 'sqlite::memory:',
      masterKey,
      runtime: { maxCachedSandboxes: 2 },
    });
    try {
      const keys = [s.defaultSandbox.apiKey];
      for (let i = 0; i < 3; i++) keys.push((await s.runtime.createSandbox(`sb${i}`)).apiKey);
      for (const round of [0, 1])
        for (const k of keys) {
          const r = await s.app.inject({ url: '/api/clock', headers: { 'x-api-key': k } });
          expect(r.statusCode, `round ${round}`).toBe(200);
          expect(s.runtime.cachedSandboxes).toBeLessThanOrEqual(2);
        }
    } finally {
      await s.close();
    }
  });

  it('an unauthenticated caller may create a bounded number (429 SANDBOX_LIMIT); with an API key, more', async () => {
    const s = await buildServer({
      databaseUrl: 'sqlite::memory:',
      masterKey,
      runtime: { anonymousSandboxes: { max: 2, windowMs: 3_600_000 } },
    });
    try {
      const create = (headers: Record<string, string> = {}) =>
        s.app.inject({ method: 'POST', url: '/api/sandboxes', headers, payload: { name: 'x' } });
      expect((await create()).statusCode).toBe(201);
      expect((await create()).statusCode).toBe(201);
      const refused = await create();
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({
        code: 'SANDBOX_LIMIT',
        details: { limit: 2, windowMinutes: 60 },
      });
      expect((await s.runtime.server.listSandboxes()).length).toBe(3); // default + 2: nothing created
      expect((await create({ 'x-api-key': s.defaultSandbox.apiKey })).statusCode).toBe(201);
      expect((await create({ 'x-api-key': 'myna_forged' })).statusCode).toBe(429);
    } finally {
      await s.close();
    }
  });
});
