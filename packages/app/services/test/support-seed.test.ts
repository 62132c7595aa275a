import type { MynaCardClient } from '@myna/client';
import {
  answerTopic,
  createSandbox,
  type HolderStatement,
  type Route,
  readSandboxCardFacts,
  type Sandbox,
  SandboxClock,
  type SupportTopicId,
  withCard,
} from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADULT_PINS, type CardSpec, expectBilingual, ids, issue, NOW } from './support-helpers.js';

/**
 * Every question and answer of the PocketSign support article (seed 000) — and the J-LIS kiosk
 * procedure of seed 001 — answered by the support engine from a card's actual state: cards
 * personalised in a state, or brought there by wrong entries sent through the SDK at other
 * terminals, read back through APDUs (status queries only) and the authority's records.
 */

const DIFFERENT = { auth: '4567', sign: 'MISAKI95', kenhojo: '7654', juki: '4567' } as const;

/** Asserts the error a wrong entry gets when `left` tries remain after it. */
function wrongEntry(p: Promise<unknown>, pin: 'auth' | 'sign' | 'kenhojo', left: number) {
  return left > 0
    ? expectCatalogError(p, 'PIN_WRONG', { pin, triesLeft: left })
    : expectCatalogError(p, 'PIN_BLOCKED', { pin, triesLeft: 0, justBlocked: true });
}

/**
 * Wrong entries at another terminal ("another service"), through the SDK as any app sends them;
 * `from` is the number of tries left before the first (default: the PIN's limit).
 */
function wrong(
  pin: 'auth' | 'sign' | 'kenhojo',
  values: readonly string[],
  terminal = 'other-service',
  from = pin === 'sign' ? 5 : 3,
) {
  return async (sb: Sandbox, cardId: string) => {
    await withCard(sb.connector, cardId, terminal, async (c: MynaCardClient) => {
      for (const [i, v] of values.entries()) {
        await wrongEntry(
          c.verifyPin(pin, v, { confirmLastTry: true, allowResendToOtherApplication: true }),
          pin,
          from - 1 - i,
        );
      }
    });
  };
}

interface Row {
  /** The seed's question (its heading). */
  readonly topic: SupportTopicId;
  /** The seed's answer, verbatim (the sentence this row proves). */
  readonly seed: string;
  readonly card?: CardSpec;
  /** What happened to the card before the holder asked (through the SDK, at other terminals). */
  readonly before?: (sb: Sandbox, cardId: string) => Promise<void>;
  readonly say?: HolderStatement;
  readonly route: Route;
  /** Ids that must be in the answer. */
  readonly points: readonly string[];
  readonly absent?: readonly string[];
  /** Words of the seed the Japanese answer must use. */
  readonly ja?: readonly string[];
  readonly en?: readonly string[];
  readonly check?: (a: ReturnType<typeof answerTopic>) => void;
}

