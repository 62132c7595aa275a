import { randomBytes } from 'node:crypto';
import { MynaError } from '@myna/errors';
import { cryptoRandom } from '@myna/ports';
import { type CardLeases, createSandbox, type Sandbox, SandboxClock } from '@myna/services';
import {
  type ClockState,
  SqlAuthorityStore,
  SqlCardStore,
  SqlPhoneStore,
  SqlResetStore,
  SqlServerStore,
  type StoreDatabase,
} from '@myna/store';
import { LRUCache } from 'lru-cache';

/**
 * The server's view of its sandboxes: each sandbox wired to the shared database, with its clock
 * persisted (so every instance and every restart agree on sandbox time). One `Sandbox` object per
 * sandbox per instance (it caches the authority's keys); its clock is refreshed from the database
 * at the start of every request.
 */
export interface RuntimeOptions {
  /** Sandboxes kept wired in memory; the least recently used is dropped first (default 100). */
  readonly maxCachedSandboxes?: number;
  /** Sandboxes one caller without an API key may create per window (default 10 per hour). */
  readonly anonymousSandboxes?: { readonly max: number; readonly windowMs: number };
}

export class SandboxRuntime {
  readonly server: SqlServerStore;
  private readonly sandboxes: LRUCache<string, Sandbox>;
  private readonly anonymous: { readonly max: number; readonly windowMs: number };

  constructor(
    readonly db: StoreDatabase,
    private readonly options: { publicUrl: () => string } & RuntimeOptions,
  ) {
    this.server = new SqlServerStore(db);
    // Dropping a Sandbox loses nothing: its state is in the database (it caches keys only).
    this.sandboxes = new LRUCache({ max: options.maxCachedSandboxes ?? 100 });
    this.anonymous = options.anonymousSandboxes ?? { max: 10, windowMs: 3_600_000 };
  }

  /** How many sandboxes are wired in memory now. */
  get cachedSandboxes(): number {
    return this.sandboxes.size;
  }

  /**
   * Creates a sandbox with a fresh API key; returns the key (shown once to the caller). A caller
   * without an API key (`creator`: a hash of its address) may create a bounded number per window,
   * counted in the database across instances (SANDBOX_LIMIT, 429, beyond it).
   */
  async createSandbox(
    name: string,
    id = `sb_${randomBytes(8).toString('hex')}`,
    creator?: string,
  ): Promise<{ id: string; apiKey: string }> {
    const apiKey = `myna_${randomBytes(24).toString('base64url')}`;
    const now = Date.now();
    if (creator !== undefined) {
      const since = new Date(now - this.anonymous.windowMs).toISOString();
      if ((await this.server.sandboxesCreatedBy(creator, since)) >= this.anonymous.max)
        throw new MynaError('SANDBOX_LIMIT', {
          limit: this.anonymous.max,
          windowMinutes: Math.round(this.anonymous.windowMs / 60_000),
        });
    }
    await this.server.createSandbox({
      id,
      name,
      apiKey,
      at: new Date(now).toISOString(),
      ...(creator !== undefined ? { creator } : {}),
    });
    return { id, apiKey: (await this.server.apiKeyOf(id)) ?? apiKey };
  }

  /** The default sandbox, created at first start. */
  async ensureDefault(): Promise<{ id: string; apiKey: string }> {
    if (!(await this.server.sandbox('default'))) await this.createSandbox('default', 'default');
    return { id: 'default', apiKey: (await this.server.apiKeyOf('default'))! };
  }

  /** The wired sandbox, with its clock brought up to date from the database. */
  async get(id: string): Promise<Sandbox> {
    let sb = this.sandboxes.get(id);
    if (!sb) {
      sb = createSandbox({
        id,
        store: new SqlAuthorityStore(this.db),
        cards: new SqlCardStore(this.db, { sandboxId: id }),
        resetStore: new SqlResetStore(this.db),
        phones: new SqlPhoneStore(this.db),
        clock: new SandboxClock(),
        random: cryptoRandom,
        ocspUrl: `${this.options.publicUrl()}/s/${id}/ocsp`,
        leases: this.leases(id),
      });
      this.sandboxes.set(id, sb);
    }
    applyClock(sb.clock, await this.server.clock(id));
    return sb;
  }

  /** The card-lease port in the database: one terminal per card across every instance. */
  private leases(sandboxId: string): CardLeases {
    return {
      acquire: (l) => this.server.acquireLease({ ...l, sandboxId, nowMs: Date.now() }),
      release: (cardId, holder) => this.server.releaseLease(cardId, holder),
    };
  }

  async saveClock(id: string, clock: SandboxClock): Promise<void> {
    const now = clock.now().getTime();
    await this.server.setClock(
      id,
      clock.frozen ? { offsetMs: 0, frozenAtMs: now } : { offsetMs: now - Date.now(), frozenAtMs: null },
    );
  }
}

function applyClock(clock: SandboxClock, s: ClockState): void {
  if (s.frozenAtMs !== null) clock.freeze(new Date(s.frozenAtMs));
  else {
    clock.unfreeze();
    clock.set(new Date(Date.now() + s.offsetMs));
  }
}
