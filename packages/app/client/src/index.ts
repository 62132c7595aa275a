/**
 * @myna/client — the client SDK for the My Number Card. Depends on @myna/apdu only: it never
 * imports the virtual card, and drives virtual and real cards through the same `Transport`.
 */
export * from './client.js';
export * from './dauth-holder.js';
export * from './pcsc.js';
export * from './remote.js';
export * from './transport.js';
