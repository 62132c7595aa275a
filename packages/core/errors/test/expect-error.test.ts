import { MynaError } from '@myna/errors';
import { expectCatalogError, expectCodedError, expectInOrder } from '@myna/test-support';
import { describe, expect, it } from 'vitest';

/** The shared assertions of @myna/test-support (test-support/) fail when they should. */
describe('expectCatalogError', () => {
  const wrong = () => new MynaError('PIN_WRONG', { pin: 'auth', triesLeft: 2 });

  it('passes on a MynaError of the code, sync or async, and returns it', async () => {
    const e = await expectCatalogError(Promise.reject(wrong()), 'PIN_WRONG', { triesLeft: 2 });
    expect(e.details).toEqual({ pin: 'auth', triesLeft: 2 });
    await expectCatalogError(() => {
      throw wrong();
    }, 'PIN_WRONG');
    await expectCatalogError(
      async () => {
        throw wrong();
      },
      'PIN_WRONG',
      { pin: 'auth' },
    );
  });

  it('fails on success, another code, other details, a plain Error or another class', async () => {
    const fails = (p: Promise<unknown>, message: RegExp) => expect(p).rejects.toThrow(message);
    await fails(expectCatalogError(Promise.resolve(42), 'PIN_WRONG'), /succeeded with 42/);
    await fails(
      expectCatalogError(() => 'ok', 'PIN_WRONG'),
      /succeeded with ok/,
    );
    await fails(expectCatalogError(Promise.reject(wrong()), 'PIN_BLOCKED'), /code of MynaError PIN_WRONG/);
    await fails(
      expectCatalogError(Promise.reject(wrong()), 'PIN_WRONG', { triesLeft: 1 }),
      /details of PIN_WRONG/,
    );
    await fails(expectCatalogError(Promise.reject(new Error('boom')), 'PIN_WRONG'), /threw Error: boom/);
    class OtherError extends Error {
      readonly code = 'PIN_WRONG';
    }
    await fails(expectCatalogError(Promise.reject(new OtherError('x')), 'PIN_WRONG'), /expected MynaError/);
    await fails(expectCodedError(Promise.reject(wrong()), OtherError, 'PIN_WRONG'), /expected OtherError/);
    await expectCodedError(Promise.reject(new OtherError('x')), OtherError, 'PIN_WRONG');
  });
});

describe('expectInOrder', () => {
  it('passes on a subsequence and fails on a missing or misplaced item', () => {
    expectInOrder(['a', 'b', 'c', 'd'], ['a', 'c', 'd']);
    expectInOrder(['a', 'b', 'a'], ['b', 'a']);
    expect(() => expectInOrder(['a', 'b'], ['x'])).toThrow(/expected "x" in/);
    expect(() => expectInOrder(['a', 'b'], ['b', 'a'])).toThrow(/expected "a" after "b"/);
    expect(() => expectInOrder(['a', 'b'], ['a', 'a'])).toThrow(/expected "a" after "a"/);
  });
});
