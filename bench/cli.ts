/**
 * bench/cli — wall time of the built CLI from process start to exit, per command, beside an empty
 * `node -e 0` run in the same loop (the floor: Node's own start-up on this machine).
 *
 *   npm run bench:cli                  (tsc -b && tsx bench/cli.ts)
 *   tsx bench/cli.ts [--runs 15]
 *
 * Each case is a fresh `node packages/adapters/cli/bin/myna-sandbox.js …` against a SQLite
 * database in a temp folder holding one issued card. Runs alternate the cases (round-robin), so
 * drift on a shared machine hits all alike; figures are the median and the 90th percentile wall
 * time, and the median ratio to the empty Node run of the same round. The last column counts the
 * ES modules each command loads (a module.register load hook in a separate run), which shows what
 * a command pulls in besides what it uses.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const bin = fileURLToPath(new URL('../packages/adapters/cli/bin/myna-sandbox.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'myna-bench-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` };

const cli = (args: string[], extra: string[] = []) =>
  spawnSync(process.execPath, [...extra, bin, ...args], { env, encoding: 'utf8' });
const issued = cli(['card', 'issue', '--json']);
if (issued.status !== 0) throw new Error(`card issue failed: ${issued.stderr}`);
const cardId = (JSON.parse(issued.stdout) as { id: string }).id;

const cases: { name: string; args: string[]; status: number }[] = [
  { name: '--help', args: ['--help'], status: 0 },
  { name: 'card --help', args: ['card', '--help'], status: 0 },
  { name: 'card list', args: ['card', 'list'], status: 0 },
  { name: 'card status <id>', args: ['card', 'status', cardId], status: 0 },
  { name: 'card list --bogus (usage error)', args: ['card', 'list', '--bogus'], status: 2 },
  { name: 'pcsc status', args: ['pcsc', 'status', '--dir', join(dir, 'pcsc')], status: 0 },
];

function timeRun(cmd: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, cmd, { env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && !cmd.includes('--bogus')) throw new Error(`${cmd.join(' ')} exited ${r.status}`);
  return ms;
}

// Modules loaded, counted by a load hook (not timed).
const hookDir = mkdtempSync(join(tmpdir(), 'myna-bench-cli-hook-'));
const log = join(hookDir, 'loaded.txt');
writeFileSync(
  join(hookDir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';\nexport async function load(url, ctx, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, ctx); }\n`,
);
writeFileSync(
  join(hookDir, 'register.mjs'),
  `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
);
const modules = new Map<string, number>();
for (const c of cases) {
  writeFileSync(log, '');
  const r = cli(c.args, ['--import', join(hookDir, 'register.mjs')]);
  if (r.status !== c.status)
    throw new Error(`${c.name}: exit ${r.status}, expected ${c.status}: ${r.stderr}`);
  modules.set(c.name, readFileSync(log, 'utf8').split('\n').filter(Boolean).length);
}

const floor: number[] = [];
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const ratios = new Map<string, number[]>(cases.map((c) => [c.name, []]));
timeRun(['-e', '0']); // warm the file cache
for (const c of cases) timeRun([bin, ...c.args]);
for (let r = 0; r < runs; r++) {
  const base = timeRun(['-e', '0']);
  floor.push(base);
  for (const c of cases) {
    const ms = timeRun([bin, ...c.args]);
    times.get(c.name)!.push(ms);
    ratios.get(c.name)!.push(ms / base);
  }
}
rmSync(dir, { recursive: true, force: true });
rmSync(hookDir, { recursive: true, force: true });

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
console.log(`bench/cli — ${runs} rounds, Node ${process.version}, wall time per process (ms)\n`);
console.log('| command | median ms | p90 ms | × empty node (median of rounds) | ES modules loaded |');
console.log('|---|---:|---:|---:|---:|');
console.log(
  `| \`node -e 0\` (floor) | ${q(floor, 0.5).toFixed(0)} | ${q(floor, 0.9).toFixed(0)} | 1.00 | — |`,
);
for (const c of cases)
  console.log(
    `| ${c.name} | ${q(times.get(c.name)!, 0.5).toFixed(0)} | ${q(times.get(c.name)!, 0.9).toFixed(0)} | ${q(ratios.get(c.name)!, 0.5).toFixed(2)} | ${modules.get(c.name)} |`,
  );
