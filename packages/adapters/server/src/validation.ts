import type { FastifyRequest } from 'fastify';

/**
 * Request validation, per part of the request:
 * - JSON bodies are validated as sent: no type coercion (`"authPin": 9999` is not a PIN,
 *   `confirmLastTry: 1` is not consent, `"ms": true` is not a duration);
 * - query strings are text: a value becomes a number only when it is a plain decimal numeral
 *   (`12`, `-3`, `0.5`; never `Infinity`, `1e400`, `0x10`, ` 12`), a boolean only when it is
 *   `true` or `false`; a repeated key stays a list (and fails a scalar). Path parameters and
 *   headers are strings in every schema.
 * Defaults of the schemas are applied; unknown properties are refused, never removed.
 */
export const ajvOptions = {
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
} as const;

/** preValidation: the query string read strictly as the route's schema types it (see above). */
export async function strictQuery(req: FastifyRequest): Promise<void> {
  const schema = req.routeOptions.schema?.querystring as SchemaNode | undefined;
  const q = req.query;
  if (!schema?.properties || !q || typeof q !== 'object') return;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) copy[k] = fromText(v, schema.properties[k]);
  req.query = copy;
}

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}

const INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;
const NUMBER = /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,16})?$/;

/** A text value as the schema's scalar type, when it is written exactly so; else unchanged. */
function fromText(value: unknown, s: SchemaNode | undefined): unknown {
  if (typeof value !== 'string' || !s) return value;
  const type = s.type;
  if (type === 'integer' && INTEGER.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (type === 'number' && NUMBER.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
