/**
 * bench/load — open-loop load: login flows offered at a fixed rate, latency measured from each
 * flow's scheduled start (not from when the generator got round to it), so queueing shows: no
 * coordinated omission. The server(s) run in child processes; this process only offers load.
 *
 *   npm run bench:load                       (tsc -b && tsx bench/load.ts)
 *   tsx bench/load.ts [--seconds 6] [--rates 50,100,200] [--flows remote,dauth] [--stores sqlite,postgres]
 *
 * Flows:
 *   remote — what bench/server.ts drives, as a test suite does it: open a remote card session
 *            (WebSocket, the card leased to this terminal), SELECT JPKI, PIN status, VERIFY, READ
 *            the user-auth certificate, SIGN, close the session.
 *   dauth  — what bench/dauth.ts drives: a デジタル認証アプリ login through the headless holder
 *            (authorize → hand-off → holder API with the card → resume → code exchange with
 *            private_key_jwt → ID token validated by openid-client).
 * Stores: SQLite (one instance, a file in a temp folder) and PostgreSQL (two instances on one
 * database; flows alternate between them; MYNA_TEST_POSTGRES_URL or a private cluster from
 * scripts/postgres-test.sh).
 *
 * Each flow takes a free card from a pool (CARDS cards; a card is in one session at a time); a
 * flow waiting for a card counts that wait in its latency. A rate is "overloaded" when more than
 * half a second of offered flows (at least 10) are outstanding — far past a 50 ms goal: the run
 * stops offering, and its p99 is a lower bound. After 50/100/200 flows/s, the ladder (1 … 400) is walked to find the highest rate with
 * p99 < 50 ms. A run lasts --seconds, or long enough for 30 flows. MYNA_BENCH_CPU_PROF=<dir> writes
 * each server's CPU profile from the first flow after warm-up (use one --flows kind per run).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SELF = fileURLToPath(import.meta.url);
const MASTER_KEY = Buffer.alloc(32, 13).toString('hex');
const GOAL_MS = 50;
const LADDER = [1, 2, 5, 10, 25, 50, 75, 100, 150, 200, 300, 400];
const CARDS = 48;
const REDIRECT = 'http://localhost:9/cb';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'string' },
    seconds: { type: 'string', default: '6' },
    rates: { type: 'string', default: '50,100,200' },
    flows: { type: 'string', default: 'remote,dauth' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    /** `no`: only the --rates, without walking the ladder (e.g. under --cpu-prof). */
    ladder: { type: 'string', default: 'yes' },
  },
});

// ───────────────────────── --serve <databaseUrl>: one server instance ─────────────────────────

async function serve(databaseUrl: string): Promise<void> {
  const stopHooks: (() => Promise<void>)[] = [];
  const { buildServer } = await import('@myna/server');
  const s = await buildServer({ databaseUrl, masterKey: Buffer.from(MASTER_KEY, 'hex'), logger: false });
  const base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ base, key: s.defaultSandbox.apiKey }));
  // MYNA_BENCH_CPU_PROF=<dir>: a CPU profile of this server from the first flow after warm-up
  // (SIGUSR2 from the load process) to its end, written to <dir>/server-<pid>.cpuprofile.
  const profDir = process.env.MYNA_BENCH_CPU_PROF;
  let profile: Promise<void> = Promise.resolve();
  if (profDir) {
    const { Session } = await import('node:inspector/promises');
    const { writeFileSync } = await import('node:fs');
    const session = new Session();
    session.connect();
    let started = false;
    process.on('SIGUSR2', () => {
      if (started) return;
      started = true;
      profile = session.post('Profiler.enable').then(() => session.post('Profiler.start'));
    });
    const write = async () => {
      if (!started) return;
      await profile;
      const { profile: p } = await session.post('Profiler.stop');
      writeFileSync(join(profDir, `server-${process.pid}.cpuprofile`), JSON.stringify(p));
    };
    stopHooks.push(write);
  }
  const stop = () =>
    void Promise.all(stopHooks.map((h) => h()))
      .then(() => s.close())
      .then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
}

