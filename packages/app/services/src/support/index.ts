/** The support guide ("doctor"): docs/support.md. */
export * from './engine.js';
export * from './reader.js';
export * from './rules/phone.js';
export * from './types.js';
