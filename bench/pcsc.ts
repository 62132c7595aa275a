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
 *   tsx bench/pcsc.ts [--n 500] [--rounds 21] [--stock-n 30] [--no-stock] [--no-apdus]
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
 * Then the APDUs real clients send (CASES: SELECT of the JPKI AP by AID, status VERIFY
 * `00 20 00 80` after SELECT 0018, READ BINARY of the user-auth certificate 000A with Le=FF and
 * with an extended Le of the whole certificate, COMPUTE DIGITAL SIGNATURE with the auth key after
 * VERIFY), each on all three cards in the same rotating rounds. For these the no-op card answers
 * as many zero bytes as Le asks, so the wire carries the same bytes as for ours; the goal is
 * ≥ 0.9 × the no-op card for every APDU without cryptography (`--no-apdus` skips them).
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
import { parseCommand } from '@myna/apdu';
import { bridgeCard, requirePcscStack, startPrivatePcscd } from '@myna/bridge';
import { ATR, MemoryCardStore, personalize, VirtualCard } from '@myna/card';
import { openPcscTransport } from '@myna/client';
import { cryptoRandom, systemClock } from '@myna/ports';

const SELF = fileURLToPath(import.meta.url);
const SELECT_MF = Buffer.from('00A4000C023F00', 'hex');
const SELECT_JPKI = Buffer.from('00A4040C0AD392F000260100000001', 'hex');
const STATUS_VERIFY = Buffer.from('00200098', 'hex');
const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');
/** SELECT EF by id inside the current AP (card.md §4): PIN 0018, certificate 000A, key 0017. */
const SELECT_EF = (id: string) => hex(`00 A4 02 0C 02 ${id}`);
/** SHA-256 DigestInfo (RFC 8017 §9.2) of a fixed digest: what a TLS client asks the card to sign. */
const DIGEST_INFO = hex(`3031300d060960864801650304020105000420${'ab'.repeat(32)}`);

/**
 * The APDUs real clients send (OpenSC's jpki driver, the JPKI/デジタル認証アプリ SDKs; card.md §4,
 * §9), each after the selection it needs: `setup` once per run, then `apdu` back to back. The no-op
 * card answers each with as many zero bytes as Le asks (and 90 00): the same bytes on the wire as
 * our card, with no card work — the ceiling of the bridge and pcscd for that APDU.
 */
const CASES = [
  {
    id: 'select-aid',
    name: 'SELECT JPKI AP by AID',
    setup: [] as Buffer[],
    apdu: SELECT_JPKI,
    crypto: false,
  },
  {
    id: 'status-verify',
    name: 'status VERIFY 00 20 00 80 (after SELECT 0018)',
    setup: [SELECT_JPKI, SELECT_EF('00 18')],
    apdu: hex('00 20 00 80'),
    crypto: false,
  },
  {
    id: 'read-255',
    name: 'READ BINARY 000A, 255 bytes (Le=FF)',
    setup: [SELECT_JPKI, SELECT_EF('00 0A')],
    apdu: hex('00 B0 00 00 FF'),
    crypto: false,
  },
  {
    id: 'read-ext',
    name: 'READ BINARY 000A, whole certificate (extended Le)',
    setup: [SELECT_JPKI, SELECT_EF('00 0A')],
    apdu: Buffer.alloc(0), // Le = the certificate's length, set once it is known
    crypto: false,
  },
  {
    id: 'sign',
    name: 'COMPUTE DIGITAL SIGNATURE 80 2A 00 80 (auth key, RSA-2048)',
    setup: [SELECT_JPKI, SELECT_EF('00 18'), hex('00 20 00 80 04 31323334'), SELECT_EF('00 17')],
    apdu: Buffer.concat([hex('80 2A 00 80'), Buffer.of(DIGEST_INFO.length), DIGEST_INFO, Buffer.of(0)]),
    crypto: true,
    // vicc -t iso7816 (3.3) dies on it: SEutils raises SwError(SW["INCORRECTP1P2"]), a KeyError.
    noVicc: true,
  },
];

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
    'no-apdus': { type: 'boolean', default: false },
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
    // As many bytes as Le asks, then 90 00: the answer's size without the card's work.
    const answers = new Map<number, Uint8Array>();
    const answer = (ne: number) => {
      let a = answers.get(ne);
      if (!a) {
        a = new Uint8Array(ne + 2);
        a[ne] = 0x90;
        answers.set(ne, a);
      }
      return a;
    };
    card = {
      atr: ATR,
      powerOn: () => ATR,
      reset: () => ATR,
      powerOff: () => {},
      transmit: async (apdu: Uint8Array) => {
        const ne = parseCommand(apdu).ne;
        return ne === undefined ? ok : answer(ne);
      },
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
  transmit(c: Buffer, o?: { maxRecvLength?: number }): Promise<Buffer>;
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
  /** Per APDU case and card: rates per round, and the status word each card answered. */
  apdus?: Record<string, Record<string, { rates: number[]; sw: string; bytes: number }>>;
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
    const apdus = mode === 'preload' && !args['no-apdus'] ? await measureApdus(cards, n, rounds) : undefined;
    await transport.close();
    for (const c of Object.values(cards)) c.disconnect(sc.SCARD_LEAVE_CARD);
    ctx.close();
    return { preload: mode === 'preload', n, rounds, rates, ...(apdus ? { apdus } : {}) };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
    );
    await pcsc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CASES on the three cards, rotating the cards' order per round like the SELECT MF runs. Each run
 * re-sends its case's setup first (another case may have changed the current EF or PIN state).
 */
