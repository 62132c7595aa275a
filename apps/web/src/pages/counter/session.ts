import { createContext, useContext, useEffect } from 'react';
import { setCounterToken } from '../../api/key.js';
import { type Action, useAction } from '../../api/queries.js';

/**
 * The counter's staff login. When a request answers that the login has expired (8 hours) or was
 * ended elsewhere, the page goes back to the login form; the open procedure stays.
 */
export const SessionExpired = createContext<() => void>(() => undefined);

export function useCounterAction<A = void, R = unknown>(
  fn: (arg: A) => Promise<R>,
  opts: Parameters<typeof useAction<A, R>>[1] = {},
): Action<A, R> {
  const expired = useContext(SessionExpired);
  const action = useAction(fn, opts);
  const e = action.error;
  const gone = e?.code === 'STAFF_LOGIN_FAILED' && e.details.reason === 'no-session';
  useEffect(() => {
    if (gone) {
      setCounterToken(null);
      expired();
    }
  }, [gone, expired]);
  return gone ? { ...action, error: null } : action;
}
