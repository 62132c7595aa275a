/**
 * The reset ecosystem (issue 5; docs/reset.md; spec: pin-lifecycle.md §§1–5): the JPKI PIN-reset
 * app's reservations, the convenience-store kiosk, the municipal counter, the lost-card line, the
 * authority's reset policy and the audit trail.
 */
export * from './audit.js';
export * from './chains.js';
export * from './completion.js';
export * from './counter.js';
export * from './face-match.js';
export * from './kiosk.js';
export * from './lost-card.js';
export * from './memory-store.js';
export * from './policy.js';
export * from './ports.js';
export * from './reservation-app.js';
export * from './reset-authority.js';
export * from './services.js';
export * from './staff.js';
