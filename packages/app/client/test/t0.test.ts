import { verify, X509Certificate } from 'node:crypto';
import { parseCommand } from '@myna/apdu';
import { T0Responder } from '@myna/card';
import { InProcessTransport, MynaCardClient, type TraceEntry, type Transport, tracing } from '@myna/client';
import { expectCatalogError } from '@myna/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTestCard, PINS, TEST_HOLDER } from '../../../core/card/test/fixtures/index.js';

/**
 * The SDK against a card speaking T=0 (ATR profile `contact-t0`): 61xx → GET RESPONSE, 6Cxx →
 * the command again with the right Le (ISO/IEC 7816-3 §10.3, 7816-4 §5.3.4), for every flow.
 */
async function setup(opts: Parameters<typeof openTestCard>[0] = {}) {
  const t = await openTestCard({ atr: 'contact-t0', ...opts });
  const trace: TraceEntry[] = [];
  const client = new MynaCardClient(tracing(new InProcessTransport(t.card, 'test-t0'), (e) => trace.push(e)));
  return { ...t, client, trace };
}

describe('MynaCardClient on a T=0 card', () => {
  it('reads certificates (6700 for extended, then 256-byte chunks ending in 6Cxx) and signs through GET RESPONSE', async () => {
    const { client, trace, image } = await setup();
    const data = new TextEncoder().encode('T=0 の署名');
    const cert = await client.readCertificate('auth');
    expect(Buffer.from(cert)).toEqual(Buffer.from(image.files.jpki[0x000a] as Uint8Array));
    const sig = await client.sign('auth', data, { pin: PINS.auth });
    expect(verify('sha256', data, new X509Certificate(Buffer.from(cert)).publicKey, sig)).toBe(true);
    const sws = trace.map((e) => e.sw);
    expect(sws).toContain('6700'); // the extended whole-EF read
    expect(sws.some((s) => s.startsWith('6C'))).toBe(true); // the last chunk's wrong Le
    expect(sws).toContain('6100'); // the signature held back…
    expect(
      trace.some((e) => e.command.startsWith('00 C0 00 00') && e.sw === '9000' && e.responseLength === 256),
    ).toBe(true); // …and fetched
  });

  it('PIN status, verify, 券面事項入力補助 reads and the safe policy work as on T=1', async () => {
    const { client } = await setup();
    expect(await client.pinStatus('auth')).toMatchObject({ set: true, triesLeft: 3 });
    await expectCatalogError(client.verifyPin('auth', '0000'), 'PIN_WRONG');
    await client.verifyPin('kenhojo', PINS.kenhojo);
    expect(await client.readBasicFour()).toMatchObject({
      name: TEST_HOLDER.name,
      birthDate: TEST_HOLDER.birthDate,
    });
    expect(await client.readMyNumber()).toBe(TEST_HOLDER.myNumber);
  });

  it('a face-authentication card: PINs not set (6300), VERIFY refused with PIN_NOT_SET', async () => {
    const { client } = await setup({ kind: 'face-auth' });
    expect(await client.pinStatus('auth')).toMatchObject({ set: false, blocked: false });
    await expectCatalogError(client.verifyPin('auth', '1234'), 'PIN_NOT_SET');
  });
});

describe('GET RESPONSE chaining in the client (property)', () => {
  /** A card answering one long response, T=0 style, through the card core's own T0Responder. */
  function longAnswerCard(data: Uint8Array, sw: number): Transport {
    const t0 = new T0Responder();
    return {
      label: 'long-answer',
      async transmit(apdu) {
        const c = parseCommand(apdu);
        const a = T0Responder.isGetResponse(c) ? t0.getResponse(c) : t0.respond(c, { sw, data });
        return Uint8Array.from([...(a.data ?? []), a.sw >> 8, a.sw & 0xff]);
      },
    };
  }

  it('reassembles answers of any length (61xx chunks) with the final SW', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.constantFrom(0x9000, 0x6282),
        async (data, sw) => {
          const client = new MynaCardClient(longAnswerCard(data, sw));
          const r = await client.send(parseCommand(Uint8Array.of(0x80, 0x2a, 0x00, 0x80, 0x01, 0xaa)));
          expect(r.sw).toBe(sw);
          expect(Buffer.from(r.data)).toEqual(Buffer.from(data));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('a card that never stops answering 61xx is a transport error', async () => {
    const endless: Transport = { label: 'endless', transmit: async () => Uint8Array.of(1, 2, 0x61, 0x02) };
    await expectCatalogError(
      new MynaCardClient(endless).send(parseCommand(Uint8Array.of(0, 0xb0, 0, 0, 0))),
      'TRANSPORT_ERROR',
    );
  });
});
