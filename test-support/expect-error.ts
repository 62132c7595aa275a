import { type ErrorCode, MynaError } from '@myna/errors';
import { expect } from 'vitest';

/** An error class whose instances carry a `code` (MynaError, PkiError, ApduFormatError…). */
type CodedErrorClass<E extends Error & { readonly code: string }> = abstract new (
  // biome-ignore lint/suspicious/noExplicitAny: any constructor signature
  ...args: any[]
) => E;

/**
 * Runs `action` (a promise, or a function that throws or returns a promise) and returns what it
 * threw or rejected with; fails the test if it succeeded.
 */
async function thrownBy(action: Promise<unknown> | (() => unknown), what: string): Promise<unknown> {
  const NOTHING = Symbol('nothing thrown');
  let caught: unknown = NOTHING;
  let value: unknown;
  try {
    value = await (typeof action === 'function' ? action() : action);
  } catch (e) {
    caught = e;
  }
  if (caught === NOTHING) {
    expect.fail(`expected ${what}, but it succeeded with ${String(value)}`);
  }
  return caught;
}

/**
 * Asserts that `action` fails with an error of class `type` and code `code` — and, if given,
 * whose `details` contain `details` (a partial match: other details may be present). Returns the
 * error for further checks. A plain `Error`, another class or another code fails the test.
 *
 * ```ts
 * await expectCodedError(() => serialFromHex('xyz'), PkiError, 'BAD_SERIAL');
 * ```
 */
export async function expectCodedError<E extends Error & { readonly code: string }>(
  action: Promise<unknown> | (() => unknown),
  type: CodedErrorClass<E>,
  code: E['code'],
  details?: Readonly<Record<string, unknown>>,
): Promise<E> {
  const e = await thrownBy(action, `${type.name} ${code}`);
  if (!(e instanceof type)) {
    expect.fail(`expected ${type.name} ${code}, but it threw ${describeError(e)}`);
  }
  const got = e as E & { readonly details?: unknown };
  expect(got.code, `code of ${describeError(e)}`).toBe(code);
  if (details !== undefined) expect(got.details, `details of ${code}`).toMatchObject(details);
  return got;
}

/**
 * Asserts that `action` fails with a `MynaError` of the catalog (@myna/errors) with this code —
 * and, if given, whose `details` contain `details`. Returns the error.
 *
 * ```ts
 * await expectCatalogError(client.verifyPin('auth', '9999'), 'PIN_WRONG', { triesLeft: 2 });
 * await expectCatalogError(() => parsePinValue('abc'), 'PIN_FORMAT');
 * ```
 */
export function expectCatalogError(
  action: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  details?: Readonly<Record<string, unknown>>,
): Promise<MynaError> {
  return expectCodedError(action, MynaError, code, details);
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return `${e.name}${typeof code === 'string' ? ` ${code}` : ''}: ${e.message}`;
  }
  return String(e);
}