interface Instance {
  readonly base: string;
  readonly key: string;
  readonly child: ChildProcess;
}

function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [...process.execArgv, SELF, '--serve', databaseUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (l) => {
      const { base, key } = JSON.parse(l) as { base: string; key: string };
      resolve({ base, key, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code} before listening`)));
  });
}

async function stopInstance(i: Instance): Promise<void> {
  if (i.child.exitCode !== null) return;
  const exited = new Promise((r) => i.child.once('exit', r));
  i.child.kill('SIGTERM');
  await exited;
}

// ───────────────────────── the flows ─────────────────────────

type Flow = (instance: number, cardId: string) => Promise<void>;

async function remoteFlow(instances: Instance[]): Promise<Flow> {
  const { MynaCardClient, RemoteTransport } = await import('@myna/client');
  const { default: WebSocket } = await import('ws');
  const data = new TextEncoder().encode('login challenge');
  const open = (k: number, cardId: string) =>
    RemoteTransport.open({
      server: instances[k]!.base,
      cardId,
      apiKey: instances[k]!.key,
      terminal: 'bench:load',
      WebSocket: WebSocket as never,
    });
  return async (k, cardId) => {
    // close() resolves once the server has released the card, so the next flow on it opens at once.
    const t = await open(k, cardId);
    try {
      const c = new MynaCardClient(t);
      await c.select('jpki');
      await c.pinStatus('auth');
      await c.verifyPin('auth', '1234');
      await c.readCertificate('auth');
      await c.sign('auth', data);
    } finally {
      await t.close?.();
    }
  };
}

async function dauthFlow(instances: Instance[]): Promise<Flow> {
  const { DigitalAuthHolder } = await import('@myna/client');
  const { exportJWK, generateKeyPair } = await import('jose');
  const oidc = await import('openid-client');
  const sig = await generateKeyPair('ES256', { extractable: true });
  const { clientId } = (await post(instances[0]!, '/api/dauth/clients', {
    redirectUris: [REDIRECT],
    jwks: { keys: [{ ...(await exportJWK(sig.publicKey)), use: 'sig' }] },
  })) as { clientId: string };
  // Each instance names itself as the issuer (no load balancer in front): a flow stays on one.
  const per = await Promise.all(
    instances.map(async (i) => {
      const issuer = `${i.base}/s/default/api/realms/main`;
      const tokenUrl = `${issuer}/protocol/openid-connect/token`;
      const config = await oidc.discovery(
        new URL(issuer),
        clientId,
        { token_endpoint_auth_method: 'private_key_jwt', id_token_signed_response_alg: 'ES256' },
        oidc.PrivateKeyJwt(sig.privateKey, {
          [oidc.modifyAssertion]: (_h, p) => {
            p.aud = tokenUrl;
          },
        }),
        { execute: [oidc.allowInsecureRequests] },
      );
      return { config, holder: new DigitalAuthHolder({ baseUrl: i.base, apiKey: i.key }) };
    }),
  );
  return async (k, cardId) => {
    const { config, holder } = per[k]!;
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const cb = await holder.login(url.href, { cardId, authPin: '1234' });
    const t = await oidc.authorizationCodeGrant(config, cb, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    if (!t.claims()?.sub) throw new Error('no sub in the ID token');
  };
}

async function post(i: Instance, path: string, body: unknown): Promise<unknown> {
  const r = await fetch(`${i.base}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': i.key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** Free cards, handed out first come first served. */
class CardPool {
  private readonly waiting: ((id: string) => void)[] = [];
  constructor(private readonly free: string[]) {}
  take(): Promise<string> {
    const id = this.free.pop();
    return id !== undefined ? Promise.resolve(id) : new Promise((r) => this.waiting.push(r));
  }
  give(id: string): void {
    const next = this.waiting.shift();
    if (next) next(id);
    else this.free.push(id);
  }
}

// ───────────────────────── the open-loop generator ─────────────────────────

interface RunResult {
  readonly rate: number;
  readonly offered: number;
  readonly completed: number;
  readonly errors: number;
  readonly achieved: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly lagP99: number;
  readonly overloaded: boolean;
}

async function offer(
  rate: number,
  seconds: number,
  flow: Flow,
  pool: CardPool,
  instances: number,
): Promise<RunResult> {
  const n = Math.max(30, Math.round(rate * seconds));
  const gap = 1000 / rate;
  const lat: number[] = [];
  const lag: number[] = [];
  const all: Promise<void>[] = [];
  let inFlight = 0;
  let errors = 0;
  let firstError: unknown;
  let i = 0;
  let overloaded = false;
  const t0 = performance.now() + 20;
  while (i < n) {
    const wait = t0 + i * gap - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Start every flow whose time has come (several if the timer fired late).
    while (i < n && t0 + i * gap <= performance.now()) {
      const scheduled = t0 + i * gap;
      const k = i++;
      lag.push(performance.now() - scheduled);
      inFlight++;
      const p = (async () => {
        const card = await pool.take();
        try {
          await flow(k % instances, card);
          lat.push(performance.now() - scheduled);
        } catch (e) {
          errors++;
          firstError ??= e;
        } finally {
          pool.give(card);
          inFlight--;
        }
      })();
      all.push(p);
    }
    if (inFlight > Math.max(10, rate / 2)) {
      overloaded = true;
      break;
    }
  }
  const offered = i;
  await Promise.all(all);
  const elapsed = (performance.now() - t0) / 1000;
  if (errors > 0) console.error(`  ${errors} flow(s) failed at ${rate}/s; first:`, firstError);
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  };
  return {
    rate,
    offered,
    completed: lat.length,
    errors,
    achieved: lat.length / elapsed,
    p50: q(lat, 0.5),
    p99: q(lat, 0.99),
    max: q(lat, 1),
    lagP99: q(lag, 0.99),
    overloaded,
  };
}

const ok = (r: RunResult) => !r.overloaded && r.errors === 0 && r.p99 < GOAL_MS;

/** 50/100/200 (or --rates), then the ladder up or down to the highest rate meeting the goal. */
async function sweep(
  run: (rate: number) => Promise<RunResult>,
): Promise<{ runs: RunResult[]; best?: number }> {
  const runs: RunResult[] = [];
  const done = new Map<number, RunResult>();
  const at = async (rate: number) => {
    const r = done.get(rate) ?? (await run(rate));
    if (!done.has(rate)) {
      done.set(rate, r);
      runs.push(r);
      console.error(
        `  ${rate}/s: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.overloaded ? ' (overloaded)' : ''}, ${r.completed}/${r.offered} done, ${r.errors} errors`,
      );
    }
    return r;
  };
  for (const rate of args.rates.split(',').map(Number)) await at(rate);
  const passing = () => [...done.values()].filter(ok).map((r) => r.rate);
  const failing = () => [...done.values()].filter((r) => !ok(r)).map((r) => r.rate);
  while (args.ladder !== 'no') {
    const best = Math.max(0, ...passing());
    const lowestFail = Math.min(Number.POSITIVE_INFINITY, ...failing().filter((f) => f > best));
    const next = LADDER.find((x) => x > best && x < lowestFail && !done.has(x));
    if (next === undefined) break;
    // Going down from a failure: try the ladder's highest step below it first.
    const down = LADDER.filter((x) => x > best && x < lowestFail && !done.has(x)).pop()!;
    await at(best === 0 ? down : next);
  }
  const best = Math.max(0, ...passing());
  return { runs: runs.sort((a, b) => a.rate - b.rate), ...(best > 0 ? { best } : {}) };
}

// ───────────────────────── orchestration ─────────────────────────

async function bench(store: 'sqlite' | 'postgres', databaseUrl: string, flows: string[]): Promise<string[]> {
  // One after the other: the second finds the schema migrated and the default sandbox made.
  const instances: Instance[] = [];
  for (let k = 0; k < (store === 'sqlite' ? 1 : 2); k++) instances.push(await startInstance(databaseUrl));
  const label = store === 'sqlite' ? 'SQLite, 1 instance' : 'PostgreSQL, 2 instances';
  const rows: string[] = [];
  try {
    const cards: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (cards.length < CARDS) {
          cards.push('');
          const { id } = (await post(instances[0]!, '/api/cards', {})) as { id: string };
          cards[cards.indexOf('')] = id;
        }
      }),
    );
    const pool = new CardPool(cards);
    for (const name of flows) {
      const flow = name === 'remote' ? await remoteFlow(instances) : await dauthFlow(instances);
      await flow(0, cards[0]!); // warm-up: JIT, connections, the provider's keys
      if (instances.length > 1) await flow(1, cards[0]!);
      if (process.env.MYNA_BENCH_CPU_PROF) for (const i of instances) i.child.kill('SIGUSR2');
      console.error(`${name} on ${label}`);
      // The floor in the same run: 20 flows one after another (closed loop, nothing queued).
      const serial: number[] = [];
      for (let j = 0; j < 20; j++) {
        const t = performance.now();
        await flow(j % instances.length, cards[j % cards.length]!);
        serial.push(performance.now() - t);
      }
      serial.sort((a, b) => a - b);
      rows.push(
        `| ${name} | ${label} | one at a time (floor) | 20/20 | ${(20000 / serial.reduce((a, b) => a + b, 0)).toFixed(1)} | ${serial[10]!.toFixed(1)} | ${serial[19]!.toFixed(1)} (max of 20) | ${serial[19]!.toFixed(0)} | — | 0 | — |`,
      );
      const seconds = Number(args.seconds);
      const { runs, best } = await sweep((rate) => offer(rate, seconds, flow, pool, instances.length));
      for (const r of runs)
        rows.push(
          `| ${name} | ${label} | ${r.rate} | ${r.completed}/${r.offered} | ${r.achieved.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.overloaded ? '≥ ' : ''}${r.p99.toFixed(1)} | ${r.max.toFixed(0)} | ${r.lagP99.toFixed(1)} | ${r.errors} | ${ok(r) ? 'yes' : r.overloaded ? 'no (overloaded)' : 'no'} |`,
        );
      rows.push(
        `| **${name}** | **${label}** | **highest rate with p99 < ${GOAL_MS} ms: ${best ? `${best}/s` : `none of ${LADDER[0]}–${LADDER.at(-1)}/s`}** | | | | | | | | |`,
      );
    }
  } finally {
    await Promise.all(instances.map(stopInstance));
  }
  return rows;
}

