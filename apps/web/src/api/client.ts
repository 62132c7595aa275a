import { ERRORS } from '@myna/errors';
import createClient, { type Middleware } from 'openapi-fetch';
import { apiKey, counterToken } from './key.js';
import type { components, paths } from './schema.js';

/** A catalog error as every route answers it: `{ code, message, messageJa, details }`. */
export type ApiError = components['schemas']['def-0'];

/** A failed request, carrying the catalog error (never a raw body or a stack). */
export class ApiFailure extends Error {
  constructor(
    readonly body: ApiError,
    readonly status: number,
  ) {
    super(`${body.code}: ${body.message}`);
  }
}

const isCatalogError = (x: unknown): x is ApiError =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as ApiError).code === 'string' &&
  typeof (x as ApiError).message === 'string' &&
  typeof (x as ApiError).messageJa === 'string';

/**
 * Any failure as a catalog error: a catalog body as it came; a body that is not one (an HTML page
 * of a proxy, an empty 502, a network error) as INTERNAL or TRANSPORT_ERROR with the HTTP status,
 * never a JSON parse exception.
 */
export function toApiError(e: unknown, status?: number): ApiError {
  if (e instanceof ApiFailure) return e.body;
  if (isCatalogError(e)) return { ...e, details: e.details ?? {} };
  const code = status === undefined ? 'TRANSPORT_ERROR' : 'INTERNAL';
  return {
    code,
    message: ERRORS[code].en,
    messageJa: ERRORS[code].ja,
    details: status === undefined ? { reason: 'network' } : { status },
  };
}

/** Injected fetch (tests hand the real server's inject() in here). */
let fetchImpl: (req: Request) => Promise<Response> = (req) => globalThis.fetch(req);
export function setFetch(f: (req: Request) => Promise<Response>): void {
  fetchImpl = f;
}

const auth: Middleware = {
  onRequest({ request }) {
    request.headers.set('x-api-key', apiKey() ?? '');
    const token = counterToken();
    if (token && new URL(request.url).pathname.startsWith('/api/counter')) {
      request.headers.set('x-counter-session', token);
    }
    return request;
  },
};

/** The console's HTTP client, generated from docs/reference/openapi.json (src/api/schema.d.ts). */
export const client = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  fetch: (req) => fetchImpl(req),
});
client.use(auth);

/** Data of a successful call, or an ApiFailure with the catalog error. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Exclude<T, undefined>> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await call;
  } catch (e) {
    // A 2xx body that is not JSON, or no answer at all.
    throw new ApiFailure(toApiError(e, e instanceof SyntaxError ? 200 : undefined), 0);
  }
  if (!r.response.ok) throw new ApiFailure(toApiError(r.error, r.response.status), r.response.status);
  return r.data as Exclude<T, undefined>;
}
