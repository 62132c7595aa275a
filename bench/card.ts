/**
 * bench/card — in-process APDU rates of the virtual card (issue: the virtual card).
 *
 *   npm run bench:card
 *
 * Each case runs beside its baseline in the same process:
 * - status VERIFY and correct VERIFY vs a no-op round trip (parse the APDU, answer 9000) —
 *   the floor of any in-process card;
 * - reading the user-auth certificate in one extended READ BINARY vs 256-byte chunks;
 * - COMPUTE DIGITAL SIGNATURE (P1 00, SHA-256 DigestInfo) vs raw `crypto.privateEncrypt`
 *   with the same key — the goal is ≥ 0.9×.
 */
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { encodeResponse, fromHex, parseCommand } from '@myna/apdu';
import { MemoryCardStore, personalize, VirtualCard } from '@myna/card';
import { cryptoRandom, systemClock } from '@myna/ports';
import { key, PINS, testProfile } from '../packages/core/card/test/fixtures/index.js';
import { measure, table } from './harness.js';

const store = new MemoryCardStore();
const image = personalize(await testProfile({ id: 'bench' }));
await store.create(image);
const card = await VirtualCard.open(image.id, {
  store,
  random: cryptoRandom,
  clock: systemClock,
  terminal: 'bench',
});
const tx = (h: Uint8Array) => card.transmit(h);
const expect = async (h: string, sw: string) => {
  const r = Buffer.from(await tx(fromHex(h)))
    .toString('hex')
    .toUpperCase();
  if (!r.endsWith(sw)) throw new Error(`${h} → ${r.slice(-4)}, wanted ${sw}`);
};

const SELECT_JPKI = fromHex('00A4040C0AD392F000260100000001');
const STATUS = fromHex('00200098');
const VERIFY_OK = fromHex(`0020009804${Buffer.from(PINS.auth).toString('hex')}`);
const digestInfo = fromHex('3031300D060960864801650304020105000420' + '11'.repeat(32));
const SIGN = fromHex(`802A009733${Buffer.from(digestInfo).toString('hex')}00`);

// No-op baseline: the same async shape (a promise per APDU) with parsing and encoding only.
const noop = async (apdu: Uint8Array) => {
  parseCommand(apdu);
  return encodeResponse({ sw: 0x9000, data: new Uint8Array(0) });
};

await expect('00A4040C0AD392F000260100000001', '9000');
await expect('00200098', '63C3');
const base = await measure('no-op APDU round trip', () => noop(STATUS));
const status = await measure('status VERIFY (00 20 00 98)', () => tx(STATUS));
const verify = await measure('correct VERIFY (auth PIN)', () => tx(VERIFY_OK));

// Certificate reads: select EF 000A, then one extended READ BINARY vs 256-byte chunks until EOF.
const certLen = (await tx(fromHex('00B08A00000000'))).length - 2;
const chunks = Math.ceil(certLen / 256);
const readExt = await measure(
  `certificate ${certLen} B, 1 extended READ BINARY`,
  () => tx(fromHex('00B08A00000000')),
  {
    batch: 16,
  },
);
const chunkApdus = Array.from({ length: chunks }, (_, i) =>
  fromHex(`00B0${(i * 256).toString(16).padStart(4, '0')}00`),
);
const readChunked = await measure(
  `certificate ${certLen} B, ${chunks} × 256-byte READ BINARY`,
  async () => {
    await tx(fromHex('00A4020C02000A'));
    for (const c of chunkApdus) await tx(c);
  },
  { batch: 16 },
);

// Signing: verified auth PIN, key by SFI 97.
await expect('00200098' + `04${Buffer.from(PINS.auth).toString('hex')}`, '9000');
await expect(Buffer.from(SIGN).toString('hex'), '9000');
const rawKey = createPrivateKey({ key: Buffer.from(key('auth')), format: 'der', type: 'pkcs8' });
const raw = await measure(
  'raw privateEncrypt (RSA-2048, PKCS#1)',
  () => privateEncrypt({ key: rawKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo),
  { batch: 8, ms: 1000 },
);
const sign = await measure('COMPUTE DIGITAL SIGNATURE (80 2A 00 97)', () => tx(SIGN), { batch: 8, ms: 1000 });
void SELECT_JPKI;

console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`);
console.log(
  table([
    base,
    { ...status, baseline: base },
    { ...verify, baseline: base },
    readExt,
    { ...readChunked, baseline: readExt },
    raw,
    { ...sign, baseline: raw },
  ]),
);
const signRatio = sign.opsPerSec / raw.opsPerSec;
console.log(`\nsignature / raw privateEncrypt = ${signRatio.toFixed(3)} (goal ≥ 0.9)`);
console.log(`status VERIFY = ${status.usPerOp.toFixed(2)} µs (goal < 20 µs)`);
if (signRatio < 0.9 || status.usPerOp >= 20) process.exitCode = 1;
