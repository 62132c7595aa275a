import { item, joinEn, joinJa, PIN_ABOUT, PIN_NAMES, SHORT } from './messages.js';
import { cardRule } from './rules/card.js';
import { certificateRule } from './rules/certificates.js';
import type { DiagnosisContext } from './rules/context.js';
import { kenhojoPitfallRule, pinResetRule, pinTriesRule, registrationRule } from './rules/pins.js';
import { routeRule } from './rules/route.js';
import { warningRule } from './rules/warnings.js';
import {
  type CardFacts,
  type Diagnosis,
  type HolderStatement,
  type Item,
  type KioskPlan,
  type PinFact,
  type PinReport,
  type Route,
  SUPPORT_PINS,
  type SupportPin,
  type Text,
} from './types.js';

/**
 * The support guide ("doctor"): pure functions from what the card says (`CardFacts`, read
 * without spending a try) and what the holder says (`HolderStatement`) to a `Diagnosis`.
 *
 * Rules, with their sources:
 * - PINs, formats, lock thresholds; counters shared by every service, reset only by a correct
 *   entry (pin-lifecycle.md §1.1–1.2; seed 000 "暗証番号を間違えるとどうなりますか?").
 * - The reset app and the kiosk reset only the signature and user-auth PINs, each with the
 *   *other* PIN, and need valid certificates (§2.1–2.2, §1.3; seed 001); store chains and hours
 *   from reset/chains.ts (§3.1). Everything else — 券面事項入力補助 and 住基 PINs, both
 *   certificate PINs at once, certificates to re-issue, suspension, face-auth cards — is the
 *   counter's (§4.1, §5.3–5.4; seed 000 "ロックされてしまった").
 * - A locked 券面事項入力補助 PIN beside a working user-auth PIN is the pre-ticked "same PIN"
 *   checkbox pitfall (seed 000 "新しい暗証番号を入れたのにロックされる", §6.1).
 */

export { PIN_ABOUT, PIN_NAMES, triesLeftEn } from './messages.js';

// ───────────────────────── PIN states ─────────────────────────

/** The 住基 PIN as the holder knows it: the 住基 and common key references together (card.md §7). */
function supportPinFact(facts: CardFacts, pin: SupportPin): PinFact {
  if (pin !== 'juki') return facts.pins[pin];
  const j = facts.pins.juki;
  const c = facts.pins.common;
  if (!c.set) return j;
  if (!j.set) return c;
  const triesLeft = Math.min(j.triesLeft, c.triesLeft);
  return { set: true, triesLeft, maxTries: j.maxTries, blocked: j.blocked || c.blocked };
}

function pinState(f: PinFact, remembered: boolean | undefined): PinReport['state'] {
  if (!f.set) return 'not-set';
  if (f.blocked) return 'locked';
  if (remembered === false) return 'forgotten';
  if (f.triesLeft === 1) return 'one-left';
  if (f.triesLeft < f.maxTries) return 'reduced';
  return 'ok';
}

function pinReport(facts: CardFacts, st: HolderStatement, pin: SupportPin): PinReport {
  const f = supportPinFact(facts, pin);
  const state = pinState(f, st.remembers?.[pin]);
  const n = PIN_NAMES[pin];
  const tries = `${f.triesLeft}/${f.maxTries}`;
  const stateText: Record<PinReport['state'], Text> = {
    ok: { ja: `残り${tries}回`, en: `${tries} tries left` },
    reduced: {
      ja: `残り${tries}回（間違いが続いています）`,
      en: `${tries} tries left (recent wrong entries)`,
    },
    'one-left': { ja: `残り1回（次に間違えるとロック）`, en: 'one try left (the next wrong entry locks it)' },
    locked: { ja: 'ロック中', en: 'locked' },
    forgotten: { ja: `わからない（残り${tries}回）`, en: `forgotten (${tries} tries left)` },
    'not-set': { ja: '設定なし', en: 'not set' },
  };
  return {
    id: `pin.${pin}`,
    ja: `${n.ja}：${stateText[state].ja}`,
    en: `${n.en}: ${stateText[state].en}`,
    data: { pin, state, triesLeft: f.triesLeft, maxTries: f.maxTries },
    pin,
    state,
    set: f.set,
    triesLeft: f.triesLeft,
    maxTries: f.maxTries,
    about: PIN_ABOUT[pin],
  };
}

// ───────────────────────── the diagnosis ─────────────────────────