const rows: Row[] = [
  // ── 暗証番号がロックされてしまった場合 ──
  {
    topic: 'locked-guide',
    seed: '1. マイナンバーカードを持参し、市区町村窓口へ行く 2. 暗証番号の初期化・再設定を申請する 3. 窓口で新しい暗証番号を設定する',
    card: { initialTries: { auth: 0, sign: 0 } },
    route: 'counter',
    points: [
      'route.counter',
      'counter.prepare',
      'counter.visit',
      'counter.apply-reset',
      'counter.set-new-pin',
    ],
    ja: [
      'マイナンバーカードを持参',
      '住民票のある市区町村の窓口',
      '初期化・再設定を申請',
      '新しい暗証番号を設定',
    ],
    check: (a) => {
      const steps = ids(a.diagnosis.steps);
      expect(steps).toEqual([
        'counter.prepare',
        'counter.visit',
        'counter.apply-reset',
        'counter.set-new-pin',
      ]);
    },
  },
  {
    topic: 'locked-guide',
    seed: '署名用電子証明書の暗証番号(英数字6~16桁)がロックまたは不明で、利用者証明用電子証明書の暗証番号(数字4桁)がわかる場合は、コンビニのキオスク端末や専用スマホアプリで初期化・再設定することも可能です。',
    before: wrong('sign', ['WRONG1', 'WRONG2', 'WRONG3', 'WRONG4', 'WRONG5']),
    say: { remembers: { auth: true } },
    route: 'kiosk',
    points: ['route.kiosk', 'pin.sign.locked', 'kiosk.install-app', 'kiosk.reserve', 'kiosk.at-terminal'],
    ja: ['キオスク端末', 'JPKI暗証番号リセット', 'アプリ', '利用者証明用暗証番号を入力'],
  },
  {
    topic: 'locked-guide',
    seed: '署名用電子証明書の暗証番号…がロックまたは不明で … (不明の場合)',
    say: { remembers: { sign: false, auth: true } },
    route: 'kiosk',
    points: ['route.kiosk', 'pin.sign.forgotten', 'kiosk.reserve'],
    ja: ['キオスク端末'],
  },
  {
    topic: 'locked-guide',
    seed: 'すべての暗証番号がわからない場合は、登録を進めることができません。住民登録のある市区町村窓口での再設定が必要です。',
    say: { remembers: { sign: false, auth: false, kenhojo: false, juki: false } },
    route: 'counter',
    points: ['rp.registration-blocked', 'kiosk.unavailable.both-certificate-pins', 'counter.apply-reset'],
    ja: ['登録を進められません', '市区町村の窓口'],
    check: (a) =>
      expect(a.diagnosis.resets.map((r) => r.pin).sort()).toEqual(['auth', 'juki', 'kenhojo', 'sign']),
  },
  // ── 暗証番号とは? ──
  {
    topic: 'what-are-pins',
    seed: '署名用電子証明書の暗証番号: 英数字6~16桁 … 主にオンラインでの本人確認や電子署名に使用 / 利用者証明用: 数字4桁 オンラインでの本人確認(マイナポータル等)に使用 / 券面事項入力補助AP: 数字4桁 マイナンバーカードの読み取り・認証時に使用',
    route: 'change-pin',
    points: ['about.sign', 'about.auth', 'about.kenhojo', 'about.juki'],
    absent: ['cert.sign.not-issued-under-15'],
    ja: ['英数字6～16桁', '数字4桁', 'オンラインでの本人確認', '電子署名', 'マイナポータル', '読み取り'],
    en: ['6–16 characters', '4 digits', 'Mynaportal'],
  },
  {
    topic: 'what-are-pins',
    seed: '※15歳未満の方には署名用電子証明書は発行されません。',
    card: { profile: 'under-15' },
    say: { age: 10 },
    route: 'change-pin',
    points: ['about.auth', 'about.kenhojo', 'cert.sign.not-issued-under-15'],
    absent: ['about.sign'],
    ja: ['15歳未満の方には署名用電子証明書は発行されません'],
  },
  // ── 暗証番号を忘れてしまった ──
  {
    topic: 'forgot',
    seed: 'マイナンバーカードを持参し、住民票のある市区町村の窓口で暗証番号の初期化・再設定手続きを行うことが可能です。',
    say: { remembers: { kenhojo: false } },
    route: 'counter',
    points: ['pin.kenhojo.forgotten', 'counter.prepare', 'counter.apply-reset'],
    ja: ['マイナンバーカードを持参', '住民票のある市区町村の窓口'],
  },
  {
    topic: 'forgot',
    seed: '署名用電子証明書の暗証番号を忘れた場合でも、利用者証明用電子証明書(数字4桁)の暗証番号がわかれば、コンビニの端末と専用アプリで初期化・再設定できます。',
    say: { remembers: { sign: false, auth: true } },
    route: 'kiosk',
    points: ['pin.sign.forgotten', 'kiosk.install-app', 'kiosk.go-to-store'],
    ja: ['セブン-イレブン', 'ローソン', 'ファミリーマート'],
  },
  // ── 暗証番号がわかりません ──
  {
    topic: 'unknown',
    seed: '署名用電子証明書の暗証番号(英数字6~16桁)および利用者証明用電子証明書・券面事項入力補助APの暗証番号(数字4桁)の両方がわからない場合は、登録を進められません。その場合は、住民登録のある市区町村窓口での初期化・再設定が必要です。',
    say: { remembers: { sign: false, auth: false, kenhojo: false } },
    route: 'counter',
    points: ['rp.registration-blocked', 'kiosk.unavailable.both-certificate-pins', 'counter.apply-reset'],
    ja: ['登録を進められません'],
    en: ['cannot proceed'],
  },
  // ── 暗証番号を間違えるとどうなりますか? ──
  {
    topic: 'wrong-entries',
    seed: '署名用電子証明書の暗証番号:5回連続で間違えるとロック / 利用者証明用電子証明書・券面事項入力補助APの暗証番号:3回連続で間違えるとロック',
    route: 'change-pin',
    points: ['limit.sign', 'limit.auth', 'limit.kenhojo'],
    ja: ['5回連続で間違えるとロック', '3回連続で間違えるとロック'],
    check: (a) => {
      const limit = (p: string) => a.points.find((x) => x.id === `limit.${p}`)!.data!;
      expect(limit('sign')).toMatchObject({ maxTries: 5, triesLeft: 5 });
      expect(limit('auth')).toMatchObject({ maxTries: 3, triesLeft: 3 });
      expect(limit('kenhojo')).toMatchObject({ maxTries: 3, triesLeft: 3 });
    },
  },
  {
    topic: 'wrong-entries',
    seed: '※他のサービスでの入力ミスも通算されます。',
    before: async (sb, id) => {
      await wrong('auth', ['0000'], 'service-a')(sb, id);
      await wrong('auth', ['1111'], 'service-b', 2)(sb, id);
    },
    route: 'change-pin',
    points: ['counter.shared', 'limit.auth'],
    ja: ['他のサービスでの入力ミスも通算されます'],
    check: (a) => {
      expect(a.points.find((x) => x.id === 'limit.auth')!.data).toMatchObject({ triesLeft: 1 });
      expect(ids(a.diagnosis.warnings)).toContain('warn.one-try-left');
    },
  },
  {
    topic: 'wrong-entries',
    seed: '※正しく入力できるとカウントは0にリセットされます。',
    before: async (sb, id) => {
      await wrong('auth', ['0000', '1111'])(sb, id);
      // The holder is sure of the PIN now and confirms the last try.
      await withCard(sb.connector, id, 'service-c', (c) =>
        c.verifyPin('auth', ADULT_PINS.auth, { confirmLastTry: true }),
      );
    },
    route: 'change-pin',
    points: ['counter.correct-resets', 'limit.auth'],
    ja: ['正しく入力できると回数は元に戻ります'],
    check: (a) => expect(a.points.find((x) => x.id === 'limit.auth')!.data).toMatchObject({ triesLeft: 3 }),
  },
  // ── ロックされてしまった ──
  {
    topic: 'locked',
    seed: 'マイナンバーカードを持参して、住民票のある市区町村窓口で暗証番号の初期化・再設定手続きを行ってください。',
    card: { initialTries: { juki: 0 } },
    route: 'counter',
    points: ['pin.juki.locked', 'kiosk.unavailable.pin-type', 'counter.apply-reset'],
    ja: ['マイナンバーカードを持参', '初期化・再設定を申請'],
  },
  {
    topic: 'locked',
    seed: 'なお、署名用電子証明書がロックされた場合でも、利用者証明用電子証明書の暗証番号がわかれば、コンビニ端末と専用アプリで初期化・再設定可能です。',
    card: { initialTries: { sign: 0 } },
    route: 'kiosk',
    points: ['pin.sign.locked', 'route.kiosk', 'kiosk.reserve', 'kiosk.go-to-store'],
    ja: ['コンビニ', 'アプリ'],
  },
  // ── 新しい暗証番号を入れたのにロックされる ──
  {
    topic: 'locked-after-new-pin',
    seed: '「利用者証明用電子証明書」と「券面事項入力補助AP」の暗証番号が一致していない / 「券面事項入力補助APの暗証番号も同じ」というチェックが初期状態で入っている / 3回間違えるとロック / ロック解除は市区町村窓口で手続きが必要です。',
    card: { pins: DIFFERENT },
    // The app with the ticked box: the user-auth PIN verifies, then goes to 券面事項入力補助 too — three times.
    before: async (sb, id) => {
      for (let i = 0; i < 3; i++) {
        await withCard(sb.connector, id, 'app-with-ticked-box', async (c) => {
          await c.verifyPin('auth', DIFFERENT.auth, { confirmLastTry: true });
          await wrongEntry(
            c.verifyPin('kenhojo', DIFFERENT.auth, {
              confirmLastTry: true,
              allowResendToOtherApplication: true,
            }),
            'kenhojo',
            2 - i,
          );
        });
      }
    },
    route: 'counter',
    points: ['cause.kenhojo-differs-from-auth', 'pin.kenhojo.locked', 'route.counter', 'counter.apply-reset'],
    ja: [
      '一致していない',
      '「券面事項入力補助APの暗証番号も同じ」',
      '初期状態',
      '3回でロック',
      '市区町村窓口',
    ],
    check: (a) => {
      const pins = Object.fromEntries(a.diagnosis.pins.map((p) => [p.pin, p.state]));
      expect(pins).toMatchObject({ auth: 'ok', kenhojo: 'locked' });
    },
  },
  // ── パスワード初期化 ──
  {
    topic: 'reset',
    seed: '暗証番号を忘れたり、すでに何度か別番号を入力した場合、規定回数に達すると電子証明書は利用できなくなります。その場合は、住民票のある市区町村窓口またはコンビニ端末で暗証番号の再設定を行ってください。',
    before: wrong('auth', ['1111', '2222', '3333']),
    say: { remembers: { sign: true } },
    route: 'kiosk',
    points: ['pin.auth.locked', 'route.kiosk', 'kiosk.or-counter'],
    ja: ['市区町村の窓口', 'キオスク端末'],
    check: (a) => {
      expect(a.diagnosis.kiosk).toMatchObject({ pin: 'auth', otherPin: 'sign' });
      expect(a.diagnosis.kiosk!.chains.map((c) => c.id)).toEqual(['seven-eleven', 'aeon', 'fuji']);
    },
  },
  // ── seed 001: J-LIS, 署名用電子証明書パスワード忘れ・ロック時の解除方法 ──
  {
    topic: 'reset',
    seed: '署名用電子証明書パスワードについては、利用者証明用電子証明書パスワードが有効な場合、JPKI暗証番号リセットアプリにてパスワード初期化予約をし、コンビニキオスク端末で再設定が可能。手順①「行政サービス」…②「マイナンバーカードのパスワード再設定」…③「署名用パスワードの初期化・再設定」…④「同意」…⑤カードを設置 ⑥利用者証明用パスワードを入力 ⑦新しい署名用パスワードを入力 ⑧カードを取り出す (予約は24時間対応)',
    card: { initialTries: { sign: 0 } },
    route: 'kiosk',
    points: ['kiosk.install-app', 'kiosk.reserve', 'kiosk.go-to-store', 'kiosk.at-terminal'],
    ja: [
      'JPKI暗証番号リセット',
      '24時間',
      '「行政サービス」',
      '「マイナンバーカードのパスワード再設定」',
      '「署名用パスワードの初期化・再設定」',
      '「同意」',
      'カードを置く',
      '利用者証明用暗証番号を入力',
      '新しい署名用パスワード',
      'カードを取り出して',
    ],
  },
  {
    topic: 'reset',
    seed: '自治体窓口では署名用電子証明書・利用者証明用電子証明書ともにパスワード初期化が可能。コンビニキオスク端末では、利用者証明用電子証明書のパスワードが有効な場合は署名用電子証明書のパスワード初期化が可能。',
    card: { initialTries: { auth: 0, sign: 0 } },
    route: 'counter',
    points: ['pin.sign.locked', 'pin.auth.locked', 'kiosk.unavailable.both-certificate-pins'],
    check: (a) =>
      expect(a.diagnosis.resets).toEqual([
        { pin: 'sign', at: 'counter' },
        { pin: 'auth', at: 'counter' },
      ]),
  },
];

