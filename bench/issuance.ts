/**
 * bench/issuance — cards issued per second (two RSA-2048 keys each) beside the raw RSA-2048
 * key-generation rate of this machine, in the same process and run, both using every core.
 *
 *   npm run bench:issuance
 *
 * Both runs keep the same number of key generations in flight (`4 × CONCURRENCY` keys, or
 * `2 × CONCURRENCY` cards of two keys), so node:crypto's asynchronous keygen keeps the libuv thread
 * pool busy on every core in both. A card also spends time on the main thread (certificates,
 * personalisation, SQLite) and waiting for its certificate signatures, queued in the same pool. Baseline: key pairs/s from `crypto.generateKeyPair`;
 * issuance: full cards/s (resident, two keys, two certificates, personalisation with its RSA
 * signatures, writes to SQLite). The comparable figure is cards/s against (key pairs/s ÷ 2);
 * the goal is a ratio ≥ 0.8.
 */
import { generateKeyPair } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cryptoRandom } from '@myna/ports';
import { createSandbox } from '@myna/services';
import { openDatabase, SqlAuthorityStore, SqlCardStore } from '@myna/store';

const CONCURRENCY = Math.max(4, availableParallelism() * 2);
const KEYS = Number(process.env.BENCH_KEYS ?? 64);
const CARDS = KEYS / 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const gen = promisify(generateKeyPair);

async function pool(
  n: number,
  task: (i: number) => Promise<unknown>,
  concurrency = CONCURRENCY,
): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return (performance.now() - start) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), 'myna-bench-'));
const db = await openDatabase(`sqlite:${join(dir, 'bench.db')}`, { masterKey: new Uint8Array(32).fill(7) });
const sandbox = createSandbox({
  store: new SqlAuthorityStore(db),
  cards: new SqlCardStore(db),
  random: cryptoRandom,
});
const photo = new Uint8Array(
  readFileSync(new URL('../packages/core/card/assets/demo-photo-0.jp2', import.meta.url)),
);
await Promise.all([
  sandbox.authority.ca('auth'),
  sandbox.authority.ca('sign'),
  sandbox.authority.issuerMaterial(),
]);

let serial = 0;
const issueOne = () =>
  sandbox.municipality.registerAndIssue(
    {
      name: `試験　${serial++}`,
      address: '東京都清瀬市中里５－８４２',
      birthDate: '1985-04-01',
      sex: '1',
      photo,
    },
    { pins: { auth: '1234', sign: 'ABC123', kenhojo: '1234', juki: '1234' } },
  );
await issueOne(); // warm-up

const keyRates: number[] = [];
const cardRates: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  // Same number of key generations in flight as the issuance run below (2 per card).
  const kt = await pool(
    KEYS,
    () => gen('rsa', { modulusLength: 2048, publicExponent: 65537 }),
    CONCURRENCY * 4,
  );
  keyRates.push(KEYS / kt);
  const ct = await pool(CARDS, () => issueOne(), CONCURRENCY * 2);
  cardRates.push(CARDS / ct);
}
await db.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const keys = median(keyRates);
const cards = median(cardRates);
const ratio = cards / (keys / 2);
console.log(
  `node ${process.version}, ${availableParallelism()} cores, concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${KEYS} keys / ${CARDS} cards (SQLite)\n`,
);
console.log('| case | rate | per round |');
console.log('|---|---:|---|');
console.log(
  `| raw RSA-2048 crypto.generateKeyPair | ${keys.toFixed(2)} keys/s (${(keys / 2).toFixed(2)} pairs/s) | ${keyRates.map((x) => x.toFixed(1)).join(', ')} |`,
);
console.log(
  `| card issuance (2 keys, 2 certificates, personalisation, SQLite) | ${cards.toFixed(2)} cards/s | ${cardRates.map((x) => x.toFixed(2)).join(', ')} |`,
);
console.log(`\ncards/s ÷ (keys/s ÷ 2) = ${ratio.toFixed(3)} (goal ≥ 0.8)`);
if (ratio < 0.8) process.exitCode = 1;