/**
 * Diagnoses a card. Pure: the same facts and statement always give the same diagnosis; the
 * instant is `facts.checkedAt`.
 */
export function diagnose(facts: CardFacts, statement: HolderStatement = {}): Diagnosis {
  const age = statement.age;
  const pins = SUPPORT_PINS.map((p) => pinReport(facts, statement, p));
  const ctx: DiagnosisContext = {
    facts,
    statement,
    now: Date.parse(facts.checkedAt),
    under15: age !== undefined && age < 15,
    pins,
    pin: (p) => pins.find((r) => r.pin === p)!,
    findings: [],
    warnings: [],
    counterReasons: [],
    reissue: [],
    suspended: false,
    abolished: false,
    cardExpired: false,
    needsReset: [],
    resets: [],
  };
  for (const rule of RULES) rule(ctx);
  const route = ctx.route!;
  const kiosk = ctx.kiosk;

  // Steps.
  const steps: Item[] = [];
  if (route === 'kiosk' && kiosk) steps.push(...kioskSteps(kiosk));
  else if (route === 'counter')
    steps.push(
      ...counterSteps({
        statement,
        under15: ctx.under15,
        abolished: ctx.abolished,
        cardExpired: ctx.cardExpired,
        suspended: ctx.suspended,
        faceAuth: facts.faceAuth,
        reissue: ctx.reissue,
        resets: ctx.needsReset.map((r) => r.pin).filter((p) => !ctx.reissue.includes(p as 'auth' | 'sign')),
      }),
    );
  else steps.push(...changeSteps(pins));

  return {
    route,
    summary: summaryOf(route, kiosk, ctx.findings, steps),
    findings: ctx.findings,
    steps,
    warnings: ctx.warnings,
    pins,
    resets: ctx.resets,
    ...(kiosk ? { kiosk } : {}),
  };
}

/**
 * The rules, in the order their findings and warnings appear (rules/): card state, certificates,
 * PINs to reset, the checkbox pitfall, tries left, registration, the route, then the warnings.
 */
const RULES: readonly ((ctx: DiagnosisContext) => void)[] = [
  cardRule,
  certificateRule,
  pinResetRule,
  kenhojoPitfallRule,
  pinTriesRule,
  registrationRule,
  routeRule,
  warningRule,
];

function summaryOf(
  route: Route,
  kiosk: KioskPlan | undefined,
  findings: readonly Item[],
  steps: readonly Item[],
): Item {
  if (route === 'kiosk' && kiosk) {
    const t = SHORT[kiosk.pin];
    return item(
      'route.kiosk',
      `${t.ja}は、JPKI暗証番号リセットアプリで予約し、コンビニ等のキオスク端末で初期化・再設定できます（市区町村窓口でも可）。`,
      `The ${t.en} can be reset at a convenience-store kiosk after a reservation in the JPKI PIN-reset app (or at the municipal counter).`,
      { pin: kiosk.pin },
    );
  }
  if (route === 'counter') {
    const why = findings.map((f) => f.id).join(',');
    const tasksJa: string[] = [];
    const tasksEn: string[] = [];
    for (const s of steps) {
      if (s.id === 'counter.new-card') {
        tasksJa.push('新しいカードの申請');
        tasksEn.push('apply for a new card');
      } else if (s.id === 'counter.lift-suspension') {
        tasksJa.push('一時利用停止の解除');
        tasksEn.push('lift the suspension');
      } else if (s.id === 'counter.switch-card-type') {
        tasksJa.push('暗証番号のあるカードへの切り替え');
        tasksEn.push('switch to a card with PINs');
      } else if (s.id === 'counter.issue-certificate') {
        tasksJa.push('電子証明書の発行');
        tasksEn.push('get a new certificate');
      } else if (s.id === 'counter.apply-reset') {
        const pins = String(s.data?.pins ?? '').split(',') as SupportPin[];
        tasksJa.push(`暗証番号の初期化・再設定（${joinJa(pins.map((p) => SHORT[p].ja))}）`);
        tasksEn.push(`reset the ${joinEn(pins.map((p) => SHORT[p].en))}`);
      }
    }
    return item(
      'route.counter',
      `住民票のある市区町村の窓口で手続が必要です${tasksJa.length ? `：${tasksJa.join('、')}` : ''}。`,
      `Go to the municipal counter of your registered address${tasksEn.length ? ` to ${joinEn(tasksEn)}` : ''}.`,
      { because: why },
    );
  }
  return item(
    'route.change-pin',
    'ロックされている暗証番号はありません。暗証番号を変えたい場合は、今の暗証番号を使ってご自身で変更できます。',
    'No PIN is locked. To set a new PIN, change it yourself with the current one.',
  );
}