let sb: Sandbox;
const shared = new Map<string, Promise<string>>();

beforeAll(() => {
  const clock = new SandboxClock();
  clock.freeze(NOW);
  sb = createSandbox({ clock });
});

/** Cards with no history are shared between rows; a row that changes its card gets its own. */
function cardFor(row: Row): Promise<string> {
  const key = JSON.stringify(row.card ?? {});
  if (row.before) return issue(sb, row.card).then((c) => c.card.id);
  let p = shared.get(key);
  if (!p) {
    p = issue(sb, row.card).then((c) => c.card.id);
    shared.set(key, p);
  }
  return p;
}

describe('seed 000 (PocketSign support article) and seed 001, answered from card state', () => {
  it.each(rows.map((r, i) => ({ ...r, name: `${i + 1}. ${r.topic}: ${r.seed.slice(0, 48)}…` })))(
    '$name',
    async (row) => {
      const id = await cardFor(row);
      await row.before?.(sb, id);
      const facts = await readSandboxCardFacts(sb, id);
      const a = answerTopic(row.topic, facts, row.say);
      expect(a.question.ja.length).toBeGreaterThan(0);
      expect(a.diagnosis.route).toBe(row.route);
      const got = ids(a.points);
      for (const p of row.points) expect(got, `answer to ${row.topic} should contain ${p}`).toContain(p);
      for (const p of row.absent ?? []) expect(got).not.toContain(p);
      const ja = a.points.map((p) => p.ja).join('\n');
      const en = a.points.map((p) => p.en).join('\n');
      for (const w of row.ja ?? []) expect(ja, `ja answer should say 「${w}」`).toContain(w);
      for (const w of row.en ?? []) expect(en).toContain(w);
      expectBilingual(a.diagnosis);
      row.check?.(a);
    },
  );

  it('covers every question of the article', () => {
    const asked = new Set(rows.map((r) => r.topic));
    expect([...asked].sort()).toEqual(
      [
        'forgot',
        'locked',
        'locked-after-new-pin',
        'locked-guide',
        'reset',
        'unknown',
        'what-are-pins',
        'wrong-entries',
      ].sort(),
    );
  });
});
