import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { VPCD_FRIENDLY_NAME, vpcdReaderName } from './connection.js';
import { buildNodelay } from './native.js';

/** Debian's vpcd driver (package vsmartcard-vpcd). */
export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';

/** The Debian packages the real-stack tests and tools need. */
export const PCSC_PACKAGES = ['pcscd', 'vsmartcard-vpcd', 'opensc', 'pcsc-tools', 'libpcsclite-dev'] as const;

const INSTALL_HINT = `apt-get install -y ${PCSC_PACKAGES.join(' ')}`;

/** pcscd's fixed IPC directory (pcsc-lite 1.9.9 ignores PCSCLITE_CSOCK_NAME on the daemon side). */
const IPC_DIR = '/run/pcscd';

function which(cmd: string, extra: readonly string[] = ['/usr/sbin', '/sbin']): string | undefined {
  if (cmd.includes('/')) return existsSync(cmd) ? cmd : undefined;
  const dirs = [...(process.env.PATH ?? '').split(':'), ...extra].filter(Boolean);
  for (const d of dirs) {
    const p = join(d, cmd);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Checks that the PC/SC stack is installed; returns the problems (empty = all there). `tools`
 * adds the client tools the tests drive (pcsc_scan, opensc-tool, pkcs15-tool, pkcs11-tool).
 */
export function checkPcscStack(opts: { tools?: boolean } = {}): string[] {
  const missing: string[] = [];
  if (!which('pcscd')) missing.push('pcscd (package pcscd)');
  if (!existsSync(VPCD_DRIVER)) missing.push(`${VPCD_DRIVER} (package vsmartcard-vpcd)`);
  if (!which('unshare')) missing.push('unshare (package util-linux)');
  if (!which('setpriv')) missing.push('setpriv (package util-linux)');
  if (opts.tools) {
    if (!which('pcsc_scan')) missing.push('pcsc_scan (package pcsc-tools)');
    for (const t of ['opensc-tool', 'pkcs15-tool', 'pkcs11-tool']) {
      if (!which(t)) missing.push(`${t} (package opensc)`);
    }
    if (!existsSync(OPENSC_PKCS11)) missing.push(`${OPENSC_PKCS11} (package opensc-pkcs11)`);
  }
  return missing;
}

/** OpenSC's PKCS#11 module on Debian amd64. */
export const OPENSC_PKCS11 = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

/** Throws a clear error naming the missing pieces and the apt-get line that installs them. */
export function requirePcscStack(opts: { tools?: boolean } = {}): void {
  const missing = checkPcscStack(opts);
  if (missing.length > 0) {
    throw new Error(
      `PC/SC stack incomplete: missing ${missing.join(', ')}. The test command must run: ${INSTALL_HINT}`,
    );
  }
}

/** The reader.conf(5) text for one vpcd entry listening on `port` (slot 0) and `port + 1` (slot 1). */
export function vpcdReaderConf(
  port: number,
  friendlyName = VPCD_FRIENDLY_NAME,
  driver = VPCD_DRIVER,
): string {
  // vpcd parses the part after ':' with strtoul(…, 0): decimal or 0x-hex. "/dev/null" = server mode.
  return [
    `FRIENDLYNAME "${friendlyName}"`,
    `DEVICENAME   /dev/null:0x${port.toString(16).toUpperCase()}`,
    `LIBPATH      ${driver}`,
    '',
  ].join('\n');
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    // vpcd binds 0.0.0.0, so test that.
    srv.listen({ port, host: '0.0.0.0', exclusive: true }, () => srv.close(() => res(true)));
  });
}

