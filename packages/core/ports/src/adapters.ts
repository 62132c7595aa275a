import { createHash, randomBytes } from 'node:crypto';
import type { Clock, Random } from './ports.js';

/**
 * Ready-made adapters for the card's `Clock` and `Random` ports. The card itself never calls
 * these: its owner (CLI, server, test) picks one and injects it.
 */

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put (tests, frozen sandbox time). */
export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void } {
  let t = new Date(at);
  return {
    now: () => new Date(t),
    set(to) {
      t = new Date(to);
    },
  };
}

export const cryptoRandom: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

/** Deterministic bytes (SHA-256 in counter mode over a seed), for reproducible tests and traces. */
export function seededRandom(seed: string): Random {
  let counter = 0;
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let o = 0; o < n; o += 32) {
        const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
        out.set(block.subarray(0, Math.min(32, n - o)), o);
      }
      return out;
    },
  };
}