function kioskSteps(k: KioskPlan): Item[] {
  const t = SHORT[k.pin];
  const o = SHORT[k.otherPin];
  const chainsJa = joinJa(k.chains.map((c) => (c.someStoresOnly ? `${c.nameJa}（一部店舗）` : c.nameJa)));
  const chainsEn = joinEn(k.chains.map((c) => (c.someStoresOnly ? `${c.nameEn} (some stores)` : c.nameEn)));
  const button =
    k.pin === 'sign'
      ? { ja: '「署名用パスワードの初期化・再設定」', en: '“reset the signature password”' }
      : { ja: '「利用者証明用パスワードの初期化・再設定」', en: '“reset the user-authentication PIN”' };
  const newFormat =
    k.pin === 'sign'
      ? { ja: '英大文字と数字を含む6～16桁', en: '6–16 upper-case letters and digits, at least one of each' }
      : { ja: '数字4桁', en: '4 digits' };
  return [
    item(
      'kiosk.install-app',
      'ICチップを読み取れるカメラ付きスマートフォンに「JPKI暗証番号リセット」アプリをインストールします（インターネット接続が必要、無料）。',
      'Install the “JPKI PIN reset” (JPKI暗証番号リセット) app on a smartphone with a camera that can read the card’s chip (internet needed; free).',
    ),
    item(
      'kiosk.reserve',
      `アプリで券面を撮影し、カードを読み取らせて${o.ja}を入力し、顔照合をすると初期化の予約が完了します（24時間受付、メンテナンス時を除く）。`,
      `In the app: photograph the card face, hold the card to the phone and enter your ${o.en}, then pass the face match. The reset reservation is then made (24 hours a day, except maintenance).`,
      { otherPin: k.otherPin },
    ),
    item(
      'kiosk.go-to-store',
      `顔照合から${k.reservationValidHours}時間以内に、キオスク端末（マルチコピー機）のある店舗へ行きます（${k.hours}）。対応：${chainsJa}。`,
      `Within ${k.reservationValidHours} hours of the face match, go to a store with a kiosk (multi-copy machine), ${k.hours}. Chains: ${chainsEn}.`,
      { hours: k.hours, chains: k.chains.map((c) => c.id).join(',') },
    ),
    item(
      'kiosk.at-terminal',
      `端末で「行政サービス」→「マイナンバーカードのパスワード再設定」→${button.ja}→内容を確認して「同意」→カードを置く→${o.ja}を入力→新しい${t.ja}（${newFormat.ja}）を入力→カードを取り出して完了です。`,
      `At the kiosk: “administrative services” → “reset My Number Card passwords” → ${button.en} → read and “agree” → place the card → enter your ${o.en} → enter the new ${t.en} (${newFormat.en}) → take the card back. Done.`,
    ),
    item(
      'kiosk.or-counter',
      '住民票のある市区町村の窓口でも初期化・再設定できます（カードと本人確認書類を持参）。',
      'The municipal counter of your registered address can also reset it (bring the card and an ID).',
    ),
  ];
}

