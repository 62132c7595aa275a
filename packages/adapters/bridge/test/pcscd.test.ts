import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bridgeCard,
  buildNodelay,
  type PrivatePcscd,
  privatePcscdCommand,
  readPrivatePcscd,
  requirePcscStack,
  startPrivatePcscd,
  stopPrivatePcscd,
  type VpcdCardConnection,
  vpcdReaderConf,
} from '@myna/bridge';
import { type CardEvent, MemoryCardStore, personalize, VirtualCard } from '@myna/card';
import { cryptoRandom, systemClock } from '@myna/ports';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testProfile } from '../../../core/card/test/fixtures/index.js';
import { ok, tool } from './helpers.js';

/** Private pcscd life cycle: isolation, several slots, restart, and the TCP_NODELAY preload. */

const ATR = '3b:e0:00:ff:81:31:fe:45:14';
const SELECT_JPKI = '00:A4:04:0C:0A:D3:92:F0:00:26:01:00:00:00:01';

let root: string;
let image: Awaited<ReturnType<typeof personalize>>;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  requirePcscStack({ tools: true });
  root = mkdtempSync(join(tmpdir(), 'myna-pcscd-'));
  image = personalize(await testProfile({ id: 'pcscd-card' }));
});
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

async function newCard(events?: CardEvent[]): Promise<VirtualCard> {
  const store = new MemoryCardStore();
  await store.create(image);
  return VirtualCard.open(image.id, {
    store,
    random: cryptoRandom,
    clock: systemClock,
    onEvent: (e) => events?.push(e),
  });
}

async function pcscd(name: string, opts: { slots?: number; preload?: boolean } = {}): Promise<PrivatePcscd> {
  const p = await startPrivatePcscd({
    dir: join(root, name),
    preload: opts.preload ?? true,
    slots: opts.slots ?? 1,
  });
  cleanup.push(() => p.stop());
  return p;
}

function bridge(p: PrivatePcscd, card: VirtualCard, slot = 0): VpcdCardConnection {
  const b = bridgeCard({ card, port: p.ports[slot]!, label: p.readerNames[slot]! });
  cleanup.push(() => b.stop());
  return b;
}

const envOf = (p: PrivatePcscd) => ({ ...process.env, ...p.env, XDG_CACHE_HOME: join(p.dir, 'cache') });

/** ms per APDU seen by an OpenSC client: n SELECTs in one connection minus one SELECT. */
async function apduLatency(p: PrivatePcscd, n: number): Promise<number> {
  const env = envOf(p);
  const time = async (k: number) => {
    const t0 = performance.now();
    const out = await ok('opensc-tool', ['-c', 'jpki', ...Array(k).fill(['-s', SELECT_JPKI]).flat()], {
      env,
      timeoutMs: 30_000,
    });
    expect(out.match(/SW1=0x90, SW2=0x00/g)?.length).toBe(k);
    return performance.now() - t0;
  };
  const one = await time(1);
  const many = await time(n + 1);
  return Math.max(0, many - one) / n;
}

