import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readPrivatePcscd, requirePcscStack, stopPrivatePcscd } from '@myna/bridge';
import { listPcscReaders, MynaCardClient, openPcscTransport } from '@myna/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, tool } from '../../bridge/test/helpers.js';
import { main } from '../src/main.js';

/**
 * `myna-sandbox pcsc start|status|stop` and `myna-sandbox bridge` as a user runs them — the built
 * binary (`npx tsc -b` first) in a fresh directory — against the real stack: the CLI's private
 * pcscd, OpenSC, and the client SDK over PC/SC, all on the same SQLite database as `card status`.
 */
const BIN = new URL('../bin/myna-sandbox.js', import.meta.url).pathname;
const cwd = mkdtempSync(join(tmpdir(), 'myna-bridge-cli-'));
const pcscDir = join(cwd, '.myna-sandbox', 'pcsc');
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.MYNA_MASTER_KEY;
delete env.PCSCLITE_CSOCK_NAME;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd,
      env,
      timeout: 30_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/**
 * The same CLI in this process (`main` with captured output): for checks that do not need a
 * separate process, since every run of the binary pays ~1 s of module loading.
 */
async function inProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'myna-sandbox', ...args], {
    out: (x) => {
      out += x.endsWith('\n') ? x : `${x}\n`;
    },
    err: (x) => {
      err += x.endsWith('\n') ? x : `${x}\n`;
    },
  });
  return { code, out, err };
}

const ids: string[] = [];
let socket = '';
let toolEnv: NodeJS.ProcessEnv = {};
let bridge: ChildProcessWithoutNullStreams | undefined;
let bridgeOut = '';
let bridgeExit: Promise<number | null> = Promise.resolve(null);

/** Resolves when the bridge's output matches `re` (rejects if it exits first or after `ms`). */
function waitForOutput(re: RegExp, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`bridge output never matched ${re}:\n${bridgeOut}`));
    }, ms);
    const poll = setInterval(() => {
      if (re.test(bridgeOut)) {
        clearTimeout(t);
        clearInterval(poll);
        resolve();
      } else if (bridge?.exitCode !== null) {
        clearTimeout(t);
        clearInterval(poll);
        reject(new Error(`bridge exited ${bridge?.exitCode}:\n${bridgeOut}`));
      }
    }, 20);
  });
}

beforeAll(async () => {
  requirePcscStack({ tools: true });
  if (!existsSync(BIN.replace('/bin/myna-sandbox.js', '/dist/commands/bridge.js')))
    throw new Error('build the CLI first: npx tsc -b');
  // The first issue creates the database and its master key; pcscd starts meanwhile.
  const [first, started] = await Promise.all([cli('card', 'issue', '--json'), cli('pcsc', 'start')]);
  const second = await cli('card', 'issue', '--json');
  for (const r of [first, second]) {
    expect(r.code, r.err).toBe(0);
    ids.push(JSON.parse(r.out).id);
  }
  expect(started.code, started.err).toBe(0);
  const m = /^export PCSCLITE_CSOCK_NAME=(\S+)$/m.exec(started.out);
  expect(m, started.out).not.toBeNull();
  socket = m![1]!;
  toolEnv = { ...env, PCSCLITE_CSOCK_NAME: socket, XDG_CACHE_HOME: join(cwd, 'cache') };
  // Both cards, into the private pcscd found in ./.myna-sandbox/pcsc (no --vpcd needed).
  bridge = spawn(process.execPath, [BIN, 'bridge', '--card', ids[0]!, '--card', ids[1]!], { cwd, env });
  bridge.stdout.on('data', (d: Buffer) => {
    bridgeOut += d.toString();
  });
  bridge.stderr.on('data', (d: Buffer) => {
    bridgeOut += d.toString();
  });
  const b = bridge;
  bridgeExit = new Promise((resolve) => b.once('exit', (code) => resolve(code)));
  await waitForOutput(/^ready: pcscd sees 2 card/m);
});

afterAll(async () => {
  if (bridge && bridge.exitCode === null) {
    bridge.kill('SIGKILL');
    await bridgeExit;
  }
  await stopPrivatePcscd(pcscDir);
  rmSync(cwd, { recursive: true, force: true });
});

