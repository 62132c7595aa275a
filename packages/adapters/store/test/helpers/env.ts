import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type CardImage, personalize } from '@myna/card';
import { afterAll } from 'vitest';
import { testProfile } from '../../../../core/card/test/fixtures/index.js';

export const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/** A temp folder removed after the file's tests. */
export function tempDirs(): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'myna-store-'));
    dirs.push(d);
    return d;
  };
}

/** A fixed 32-byte master key for a test, as hex. */
export function testKeyHex(): string {
  return randomBytes(32).toString('hex');
}

let serialSeq = 0;

/** A personalised adult test card (the J-LIS test holder) with its own id and a serial unique in this run. */
export async function testImage(
  id: string,
  opts: { pins?: Partial<Record<'auth' | 'sign' | 'kenhojo' | 'juki' | 'common', string>> } = {},
): Promise<CardImage> {
  const profile = await testProfile({ id });
  const serial = `4${String(process.pid % 100_000).padStart(5, '0')}${String(++serialSeq).padStart(9, '0')}`;
  return personalize({ ...profile, serial, pins: profile.pins && { ...profile.pins, ...opts.pins } });
}

/** A line-oriented child process running a TypeScript file through tsx (sources via tsconfig paths). */
export interface Child {
  readonly pid: number;
  readonly lines: string[];
  /** Resolves with the first line matching `re` (already received or later). */
  waitFor(re: RegExp): Promise<string>;
  send(line: string): void;
  kill(signal: NodeJS.Signals): void;
  /** Exit code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function runTs(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  onLine?: (line: string, child: Child) => void,
): Child {
  const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.test.json') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let stderr = '';
  p.stderr.setEncoding('utf8');
  p.stderr.on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => p.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const child: Child = {
    pid: p.pid!,
    lines,
    waitFor(re) {
      const hit = lines.find((l) => re.test(l));
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        waiters.push({ re, resolve });
        void exited.then((x) =>
          reject(new Error(`child exited (${x.code ?? x.signal}) before printing ${re}:\n${x.stderr}`)),
        );
      });
    },
    send(line) {
      p.stdin.write(`${line}\n`);
    },
    kill(signal) {
      p.kill(signal);
    },
    exited,
  };
  createInterface({ input: p.stdout }).on('line', (line) => {
    lines.push(line);
    onLine?.(line, child);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.re.test(line)) {
        waiters.splice(i, 1);
        w.resolve(line);
      }
    }
  });
  return child;
}
