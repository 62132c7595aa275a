/**
 * Instants. Every time this package writes (notBefore, thisUpdate, producedAt…) is a parameter; the
 * clock is never read. DER times carry whole seconds (RFC 5280 §4.1.2.5, RFC 6960 GeneralizedTime
 * without fractions), so sub-second parts are dropped (floored).
 */
import { PkiError } from './errors.js';

export function wholeSeconds(d: Date, what: string): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new PkiError('BAD_TIME', `${what} is not a valid Date`);
  }
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

/** Checks `from < to` after truncation, returns both truncated. */
export function interval(from: Date, to: Date, fromName: string, toName: string): [Date, Date] {
  const a = wholeSeconds(from, fromName);
  const b = wholeSeconds(to, toName);
  if (b.getTime() <= a.getTime()) throw new PkiError('BAD_TIME', `${toName} must be after ${fromName}`);
  return [a, b];
}
