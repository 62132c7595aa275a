/**
 * @myna/bridge — plugs virtual My Number Cards into the real PC/SC stack (pcscd + vsmartcard's
 * vpcd), so OpenSC, pcsc-tools and pyscard see them as real cards.
 *
 * spec: ../shared/spec/pcsc.md. The card side is plain node:net; `startPrivatePcscd` runs an
 * isolated pcscd for tests and sandboxes, optionally with the TCP_NODELAY preload
 * (native/nodelay.c) that removes vpcd 0.8's 44 ms stall.
 */
export * from './connection.js';
export * from './frames.js';
export * from './native.js';
export * from './pcscd.js';