/** Finds `count` consecutive free TCP ports (random base in 20000–31999, below Linux's ephemeral range). */
export async function findFreePorts(count: number): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const base = 20000 + Math.floor(Math.random() * 12000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free TCP ports found`);
}

export interface PrivatePcscdOptions {
  /** Working directory (created): conf/ (reader.conf.d), run/ (pcscd's socket), pcscd.log. */
  readonly dir: string;
  /**
   * Card slots. vpcd has two per reader.conf entry (an odd count leaves one spare); entries after
   * the first load private copies of the driver (see `writeConf`). Default 2.
   */
  readonly slots?: number;
  /** Port of slot 0; slot n listens on basePort + n. Default: random free ports. */
  readonly basePort?: number;
  /**
   * LD_PRELOAD the TCP_NODELAY shim into pcscd (see native/nodelay.c): `true` builds it with
   * `buildNodelay()`, a string is the path of an already built one. Default false (stock pcscd,
   * ≈44 ms per APDU with Debian's vpcd 0.8).
   */
  readonly preload?: boolean | string;
  /** Run pcscd with `--debug --apdu` (log in `<dir>/pcscd.log`; APDUs include PINs!). */
  readonly debug?: boolean;
  /** Path of pcscd. Default: from PATH or /usr/sbin. */
  readonly pcscd?: string;
  /** How long to wait for pcscd's socket, ms. Default 10000. */
  readonly startTimeoutMs?: number;
  /**
   * Let pcscd outlive this process (what `myna-sandbox pcsc start` does): no `--pdeathsig`, its own
   * session, and Node's event loop does not wait for it. Stop it with `stop()` or, from any
   * process, `stopPrivatePcscd(dir)`. Default false: pcscd dies with this process.
   */
  readonly detached?: boolean;
}

export interface PrivatePcscd {
  /** Environment for PC/SC clients (pcsc_scan, OpenSC, pyscard): `PCSCLITE_CSOCK_NAME`. */
  readonly env: { readonly PCSCLITE_CSOCK_NAME: string };
  readonly socketPath: string;
  /** pcscd's reader names, one per requested slot, e.g. "Virtual PCD 00 00". */
  readonly readerNames: readonly string[];
  /** vpcd's ports, one per requested slot (bridge card i to `ports[i]`). */
  readonly ports: readonly number[];
  readonly dir: string;
  readonly logFile: string;
  /** The preloaded library, if any. */
  readonly preload: string | undefined;
  /** pcscd's PID (changes on `restart`). */
  readonly pid: number;
  /** Whether pcscd is running. */
  readonly running: boolean;
  /** SIGTERM (SIGKILL after 5 s), waits for exit, cleans the run directory. Idempotent. */
  stop(): Promise<void>;
  /** Stops and starts pcscd again with the same configuration and ports. */
  restart(): Promise<void>;
  /** The last `bytes` of pcscd's log (for error messages). */
  logTail(bytes?: number): string;
}

/**
 * The command line that runs pcscd privately: a new mount namespace in which `runDir` is
 * bind-mounted on /run/pcscd, so pcscd's socket and pid file land in `runDir` and never touch a
 * system pcscd's. `setpriv --pdeathsig TERM` stops pcscd if the Node process dies. As root the
 * plain mount namespace is used; otherwise a user namespace maps the caller to root.
 */
export function privatePcscdCommand(o: {
  runDir: string;
  confDir: string;
  pcscd: string;
  preload?: string | undefined;
  debug?: boolean | undefined;
  root?: boolean;
  /** Omit `setpriv --pdeathsig TERM` (pcscd outlives its parent). */
  detached?: boolean;
}): string[] {
  const root = o.root ?? process.getuid?.() === 0;
  // $1 = run dir; the rest is the pcscd command. If /run/pcscd cannot be created, a tmpfs over
  // /run (private to the namespace) provides it.
  const script = [
    `{ mkdir -p ${IPC_DIR} 2>/dev/null && mount --bind "$1" ${IPC_DIR}; } ||`,
    `{ mount -t tmpfs -o mode=755 tmpfs /run && mkdir ${IPC_DIR} && mount --bind "$1" ${IPC_DIR}; } || exit 97`,
    'shift',
    'exec "$@"',
  ].join('\n');
  const pcscd = [o.pcscd, '--foreground', '--config', o.confDir, ...(o.debug ? ['--debug', '--apdu'] : [])];
  const withPreload = o.preload ? ['env', `LD_PRELOAD=${o.preload}`, ...pcscd] : pcscd;
  return [
    ...(o.detached ? [] : ['setpriv', '--pdeathsig', 'TERM', '--']),
    'unshare',
    ...(root ? [] : ['--user', '--map-root-user']),
    '--mount',
    '--propagation',
    'private',
    '--',
    '/bin/sh',
    '-c',
    script,
    'pcscd-private',
    o.runDir,
    ...withPreload,
  ];
}

/**
 * Starts a private pcscd with vpcd slots on its own ports, isolated from any system pcscd (see
 * `privatePcscdCommand`). PC/SC clients reach it through `env.PCSCLITE_CSOCK_NAME`, which
 * libpcsclite honours.
 *
 * ```ts
 * const pcsc = await startPrivatePcscd({ dir: '/tmp/pcsc', preload: true, slots: 1 });
 * const bridge = bridgeCard({ card, port: pcsc.ports[0], label: pcsc.readerNames[0] });
 * // execFile('pcsc_scan', ['-r'], { env: { ...process.env, ...pcsc.env } })
 * await bridge.stop(); await pcsc.stop();
 * ```
 */
export async function startPrivatePcscd(opts: PrivatePcscdOptions): Promise<PrivatePcscd> {
  requirePcscStack();
  const dir = resolve(opts.dir);
  const slots = opts.slots ?? 2;
  if (!Number.isInteger(slots) || slots < 1 || slots > 32)
    throw new RangeError(`slots must be 1–32: ${slots}`);
  const entries = Math.ceil(slots / 2);
  const confDir = join(dir, 'conf');
  const libDir = join(dir, 'lib');
  const runDir = join(dir, 'run');
  const logFile = join(dir, 'pcscd.log');
  const socketPath = join(runDir, 'pcscd.comm');
  const other = runningPcscd(runDir);
  if (other !== undefined) {
    throw new Error(`${dir} is in use by the private pcscd with PID ${other}: use another dir or stop it`);
  }
  mkdirSync(runDir, { recursive: true });
  const preload =
    opts.preload === true
      ? await buildNodelay()
      : typeof opts.preload === 'string'
        ? resolve(opts.preload)
        : undefined;
  if (preload && !existsSync(preload)) throw new Error(`preload library not found: ${preload}`);
  const pcscdPath = which(opts.pcscd ?? 'pcscd')!;
  const timeout = opts.startTimeoutMs ?? 10_000;
  const detached = opts.detached ?? false;

  let basePort = opts.basePort ?? (await findFreePorts(entries * 2));
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const writeConf = () => {
    rmSync(confDir, { recursive: true, force: true });
    mkdirSync(confDir, { recursive: true });
    if (entries > 1) mkdirSync(libDir, { recursive: true });
    for (let e = 0; e < entries; e++) {
      const name = e === 0 ? VPCD_FRIENDLY_NAME : `${VPCD_FRIENDLY_NAME} ${e}`;
      // vpcd 0.8 keeps its sockets in a global array indexed by slot (0, 1) only, so two entries
      // sharing one loaded driver overwrite each other. A copy of the driver file (a new inode) is
      // loaded by dlopen as a separate instance with its own globals.
      let driver = VPCD_DRIVER;
      if (e > 0) {
        driver = join(libDir, `libifdvpcd-${e}.so`);
        copyFileSync(VPCD_DRIVER, driver);
      }
      writeFileSync(join(confDir, `vpcd-${e}`), vpcdReaderConf(basePort + 2 * e, name, driver));
    }
  };

  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const logTail = (bytes = 4000) => {
    const t = readLog();
    return t.length > bytes ? t.slice(-bytes) : t;
  };

  const cleanRun = () => {
    rmSync(socketPath, { force: true });
    rmSync(join(runDir, 'pcscd.pid'), { force: true });
  };

  const launch = async (): Promise<void> => {
    cleanRun();
    const logStart = readLog().length;
    const cmd = privatePcscdCommand({
      runDir,
      confDir,
      pcscd: pcscdPath,
      preload,
      debug: opts.debug,
      detached,
    });
    const fd = openSync(logFile, 'a');
    const env = { ...process.env };
    delete env.LD_PRELOAD; // stock means stock
    const c = spawn(cmd[0]!, cmd.slice(1), { stdio: ['ignore', fd, fd], env, detached });
    closeSync(fd);
    if (detached) c.unref();
    child = c;
    let exitInfo: string | null = null;
    exited = new Promise<void>((res) => {
      c.once('exit', (code, signal) => {
        exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
        res();
      });
      c.once('error', (e) => {
        exitInfo = e.message;
        res();
      });
    });
    const deadline = Date.now() + timeout;
    while (!existsSync(socketPath)) {
      if (exitInfo !== null) {
        throw new Error(
          `private pcscd exited during start-up (${exitInfo}; it runs under \`unshare --mount\`, which needs ` +
            `root or unprivileged user namespaces); log ${logFile}:\n${logTail()}`,
        );
      }
      if (Date.now() > deadline) {
        await stopChild();
        throw new Error(
          `private pcscd did not create ${socketPath} within ${timeout} ms; log:\n${logTail()}`,
        );
      }
      await sleep(20);
    }
    const log = readLog().slice(logStart);
    if (
      /Could not initialize connection to virtual ICC|RFInitializeReader\(\) Open Port .* Failed/.test(log)
    ) {
      await stopChild();
      throw new PortInUseError(`vpcd could not listen on ports ${basePort}–${basePort + entries * 2 - 1}`);
    }
    writeState();
  };

  const ports = () => Array.from({ length: slots }, (_, i) => basePort + i);
  const writeState = () => {
    const state: PrivatePcscdState = {
      pid: child?.pid ?? -1,
      socketPath,
      env: { PCSCLITE_CSOCK_NAME: socketPath },
      ports: ports(),
      readerNames: ports().map((_, i) => vpcdReaderName(i)),
      preload,
      logFile,
      detached,
      startedAt: new Date().toISOString(),
    };
    writeFileSync(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  };

  const stopChild = async (): Promise<void> => {
    const c = child;
    rmSync(join(dir, STATE_FILE), { force: true });
    if (!c || c.exitCode !== null || c.signalCode !== null) {
      child = null;
      cleanRun();
      return;
    }
    c.kill('SIGTERM');
    const killer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
    child = null;
    cleanRun();
  };

  for (let attempt = 0; ; attempt++) {
    writeConf();
    writeFileSync(logFile, '');
    try {
      await launch();
      break;
    } catch (e) {
      if (!(e instanceof PortInUseError) || opts.basePort !== undefined || attempt >= 4) throw e;
      basePort = await findFreePorts(entries * 2);
    }
  }

  const slotPorts = ports();
  const handle: PrivatePcscd = {
    env: { PCSCLITE_CSOCK_NAME: socketPath },
    socketPath,
    readerNames: slotPorts.map((_, i) => vpcdReaderName(i)),
    ports: slotPorts,
    dir,
    logFile,
    preload,
    get pid() {
      return child?.pid ?? -1;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    stop: stopChild,
    async restart() {
      await stopChild();
      // Same ports: vpcd may find one still held for a moment; retry briefly.
      for (let attempt = 0; ; attempt++) {
        try {
          await launch();
          return;
        } catch (e) {
          if (!(e instanceof PortInUseError) || attempt >= 10) throw e;
          await sleep(300);
        }
      }
    },
    logTail,
  };
  return handle;
}

class PortInUseError extends Error {}

/** `<dir>/pcscd.json`: what `startPrivatePcscd` started, for other processes (`readPrivatePcscd`). */
const STATE_FILE = 'pcscd.json';

/** A private pcscd as recorded in its directory (see `readPrivatePcscd`). */
export interface PrivatePcscdState {
  readonly pid: number;
  readonly socketPath: string;
  readonly env: { readonly PCSCLITE_CSOCK_NAME: string };
  readonly ports: readonly number[];
  readonly readerNames: readonly string[];
  readonly preload: string | undefined;
  readonly logFile: string;
  readonly detached: boolean;
  readonly startedAt: string;
}

/** Whether `pid` is a live (not zombie) process named pcscd. */
function isLivePcscd(pid: number): boolean {
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'pcscd') return false;
    // /proc/<pid>/stat: "pid (comm) S …"; a zombie (Z) or dead (X) process is gone for our purposes.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** The PID of a live pcscd whose pid file is in `runDir`, if any. */
function runningPcscd(runDir: string): number | undefined {
  try {
    const pid = Number.parseInt(
      readFileSync(join(runDir, 'pcscd.pid'), 'utf8').replace(/\0/g, '').trim(),
      10,
    );
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    return isLivePcscd(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The private pcscd running in `dir` (started by any process, e.g. `myna-sandbox pcsc start`), or
 * undefined if none is running there.
 */
export function readPrivatePcscd(dir: string): PrivatePcscdState | undefined {
  const d = resolve(dir);
  let state: PrivatePcscdState;
  try {
    state = JSON.parse(readFileSync(join(d, STATE_FILE), 'utf8')) as PrivatePcscdState;
  } catch {
    return undefined;
  }
  const pid = runningPcscd(join(d, 'run'));
  if (pid === undefined || pid !== state.pid) return undefined;
  return state;
}

/**
 * Stops the private pcscd running in `dir` from any process: SIGTERM (SIGKILL after `timeoutMs`,
 * default 5000), waits until it is gone, cleans the run directory. Resolves with its PID, or
 * undefined if none was running.
 */
export async function stopPrivatePcscd(
  dir: string,
  opts: { timeoutMs?: number } = {},
): Promise<number | undefined> {
  const d = resolve(dir);
  const runDir = join(d, 'run');
  const pid = runningPcscd(runDir);
  rmSync(join(d, STATE_FILE), { force: true });
  if (pid === undefined) return undefined;
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  let killed = false;
  while (isLivePcscd(pid)) {
    if (!killed && Date.now() > deadline) {
      killed = true;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    await sleep(25);
  }
  rmSync(join(runDir, 'pcscd.comm'), { force: true });
  rmSync(join(runDir, 'pcscd.pid'), { force: true });
  return pid;
}
