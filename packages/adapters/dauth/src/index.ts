/** @myna/dauth — the デジタル認証アプリ provider of the sandbox (issue 10; docs/dauth.md). */
export * from './holder.js';
export * from './keys.js';
export { errorPage, handoffPage, isMobile } from './pages.js';
export type * from './ports.js';
export * from './provider.js';
export * from './service.js';
