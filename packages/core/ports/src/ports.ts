/**
 * The ports every layer shares. The card, the authority, the reset channels and the provider
 * never read the system clock or the system's randomness directly: their owner (CLI, server,
 * test) injects one of these.
 */

/** Injected randomness (GET CHALLENGE, PSS salts, serials, tokens). */
export interface Random {
  bytes(n: number): Uint8Array;
}

/** Injected time: the sandbox clock, which an operator may move. */
export interface Clock {
  now(): Date;
}