function counterSteps(o: {
  statement: HolderStatement;
  under15: boolean;
  abolished: boolean;
  cardExpired: boolean;
  suspended: boolean;
  faceAuth: boolean;
  reissue: readonly ('auth' | 'sign')[];
  resets: readonly SupportPin[];
}): Item[] {
  const steps: Item[] = [];
  const agent = o.statement.agent ?? (o.under15 ? 'legal' : 'self');
  if (agent === 'legal')
    steps.push(
      item(
        'counter.prepare.legal',
        '法定代理人（親権者など）が手続します。持ち物：本人のマイナンバーカード、本人の本人確認書類、法定代理人の本人確認書類（顔写真付きの公的なものを含め2点など）、代理権を確認できる書類（戸籍謄本など。同じ住所の親子なら不要な場合あり）。通常は即日です。',
        'A legal representative (e.g. a parent) does it. Bring: the holder’s My Number Card, the holder’s ID, the representative’s own ID (e.g. two items, at least one official photo ID) and proof of authority (a family-register extract or a guardianship certificate). Usually finished the same day.',
        { agent },
      ),
    );
  else if (agent === 'voluntary')
    steps.push(
      item(
        'counter.prepare.voluntary',
        '任意代理人の場合：1回目は申請のみで、本人の住所へ照会書兼回答書が郵送されます。2回目に、カード、記入した照会書兼回答書、本人の本人確認書類、代理人の顔写真付き本人確認書類を持参します（委任状の要否は市区町村により異なります）。',
        'With a voluntary agent: the first visit only files the request, and an inquiry-and-answer form is posted to the holder’s address. On the second visit the agent brings the card, the completed form, the holder’s ID and the agent’s own photo ID (whether a letter of attorney is needed depends on the city).',
        { agent },
      ),
    );
  else
    steps.push(
      item(
        'counter.prepare',
        'マイナンバーカードを持参します。多くの市区町村ではもう1点の本人確認書類（顔写真付きの公的な証明書など）も求められます（市区町村により異なります）。',
        'Bring your My Number Card. Many cities also ask for one more ID (e.g. an official photo ID); requirements differ by city.',
        { agent },
      ),
    );
  steps.push(
    item(
      'counter.visit',
      '住民票のある市区町村の窓口へ行きます（多くは平日の日中・本庁のみ。手数料は無料。1月～3月中旬は混雑します）。',
      'Go to the counter of the municipality where you are registered as a resident (mostly weekday office hours, often the main office only; free of charge; busy from January to mid-March).',
    ),
  );
  if (o.abolished || o.cardExpired) {
    steps.push(
      item(
        'counter.new-card',
        '新しいマイナンバーカードを申請します。新しいカードで暗証番号を設定し直します。',
        'Apply for a new My Number Card; the PINs are set anew on the new card.',
      ),
    );
    return steps;
  }
  if (o.suspended)
    steps.push(
      item(
        'counter.lift-suspension',
        '一時利用停止の解除を申請します（カードと本人確認書類が必要。署名用電子証明書も使う場合は署名用パスワードを入力します）。紛失・盗難時の一時停止は電話（0120-95-0178、24時間365日）でできますが、解除は窓口のみです。',
        'Ask for the suspension to be lifted (card and ID needed; enter the signature password if the signature certificate is to be used again). Suspending a lost or stolen card works by phone (0120-95-0178, 24 hours, every day); lifting it only at the counter.',
      ),
    );
  if (o.faceAuth)
    steps.push(
      item(
        'counter.switch-card-type',
        '暗証番号のあるカードへの切り替えを申請し、暗証番号を設定します（通常は即日）。',
        'Ask to switch to a card with PINs and set them (usually the same day).',
      ),
    );
  if (o.reissue.length > 0) {
    const ja = o.reissue.map((k) => (k === 'auth' ? '利用者証明用' : '署名用')).join('・');
    const en = joinEn(o.reissue.map((k) => (k === 'auth' ? 'user-authentication' : 'signature')));
    steps.push(
      item(
        'counter.issue-certificate',
        `${ja}電子証明書の発行（更新）を申請し、その暗証番号を設定します。`,
        `Apply for a new ${en} certificate and set its PIN.`,
        { certificates: o.reissue.join(',') },
      ),
    );
  }
  if (o.resets.length > 0) {
    steps.push(
      item(
        'counter.apply-reset',
        `暗証番号の初期化・再設定を申請します：${joinJa(o.resets.map((p) => PIN_NAMES[p].ja))}。`,
        `Apply for a PIN reset of: ${joinEn(o.resets.map((p) => `the ${PIN_NAMES[p].en}`))}.`,
        { pins: o.resets.join(',') },
      ),
    );
    steps.push(
      item(
        'counter.set-new-pin',
        '窓口の端末で新しい暗証番号を設定します（以前と同じ番号でもかまいません）。回数は元に戻ります。',
        'Set the new PIN on the counter’s terminal (it may be the same as before). The tries are back to full.',
      ),
    );
  }
  return steps;
}

function changeSteps(pins: readonly PinReport[]): Item[] {
  const steps: Item[] = [];
  const reduced = pins.filter((r) => r.state === 'reduced' || r.state === 'one-left');
  if (reduced.length > 0)
    steps.push(
      item(
        'change.enter-correctly',
        `${joinJa(reduced.map((r) => SHORT[r.pin].ja))}は、次に正しく入力すれば残り回数が元に戻ります。確かでない場合は入力せず、窓口で再設定してください。`,
        `Enter the ${joinEn(reduced.map((r) => SHORT[r.pin].en))} correctly once and the count is back to full. If you are not sure of it, do not try: have it reset at the counter.`,
        { pins: reduced.map((r) => r.pin).join(',') },
      ),
    );
  steps.push(
    item(
      'change.change-pin',
      '暗証番号を変えたい場合は、今の暗証番号を使って、スマートフォン（マイナポータルアプリ）、パソコンのJPKI利用者クライアントソフト（ICカードリーダー）、または窓口で変更できます。',
      'To set a new PIN, change it with the current one: on a smartphone (Mynaportal app), with the JPKI user client software on a PC with a card reader, or at the counter.',
    ),
  );
  return steps;
}

