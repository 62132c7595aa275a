import type { HolderStatement, Route, Sandbox } from '@myna/services';
import { type CardSpec, issue } from './support-helpers.js';

/**
 * Cards in every state the seeds mention, and what the doctor must say about each — from the
 * sandbox's records (`sandbox`) and from the chip, the certificate and OCSP only (`reader`: a
 * card in a PC/SC reader). Shared by support-doctor.test.ts (in-process) and
 * support-pcsc.test.ts (PC/SC).
 */
export interface CardState {
  readonly name: string;
  readonly spec?: CardSpec;
  /** After issuance (revocation, suspension). */
  readonly after?: (sb: Sandbox, ids: { cardId: string; residentId: string }) => Promise<void>;
  /** Moves the (own) sandbox clock; such states get their own sandbox. */
  readonly at?: string;
  readonly say?: HolderStatement;
  readonly sandbox: { route: Route; ids: readonly string[] };
  /** Defaults to `sandbox`. */
  readonly reader?: { route: Route; ids: readonly string[] };
}

export const CARD_STATES: readonly CardState[] = [
  { name: 'all fine', sandbox: { route: 'change-pin', ids: ['route.change-pin', 'change.change-pin'] } },
  {
    name: 'signature password locked',
    spec: { initialTries: { sign: 0 } },
    sandbox: { route: 'kiosk', ids: ['pin.sign.locked', 'kiosk.reserve', 'warn.kiosk-other-pin'] },
    reader: {
      route: 'kiosk',
      ids: ['pin.sign.locked', 'kiosk.reserve', 'warn.kiosk-other-pin', 'warn.kiosk-certificate-unchecked'],
    },
  },
  {
    name: 'user-auth PIN locked',
    spec: { initialTries: { auth: 0 } },
    sandbox: { route: 'kiosk', ids: ['pin.auth.locked', 'kiosk.reserve'] },
  },
  {
    name: 'both certificate PINs locked',
    spec: { initialTries: { auth: 0, sign: 0 } },
    sandbox: { route: 'counter', ids: ['kiosk.unavailable.both-certificate-pins', 'counter.apply-reset'] },
  },
  {
    name: '券面事項入力補助 PIN locked',
    spec: { initialTries: { kenhojo: 0 } },
    sandbox: { route: 'counter', ids: ['pin.kenhojo.locked', 'cause.kenhojo-differs-from-auth'] },
  },
  {
    name: '住基 PIN locked',
    spec: { initialTries: { juki: 0 } },
    sandbox: { route: 'counter', ids: ['pin.juki.locked', 'kiosk.unavailable.pin-type'] },
  },
  {
    name: 'one try left on the user-auth PIN',
    spec: { initialTries: { auth: 1 } },
    sandbox: {
      route: 'change-pin',
      ids: ['pin.auth.one-left', 'warn.one-try-left', 'change.enter-correctly'],
    },
  },
  {
    name: 'under 15',
    spec: { profile: 'under-15' },
    say: { age: 10 },
    sandbox: { route: 'change-pin', ids: ['cert.sign.not-issued-under-15'] },
  },
  {
    name: 'under 15 with the user-auth PIN locked',
    spec: { profile: 'under-15', initialTries: { auth: 0 } },
    say: { age: 10 },
    sandbox: {
      route: 'counter',
      ids: ['pin.auth.locked', 'kiosk.unavailable.no-other-pin', 'counter.prepare.legal'],
    },
  },
  {
    name: 'face-authentication card',
    spec: { profile: 'face-auth' },
    sandbox: { route: 'counter', ids: ['card.face-auth', 'counter.switch-card-type'] },
  },
  {
    name: 'signature certificate revoked (address changed)',
    after: (sb, { residentId }) =>
      sb.municipality
        .changeResidentFacts(residentId, { address: '東京都清瀬市元町１－１' })
        .then(() => undefined),
    sandbox: { route: 'counter', ids: ['cert.sign.revoked-facts-changed', 'counter.issue-certificate'] },
    // In a reader the signature certificate cannot be read without its password: not visible.
    reader: { route: 'change-pin', ids: ['route.change-pin'] },
  },
  {
    name: 'suspended card',
    after: async (sb, { cardId }) => {
      await sb.authority.holdCard(cardId);
      await sb.store.setCardStatus(sb.id, cardId, 'suspended', sb.clock.now().toISOString());
    },
    sandbox: { route: 'counter', ids: ['card.suspended', 'counter.lift-suspension'] },
  },
  {
    name: 'suspended card with the signature password locked',
    spec: { initialTries: { sign: 0 } },
    after: async (sb, { cardId }) => {
      await sb.authority.holdCard(cardId);
      await sb.store.setCardStatus(sb.id, cardId, 'suspended', sb.clock.now().toISOString());
    },
    sandbox: { route: 'counter', ids: ['card.suspended', 'pin.sign.locked', 'counter.lift-suspension'] },
  },
  {
    name: 'expired certificates',
    at: '2032-01-01T10:00:00+09:00',
    sandbox: {
      route: 'counter',
      ids: ['cert.auth.expired', 'cert.sign.expired', 'counter.issue-certificate'],
    },
    reader: { route: 'counter', ids: ['cert.auth.expired', 'counter.issue-certificate'] },
  },
  {
    name: 'expired card',
    at: '2037-01-01T10:00:00+09:00',
    sandbox: { route: 'counter', ids: ['card.expired', 'counter.new-card'] },
  },
];

/** Issues a card in a state (before the clock moves, if it does). */
export async function makeState(sb: Sandbox, s: CardState): Promise<string> {
  const { card, resident } = await issue(sb, s.spec);
  await s.after?.(sb, { cardId: card.id, residentId: resident.id });
  return card.id;
}