describe('private pcscd', () => {
  it('writes a reader.conf that vpcd accepts (hex port)', () => {
    expect(vpcdReaderConf(35963)).toContain('DEVICENAME   /dev/null:0x8C7B');
  });

  it('is isolated: its socket is in its own dir, never in /run/pcscd; a second one in the same dir is refused', async () => {
    const hostSocket = '/run/pcscd/pcscd.comm';
    const hostHad = existsSync(hostSocket);
    const p = await pcscd('iso');
    expect(p.socketPath).toBe(join(root, 'iso', 'run', 'pcscd.comm'));
    expect(existsSync(p.socketPath)).toBe(true);
    expect(existsSync(hostSocket)).toBe(hostHad);
    // Clients find it only through PCSCLITE_CSOCK_NAME.
    expect(await ok('pcsc_scan', ['-r'], { env: envOf(p), timeoutMs: 10_000 })).toContain(
      'Virtual PCD 00 00',
    );
    const plain = { ...process.env };
    delete plain.PCSCLITE_CSOCK_NAME;
    const outside = await tool('pcsc_scan', ['-r'], { env: plain, timeoutMs: 10_000 });
    if (!hostHad) expect(outside.stdout + outside.stderr).toMatch(/Service not available|No reader/);
    await expect(startPrivatePcscd({ dir: join(root, 'iso') })).rejects.toThrow(
      /in use by the private pcscd/,
    );
    await p.stop();
    expect(p.running).toBe(false);
    expect(readdirSync(join(root, 'iso', 'run'))).toEqual([]);
  });

  it('detached (for `myna-sandbox pcsc start`): no pdeathsig; another process finds it and stops it through its dir', async () => {
    const cmd = { runDir: '/r', confDir: '/c', pcscd: '/usr/sbin/pcscd' };
    expect(privatePcscdCommand(cmd).slice(0, 3)).toEqual(['setpriv', '--pdeathsig', 'TERM']);
    expect(privatePcscdCommand({ ...cmd, detached: true })[0]).toBe('unshare');
    const dir = join(root, 'detached');
    expect(readPrivatePcscd(dir)).toBeUndefined();
    const p = await startPrivatePcscd({ dir, slots: 1, preload: true, detached: true });
    cleanup.push(() => p.stop());
    // Its own session: not in our process group, and no parent-death signal.
    // /proc/<pid>/stat after "(comm) ": state ppid pgrp session …
    const raw = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    expect(Number(fields[3])).toBe(p.pid); // session id = its own pid
    const st = readPrivatePcscd(dir)!;
    expect(st).toMatchObject({
      pid: p.pid,
      socketPath: p.socketPath,
      ports: p.ports,
      readerNames: ['Virtual PCD 00 00'],
      detached: true,
      preload: p.preload,
    });
    expect(await stopPrivatePcscd(dir)).toBe(p.pid);
    expect(readPrivatePcscd(dir)).toBeUndefined();
    expect(await stopPrivatePcscd(dir)).toBeUndefined();
    expect(readdirSync(join(dir, 'run'))).toEqual([]);
  });

  it('several cards in several slots, each with its reader name on its PIN events', async () => {
    const p = await pcscd('multi', { slots: 3 });
    expect(p.readerNames).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01', 'Virtual PCD 1 00 00']);
    expect(p.ports).toEqual([p.ports[0], p.ports[0]! + 1, p.ports[0]! + 2]);
    const events: CardEvent[][] = [[], [], []];
    const cards = await Promise.all(events.map((e) => newCard(e)));
    const bridges = cards.map((c, i) => bridge(p, c, i));
    await Promise.all(bridges.map((b) => b.whenPresent(10_000)));
    const env = envOf(p);
    const scan = await tool('pcsc_scan', ['-n', '-t', '1'], { env, timeoutMs: 10_000 });
    for (const name of p.readerNames) expect(scan.stdout).toContain(name);
    expect(scan.stdout.match(/ATR: 3B E0 00 FF 81 31 FE 45 14/g)?.length).toBe(3);
    for (let i = 0; i < 3; i++) {
      const out = await ok('pkcs15-tool', ['--reader', p.readerNames[i]!, '--list-pins'], { env });
      expect(out).toContain('Tries left     : 3');
      expect(events[i]!.some((e) => e.type === 'pin.checked' && e.terminal === p.readerNames[i])).toBe(true);
    }
  });

  it('survives a pcscd restart: the bridge reconnects and the card is seen again', async () => {
    const p = await pcscd('restart');
    const b = bridge(p, await newCard());
    await b.whenPresent(10_000);
    const env = envOf(p);
    expect(await ok('opensc-tool', ['-a'], { env })).toContain(ATR);
    const pid = p.pid;
    await p.stop();
    expect((await tool('opensc-tool', ['-a'], { env, timeoutMs: 10_000 })).code).not.toBe(0);
    expect(b.connected).toBe(false);
    await p.restart();
    expect(p.pid).not.toBe(pid);
    await b.whenPresent(10_000);
    expect(b.stats.connects).toBe(2);
    expect(await ok('opensc-tool', ['-a'], { env })).toContain(ATR);
    expect((await ok('opensc-tool', ['-n'], { env })).trim()).toBe('jpki');
  });

  it('the TCP_NODELAY preload removes the ~44 ms per-APDU stall of stock vpcd 0.8', async () => {
    expect(await buildNodelay()).toMatch(/nodelay\.so$/);
    const fast = await pcscd('fast', { preload: true });
    const slow = await pcscd('stock', { preload: false });
    expect(fast.preload).toMatch(/nodelay\.so$/);
    expect(slow.preload).toBeUndefined();
    // The shim is really mapped into the preloaded pcscd, and only there.
    expect(readFileSync(`/proc/${fast.pid}/maps`, 'utf8')).toContain(fast.preload);
    expect(readFileSync(`/proc/${slow.pid}/maps`, 'utf8')).not.toContain('nodelay.so');
    const bf = bridge(fast, await newCard());
    const bs = bridge(slow, await newCard());
    await Promise.all([bf.whenPresent(10_000), bs.whenPresent(10_000)]);
    const withPreload = await apduLatency(fast, 300);
    const stock = await apduLatency(slow, 10);
    console.log(
      `APDU round trip through pcscd: with preload ${withPreload.toFixed(2)} ms, stock ${stock.toFixed(1)} ms`,
    );
    expect(withPreload).toBeLessThan(5);
    expect(stock).toBeGreaterThan(withPreload);
  });
});
