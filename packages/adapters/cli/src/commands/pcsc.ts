import { resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import {
  checkPcscStack,
  type PrivatePcscdState,
  readPrivatePcscd,
  startPrivatePcscd,
  stopPrivatePcscd,
} from '@myna/bridge';
import { MynaError } from '@myna/errors';
import type { Io } from '../output.js';

/** Where `pcsc start` keeps its private pcscd unless told otherwise (beside the default database). */
export const DEFAULT_PCSC_DIR = './.myna-sandbox/pcsc';

/** sockaddr_un.sun_path holds 108 bytes with the NUL: longer socket paths cannot be bound. */
const MAX_SOCKET_PATH = 107;

/** Quotes a word for POSIX shells when it needs it (the printed export line is meant for `eval`). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_/.:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function slotsOf(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isInteger(n) || n < 1 || n > 32)
    throw new MynaError('INVALID_ARGUMENT', { flag: '--slots', rule: 'an integer 1–32' });
  return n;
}

/** The lines `pcsc start` and `pcsc status` print: an export line for `eval`, then `#` comments. */
function describe(s: PrivatePcscdState, note: string): string[] {
  const speed = s.preload
    ? 'TCP_NODELAY preload: ≈0.2–0.4 ms per APDU'
    : 'stock vpcd 0.8: ≈44 ms per APDU (start without --stock for the fix)';
  return [
    `export PCSCLITE_CSOCK_NAME=${shellQuote(s.socketPath)}`,
    `# ${note}: private pcscd PID ${s.pid} (${speed}); log ${s.logFile}`,
    ...s.readerNames.map((r, i) => `# reader "${r}" ← vpcd 127.0.0.1:${s.ports[i]}`),
    `# insert cards: npx myna-sandbox bridge --card <id> [--card <id>]   (or --vpcd 127.0.0.1:${s.ports[0]})`,
    '# then: pcsc_scan -r; opensc-tool -n; pkcs15-tool --list-pins   stop: npx myna-sandbox pcsc stop',
  ];
}

export function pcscCommand(io: Io, global: () => { json: boolean }): Command {
  const p = new Command('pcsc').description(
    'a private pcscd with vpcd readers for virtual cards / 仮想カード用の PC/SC (pcscd + vpcd)',
  );

  p.command('start')
    .description(
      'start a private pcscd (own socket, own vpcd ports; the TCP_NODELAY fix) that outlives this command; prints the export line for PC/SC tools',
    )
    .option('--dir <dir>', 'working directory of the private pcscd', DEFAULT_PCSC_DIR)
    .option('--slots <n>', 'vpcd card slots (readers)', '2')
    .option('--stock', "no TCP_NODELAY preload: Debian's vpcd 0.8 as shipped, ≈44 ms per APDU")
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const slots = slotsOf(o.slots);
      const dir = resolve(o.dir);
      const socket = resolve(dir, 'run', 'pcscd.comm');
      if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
        throw new MynaError('INVALID_ARGUMENT', {
          flag: '--dir',
          rule: `the socket path (${Buffer.byteLength(socket)} bytes) must fit in ${MAX_SOCKET_PATH}: use a shorter --dir`,
        });
      }
      const running = readPrivatePcscd(dir);
      if (running) {
        if (json) io.out(JSON.stringify({ ...running, dir, alreadyRunning: true }));
        else io.out(describe(running, 'already running').join('\n'));
        return;
      }
      const missing = checkPcscStack();
      if (missing.length > 0) {
        throw new MynaError('TRANSPORT_ERROR', {
          transport: 'pcsc',
          reason: 'pcsc-stack-missing',
          missing: missing.join(', '),
          install: 'bash scripts/pcsc.sh setup',
        });
      }
      try {
        await startPrivatePcscd({ dir, slots, preload: !o.stock, detached: true });
      } catch (e) {
        throw new MynaError(
          'TRANSPORT_ERROR',
          {
            transport: 'pcsc',
            reason: 'pcscd-start-failed',
            log: resolve(dir, 'pcscd.log'),
            ...(o.stock ? {} : { hint: 'the preload needs a C compiler (gcc); --stock runs without it' }),
          },
          { cause: e },
        );
      }
      const state = readPrivatePcscd(dir);
      if (!state) {
        throw new MynaError('TRANSPORT_ERROR', {
          transport: 'pcsc',
          reason: 'pcscd-start-failed',
          log: resolve(dir, 'pcscd.log'),
        });
      }
      if (json) io.out(JSON.stringify({ ...state, dir, alreadyRunning: false }));
      else io.out(describe(state, 'started').join('\n'));
    });

  p.command('stop')
    .description('stop the private pcscd started by `pcsc start` (bridged cards wait for it to return)')
    .option('--dir <dir>', 'working directory of the private pcscd', DEFAULT_PCSC_DIR)
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const dir = resolve(o.dir);
      const pid = await stopPrivatePcscd(dir);
      if (json) io.out(JSON.stringify({ dir, stopped: pid !== undefined, pid: pid ?? null }));
      else if (pid === undefined) io.out(`# no private pcscd running in ${dir}`);
      else io.out(`# stopped the private pcscd (PID ${pid}) in ${dir}`);
    });

  p.command('status')
    .description('whether the private pcscd runs; prints its export line and readers')
    .option('--dir <dir>', 'working directory of the private pcscd', DEFAULT_PCSC_DIR)
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const dir = resolve(o.dir);
      const state = readPrivatePcscd(dir);
      if (json) io.out(JSON.stringify(state ? { ...state, dir, running: true } : { dir, running: false }));
      else if (!state) io.out(`# no private pcscd running in ${dir} (npx myna-sandbox pcsc start)`);
      else io.out(describe(state, 'running').join('\n'));
    });

  return p;
}
