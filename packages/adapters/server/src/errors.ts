import { isMynaError, MynaError } from '@myna/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * One error shape for every route: `{ code, message, messageJa, details }` with the catalog's
 * HTTP status. Validation errors name the field and the rule, never the value sent (it may be a
 * PIN); anything unexpected is INTERNAL without a stack trace.
 */
export function errorHandler(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const e = toCatalog(error);
  if (e.code === 'INTERNAL') req.log.error({ err: error }, 'internal error');
  void reply.status(e.http).send(e.toJSON());
}

export function toCatalog(error: unknown): MynaError {
  if (isMynaError(error)) return error;
  const fe = error as FastifyError & {
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  };
  if (fe.validation && fe.validation.length > 0) {
    const v = fe.validation[0]!;
    const missing = v.params?.missingProperty;
    const field = `${fe.validationContext ?? 'body'}${v.instancePath ?? ''}${missing ? `/${String(missing)}` : ''}`;
    return new MynaError('INVALID_ARGUMENT', { field, rule: v.message ?? 'invalid' });
  }
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
