import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `probe` until it returns a value other than `undefined`/`false` (returning that value),
 * or fails after `timeoutMs` with `what` in the message. For waiting on a state another process,
 * instance or socket will reach — never a fixed sleep standing in for one.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  { timeoutMs = 5_000, intervalMs = 10 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}
