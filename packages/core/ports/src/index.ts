/**
 * @myna/ports — the two ports every layer shares (`Clock`, `Random`) and their ready-made
 * adapters: the system's, a fixed clock and seeded randomness for tests and traces.
 */
export * from './adapters.js';
export * from './ports.js';
