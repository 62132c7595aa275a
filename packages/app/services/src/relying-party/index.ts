/** The relying-party demo and its OCSP client: docs/support.md. */

export * from './anchors.js';
export * from './ocsp.js';
export * from './registration.js';
export * from './sandbox-rp.js';
