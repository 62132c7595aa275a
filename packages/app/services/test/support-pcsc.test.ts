import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeCard, type PrivatePcscd, requirePcscStack, startPrivatePcscd } from '@myna/bridge';
import { type CardEvent, VirtualCard } from '@myna/card';
import { MynaCardClient, openPcscTransport } from '@myna/client';
import {
  createSandbox,
  diagnose,
  inProcessOcspChecker,
  readCardFacts,
  type Sandbox,
  SandboxClock,
} from '@myna/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBilingual, NOW } from './support-helpers.js';
import { CARD_STATES, makeState } from './support-states.js';

/**
 * The doctor on cards in every state, through the real PC/SC stack: each sandbox card is bridged
 * into a private pcscd (vpcd) and read with the SDK's PC/SC transport, exactly as a card in a
 * reader — the chip, the certificate and OCSP only. Status queries only: no try spent.
 */

let dir: string;
let pcsc: PrivatePcscd;
const events: CardEvent[] = [];

beforeAll(async () => {
  requirePcscStack();
  dir = mkdtempSync(join(tmpdir(), 'myna-doctor-pcsc-'));
  pcsc = await startPrivatePcscd({ dir: join(dir, 'pcsc'), preload: true, slots: 1 });
});
afterAll(async () => {
  await pcsc?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function sandbox(): Sandbox {
  const clock = new SandboxClock();
  clock.freeze(NOW);
  return createSandbox({ clock, onEvent: (e) => events.push(e) });
}

describe('doctor through PC/SC', () => {
  it('diagnoses every state from a card in a reader, spending no try', async () => {
    const shared = sandbox();
    const reader = pcsc.readerNames[0]!;
    const cards = await Promise.all(
      CARD_STATES.map(async (s) => {
        const sb = s.at ? sandbox() : shared;
        return { sb, cardId: await makeState(sb, s) };
      }),
    );
    for (const [i, s] of CARD_STATES.entries()) {
      const { sb, cardId } = cards[i]!;
      if (s.at) sb.clock.set(s.at);
      const card = await VirtualCard.open(cardId, {
        store: sb.cards,
        random: sb.random,
        clock: sb.clock,
        onEvent: (e) => events.push(e),
      });
      const bridge = bridgeCard({ card, port: pcsc.ports[0]!, label: reader });
      try {
        await bridge.whenPresent(10_000);
        const from = events.length;
        const t = await openWhenSeen(reader, pcsc.socketPath);
        let facts: Awaited<ReturnType<typeof readCardFacts>>;
        try {
          facts = await readCardFacts(new MynaCardClient(t), {
            clock: sb.clock,
            ocsp: inProcessOcspChecker(sb.authority, sb.random, sb.clock),
          });
        } finally {
          await t.close();
        }
        expect(facts).toMatchObject({ source: 'reader', transport: reader });
        const d = diagnose(facts, s.say);
        const want = s.reader ?? s.sandbox;
        expect(d.route, s.name).toBe(want.route);
        const all = [d.summary, ...d.findings, ...d.steps, ...d.warnings].map((i) => i.id);
        expect(all, s.name).toEqual(expect.arrayContaining([...want.ids]));
        expectBilingual(d);
        const mine = events.slice(from).filter((e) => e.cardId === cardId);
        expect(
          mine.filter((e) => e.type !== 'pin.checked'),
          s.name,
        ).toEqual([]);
        expect(new Set(mine.map((e) => e.terminal))).toEqual(mine.length > 0 ? new Set([reader]) : new Set());
      } finally {
        await bridge.stop();
      }
    }
  });
});

/**
 * Opens the reader once pcscd has seen the card: cards are swapped in and out of one slot back to
 * back, and on a loaded machine pcscd's poll (every 400 ms: pcsc.md) can lag behind the bridge.
 * Only the transient reasons are retried, a bounded number of times.
 */
async function openWhenSeen(reader: string, socket: string) {
  const transient = new Set(['card-absent', 'card-removed', 'card-reset', 'no-reader', 'sharing-violation']);
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPcscTransport({ reader, socket });
    } catch (e) {
      const reason = (e as { details?: { reason?: string } }).details?.reason;
      if (attempt >= 15 || !reason || !transient.has(reason)) throw e;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
