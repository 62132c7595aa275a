/**
 * The sandbox API key of this tab. It arrives once in the URL fragment (`#key=…`, printed by
 * `myna-sandbox serve`) or is pasted by the person (a new tab has none); it is kept in
 * sessionStorage for the session and never put back into the address bar.
 */
const KEY = 'myna.key';

export function takeKeyFromHash(): void {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('key');
  if (fromHash) {
    sessionStorage.setItem(KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
}

export const apiKey = (): string | null => sessionStorage.getItem(KEY);

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key.trim());
  else sessionStorage.removeItem(KEY);
}

/** The counter's staff session token: the only credential of a login, and dies with the tab. */
const COUNTER = 'myna.counter';
export const counterToken = (): string | null => sessionStorage.getItem(COUNTER);
export function setCounterToken(token: string | null): void {
  if (token) sessionStorage.setItem(COUNTER, token);
  else sessionStorage.removeItem(COUNTER);
}