async function measureApdus(
  cards: Record<'virtual' | 'vicc' | 'noop', ScCard>,
  n: number,
  rounds: number,
): Promise<NonNullable<Measured['apdus']>> {
  // Room for an extended answer (the binding's default buffer holds a short one).
  const tx = (card: ScCard, apdu: Buffer) => card.transmit(apdu, { maxRecvLength: 65538 });
  // The certificate's length, from our card: the extended read asks for exactly that many bytes.
  for (const a of [SELECT_JPKI, SELECT_EF('00 0A')]) await tx(cards.virtual, a);
  const whole = await tx(cards.virtual, hex('00 B0 00 00 00 00 00'));
  if (whole.readUInt16BE(whole.length - 2) !== 0x9000)
    throw new Error(`READ BINARY 000A → ${whole.toString('hex')}`);
  const certLen = whole.length - 2;
  const cases = CASES.map((c) =>
    c.id === 'read-ext'
      ? { ...c, apdu: Buffer.concat([hex('00 B0 00 00 00'), Buffer.from([certLen >> 8, certLen & 0xff])]) }
      : c,
  );
  const all = ['virtual', 'vicc', 'noop'] as const;
  const on = (c: (typeof CASES)[number]) => all.filter((k) => k !== 'vicc' || !('noVicc' in c));
  const out: NonNullable<Measured['apdus']> = {};
  for (const c of cases) {
    out[c.id] = {};
    for (const name of on(c)) {
      for (const a of c.setup) await tx(cards[name], a);
      const res = await tx(cards[name], c.apdu);
      out[c.id]![name] = { rates: [], sw: res.subarray(-2).toString('hex').toUpperCase(), bytes: res.length };
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const count = c.crypto ? Math.max(10, Math.round(n / 20)) : n;
      const order = on(c);
      for (let k = 0; k < order.length; k++) {
        const name = order[(r + k) % order.length]!;
        for (const a of c.setup) await tx(cards[name], a);
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < count; i++) await tx(cards[name], c.apdu);
        out[c.id]![name]!.rates.push((count * 1e9) / Number(process.hrtime.bigint() - t0));
      }
    }
  }
  return out;
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
  if (fast.apdus) {
    console.log(
      '\nThe APDUs clients send (after the selection each needs), each card in turn; the no-op card answers as many bytes as Le asks:\n',
    );
    const out = [
      '| APDU | (a) VirtualCard APDU/s | answer | (c) no-op APDU/s | (a) ÷ (c) (median of rounds) | (b) vicc APDU/s | vicc answer | (a) ÷ (b) |',
      '|---|---:|---|---:|---:|---:|---|---:|',
    ];
    let below = false;
    for (const c of CASES) {
      const m = fast.apdus[c.id]!;
      const ac = pairedRatio(m.virtual!.rates, m.noop!.rates);
      if (!c.crypto && ac < 0.9) below = true;
      out.push(
        `| ${c.name} | ${fmt(median(m.virtual!.rates))} | ${m.virtual!.sw} (${m.virtual!.bytes} B) | ${fmt(median(m.noop!.rates))} | ${ac.toFixed(3)}${c.crypto ? ' (crypto)' : ''} | ${m.vicc ? `${fmt(median(m.vicc.rates))} | ${m.vicc.sw} (${m.vicc.bytes} B) | ${pairedRatio(m.virtual!.rates, m.vicc.rates).toFixed(3)}` : '— | (crashes vicc 3.3) | —'} |`,
      );
    }
    console.log(out.join('\n'));
    console.log(`\nevery APDU without cryptography ≥ 0.9 × the no-op card: ${below ? 'NO' : 'yes'}`);
    if (below) process.exitCode = 1;
  }
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
