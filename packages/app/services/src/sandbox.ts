import { type CardEventListener, type CardStateStore, MemoryCardStore } from '@myna/card';
import { cryptoRandom, type Random } from '@myna/ports';
import { JpkiAuthority } from './authority.js';
import { SandboxClock } from './clock.js';
import { type CardConnector, type CardLeases, InProcessConnector } from './connector.js';
import { MemoryAuthorityStore } from './memory-authority-store.js';
import { Municipality, type MunicipalityOptions } from './municipality.js';
import { MynaPortalPhone } from './phone/myna-portal.js';
import { MemoryPhoneStore, type PhoneStore } from './phone/ports.js';
import type { AuthorityStore } from './ports.js';
import type { CounterOptions } from './reset/counter.js';
import { MemoryResetStore } from './reset/memory-store.js';
import type { ResetStore } from './reset/ports.js';
import { createResetServices, type ResetServices } from './reset/services.js';

/** One sandbox world wired together: stores, clock, authority, municipality, card connector. */
export interface Sandbox {
  readonly id: string;
  readonly clock: SandboxClock;
  readonly random: Random;
  readonly store: AuthorityStore;
  readonly cards: CardStateStore;
  readonly authority: JpkiAuthority;
  readonly municipality: Municipality;
  readonly connector: CardConnector;
  /** The reset ecosystem: reservation app, kiosks, counter, lost-card line (docs/reset.md). */
  readonly reset: ResetServices;
  /** The smartphone certificates (スマホ用電子証明書) and their マイナポータル app flows (docs/phone.md). */
  readonly phones: PhoneStore;
  readonly mynaPortal: MynaPortalPhone;
}

/** The default municipality of a sandbox: 清瀬市 (13221), as on the J-LIS test card. */
export const DEFAULT_MUNICIPALITY: Omit<MunicipalityOptions, 'sandboxId'> = {
  municipalityCode: '13221',
  prefecture: 'Tokyo-to',
  city: 'Kiyose-shi',
};

/**
 * Composes a sandbox from its stores. Without stores it is entirely in memory — the shortest
 * way to a working card in a script or a test.
 */
export function createSandbox(
  opts: {
    id?: string;
    store?: AuthorityStore;
    cards?: CardStateStore;
    clock?: SandboxClock;
    random?: Random;
    ocspUrl?: string;
    municipality?: Partial<Omit<MunicipalityOptions, 'sandboxId'>>;
    onEvent?: CardEventListener;
    /** Reservations, staff, procedures and the audit trail; default in memory. */
    resetStore?: ResetStore;
    /** The municipal counter's office hours and identity rules. */
    counter?: Partial<CounterOptions>;
    /** Card leases (one terminal per card); default in this process. */
    leases?: CardLeases;
    /** The smartphone certificates' registry; default in memory. */
    phones?: PhoneStore;
  } = {},
): Sandbox {
  const id = opts.id ?? 'default';
  const clock = opts.clock ?? new SandboxClock();
  const random = opts.random ?? cryptoRandom;
  const store = opts.store ?? new MemoryAuthorityStore();
  const cards = opts.cards ?? new MemoryCardStore();
  const authority = new JpkiAuthority(store, clock, {
    sandboxId: id,
    ...(opts.ocspUrl ? { ocspUrl: opts.ocspUrl } : {}),
  });
  const municipality = new Municipality({
    store,
    cards,
    authority,
    clock,
    random,
    options: { sandboxId: id, ...DEFAULT_MUNICIPALITY, ...opts.municipality },
  });
  const resetStore = opts.resetStore ?? new MemoryResetStore();
  // A reset store that does not share the card's event table takes PIN events from the card.
  const toTimeline = resetStore.recordCardEvent?.bind(resetStore);
  const onEvent: CardEventListener | undefined =
    toTimeline && opts.onEvent
      ? (e) => {
          toTimeline(e);
          opts.onEvent!(e);
        }
      : (toTimeline ?? opts.onEvent);
  const connector = new InProcessConnector({
    cards,
    random,
    clock,
    ...(onEvent ? { onEvent } : {}),
    ...(opts.leases ? { leases: opts.leases } : {}),
  });
  const reset = createResetServices({
    sandboxId: id,
    store,
    authority,
    municipality,
    connector,
    clock,
    random,
    resetStore,
    ...(opts.counter ? { counter: opts.counter } : {}),
  });
  const phones = opts.phones ?? new MemoryPhoneStore();
  // The phone's certificates follow the card's (revocation of the signature certificate, hold).
  authority.followCardsWith(async (cardId) => (await phones.listPhones(id, { cardId })).map((p) => p.id));
  const mynaPortal = new MynaPortalPhone({
    sandboxId: id,
    store,
    phones,
    cards,
    authority,
    municipality,
    connector,
    clock,
    random,
  });
  return { id, clock, random, store, cards, authority, municipality, connector, reset, phones, mynaPortal };
}

export { cardList, type ListedCard } from './card-list.js';