// ───────────────────────── the seed's questions ─────────────────────────

/**
 * The questions of the PocketSign support article (seed 000), each answered from the card's
 * state by `answerTopic`.
 */
export const SUPPORT_TOPICS = [
  {
    id: 'locked-guide',
    ja: '暗証番号がロックされてしまった場合',
    en: 'If a PIN is locked',
  },
  { id: 'what-are-pins', ja: '暗証番号とは?', en: 'What are the PINs?' },
  { id: 'forgot', ja: '暗証番号を忘れてしまった', en: 'I forgot my PIN' },
  { id: 'unknown', ja: '暗証番号がわかりません', en: 'I do not know my PINs' },
  {
    id: 'wrong-entries',
    ja: '暗証番号を間違えるとどうなりますか?',
    en: 'What happens if I enter a wrong PIN?',
  },
  { id: 'locked', ja: 'ロックされてしまった', en: 'My PIN is locked' },
  {
    id: 'locked-after-new-pin',
    ja: '新しい暗証番号を入れたのにロックされる',
    en: 'It locks although I entered my new PIN',
  },
  { id: 'reset', ja: 'パスワード初期化', en: 'Password reset' },
] as const;

export type SupportTopicId = (typeof SUPPORT_TOPICS)[number]['id'];

export interface TopicAnswer {
  readonly topic: SupportTopicId;
  readonly question: Text;
  /** The answer for this card, most specific first. */
  readonly points: readonly Item[];
  readonly diagnosis: Diagnosis;
}

/** Answers one of the seed's questions for this card and holder. */
export function answerTopic(
  topic: SupportTopicId,
  facts: CardFacts,
  statement: HolderStatement = {},
): TopicAnswer {
  const d = diagnose(facts, statement);
  const q = SUPPORT_TOPICS.find((t) => t.id === topic)!;
  const question = { ja: q.ja, en: q.en };
  const byId = (prefix: string) => d.findings.filter((f) => f.id.startsWith(prefix));
  let points: Item[];
  switch (topic) {
    case 'what-are-pins': {
      points = d.pins
        .filter((r) => r.set)
        .map((r) =>
          item(
            `about.${r.pin}`,
            `${PIN_NAMES[r.pin].ja}：${r.about.ja}`,
            `The ${PIN_NAMES[r.pin].en}: ${r.about.en}`,
            { pin: r.pin },
          ),
        );
      points.push(
        ...byId('cert.sign.not-issued-under-15'),
        ...byId('cert.sign.absent'),
        ...byId('card.face-auth'),
      );
      break;
    }
    case 'wrong-entries': {
      points = d.pins
        .filter((r) => r.set)
        .map((r) =>
          item(
            `limit.${r.pin}`,
            `${PIN_NAMES[r.pin].ja}：${r.maxTries}回連続で間違えるとロック（現在 残り${r.triesLeft}回）`,
            `The ${PIN_NAMES[r.pin].en}: locks after ${r.maxTries} wrong entries in a row (now ${r.triesLeft} left)`,
            { pin: r.pin, maxTries: r.maxTries, triesLeft: r.triesLeft },
          ),
        );
      points.push(
        item(
          'counter.shared',
          '他のサービスでの入力ミスも通算されます。',
          'Wrong entries in other services add up too.',
        ),
        item(
          'counter.correct-resets',
          '正しく入力できると回数は元に戻ります（時間がたっても戻りません）。',
          'A correct entry restores the count (time does not).',
        ),
      );
      points.push(...byId('card.face-auth'));
      break;
    }
    case 'locked-after-new-pin':
      points = [...byId('cause.'), ...byId('pin.'), d.summary, ...d.steps];
      break;
    default:
      // locked-guide, forgot, unknown, locked, reset: the diagnosis itself.
      points = [d.summary, ...d.findings, ...d.steps];
  }
  return { topic, question, points, diagnosis: d };
}

/** The text of an item (or any bilingual text) in one language. */
export function textOf(t: Text, lang: 'ja' | 'en'): string {
  return t[lang];
}
