/**
 * @myna/errors — the error catalog of myna-sandbox and `MynaError`, which every layer throws
 * (client SDK, services, store, server, CLI). No dependencies.
 */
export * from './catalog.js';
