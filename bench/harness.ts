/**
 * A small benchmark harness: runs each case for a fixed time after a warm-up, repeats the
 * measurement, and reports the median rate. Cases measured together in one process share the
 * machine's state, so ratios between them are meaningful even on a noisy host.
 */
export interface BenchResult {
  readonly name: string;
  readonly opsPerSec: number;
  readonly usPerOp: number;
}

export async function measure(
  name: string,
  fn: () => Promise<unknown> | unknown,
  opts: { ms?: number; rounds?: number; batch?: number } = {},
): Promise<BenchResult> {
  const ms = opts.ms ?? 400;
  const rounds = opts.rounds ?? 5;
  const batch = opts.batch ?? 64;
  const run = async (budgetMs: number) => {
    let n = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(budgetMs) * 1_000_000n;
    let now = start;
    while (now < deadline) {
      for (let i = 0; i < batch; i++) await fn();
      n += batch;
      now = process.hrtime.bigint();
    }
    return (n * 1e9) / Number(now - start);
  };
  await run(Math.min(200, ms)); // warm-up (JIT, caches)
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) rates.push(await run(ms));
  rates.sort((a, b) => a - b);
  const opsPerSec = rates[Math.floor(rates.length / 2)]!;
  return { name, opsPerSec, usPerOp: 1e6 / opsPerSec };
}

export function table(rows: readonly (BenchResult & { baseline?: BenchResult; note?: string })[]): string {
  const lines = ['| case | ops/s | µs/op | baseline (same run) | ratio |', '|---|---:|---:|---|---:|'];
  for (const r of rows) {
    const ratio = r.baseline ? (r.opsPerSec / r.baseline.opsPerSec).toFixed(3) : '';
    const base = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.opsPerSec)}/s` : '';
    lines.push(`| ${r.name} | ${fmt(r.opsPerSec)} | ${r.usPerOp.toFixed(2)} | ${base} | ${ratio} |`);
  }
  return lines.join('\n');
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}
