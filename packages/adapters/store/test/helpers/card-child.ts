/**
 * Child process for the multi-process tests: opens the database (DATABASE_URL, MYNA_MASTER_KEY),
 * opens each card through a real VirtualCard, prints `ready`, waits for `go` on stdin, then per
 * card SELECTs the application (before the start signal) and sends `count` wrong VERIFYs, printing `sw <card> <SW>` as soon
 * as each answer arrives, and `done` at the end.
 *
 *   argv: <aidHex> <p2Hex> <wrongValueAscii> <count> <cardId>...
 */
import { createInterface } from 'node:readline';
import { VirtualCard } from '@myna/card';
import { fixedClock, seededRandom } from '@myna/ports';
import { openDatabase, SqlCardStore } from '@myna/store';

const [aid, p2, wrong, countText, ...cardIds] = process.argv.slice(2);
if (!aid || !p2 || !wrong || !countText || cardIds.length === 0)
  throw new Error('usage: aid p2 wrong count card…');
const count = Number(countText);

const handle = await openDatabase();
const store = new SqlCardStore(handle);
const cards = await Promise.all(
  cardIds.map((id) =>
    VirtualCard.open(id, {
      store,
      random: seededRandom(`child-${process.pid}`),
      clock: fixedClock('2026-11-22T09:00:00+09:00'),
      terminal: `child-${process.pid}`,
      onError: (e) => process.stderr.write(`store error: ${String(e)}\n`),
    }),
  ),
);
const out = (line: string) => process.stdout.write(`${line}\n`);
const tx = async (card: VirtualCard, hex: string) =>
  Buffer.from(await card.transmit(Buffer.from(hex, 'hex')))
    .toString('hex')
    .toUpperCase();

const lc = (aid.length / 2).toString(16).padStart(2, '0');
for (const card of cards) {
  const sel = await tx(card, `00A4040C${lc}${aid}`);
  if (sel !== '9000') throw new Error(`SELECT answered ${sel}`);
}
out('ready');
// `go <epoch ms>`: every child starts its burst at the same instant.
const startAt = await new Promise<number>((resolve) => {
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (l) => {
    const m = /^go(?: (\d+))?$/.exec(l.trim());
    if (m) {
      rl.close();
      process.stdin.destroy(); // or the open pipe keeps this process alive
      resolve(Number(m[1] ?? 0));
    }
  });
});
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));

const data = Buffer.from(wrong, 'ascii').toString('hex');
const verify = `002000${p2}${(data.length / 2).toString(16).padStart(2, '0')}${data}`;
for (const [i, card] of cards.entries()) {
  for (let n = 0; n < count; n++) out(`sw ${cardIds[i]} ${await tx(card, verify)}`);
}
out('done');
await handle.close();
