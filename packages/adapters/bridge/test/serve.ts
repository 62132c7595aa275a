/**
 * Serves test cards (the J-LIS test holder, PINs auth 1234 / sign SIGN2025) to PC/SC until Ctrl-C.
 *
 *   npx tsx packages/bridge/test/serve.ts [--cards N] [--stock] [--system] [--dir DIR] [--verbose]
 *
 * Default: a private pcscd (TCP_NODELAY preload) in DIR (default /tmp/myna-pcsc) with N slots;
 * it prints the `export PCSCLITE_CSOCK_NAME=…` line for pcsc_scan / OpenSC / pyscard in another
 * shell. --system: no private pcscd; the cards go to a pcscd you started yourself with Debian's
 * /etc/reader.conf.d/vpcd (ports 35963, 35964). --stock: private pcscd without the preload.
 * Test keys only: never use these cards for anything real.
 */
import { parseArgs } from 'node:util';
import { MemoryCardStore, personalize, VirtualCard } from '@myna/card';
import { cryptoRandom, systemClock } from '@myna/ports';
import { PINS, testProfile } from '../../../core/card/test/fixtures/index.js';
import {
  bridgeCard,
  DEFAULT_VPCD_PORT,
  type PrivatePcscd,
  startPrivatePcscd,
  type VpcdCardConnection,
  vpcdReaderName,
} from '../src/index.js';

const { values } = parseArgs({
  options: {
    cards: { type: 'string', default: '1' },
    stock: { type: 'boolean', default: false },
    system: { type: 'boolean', default: false },
    dir: { type: 'string', default: '/tmp/myna-pcsc' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});
const n = Number(values.cards);
if (!Number.isInteger(n) || n < 1) throw new Error(`--cards must be a positive integer: ${values.cards}`);
if (values.system && n > 2)
  throw new Error("Debian's vpcd config has 2 slots; use the private pcscd for more");

let pcsc: PrivatePcscd | undefined;
if (!values.system) {
  pcsc = await startPrivatePcscd({ dir: values.dir, slots: n, preload: !values.stock });
}
const store = new MemoryCardStore();
const bridges: VpcdCardConnection[] = [];
for (let i = 0; i < n; i++) {
  const image = personalize(await testProfile({ id: `test-card-${i + 1}` }));
  await store.create(image);
  const label = pcsc?.readerNames[i] ?? vpcdReaderName(i);
  const card = await VirtualCard.open(image.id, {
    store,
    random: cryptoRandom,
    clock: systemClock,
    onEvent: (e) =>
      console.log(`event ${e.type} ${e.pin ?? ''} tries=${e.triesLeft ?? '-'} in "${e.terminal}"`),
  });
  const b = bridgeCard({
    card,
    port: pcsc?.ports[i] ?? DEFAULT_VPCD_PORT + i,
    label,
    log: (l) => {
      if (values.verbose || !/ → /.test(l)) console.log(l);
    },
  });
  bridges.push(b);
}
await Promise.all(bridges.map((b) => b.whenPresent(15_000)));

console.log(
  `\n${n} test card(s) inserted${pcsc ? ` (private pcscd, PID ${pcsc.pid}, log ${pcsc.logFile})` : ''}.`,
);
if (pcsc) console.log(`In another shell:\n  export PCSCLITE_CSOCK_NAME=${pcsc.socketPath}`);
console.log(`  pcsc_scan -r; opensc-tool -n; pkcs15-tool --list-pins`);
console.log(`PINs: user authentication ${PINS.auth}, signature ${PINS.sign}. Ctrl-C to remove the cards.\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all(bridges.map((b) => b.stop()));
  await pcsc?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
