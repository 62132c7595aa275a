/**
 * @myna/server — the sandbox server: HTTP API with OpenAPI, WebSocket card sessions, live events,
 * the public JPKI authority endpoints, and the web console. Composition and adapters only.
 */

export { buildServer, type SandboxServer, type ServerOptions } from './app.js';
export { authorityHttp, type HttpAnswer } from './authority-http.js';
export { dauthIssuer } from './routes/dauth.js';
export { CLOSE_CARD_IN_USE, CLOSE_IDLE, SESSION_IDLE_MS } from './routes/session.js';
export { SandboxRuntime } from './runtime.js';