/** Whether `pid` runs (a zombie left to an init that does not reap counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** OpenSC's "Tries left" for the user-authentication PIN of the card in `reader`. */
async function openscTries(reader = 'Virtual PCD 00 00'): Promise<number> {
  const out = await ok('pkcs15-tool', ['--reader', reader, '--list-pins'], { env: toolEnv });
  const block = out.split(/\n(?=PIN \[)/).find((b) => b.includes('PIN [User Authentication PIN]'));
  return Number(/Tries left\s*:\s*(\d+)/.exec(block ?? '')?.[1]);
}

/** `card status <id> --json` (the CLI's own database, opened while the bridge holds it too). */
async function statusTries(id: string): Promise<number> {
  const r = await cli('card', 'status', id, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out).pins.auth.triesLeft;
}

/** The client SDK over PC/SC (this process talks to the CLI's private pcscd). */
async function sdkTries(reader = 'Virtual PCD 00 00'): Promise<number> {
  const t = await openPcscTransport({ socket, reader });
  try {
    return (await new MynaCardClient(t).pinStatus('auth')).triesLeft;
  } finally {
    await t.close();
  }
}

describe('npx myna-sandbox pcsc', () => {
  it('start printed an export line for eval; status reports the pcscd; a second start reuses it', async () => {
    const st = readPrivatePcscd(pcscDir)!;
    expect(socket).toBe(join(pcscDir, 'run', 'pcscd.comm'));
    expect(st.readerNames).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
    expect(st.preload).toMatch(/nodelay\.so$/);
    expect(readFileSync(`/proc/${st.pid}/maps`, 'utf8')).toContain('nodelay.so');
    const status = await inProcess('pcsc', 'status', '--dir', pcscDir, '--json');
    expect(JSON.parse(status.out)).toMatchObject({ running: true, pid: st.pid, ports: st.ports });
    const again = await cli('pcsc', 'start');
    expect(again.out).toContain(`already running: private pcscd PID ${st.pid}`);
    // `eval "$(npx myna-sandbox pcsc start)"` sets the variable; the # lines are comments.
    const sh = await ok('sh', ['-c', 'eval "$START"; echo "$PCSCLITE_CSOCK_NAME"'], {
      env: { ...env, START: again.out },
    });
    expect(sh.trim()).toBe(socket);
  });

  it('--stock starts one without the preload (≈44 ms per APDU); stop ends it', async () => {
    const dir = join(cwd, 'stock');
    const r = await inProcess('pcsc', 'start', '--stock', '--slots', '1', '--dir', dir, '--json');
    expect(r.code, r.err).toBe(0);
    const st = JSON.parse(r.out);
    expect(st.preload).toBeUndefined();
    expect(readFileSync(`/proc/${st.pid}/maps`, 'utf8')).not.toContain('nodelay.so');
    expect(JSON.parse((await inProcess('pcsc', 'stop', '--dir', dir, '--json')).out)).toEqual({
      dir,
      stopped: true,
      pid: st.pid,
    });
    expect(readPrivatePcscd(dir)).toBeUndefined();
    expect(alive(st.pid)).toBe(false);
  });
});

describe('npx myna-sandbox bridge', () => {
  it('prints the readers; pcsc_scan and OpenSC see both cards', async () => {
    expect(bridgeOut).toContain(`reader "Virtual PCD 00 00" ← ${ids[0]}`);
    expect(bridgeOut).toContain(`reader "Virtual PCD 00 01" ← ${ids[1]}`);
    const readers = await ok('pcsc_scan', ['-r'], { env: toolEnv, timeoutMs: 10_000 });
    expect(readers).toContain('Virtual PCD 00 00');
    expect(readers).toContain('Virtual PCD 00 01');
    expect((await ok('opensc-tool', ['-n'], { env: toolEnv })).trim()).toBe('jpki');
    const listed = await listPcscReaders({ socket });
    expect(listed.map((r) => [r.name, r.cardPresent])).toEqual([
      ['Virtual PCD 00 00', true],
      ['Virtual PCD 00 01', true],
    ]);
  });

  it('a wrong PIN through OpenSC lowers the count everywhere — OpenSC, `card status`, the SDK over PC/SC — and a right one restores it', async () => {
    expect([await openscTries(), await sdkTries()]).toEqual([3, 3]);

    const wrong = await tool(
      'pkcs15-tool',
      ['--reader', 'Virtual PCD 00 00', '--verify-pin', '--auth-id', '01', '--pin', '9999'],
      {
        env: toolEnv,
      },
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr + wrong.stdout).toMatch(/PIN code or key incorrect/);
    expect([await openscTries(), await statusTries(ids[0]!), await sdkTries()]).toEqual([2, 2, 2]);
    // The other card is another chip: untouched.
    expect([await openscTries('Virtual PCD 00 01'), await sdkTries('Virtual PCD 00 01')]).toEqual([3, 3]);
    // The bridge labelled the event with the reader name.
    await waitForOutput(
      new RegExp(`event pin\\.failed auth tries=2 card=${ids[0]} terminal="Virtual PCD 00 00"`),
    );

    await ok(
      'pkcs15-tool',
      ['--reader', 'Virtual PCD 00 00', '--verify-pin', '--auth-id', '01', '--pin', '1234'],
      {
        env: toolEnv,
      },
    );
    expect([await openscTries(), await statusTries(ids[0]!), await sdkTries()]).toEqual([3, 3, 3]);
    await waitForOutput(
      new RegExp(`event pin\\.verified auth tries=3 card=${ids[0]} terminal="Virtual PCD 00 00"`),
    );
    // Never a PIN in its output.
    for (const secret of ['9999', '39393939', '31323334']) expect(bridgeOut).not.toContain(secret);
    expect(bridgeOut).not.toMatch(/\b1234\b/);
  });

  it('SIGTERM removes the cards cleanly and exits 0; pcsc stop ends pcscd', async () => {
    bridge!.kill('SIGTERM');
    expect(await bridgeExit).toBe(0);
    expect(bridgeOut).toMatch(/removed 2 card\(s\)\s*$/);
    const listed = await listPcscReaders({ socket });
    expect(listed.map((r) => r.cardPresent)).toEqual([false, false]);
    // The database was closed: the CLI opens it as usual.
    expect(await statusTries(ids[0]!)).toBe(3);
    const pid = readPrivatePcscd(pcscDir)!.pid;
    const stopped = await cli('pcsc', 'stop');
    expect(stopped.out).toContain(`stopped the private pcscd (PID ${pid})`);
    expect(alive(pid)).toBe(false);
    expect((await inProcess('pcsc', 'status', '--dir', pcscDir)).out).toContain('no private pcscd running');
    expect((await tool('pcsc_scan', ['-r'], { env: toolEnv, timeoutMs: 10_000 })).code).not.toBe(0);
  });

  it('bad flags: exit 2 with a catalog message; an unknown card: CARD_NOT_FOUND', async () => {
    const cases: [string[], RegExp][] = [
      [['bridge'], /INVALID_ARGUMENT.*flag=--card/],
      [['bridge', '--card', 'a', '--card', 'a'], /INVALID_ARGUMENT.*flag=--card rule=each card once/],
      [['bridge', '--card', 'a', '--vpcd', 'nonsense'], /INVALID_ARGUMENT.*flag=--vpcd/],
      [['bridge', '--card', 'a', '--vpcd', '127.0.0.1:70000'], /INVALID_ARGUMENT.*flag=--vpcd/],
      [
        ['bridge', '--card', 'a', '--card', 'b', '--card', 'c'],
        /INVALID_ARGUMENT.*flag=--card rule=at most 2/,
      ],
      [['pcsc', 'start', '--slots', 'x'], /INVALID_ARGUMENT.*flag=--slots/],
      [['pcsc', 'start', '--dir', join(cwd, 'x'.repeat(100))], /INVALID_ARGUMENT.*flag=--dir/],
    ];
    for (const [args, re] of cases) {
      const r = await inProcess(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^error INVALID_ARGUMENT: 入力が正しくありません。 \/ The input is not valid\./);
      expect(r.err).toMatch(re);
    }
    // The binary: the same message on stderr, exit status 2.
    const bin = await cli('bridge', '--card', 'a', '--vpcd', 'nonsense');
    expect(bin.code).toBe(2);
    expect(bin.err).toMatch(/^error INVALID_ARGUMENT: .*flag=--vpcd/);
    const missing = await cli('bridge', '--card', 'card_nosuch', '--vpcd', '127.0.0.1:35963');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/CARD_NOT_FOUND.*cardId=card_nosuch/);
  });
});
