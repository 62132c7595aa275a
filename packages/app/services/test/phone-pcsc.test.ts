import { createHash, createPublicKey, publicDecrypt, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeCard, type PrivatePcscd, requirePcscStack, startPrivatePcscd } from '@myna/bridge';
import { type CardEvent, VirtualCard } from '@myna/card';
import { openPcscTransport, type Transport } from '@myna/client';
import { createSandbox, SandboxClock } from '@myna/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT_PINS, issue, NOW } from './support-helpers.js';

/**
 * A smartphone secure element (スマホ用電子証明書) in a PC/SC reader, read with the APDU sequence of
 * jpki/myna (src/reader.rs, src/jpki.rs, src/cli.rs `run_jpki_cert` / `run_jpki_pkey_sign`), byte
 * for byte: SELECT DF by AID (`00 A4 04 0C`), SELECT EF (`00 A4 02 0C`), READ BINARY of 0x20
 * bytes of EF 0006 for the token, then — because the token is `JPKIAPGPSETOKEN` — VERIFY of EF
 * 0018 before reading EF 000A (7 bytes, then the rest in ≤ 256-byte chunks), and a
 * `80 2A 00 80` signature with EF 0017.
 */

let dir: string;
let pcsc: PrivatePcscd;

beforeAll(async () => {
  requirePcscStack();
  dir = mkdtempSync(join(tmpdir(), 'myna-phone-pcsc-'));
  pcsc = await startPrivatePcscd({ dir: join(dir, 'pcsc'), preload: true, slots: 1 });
});
afterAll(async () => {
  await pcsc?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

/** jpki/myna's MynaReader calls, over any transport. */
function mynaReader(t: Transport) {
  const tx = async (h: string | Uint8Array) => {
    const r = await t.transmit(typeof h === 'string' ? hex(h) : h);
    return { sw: (r[r.length - 2]! << 8) | r[r.length - 1]!, data: r.subarray(0, r.length - 2) };
  };
  const lc = (b: Uint8Array) => Buffer.concat([Buffer.of(b.length), b]);
  const readBinary = async (pos: number, size: number) => {
    const out: Uint8Array[] = [];
    let p = pos;
    const end = pos + size;
    while (p < end) {
      const rem = end - p;
      const le = rem > 0xff ? 0 : rem;
      const r = await tx(Buffer.of(0x00, 0xb0, p >> 8, p & 0xff, le));
      if (r.sw !== 0x9000) return { sw: r.sw, data: Buffer.concat(out) };
      out.push(r.data);
      p += r.data.length;
    }
    return { sw: 0x9000, data: Buffer.concat(out) };
  };
  return {
    selectDf: async (aid: string) => (await tx(Buffer.concat([hex('00A4040C'), lc(hex(aid))]))).sw,
    selectEf: async (fid: string) => (await tx(Buffer.concat([hex('00A4020C'), lc(hex(fid))]))).sw,
    readBinary,
    /** 7 bytes, the BER length, then the rest (jpki/myna `read_binary_all`). */
    async readBinaryAll() {
      const head = await readBinary(0, 7);
      if (head.sw !== 0x9000) return head;
      const total = head.data[1] === 0x82 ? 4 + ((head.data[2]! << 8) | head.data[3]!) : 2 + head.data[1]!;
      const rest = await readBinary(7, total - 7);
      return { sw: rest.sw, data: Buffer.concat([head.data, rest.data]) };
    },
    verify: async (pin: string) => (await tx(Buffer.concat([hex('00200080'), lc(Buffer.from(pin))]))).sw,
    signature: async (data: Uint8Array) => tx(Buffer.concat([hex('802A0080'), lc(data), Buffer.of(0)])),
  };
}

describe('a phone element through the PC/SC bridge, as jpki/myna reads it', () => {
  it('token JPKIAPGPSETOKEN; the user-auth certificate after the phone PIN; a signature with its key', async () => {
    const clock = new SandboxClock();
    clock.freeze(NOW);
    const events: CardEvent[] = [];
    const sb = createSandbox({ clock });
    const { card } = await issue(sb);
    const phone = await sb.mynaPortal.issue({
      cardId: card.id,
      platform: 'android',
      cardSignPin: ADULT_PINS.sign,
      phonePins: { auth: '9876', sign: 'PHONE123' },
    });
    const element = await VirtualCard.open(phone.phone.id, {
      store: sb.cards,
      random: sb.random,
      clock: sb.clock,
      onEvent: (e) => events.push(e),
    });
    const reader = pcsc.readerNames[0]!;
    const bridge = bridgeCard({ card: element, port: pcsc.ports[0]!, label: reader });
    try {
      await bridge.whenPresent(10_000);
      const t = await openPcscTransport({ reader, socket: pcsc.socketPath });
      try {
        const r = mynaReader(t);
        expect(await r.selectDf('D392F000260100000001')).toBe(0x9000);
        expect(await r.selectEf('0006')).toBe(0x9000);
        const token = await r.readBinary(0, 0x20);
        expect(token.sw).toBe(0x9000);
        expect(token.data.toString('ascii').replace(/[\0\s]+$/, '')).toBe('JPKIAPGPSETOKEN');

        // Without the PIN (what crashed jpki/myna issue #6): 6982.
        expect(await r.selectEf('000A')).toBe(0x9000);
        expect((await r.readBinaryAll()).sw).toBe(0x6982);

        expect(await r.selectEf('0018')).toBe(0x9000);
        expect(await r.verify('9876')).toBe(0x9000);
        expect(await r.selectEf('000A')).toBe(0x9000);
        const cert = await r.readBinaryAll();
        expect(cert.sw).toBe(0x9000);
        const x = new X509Certificate(cert.data);
        expect(x.serialNumber.toUpperCase().replace(/^0+/, '')).toBe(
          phone.certificates.find((c) => c.kind === 'auth')!.serialHex.replace(/^0+/, ''),
        );

        const digestInfo = Buffer.concat([
          hex('3031300D060960864801650304020105000420'),
          createHash('sha256').update('myna-sandbox phone').digest(),
        ]);
        expect(await r.selectEf('0017')).toBe(0x9000);
        const sig = await r.signature(digestInfo);
        expect(sig.sw).toBe(0x9000);
        const recovered = publicDecrypt(
          createPublicKey(x.publicKey.export({ format: 'pem', type: 'spki' })),
          sig.data,
        );
        expect(recovered.equals(digestInfo)).toBe(true);
      } finally {
        await t.close();
      }
    } finally {
      await bridge.stop();
    }
    // The phone's counters, in the phone's store row, labelled with the reader.
    expect(events.filter((e) => e.type === 'pin.verified').map((e) => [e.cardId, e.terminal])).toEqual([
      [phone.phone.id, reader],
    ]);
  });
});
