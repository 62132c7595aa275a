import type { Random } from '@myna/ports';
import type { JpkiAuthority } from '../authority.js';
import type { SandboxClock } from '../clock.js';
import type { CardConnector } from '../connector.js';
import type { Municipality } from '../municipality.js';
import type { AuthorityStore } from '../ports.js';
import { AuditTrail } from './audit.js';
import { type CounterOptions, MunicipalCounter } from './counter.js';
import { type PrintedCardFace, printedCardFace } from './face-match.js';
import { Kiosk, type KioskOptions } from './kiosk.js';
import { LostCardLine } from './lost-card.js';
import { MemoryResetStore } from './memory-store.js';
import type { ResetStore, TimelineEntry } from './ports.js';
import { PinResetApp } from './reservation-app.js';
import { ResetAuthority } from './reset-authority.js';

/** The reset ecosystem of one sandbox, wired together (docs/reset.md). */
export interface ResetServices {
  readonly store: ResetStore;
  readonly audit: AuditTrail;
  /** The authority's reset policy; the only holder of issuer keys among these. */
  readonly authority: ResetAuthority;
  /** The JPKI 暗証番号リセット app (reservations). */
  readonly app: PinResetApp;
  /** The municipality's counter (one per sandbox municipality). */
  readonly counter: MunicipalCounter;
  /** 0120-95-0178: suspension of lost cards. */
  readonly lostCardLine: LostCardLine;
  /** A kiosk at a store (a new terminal each call; it keeps its own screen state). */
  kiosk(opts: KioskOptions): Kiosk;
  /** What is printed on a card's face (birth date, expiry, security code), as a person reads it. */
  printedFace(cardId: string): Promise<PrintedCardFace>;
  /** The card's PIN events and procedure steps, ordered by time. */
  timeline(cardId: string): Promise<TimelineEntry[]>;
}

export function createResetServices(deps: {
  readonly sandboxId: string;
  readonly store: AuthorityStore;
  readonly authority: JpkiAuthority;
  readonly municipality: Municipality;
  readonly connector: CardConnector;
  readonly clock: SandboxClock;
  readonly random: Random;
  /** Default: in memory (`MemoryResetStore`). */
  readonly resetStore?: ResetStore;
  readonly counter?: Partial<CounterOptions>;
}): ResetServices {
  const resetStore = deps.resetStore ?? new MemoryResetStore();
  const audit = new AuditTrail(resetStore, deps.clock, deps.sandboxId);
  const authority = new ResetAuthority({
    sandboxId: deps.sandboxId,
    store: deps.store,
    authority: deps.authority,
    municipality: deps.municipality,
    resetStore,
    audit,
    clock: deps.clock,
    random: deps.random,
  });
  const app = new PinResetApp({ connector: deps.connector, authority, audit });
  const counter = new MunicipalCounter(
    {
      sandboxId: deps.sandboxId,
      municipalityCode: deps.municipality.options.municipalityCode,
      store: deps.store,
      authority,
      connector: deps.connector,
      resetStore,
      audit,
      clock: deps.clock,
      random: deps.random,
    },
    deps.counter,
  );
  const lostCardLine = new LostCardLine({ authority, audit });
  return {
    store: resetStore,
    audit,
    authority,
    app,
    counter,
    lostCardLine,
    kiosk: (opts) => new Kiosk({ connector: deps.connector, authority, audit, clock: deps.clock }, opts),
    printedFace: (cardId) => printedCardFace(deps.store, deps.sandboxId, cardId),
    timeline: (cardId) => audit.timeline(cardId),
  };
}
