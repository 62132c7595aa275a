import { setTimeout as sleep } from 'node:timers/promises';
import { StoreError } from './errors.js';

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Lock and serialisation failures worth re-running a whole transaction for: SQLITE_BUSY* (the
 * busy timeout ran out, or a snapshot went stale), SQLITE_LOCKED*, and PostgreSQL's
 * serialization_failure (40001), deadlock_detected (40P01) and lock_not_available (55P03).
 */
export function isRetryable(e: unknown): boolean {
  const code = codeOf(e);
  if (code === undefined) return false;
  return (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    code === '40001' ||
    code === '40P01' ||
    code === '55P03'
  );
}

/** A unique or primary-key violation on either dialect. */
export function isUniqueViolation(e: unknown): boolean {
  const code = codeOf(e);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export const DEFAULT_ATTEMPTS = 6;

/**
 * Runs `fn` (a whole transaction) and re-runs it on a retryable failure, with jittered backoff,
 * up to `attempts` times; then throws `StoreError('BUSY')` with the last failure as its cause.
 */
export async function withRetry<T>(
  what: string,
  fn: () => Promise<T>,
  attempts = DEFAULT_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isRetryable(e)) throw e;
      if (attempt >= attempts) {
        throw new StoreError('BUSY', `${what}: the database stayed locked after ${attempts} attempts`, {
          cause: e,
        });
      }
      await sleep(Math.random() * 20 * 2 ** Math.min(attempt, 5));
    }
  }
}

/** Reads an integer column that pg returns as a string (BIGINT) and better-sqlite3 as a number. */
export function toBigInt(v: number | string | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** A BLOB/BYTEA value as a plain, unshared Uint8Array (not a Buffer). */
export function toBytes(v: Uint8Array): Uint8Array {
  return new Uint8Array(v);
}
