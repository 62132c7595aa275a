/**
 * bench/pcsc — APDU round trips per second through the real PC/SC stack (client → libpcsclite →
 * pcscd → vpcd → TCP → card), for three cards in one run:
 *
 *   (a) our VirtualCard (J-LIS test profile, in-memory store) behind @myna/bridge, in its own process;
 *   (b) vsmartcard's `vicc -t iso7816` (Debian vsmartcard-vpicc, Python), in its own process;
 *   (c) a no-op card answering 90 00 to everything behind the same @myna/bridge, in its own
 *       process — the ceiling of this path on this machine (the bridge and pcscd, no card work).
 *
 *   npm run bench:pcsc                 (tsc -b && tsx bench/pcsc.ts)
 *   tsx bench/pcsc.ts [--n 500] [--rounds 21] [--stock-n 30] [--no-stock]
 *
 * The client is the same for all: the `smartcard` N-API binding in this process, one SCardConnect
 * (shared, T=1) per card, N back-to-back SCardTransmit of the same APDU, `00 A4 00 0C 02 3F 00`
 * (SELECT MF): vicc and the no-op card answer 90 00, ours 6A 82 (card.md §2.2: 3F00 is not
 * selectable on the My Number Card) — the same bytes on the wire both ways. Rounds alternate the
 * cards, rotating who goes first (a b c, b c a, c a b, …), so drift hits all alike; rates are the median of the rounds, and
 * ratios the median of the per-round ratios (each round's runs are seconds apart: a fairer pairing
 * on a shared, noisy machine than the ratio of two medians).
 * Extra rows: a status VERIFY on ours (`00 20 00 98` after SELECT JPKI: a store read and a
 * `pin.checked` event per APDU, answer 63 C3), and the same SELECT through @myna/client's
 * `openPcscTransport` (its promise queue and 61xx/6Cxx checks).
 *
 * Both runs use pcscd with the TCP_NODELAY preload (native/nodelay.c); a short second run without
 * it (stock vpcd 0.8) shows the 44 ms stall that no card can avoid. libpcsclite fixes its pcscd
 * socket once per process, so each run is a child process (`--measure`), and so is each card
 * (`--serve`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bridgeCard, requirePcscStack, startPrivatePcscd } from '@myna/bridge';
import { ATR, MemoryCardStore, personalize, VirtualCard } from '@myna/card';
import { openPcscTransport } from '@myna/client';
import { cryptoRandom, systemClock } from '@myna/ports';

const SELF = fileURLToPath(import.meta.url);
const SELECT_MF = Buffer.from('00A4000C023F00', 'hex');
const SELECT_JPKI = Buffer.from('00A4040C0AD392F000260100000001', 'hex');
const STATUS_VERIFY = Buffer.from('00200098', 'hex');

const { values: args } = parseArgs({
  options: {
    serve: { type: 'string' },
    measure: { type: 'string' },
    port: { type: 'string' },
    label: { type: 'string' },
    n: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '21' },
    'stock-n': { type: 'string', default: '30' },
    'no-stock': { type: 'boolean', default: false },
  },
});

/** Spawns this file again (same tsx loader) in another role. */
function self(role: string[], stdio: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, SELF, ...role], {
    stdio: ['ignore', stdio, 'inherit'],
  });
}

// ───────────────────────── --serve: one card in one vpcd slot ─────────────────────────

async function serve(kind: string, port: number, label: string): Promise<void> {
  let card: Parameters<typeof bridgeCard>[0]['card'];
  if (kind === 'virtual') {
    const { testProfile } = await import('../packages/core/card/test/fixtures/index.js');
    const store = new MemoryCardStore();
    const image = personalize(await testProfile({ id: 'bench-pcsc' }));
    await store.create(image);
    card = await VirtualCard.open(image.id, { store, random: cryptoRandom, clock: systemClock });
  } else {
    const ok = Uint8Array.of(0x90, 0x00);
    card = {
      atr: ATR,
      powerOn: () => ATR,
      reset: () => ATR,
      powerOff: () => {},
      transmit: async () => ok,
    };
  }
  const b = bridgeCard({ card, port, label });
  const stop = () => void b.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Leave with the parent, however it ends (a crashed bench must not leave cards behind).
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
}

// ───────────────────────── --measure: one pcscd, three cards, one client ─────────────────────────

interface ScCard {
  transmit(c: Buffer): Promise<Buffer>;
  disconnect(d?: number): void;
}
interface Smartcard {
  Context: new () => {
    listReaders(): { name: string; state: number; connect(s: number, p: number): Promise<ScCard> }[];
    close(): void;
  };
  SCARD_SHARE_SHARED: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_LEAVE_CARD: number;
  SCARD_STATE_PRESENT: number;
}

