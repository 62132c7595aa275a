/**
 * @myna/card — the virtual My Number Card (マイナンバーカード), APDU-exact.
 *
 * spec: ../shared/spec/card.md. Pure: I/O, time and randomness come through the ports
 * (`CardStateStore`; `Clock` and `Random` from @myna/ports).
 */
export * from './admin.js';
export * from './ap/index.js';
export * from './atr.js';
export * from './facts.js';
export * from './image.js';
export * from './memory-store.js';
export * from './personalize/era.js';
export * from './personalize/index.js';
export { faceDigestInfo } from './personalize/kenkaku.js';
export { cardPublicKeyTlvs, cvCertificate, cvCertificateContents, keyId } from './personalize/keys.js';
export * from './personalize/phone.js';
export { encodePng1 } from './personalize/png.js';
export * from './pin.js';
export * from './ports.js';
export * from './signing.js';
export * from './t0.js';
export * from './virtual-card.js';
