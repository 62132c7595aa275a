import type { Socket } from 'node:net';
import { isMynaError, MynaError } from '@myna/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * One error shape for every route: `{ code, message, messageJa, details }` with the catalog's
 * HTTP status. Validation errors name the field and the rule, never the value sent (it may be a
 * PIN); anything unexpected is INTERNAL without a stack trace. Fastify's own refusals (a
 * malformed or too long URL: `frameworkErrors`) come here too; what Node refuses before Fastify
 * sees a request (431, 408) goes through `clientErrorHandler`. Neither ever echoes the URL (it
 * may carry `?key=`).
 */
export function errorHandler(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const e = toCatalog(error, req);
  if (e.code === 'INTERNAL') req.log.error({ err: error }, 'internal error');
  void reply.status(e.http).send(e.toJSON());
}

interface AjvError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

export function toCatalog(error: unknown, req?: FastifyRequest): MynaError {
  if (isMynaError(error)) return error;
  const fe = error as FastifyError & { validation?: AjvError[] };
  if (fe.validation && fe.validation.length > 0) {
    const part = fe.validationContext ?? 'body';
    return validationError(fe.validation, part, req);
  }
  if (fe.code === 'FST_ERR_BAD_URL')
    return new MynaError('INVALID_ARGUMENT', { field: 'url', rule: 'valid percent-encoding' });
  if (fe.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return new MynaError('URL_TOO_LONG', { rule: 'at most 100 characters per path segment' });
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
    return new MynaError('INVALID_ARGUMENT', { field: 'body', rule: 'valid JSON' });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new MynaError('INVALID_ARGUMENT', { field: 'content-type', rule: 'application/json' });
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return new MynaError('INVALID_ARGUMENT', { field: 'body', rule: 'a JSON object' });
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new MynaError('INVALID_ARGUMENT', { field: 'body', rule: 'at most 1 MiB' });
  if (fe.statusCode === 404) return new MynaError('NOT_FOUND');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return new MynaError('INVALID_ARGUMENT', { rule: fe.code ?? 'bad request' });
  return new MynaError('INTERNAL', {}, { cause: error });
}

/** A property name safe to repeat in an error (it is the client's text, not ours). */
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * The field and the rule of a schema refusal. Ajv reports the first failure of every branch of a
 * union before the union's own; the branch meant is the one whose constant properties (`action`,
 * `route`, …) the data carries, so the error is that branch's, and a tag that names no branch is
 * reported as the tag with its allowed values.
 */
function validationError(errors: readonly AjvError[], part: string, req?: FastifyRequest): MynaError {
  const union = errors
    .filter((e) => e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length)[0];
  if (union && req) {
    const refined = unionError(union, part, req);
    if (refined) return refined;
  }
  return fromAjv(errors[0]!, part, '');
}

function fromAjv(v: AjvError, part: string, prefix: string): MynaError {
  const at = `${part}${prefix}${v.instancePath ?? ''}`;
  const missing = v.params?.missingProperty;
  if (missing !== undefined)
    return new MynaError('INVALID_ARGUMENT', { field: `${at}/${String(missing)}`, rule: 'required' });
  const extra = v.params?.additionalProperty;
  if (extra !== undefined) {
    const named = typeof extra === 'string' && SAFE_NAME.test(extra);
    return new MynaError('INVALID_ARGUMENT', {
      field: named ? `${at}/${extra}` : at,
      rule: 'unknown property (not allowed)',
    });
  }
  return new MynaError('INVALID_ARGUMENT', { field: at, rule: v.message ?? 'invalid' });
}

type Node = { properties?: Record<string, Node>; anyOf?: Node[]; const?: unknown; items?: Node };

function unionError(union: AjvError, part: string, req: FastifyRequest): MynaError | undefined {
  const root = (req.routeOptions.schema as Record<string, unknown> | undefined)?.[part] as Node | undefined;
  const data: Record<string, unknown> | undefined = (
    { body: req.body, querystring: req.query, params: req.params, headers: req.headers } as Record<
      string,
      unknown
    >
  )[part] as never;
  // '#/properties/input/anyOf' → the anyOf node of the route's schema.
  let node: unknown = root;
  for (const step of union.schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean))
    node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(step)];
  let value: unknown = data;
  for (const step of union.instancePath.split('/').filter(Boolean))
    value = (value as Record<string, unknown> | undefined)?.[
      step.replaceAll('~1', '/').replaceAll('~0', '~')
    ];
  if (!Array.isArray(node) || !value || typeof value !== 'object') return undefined;
  const branches = node as Node[];
  const tags = (b: Node) => Object.entries(b.properties ?? {}).filter(([, p]) => p && 'const' in p);
  const meant = branches.filter(
    (b) => tags(b).length > 0 && tags(b).every(([k, p]) => (value as Record<string, unknown>)[k] === p.const),
  );
  if (meant.length === 1) {
    const check = req.compileValidationSchema(meant[0] as never);
    if (check(value)) return undefined;
    const first = (check.errors as AjvError[] | null | undefined)?.[0];
    return first ? fromAjv(first, part, union.instancePath) : undefined;
  }
  if (meant.length === 0) {
    const keys = new Set(branches.flatMap((b) => tags(b).map(([k]) => k)));
    if (keys.size !== 1) return undefined;
    const [key] = [...keys];
    const allowed = branches.flatMap((b) =>
      tags(b)
        .filter(([k]) => k === key)
        .map(([, p]) => String(p.const)),
    );
    return new MynaError('INVALID_ARGUMENT', {
      field: `${part}${union.instancePath}/${key}`,
      rule: `one of ${allowed.join(', ')}`,
    });
  }
  return undefined;
}

/**
 * Node's refusals before a request exists (Fastify's `clientErrorHandler`): headers or URL over
 * Node's limit (431), a request that did not arrive within the request timeout (408), a request
 * Node cannot parse (400). Answered in the catalog's shape, never echoing the request.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new MynaError('HEADERS_TOO_LARGE', { rule: 'request line and headers at most 16 KiB' })
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new MynaError('REQUEST_TIMEOUT')
        : new MynaError('INVALID_ARGUMENT', { field: 'request', rule: 'a valid HTTP/1.1 request' });
  const body = JSON.stringify(e.toJSON());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${e.http} ${httpReason(e.http)}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

function httpReason(status: number): string {
  return (
    { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status] ?? 'Error'
  );
}