if (args.serve) {
  await serve(args.serve);
} else {
  const flows = args.flows.split(',');
  const stores = args.stores.split(',') as ('sqlite' | 'postgres')[];
  const dir = mkdtempSync(join(tmpdir(), 'myna-bench-load-'));
  let pgDir: string | undefined;
  const rows: string[] = [];
  try {
    for (const store of stores) {
      let url = `sqlite:${join(dir, 'load.db')}`;
      if (store === 'postgres') {
        url = process.env.MYNA_TEST_POSTGRES_URL ?? '';
        if (!url) {
          const out = execFileSync('bash', ['scripts/postgres-test.sh', 'start'], { encoding: 'utf8' });
          url = /MYNA_TEST_POSTGRES_URL=(\S+)/.exec(out)![1]!;
          pgDir = /MYNA_TEST_POSTGRES_DIR=(\S+)/.exec(out)![1]!;
        }
      }
      rows.push(...(await bench(store, url, flows)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pgDir) execFileSync('bash', ['scripts/postgres-test.sh', 'stop', pgDir]);
  }
  console.log(
    `node ${process.version}, open loop, ${args.seconds} s (≥ 30 flows) per rate, ${CARDS} cards, load from a separate process; latency from the scheduled start\n`,
  );
  console.log(
    '| flow | store | offered flows/s | done/offered | achieved/s | p50 ms | p99 ms | max ms | generator lag p99 ms | errors | p99 < 50 ms |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) console.log(r);
}
