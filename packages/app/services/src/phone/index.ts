export * from './myna-portal.js';
export * from './policy.js';
export * from './ports.js';
