/**
 * @myna/services — the rules of the ecosystem around the card: the JPKI authority, the
 * municipality's issuance, the reset channels (reservation app, kiosk, counter, lost-card line),
 * the support guide and the relying-party demo. Cards are
 * reached only through the client SDK; persistence through ports; time through the clock.
 */
export * from './admin-channel.js';
export * from './authority.js';
export * from './clock.js';
export * from './connector.js';
export * from './demo.js';
export * from './memory-authority-store.js';
export * from './municipality.js';
export * from './my-number.js';
export * from './phone/index.js';
export * from './ports.js';
export * from './relying-party/index.js';
export * from './reset/chains.js';
export * from './reset/index.js';
export * from './sandbox.js';
export * from './support/index.js';
