import { MynaError } from '@myna/errors';
import type { FastifyRequest } from 'fastify';
import type { SandboxRuntime } from './runtime.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The sandbox the API key belongs to (set for every /api route that needs one). */
    sandboxId: string;
  }
}

/** The API key of a request: `x-api-key`, `Authorization: Bearer …`, or `?key=` (EventSource, WebSocket). */
export function apiKeyOf(req: FastifyRequest): string | undefined {
  const h = req.headers['x-api-key'];
  if (typeof h === 'string' && h) return h;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const q = (req.query as Record<string, unknown> | undefined)?.key;
  return typeof q === 'string' && q ? q : undefined;
}

export async function authenticate(runtime: SandboxRuntime, req: FastifyRequest): Promise<void> {
  const key = apiKeyOf(req);
  const sb = key ? await runtime.server.sandboxByApiKey(key) : undefined;
  if (!sb) throw new MynaError('API_KEY_INVALID');
  req.sandboxId = sb.id;
}