/** Debian's vicc: run by Debian's python with its two packaging bugs worked around (see BENCHMARKS.md). */
function viccCommand(shimDir: string, port: number): { cmd: string; args: string[]; env: NodeJS.ProcessEnv } {
  const pkg = '/usr/lib/python3/site-packages/virtualsmartcard';
  if (
    !existsSync('/usr/bin/vicc') ||
    !existsSync(pkg) ||
    !existsSync('/usr/lib/python3/dist-packages/Cryptodome')
  )
    throw new Error('vicc missing: apt-get install -y vsmartcard-vpicc python3-pycryptodome');
  const shim = join(shimDir, 'Crypto');
  if (!existsSync(shim)) symlinkSync('/usr/lib/python3/dist-packages/Cryptodome', shim);
  return {
    cmd: '/usr/bin/python3',
    args: ['/usr/bin/vicc', '-t', 'iso7816', '-H', '127.0.0.1', '-P', String(port)],
    env: { ...process.env, PYTHONPATH: `${shimDir}:${pkg}` },
  };
}

interface Measured {
  preload: boolean;
  n: number;
  rounds: number;
  rates: Record<string, number[]>;
}

async function measure(mode: 'preload' | 'stock', n: number, rounds: number): Promise<Measured> {
  requirePcscStack();
  const dir = mkdtempSync(join(tmpdir(), 'myna-bench-pcsc-'));
  const children: ChildProcess[] = [];
  const pcsc = await startPrivatePcscd({ dir: join(dir, 'pcsc'), slots: 3, preload: mode === 'preload' });
  try {
    const [pa, pb, pc] = pcsc.ports as [number, number, number];
    const [ra, rb, rc] = pcsc.readerNames as [string, string, string];
    children.push(self(['--serve', 'virtual', '--port', String(pa), '--label', ra]));
    const shimDir = join(dir, 'pyshim');
    mkdirSync(shimDir);
    const v = viccCommand(shimDir, pb);
    children.push(spawn(v.cmd, v.args, { env: v.env, stdio: ['ignore', 'ignore', 'inherit'] }));
    children.push(self(['--serve', 'noop', '--port', String(pc), '--label', rc]));

    process.env.PCSCLITE_CSOCK_NAME = pcsc.socketPath; // before libpcsclite's first context
    const sc = createRequire(import.meta.url)('smartcard') as Smartcard;
    const ctx = new sc.Context();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const present = ctx.listReaders().filter((r) => r.state & sc.SCARD_STATE_PRESENT).length;
      if (present === 3) break;
      if (Date.now() > deadline)
        throw new Error(`only ${present} of 3 cards present; log:\n${pcsc.logTail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const connect = async (name: string) => {
      const r = ctx.listReaders().find((x) => x.name === name)!;
      return r.connect(sc.SCARD_SHARE_SHARED, sc.SCARD_PROTOCOL_T1);
    };
    const cards = { virtual: await connect(ra), vicc: await connect(rb), noop: await connect(rc) };
    const sw = async (c: ScCard, apdu: Buffer) => (await c.transmit(apdu)).toString('hex').toUpperCase();
    const expectSw = async (what: string, c: ScCard, apdu: Buffer, want: string) => {
      const got = await sw(c, apdu);
      if (got !== want) throw new Error(`${what}: ${apdu.toString('hex')} → ${got}, expected ${want}`);
    };
    await expectSw('virtual', cards.virtual, SELECT_MF, '6A82');
    await expectSw('vicc', cards.vicc, SELECT_MF, '9000');
    await expectSw('noop', cards.noop, SELECT_MF, '9000');

    const rate = async (c: ScCard, apdu: Buffer, count: number) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < count; i++) await c.transmit(apdu);
      return (count * 1e9) / Number(process.hrtime.bigint() - t0);
    };
    const warm = Math.min(200, n);
    for (const c of Object.values(cards)) await rate(c, SELECT_MF, warm);

    const rates: Record<string, number[]> = { virtual: [], vicc: [], noop: [], verify: [], transport: [] };
    const transport = await openPcscTransport({ socket: pcsc.socketPath, reader: ra, onClose: 'leave' });
    const viaTransport = {
      transmit: async (a: Buffer) => Buffer.from(await transport.transmit(a)),
      disconnect: () => {},
    };
    const order = ['virtual', 'vicc', 'noop'] as const;
    for (let r = 0; r < rounds; r++) {
      // Rotate who goes first (a b c, b c a, c a b, …): no card always follows the same one.
      for (let k = 0; k < order.length; k++) {
        const name = order[(r + k) % order.length]!;
        rates[name]!.push(await rate(cards[name], SELECT_MF, n));
      }
      if (mode === 'preload') {
        await expectSw('virtual', cards.virtual, SELECT_JPKI, '9000');
        rates.verify!.push(await rate(cards.virtual, STATUS_VERIFY, n));
        rates.transport!.push(await rate(viaTransport, SELECT_MF, n));
      }
    }
    if (mode === 'preload') await expectSw('virtual status VERIFY', cards.virtual, STATUS_VERIFY, '63C3');
    await transport.close();
    for (const c of Object.values(cards)) c.disconnect(sc.SCARD_LEAVE_CARD);
    ctx.close();
    return { preload: mode === 'preload', n, rounds, rates };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
    );
    await pcsc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ───────────────────────── orchestration ─────────────────────────

function runMeasure(mode: 'preload' | 'stock', n: number, rounds: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const c = self(['--measure', mode, '--n', String(n), '--rounds', String(rounds)], 'pipe');
    let out = '';
    c.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    c.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Measured);
      else reject(new Error(`--measure ${mode} exited ${code}\n${out}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
/** Median of the per-round ratios xs[i] / ys[i]. */
const pairedRatio = (xs: number[], ys: number[]) => median(xs.map((x, i) => x / ys[i]!));

function rows(
  lines: { name: string; xs: number[]; base?: { name: string; xs: number[] } }[],
  withRatio: boolean,
): string {
  const out = [
    `| card and APDU | APDU/s (median) | µs/APDU | runs min–max |${withRatio ? ' ratio (median of rounds) |' : ''}`,
    `|---|---:|---:|---:|${withRatio ? '---|' : ''}`,
  ];
  for (const l of lines) {
    const m = median(l.xs);
    const ratio = l.base ? `${pairedRatio(l.xs, l.base.xs).toFixed(3)} × ${l.base.name}` : '';
    out.push(
      `| ${l.name} | ${fmt(m)} | ${(1e6 / m).toFixed(1)} | ${fmt(Math.min(...l.xs))}–${fmt(Math.max(...l.xs))} |${withRatio ? ` ${ratio} |` : ''}`,
    );
  }
  return out.join('\n');
}

if (args.serve) {
  await serve(args.serve, Number(args.port), args.label ?? 'bench');
} else if (args.measure) {
  const m = await measure(args.measure as 'preload' | 'stock', Number(args.n), Number(args.rounds));
  console.log(JSON.stringify(m));
} else {
  const n = Number(args.n);
  const rounds = Number(args.rounds);
  const fast = await runMeasure('preload', n, rounds);
  const r = fast.rates as Record<'virtual' | 'vicc' | 'noop' | 'verify' | 'transport', number[]>;
  const c = { name: '(c)', xs: r.noop };
  const b = { name: '(b)', xs: r.vicc };
  const a = { name: '(a)', xs: r.virtual };
  const cpu = execFileSync('nproc').toString().trim();
  console.log(
    `node ${process.version}, ${cpu} cores; pcscd with the TCP_NODELAY preload; ${n} APDUs per run, ${rounds} alternating rounds\n`,
  );
  console.log(
    rows(
      [
        { name: '(c) no-op Node card, same bridge: SELECT MF → 9000', xs: r.noop },
        { name: '(b) vicc -t iso7816 (Python): SELECT MF → 9000', xs: r.vicc, base: c },
        { name: '(a) VirtualCard: SELECT MF → 6A82', xs: r.virtual, base: c },
        { name: '(a) VirtualCard: SELECT MF → 6A82', xs: r.virtual, base: b },
        { name: '(a) VirtualCard: status VERIFY 00 20 00 98 → 63C3', xs: r.verify, base: c },
        { name: '(a) VirtualCard: status VERIFY 00 20 00 98 → 63C3', xs: r.verify, base: b },
        { name: '(a) VirtualCard: SELECT MF via openPcscTransport', xs: r.transport, base: a },
      ],
      true,
    ),
  );
  const ac = pairedRatio(r.virtual, r.noop);
  const ab = pairedRatio(r.virtual, r.vicc);
  console.log(`\n(a) / (c) = ${ac.toFixed(3)} (goal ≥ 0.9); (a) / (b) = ${ab.toFixed(3)} (goal ≥ 1.2)`);
  if (ac < 0.9 || ab < 1.2) process.exitCode = 1;
  if (!args['no-stock']) {
    const sn = Number(args['stock-n']);
    const slow = await runMeasure('stock', sn, 1);
    const s = slow.rates as Record<'virtual' | 'vicc' | 'noop', number[]>;
    console.log(`\nstock pcscd (no preload: Debian's vpcd 0.8 as shipped), ${sn} APDUs, one round:\n`);
    console.log(
      rows(
        [
          { name: '(c) no-op Node card', xs: s.noop },
          { name: '(b) vicc -t iso7816', xs: s.vicc },
          { name: '(a) VirtualCard (SELECT MF → 6A82)', xs: s.virtual },
        ],
        false,
      ),
    );
  }
}
