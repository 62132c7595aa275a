import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bridgeCard,
  type PrivatePcscd,
  requirePcscStack,
  startPrivatePcscd,
  type VpcdCardConnection,
} from '@myna/bridge';
import {
  type AtrProfileName,
  type CardEvent,
  type CardImage,
  MemoryCardStore,
  personalize,
  VirtualCard,
} from '@myna/card';
import { cryptoRandom, systemClock } from '@myna/ports';
import { testProfile } from '../../../core/card/test/fixtures/index.js';

export { PINS } from '../../../core/card/test/fixtures/index.js';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command with a hard timeout; never throws for a non-zero exit (returns the code).
 * Throws with a clear message if the program is missing or times out.
 */
export function tool(
  cmd: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<ToolResult> {
  const timeout = opts.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { env: opts.env ?? process.env, timeout, killSignal: 'SIGKILL', cwd: opts.cwd, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        if (e?.code === 'ENOENT') {
          reject(
            new Error(`${cmd} not installed (apt-get install -y pcscd vsmartcard-vpcd opensc pcsc-tools)`),
          );
        } else if (e?.killed) {
          reject(new Error(`${cmd} ${args.join(' ')} timed out after ${timeout} ms\n${stdout}\n${stderr}`));
        } else {
          resolve({ code: typeof e?.code === 'number' ? e.code : e ? 1 : 0, stdout, stderr });
        }
      },
    );
  });
}

/** Same, but fails with the command's output when it exits non-zero. */
export async function ok(
  cmd: string,
  args: readonly string[],
  opts: Parameters<typeof tool>[2] = {},
): Promise<string> {
  const r = await tool(cmd, args, opts);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return r.stdout;
}

export interface Stack {
  readonly dir: string;
  readonly pcsc: PrivatePcscd;
  readonly bridge: VpcdCardConnection;
  readonly card: VirtualCard;
  readonly store: MemoryCardStore;
  readonly image: CardImage;
  readonly events: CardEvent[];
  /** process.env + PCSCLITE_CSOCK_NAME of the private pcscd + a private OpenSC cache dir. */
  readonly env: NodeJS.ProcessEnv;
  /** Bridge log lines (APDU headers only). */
  readonly log: string[];
  stop(): Promise<void>;
}

/** A test card from the in-memory store, bridged into a fresh private pcscd (with the preload). */
export async function startStack(
  opts: {
    id?: string;
    preload?: boolean;
    slots?: number;
    kind?: 'adult' | 'under-15' | 'face-auth';
    atr?: AtrProfileName;
  } = {},
): Promise<Stack> {
  requirePcscStack({ tools: true });
  const dir = mkdtempSync(join(tmpdir(), 'myna-bridge-'));
  const cleanup: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  };
  try {
    const store = new MemoryCardStore();
    const image = personalize(
      await testProfile({
        id: opts.id ?? 'bridge-card',
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(opts.atr ? { atr: opts.atr } : {}),
      }),
    );
    await store.create(image);
    const events: CardEvent[] = [];
    const card = await VirtualCard.open(image.id, {
      store,
      random: cryptoRandom,
      clock: systemClock,
      onEvent: (e) => events.push(e),
    });
    const pcsc = await startPrivatePcscd({
      dir: join(dir, 'pcsc'),
      preload: opts.preload ?? true,
      slots: opts.slots ?? 1,
    });
    cleanup.push(() => pcsc.stop());
    const log: string[] = [];
    const bridge = bridgeCard({
      card,
      port: pcsc.ports[0]!,
      label: pcsc.readerNames[0]!,
      log: (l) => log.push(l),
    });
    cleanup.push(() => bridge.stop());
    await bridge.whenPresent(10_000).catch((e: Error) => {
      throw new Error(`${e.message}\npcscd log:\n${pcsc.logTail()}\nbridge log:\n${log.join('\n')}`);
    });
    const env = { ...process.env, ...pcsc.env, XDG_CACHE_HOME: join(dir, 'cache') };
    return { dir, pcsc, bridge, card, store, image, events, env, log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
