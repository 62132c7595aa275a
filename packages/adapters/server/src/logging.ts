import type { FastifyRequest } from 'fastify';

/** The URL with the value of every `key` query parameter (the API key of EventSource and WebSocket) replaced. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]key=)[^&#]*/gi, '$1[REDACTED]');
}

/**
 * Fastify's logger options with the API key kept out of every line: request URLs are logged with
 * `?key=` redacted, and the key headers (should anything log headers) are censored by pino.
 */
export function loggerOptions(logger: boolean | object | undefined): boolean | object {
  if (!logger) return false;
  const base = (logger === true ? {} : logger) as { serializers?: object; redact?: unknown };
  return {
    ...base,
    serializers: {
      ...base.serializers,
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    redact: {
      paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.query.key'],
      censor: '[REDACTED]',
    },
  };
}
