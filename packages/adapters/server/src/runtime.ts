import { randomBytes } from 'node:crypto';
import { cryptoRandom } from '@myna/ports';
import { type CardLeases, createSandbox, type Sandbox, SandboxClock } from '@myna/services';
import {
  type ClockState,
  SqlAuthorityStore,
  SqlCardStore,
  SqlResetStore,
  SqlServerStore,
  type StoreDatabase,
} from '@myna/store';

/**
 * The server's view of its sandboxes: each sandbox wired to the shared database, with its clock
 * persisted (so every instance and every restart agree on sandbox time). One `Sandbox` object per
 * sandbox per instance (it caches the authority's keys); its clock is refreshed from the database
 * at the start of every request.
 */
export class SandboxRuntime {
  readonly server: SqlServerStore;
  private readonly sandboxes = new Map<string, Sandbox>();

  constructor(
    readonly db: StoreDatabase,
    private readonly options: { publicUrl: () => string },
  ) {
    this.server = new SqlServerStore(db);
  }

  /** Creates a sandbox with a fresh API key; returns the key (shown once to the caller). */
  async createSandbox(
    name: string,
    id = `sb_${randomBytes(8).toString('hex')}`,
  ): Promise<{ id: string; apiKey: string }> {
    const apiKey = `myna_${randomBytes(24).toString('base64url')}`;
    await this.server.createSandbox({ id, name, apiKey, at: new Date().toISOString() });
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
