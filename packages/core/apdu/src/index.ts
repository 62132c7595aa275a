/**
 * @myna/apdu — transport-agnostic ISO/IEC 7816-4 encoding: command and response APDUs (all four
 * cases, short and extended lengths), status words with names, BER-TLV (keeping the card's
 * non-minimal length forms) and SIMPLE-TLV. No dependencies, no I/O.
 */
export * from './ber-tlv.js';
export * from './bytes.js';
export * from './command.js';
export * from './errors.js';
export * from './response.js';
export * from './simple-tlv.js';
export * from './status.js';
