import type { CardEvent } from '@myna/card';
import {
  type CardFacts,
  createSandbox,
  type Diagnosis,
  diagnose,
  inProcessOcspChecker,
  readCardFacts,
  readSandboxCardFacts,
  type Sandbox,
  SandboxClock,
  withCard,
} from '@myna/services';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectBilingual, ids, NOW } from './support-helpers.js';
import { CARD_STATES, type CardState, makeState } from './support-states.js';

/**
 * The doctor on cards in every state the seeds mention, through the in-process transport: from
 * the sandbox's records, and as a reader sees the card (chip, certificate and OCSP only).
 * Reading spends no try: the card records status queries only.
 */

const events: CardEvent[] = [];
const made = new Map<string, { sb: Sandbox; cardId: string }>();

function sandbox(): Sandbox {
  const clock = new SandboxClock();
  clock.freeze(NOW);
  return createSandbox({ clock, onEvent: (e) => events.push(e) });
}

beforeAll(async () => {
  const shared = sandbox();
  // Issued concurrently (key generation runs on the thread pool), then clocks moved.
  await Promise.all(
    CARD_STATES.map(async (s) => {
      const sb = s.at ? sandbox() : shared;
      made.set(s.name, { sb, cardId: await makeState(sb, s) });
    }),
  );
  for (const s of CARD_STATES) if (s.at) made.get(s.name)!.sb.clock.set(s.at);
});

function all(d: Diagnosis): string[] {
  return [d.summary, ...d.findings, ...d.steps, ...d.warnings].map((i) => i.id);
}

async function readerFacts(sb: Sandbox, cardId: string): Promise<CardFacts> {
  return withCard(sb.connector, cardId, 'doctor:reader', (c) =>
    readCardFacts(c, { clock: sb.clock, ocsp: inProcessOcspChecker(sb.authority, sb.random, sb.clock) }),
  );
}

describe('doctor, in process', () => {
  it.each(CARD_STATES.map((s) => ({ ...s })))('$name', async (s: CardState) => {
    const { sb, cardId } = made.get(s.name)!;
    const from = events.length;
    for (const [source, facts, want] of [
      ['sandbox', await readSandboxCardFacts(sb, cardId), s.sandbox],
      ['reader', await readerFacts(sb, cardId), s.reader ?? s.sandbox],
    ] as const) {
      expect(facts.source).toBe(source);
      const d = diagnose(facts, s.say);
      expect(d.route, `${source}: ${ids(d.findings).join(', ')}`).toBe(want.route);
      expect(all(d)).toEqual(expect.arrayContaining([...want.ids]));
      expectBilingual(d);
      expect(JSON.stringify({ facts, d })).not.toMatch(/MISAKI95|"4567"|"5678"/);
    }
    // Status queries only: nothing but pin.checked on the card.
    const mine = events.slice(from).filter((e) => e.cardId === cardId);
    expect(mine.filter((e) => e.type !== 'pin.checked')).toEqual([]);
    if (s.spec?.profile !== 'face-auth') expect(mine.length).toBeGreaterThan(0);
  });

  it('reads certificate status from the authority, or by OCSP in a reader', async () => {
    const { sb, cardId } = made.get('suspended card')!;
    const fromRecords = await readSandboxCardFacts(sb, cardId);
    expect(fromRecords.card.status).toBe('suspended');
    expect(fromRecords.certificates.auth).toMatchObject({ status: 'hold', source: 'authority' });
    expect(fromRecords.certificates.sign).toMatchObject({ status: 'hold', source: 'authority' });
    const inReader = await readerFacts(sb, cardId);
    expect(inReader.card.status).toBe('unknown');
    expect(inReader.certificates.auth).toMatchObject({
      status: 'hold',
      reason: 'certificateHold',
      source: 'ocsp',
    });
    expect(inReader.certificates.sign).toMatchObject({ present: true, status: 'unknown', source: 'none' });
    // The card's expiry and serial come from the chip's common AP record (card.md §7).
    const card = (await sb.store.getCard(sb.id, cardId))!;
    expect(inReader).toMatchObject({
      serial: card.serial,
      card: { expiresOn: card.expiresOn, expired: false },
    });
  });

  it('without a responder, a reader still reads the chip and the certificate (OCSP error noted)', async () => {
    const { sb, cardId } = made.get('signature password locked')!;
    const stranger = createSandbox({ clock: sb.clock });
    const facts = await withCard(sb.connector, cardId, 'doctor:offline', (c) =>
      readCardFacts(c, {
        clock: sb.clock,
        ocsp: inProcessOcspChecker(stranger.authority, sb.random, sb.clock),
      }),
    );
    expect(facts.certificates.auth.status).toBe('unknown');
    expect(facts.ocspError).toBe('ocsp-error-status');
    expect(diagnose(facts).route).toBe('kiosk');
    const down = await withCard(sb.connector, cardId, 'doctor:offline', (c) =>
      readCardFacts(c, { clock: sb.clock, ocsp: { check: () => Promise.reject(new Error('ECONNREFUSED')) } }),
    );
    expect(down.ocspError).toBe('ocsp-failed');
  });
});
