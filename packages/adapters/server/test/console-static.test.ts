import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { buildServer, type SandboxServer } from '@myna/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The console's files as the web build writes them (apps/web/vite.config.ts): hashed assets with
 * .br/.gz beside them. The server sends the compressed file the client accepts, caches hashed
 * assets for a year and makes index.html (also behind client-side routes) revalidate.
 */
let s: SandboxServer;
let root: string;
const js = `export const page = ${JSON.stringify('ページ'.repeat(400))};\n`;
const html = '<!doctype html><html><body><div id="root"></div></body></html>';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'myna-console-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), html);
  writeFileSync(join(root, 'assets', 'page-AbC123.js'), js);
  writeFileSync(join(root, 'assets', 'page-AbC123.js.br'), brotliCompressSync(js));
  writeFileSync(join(root, 'assets', 'page-AbC123.js.gz'), gzipSync(js));
  s = await buildServer({
    databaseUrl: 'sqlite::memory:',
    masterKey: new Uint8Array(32).fill(5),
    webRoot: root,
  });
});
afterAll(async () => {
  await s.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) =>
  s.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('console static files', () => {
  it('sends the brotli file to a client that accepts it, gzip to one that accepts only gzip, the raw file otherwise', async () => {
    const br = await get('/assets/page-AbC123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);

    const gz = await get('/assets/page-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(js);

    const raw = await get('/assets/page-AbC123.js');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body).toBe(js);
  });

  it('caches hashed assets for a year (immutable) and revalidates index.html, also behind client-side routes', async () => {
    const asset = await get('/assets/page-AbC123.js', 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/cards/card_x']) {
      const r = await get(url, 'br, gzip');
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/text\/html/);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.body, url).toBe(html);
    }
  });

  it('a missing asset is a 404 from the catalog, not the console page; the API keeps its 404', async () => {
    for (const url of ['/assets/page-Old999.js', '/api/nope']) {
      const r = await get(url, 'br');
      expect(r.statusCode, url).toBe(404);
      expect(r.json().code, url).toBe('NOT_FOUND');
    }
  });
});
