import type { SandboxServer } from '@myna/server';
import { expect } from 'vitest';

/** An answer of `app.inject`. */
export type Res = Awaited<ReturnType<SandboxServer['app']['inject']>>;

/** A refusal: the status and the catalog code; answers the error body. */
export const bad = (r: Res, status: number, code: string) => {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.json().code).toBe(code);
  return r.json() as { code: string; details: Record<string, unknown> };
};

/** Success with this status (default 200); answers the JSON body. */
export const ok = (r: Res, status = 200) => {
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

/**
 * Requests through `inject()` on the server of a test file, with its API key by default (both
 * read when the request is made, after `beforeAll` set them).
 */
export function injector(server: () => SandboxServer, apiKey: () => string) {
  const h = (extra: Record<string, string> = {}) => ({ 'x-api-key': apiKey(), ...extra });
  const post = (url: string, payload: object, headers: Record<string, string> = h()) =>
    server().app.inject({ method: 'POST', url, headers, payload }) as Promise<Res>;
  const get = (url: string, headers: Record<string, string> = h()) =>
    server().app.inject({ url, headers }) as Promise<Res>;
  return { h, post, get };
}
