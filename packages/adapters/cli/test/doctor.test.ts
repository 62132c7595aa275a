import { readFileSync } from 'node:fs';
import type { MynaCardClient } from '@myna/client';
import { inProcessOcspChecker, RelyingPartyDemo, SandboxClock, withCard } from '@myna/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupDirs, cli, inProcess, withDb, workdir } from './doctor-helpers.js';

/**
 * `npx myna-sandbox doctor` as a user runs it — the built binary (`npx tsc -b` first) in a fresh
 * directory on the default SQLite database — on the demo cards and on cards brought into the
 * states the seeds mention (the pitfall of seed 000, suspension, expiry). Status queries only.
 */

const PHOTO = new Uint8Array(
  readFileSync(new URL('../../../core/card/assets/demo-photo-0.jp2', import.meta.url)),
);
const cwd = workdir();
const id: Record<string, string> = {};

type Json = {
  card: string;
  diagnosis: {
    route: string;
    summary: { id: string; ja: string; en: string };
    findings: { id: string }[];
    steps: { id: string }[];
    warnings: { id: string }[];
    pins: { pin: string; state: string; triesLeft: number }[];
  };
  facts: { source: string; pins: Record<string, { triesLeft: number }> };
};

async function doctor(...args: string[]): Promise<Json> {
  const r = await cli(cwd, ['doctor', ...args, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Json;
}

const allIds = (j: Json) =>
  [j.diagnosis.summary, ...j.diagnosis.findings, ...j.diagnosis.steps, ...j.diagnosis.warnings].map(
    (i) => i.id,
  );

function yearsAgo(n: number): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.toISOString();
}

beforeAll(async () => {
  const seeded = await cli(cwd, ['demo', 'seed', '--json']);
  expect(seeded.code, seeded.err).toBe(0);
  for (const s of JSON.parse(seeded.out) as { key: string; id: string }[]) id[s.key] = s.id;
  const adult = {
    name: '山田　一郎',
    address: '東京都清瀬市中里５－８４２',
    birthDate: '1985-04-01',
    sex: '1',
    photo: PHOTO,
  } as const;
  const pins = { auth: '1234', sign: 'ABC123', kenhojo: '1234', juki: '1234' };
  await withDb(cwd, async (sb) => {
    // The pitfall of seed 000 on 高橋 (券面事項入力補助 PIN 7654 ≠ user-auth 4567): a risky app, three sign-ups.
    const rp = new RelyingPartyDemo({
      random: sb.random,
      clock: sb.clock,
      ocsp: inProcessOcspChecker(sb.authority, sb.random, sb.clock),
      trustAnchors: {
        auth: (await sb.authority.ca('auth')).certDer,
        sign: (await sb.authority.ca('sign')).certDer,
      },
    });
    for (let i = 0; i < 3; i++) {
      const o = await withCard(sb.connector, id['kenhojo-differs']!, 'risky-app', (c: MynaCardClient) =>
        rp.registration('risky').register(c, { route: 'four-digit', authPin: '4567' }),
      );
      expect(o.status).toBe(i < 2 ? 'pin-wrong' : 'pin-locked');
    }
    // A suspended card (the lost-card line's result, made directly).
    const s = await sb.municipality.registerAndIssue({ ...adult, name: '山田　二郎' }, { pins });
    await sb.authority.holdCard(s.card.id);
    await sb.store.setCardStatus(sb.id, s.card.id, 'suspended', sb.clock.now().toISOString());
    id.suspended = s.card.id;
  });
  // Cards issued years ago: certificates expired (5th birthday), or the card itself (10th).
  for (const [key, years] of [
    ['certs-expired', 6],
    ['card-expired', 11],
  ] as const) {
    const clock = new SandboxClock();
    clock.freeze(yearsAgo(years));
    await withDb(
      cwd,
      async (sb) => {
        id[key] = (
          await sb.municipality.registerAndIssue({ ...adult, name: `山田　${key}` }, { pins })
        ).card.id;
      },
      clock,
    );
  }
});
afterAll(cleanupDirs);

describe('npx myna-sandbox doctor --card', () => {
  it.concurrent.each([
    ['fine', 'change-pin', ['route.change-pin', 'change.change-pin']],
    [
      'sign-locked',
      'kiosk',
      ['pin.sign.locked', 'kiosk.install-app', 'kiosk.reserve', 'warn.kiosk-other-pin'],
    ],
    ['auth-one-left', 'change-pin', ['pin.auth.one-left', 'warn.one-try-left']],
    ['under-15', 'change-pin', ['cert.sign.absent']],
    ['face-auth', 'counter', ['card.face-auth', 'counter.switch-card-type']],
    [
      'kenhojo-differs',
      'counter',
      ['pin.kenhojo.locked', 'cause.kenhojo-differs-from-auth', 'counter.apply-reset'],
    ],
    ['suspended', 'counter', ['card.suspended', 'counter.lift-suspension']],
    ['certs-expired', 'counter', ['cert.auth.expired', 'cert.sign.expired', 'counter.issue-certificate']],
    ['card-expired', 'counter', ['card.expired', 'counter.new-card']],
  ])('%s → %s', async (key, route, ids) => {
    // Each run of the binary mostly loads modules: run the table's rows side by side.
    const j = await doctor('--card', id[key]!);
    expect(j.card).toBe(id[key]);
    expect(j.facts.source).toBe('sandbox');
    expect(j.diagnosis.route).toBe(route);
    expect(allIds(j)).toEqual(expect.arrayContaining(ids));
  });

  it('the pitfall: the doctor says counter, and why — in Japanese, or in English', async () => {
    const ja = await cli(cwd, ['doctor', '--card', id['kenhojo-differs']!]);
    expect(ja.code).toBe(0);
    expect(ja.out).toContain('結論: 市区町村窓口');
    expect(ja.out).toContain('「券面事項入力補助APの暗証番号も同じ」');
    expect(ja.out).toMatch(/券面事項入力補助用\s+0\/3\s+ロック中/);
    expect(ja.out).toMatch(/利用者証明用\s+3\/3/);
    expect(ja.out).not.toMatch(/Verdict|LOCKED/);
    const en = await cli(cwd, ['doctor', '--card', id['kenhojo-differs']!, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('Verdict: municipal counter');
    expect(en.out).toContain('is left ticked');
    expect(en.out).not.toMatch(/[\u3040-\u309f]/); // no hiragana: English only
    for (const out of [ja.out, en.out]) expect(out).not.toMatch(/4567|7654|MISAKI95/);
  });

  it('the holder’s statement: forgotten PINs, age, agent', async () => {
    const kiosk = await doctor('--card', id.fine!, '--forgot', 'sign', '--remember', 'auth');
    expect(kiosk.diagnosis.route).toBe('kiosk');
    expect(allIds(kiosk)).toContain('pin.sign.forgotten');
    const counter = await doctor('--card', id.fine!, '--forgot', 'auth,sign');
    expect(counter.diagnosis.route).toBe('counter');
    expect(allIds(counter)).toContain('kiosk.unavailable.both-certificate-pins');
    const child = await doctor('--card', id['under-15']!, '--age', '10', '--forgot', 'kenhojo');
    expect(allIds(child)).toEqual(
      expect.arrayContaining(['cert.sign.not-issued-under-15', 'counter.prepare.legal']),
    );
    const agent = await doctor('--card', id['sign-locked']!, '--forgot', 'auth', '--agent', 'voluntary');
    expect(allIds(agent)).toEqual(
      expect.arrayContaining(['counter.prepare.voluntary', 'warn.voluntary-agent-two-visits']),
    );
  });

  it('spends no try: the chip’s counters are the same before and after', async () => {
    const before = await doctor('--card', id['auth-one-left']!);
    const after = await doctor('--card', id['auth-one-left']!);
    expect(after.facts.pins).toEqual(before.facts.pins);
    expect(after.facts.pins.auth!.triesLeft).toBe(1);
    const status = JSON.parse((await cli(cwd, ['card', 'status', id['auth-one-left']!, '--json'])).out);
    expect(status.pins.auth.triesLeft).toBe(1);
  });

  it('errors: an unknown card (exit 1); bad input (exit 2, before anything is opened)', async () => {
    const r = await cli(cwd, ['doctor', '--card', 'card_nope', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err).error.code).toBe('CARD_NOT_FOUND');
    for (const [args, re] of [
      [[], /INVALID_ARGUMENT.*--card\/--reader/],
      [['--card', 'x', '--reader', 'y'], /INVALID_ARGUMENT.*exactly one/],
      [['--card', 'x', '--forgot', 'pin1'], /INVALID_ARGUMENT.*--forgot/],
      [['--card', 'x', '--forgot', 'auth', '--remember', 'auth'], /INVALID_ARGUMENT.*--forgot/],
      [['--card', 'x', '--age', '-3'], /INVALID_ARGUMENT.*--age|unknown option/],
      [['--card', 'x', '--age', 'ten'], /INVALID_ARGUMENT.*--age/],
      [['--card', 'x', '--lang', 'fr'], /Allowed choices are ja, en/],
      [['--card', 'x', '--agent', 'friend'], /Allowed choices are self, legal, voluntary/],
      [['--card', 'x', '--ocsp-url', 'ftp://x'], /INVALID_ARGUMENT.*--ocsp-url/],
    ] as const) {
      const e = await inProcess('doctor', ...args);
      expect(e.code, `${args.join(' ')}: ${e.err}`).toBe(2);
      expect(e.err).toMatch(re);
    }
  });
});
