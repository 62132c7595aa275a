export * from './myna-portal.js';
export * from './ports.js';
