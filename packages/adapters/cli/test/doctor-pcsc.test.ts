import { join } from 'node:path';
import { bridgeCard, type PrivatePcscd, requirePcscStack, startPrivatePcscd } from '@myna/bridge';
import { VirtualCard } from '@myna/card';
import { cryptoRandom, systemClock } from '@myna/ports';
import { createSandbox } from '@myna/services';
import { openDatabase, SqlAuthorityStore, SqlCardStore, type StoreDatabase } from '@myna/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupDirs, cli, cliEnv, workdir } from './doctor-helpers.js';

/**
 * `npx myna-sandbox doctor --reader <name>`: the built binary reads a card in a real PC/SC reader
 * (a private pcscd with vpcd; the sandbox's cards bridged from this process, as `bridge` does) —
 * the chip, the certificate and OCSP (the sandbox authority, in process) only.
 */

const cwd = workdir();
const id: Record<string, string> = {};
let pcsc: PrivatePcscd;
let db: StoreDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  requirePcscStack();
  const seeded = await cli(cwd, ['demo', 'seed', '--json']);
  expect(seeded.code, seeded.err).toBe(0);
  for (const s of JSON.parse(seeded.out) as { key: string; id: string }[]) id[s.key] = s.id;
  db = await openDatabase(`sqlite:${join(cwd, '.myna-sandbox/sandbox.db')}`, { cwd });
  // Suspend the all-fine card (what the lost-card line does): its certificates go on hold.
  const sb = createSandbox({ id: 'default', store: new SqlAuthorityStore(db), cards: new SqlCardStore(db) });
  await sb.authority.holdCard(id.fine!);
  await sb.store.setCardStatus(sb.id, id.fine!, 'suspended', new Date().toISOString());
  pcsc = await startPrivatePcscd({ dir: join(cwd, 'pcsc'), preload: true, slots: 1 });
  env = cliEnv({ PCSCLITE_CSOCK_NAME: pcsc.socketPath });
});
afterAll(async () => {
  await pcsc?.stop();
  await db?.close();
  cleanupDirs();
});

/** Inserts a sandbox card into the reader for the duration of `fn`. */
async function inReader<T>(cardId: string, fn: (reader: string) => Promise<T>): Promise<T> {
  const card = await VirtualCard.open(cardId, {
    store: new SqlCardStore(db),
    random: cryptoRandom,
    clock: systemClock,
  });
  const reader = pcsc.readerNames[0]!;
  const bridge = bridgeCard({ card, port: pcsc.ports[0]!, label: reader });
  try {
    await bridge.whenPresent(10_000);
    return await fn(reader);
  } finally {
    await bridge.stop();
  }
}

describe('npx myna-sandbox doctor --reader', () => {
  it.each([
    ['sign-locked', 'kiosk', ['pin.sign.locked', 'kiosk.reserve', 'warn.kiosk-certificate-unchecked']],
    ['auth-one-left', 'change-pin', ['pin.auth.one-left', 'warn.one-try-left']],
    ['face-auth', 'counter', ['card.face-auth']],
    ['fine', 'counter', ['card.suspended', 'counter.lift-suspension']],
  ])('%s → %s', async (key, route, ids) => {
    await inReader(id[key]!, async (reader) => {
      const r = await cli(cwd, ['doctor', '--reader', reader, '--json'], env);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out);
      expect(j).toMatchObject({ reader, card: null, facts: { source: 'reader', transport: reader } });
      expect(j.diagnosis.route).toBe(route);
      const all = [
        j.diagnosis.summary,
        ...j.diagnosis.findings,
        ...j.diagnosis.steps,
        ...j.diagnosis.warnings,
      ];
      expect(all.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids));
      if (key === 'fine') expect(j.facts.certificates.auth).toMatchObject({ status: 'hold', source: 'ocsp' });
    });
  });

  it('prints the report in Japanese or English; a missing reader is a clear error', async () => {
    await inReader(id['sign-locked']!, async (reader) => {
      const ja = await cli(cwd, ['doctor', '--reader', reader], env);
      expect(ja.code, ja.err).toBe(0);
      expect(ja.out).toContain(`読み取り: ${reader}`);
      expect(ja.out).toContain('結論: キオスク端末');
      expect(ja.out).toContain('署名用: 状態を確認できず');
      const en = await cli(cwd, ['doctor', '--reader', reader, '--lang', 'en'], env);
      expect(en.out).toContain('Verdict: kiosk');
      expect(en.out).toMatch(/signature password\s+0\/5\s+LOCKED/);
    });
    const r = await cli(cwd, ['doctor', '--reader', 'No Such Reader', '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err).error).toMatchObject({
      code: 'TRANSPORT_ERROR',
      details: { reason: 'no-reader' },
    });
  });
});
