import {
  type CardEventListener,
  type CardStateStore,
  cryptoRandom,
  MemoryCardStore,
  type Random,
} from '@myna/card';
import { JpkiAuthority } from './authority.js';
import { SandboxClock } from './clock.js';
import { type CardConnector, InProcessConnector } from './connector.js';
import { MemoryAuthorityStore } from './memory-authority-store.js';
import { Municipality, type MunicipalityOptions } from './municipality.js';
import type { AuthorityStore } from './ports.js';

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
  const connector = new InProcessConnector({
    cards,
    random,
    clock,
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
  return { id, clock, random, store, cards, authority, municipality, connector };
}
