import { chainsResetting, KIOSK_HOURS, RESERVATION_VALIDITY_MS } from '../reset/chains.js';
import {
  type CardFacts,
  type CertificateFact,
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

const MS_PER_DAY = 86_400_000;
/** Renewal opens three months before expiry (pin-lifecycle.md §5.2); ~92 days. */
const RENEWAL_WINDOW_MS = 92 * MS_PER_DAY;

// ───────────────────────── names ─────────────────────────

export const PIN_NAMES: Readonly<Record<SupportPin, Text>> = {
  sign: { ja: '署名用電子証明書の暗証番号（署名用パスワード）', en: 'signature-certificate password' },
  auth: { ja: '利用者証明用電子証明書の暗証番号', en: 'user-authentication certificate PIN' },
  kenhojo: { ja: '券面事項入力補助用の暗証番号', en: 'card-info input-support (券面事項入力補助) PIN' },
  juki: {
    ja: '住民基本台帳用（個人番号カード用）の暗証番号',
    en: 'resident-register (住民基本台帳) PIN',
  },
};

const SHORT: Readonly<Record<SupportPin, Text>> = {
  sign: { ja: '署名用パスワード', en: 'signature password' },
  auth: { ja: '利用者証明用暗証番号', en: 'user-auth PIN' },
  kenhojo: { ja: '券面事項入力補助用暗証番号', en: '券面事項入力補助 PIN' },
  juki: { ja: '住基用暗証番号', en: 'resident-register PIN' },
};

/** What each PIN is (seed 000 "暗証番号とは?"; pin-lifecycle.md §1.1). */
export const PIN_ABOUT: Readonly<Record<SupportPin, Text>> = {
  sign: {
    ja: '英数字6～16桁（英大文字と数字をそれぞれ1文字以上）。5回連続で間違えるとロック。e-Taxなどの電子申請・電子署名、オンラインでの本人確認に使います。15歳未満の方には署名用電子証明書が発行されません。',
    en: '6–16 characters, upper-case letters A–Z and digits, at least one of each. Locks after 5 wrong entries in a row. Used for e-filing (e.g. e-Tax), electronic signatures and online identity checks. Not issued to children under 15.',
  },
  auth: {
    ja: '数字4桁。3回連続で間違えるとロック。マイナポータルへのログイン、コンビニ交付、オンラインでの本人確認（ログイン）に使います。',
    en: '4 digits. Locks after 3 wrong entries in a row. Used to log in to Mynaportal, for convenience-store certificate printing and for online logins.',
  },
  kenhojo: {
    ja: '数字4桁。3回連続で間違えるとロック。マイナンバーと基本4情報（氏名・住所・生年月日・性別）の読み取りに使います。',
    en: '4 digits. Locks after 3 wrong entries in a row. Used to read the My Number and the basic four facts (name, address, birth date, sex) from the card.',
  },
  juki: {
    ja: '数字4桁。3回連続で間違えるとロック。転入届など窓口での手続に使います。',
    en: '4 digits. Locks after 3 wrong entries in a row. Used for procedures at the municipal counter such as moving in.',
  },
};

/** "1 try left" / "2 tries left". */
export function triesLeftEn(n: number): string {
  return `${n} ${n === 1 ? 'try' : 'tries'} left`;
}

function item(id: string, ja: string, en: string, data?: Item['data']): Item {
  return data ? { id, ja, en, data } : { id, ja, en };
}

function joinJa(xs: readonly string[]): string {
  return xs.join('、');
}

function joinEn(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

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

const usable = (r: PinReport) => r.state === 'ok' || r.state === 'reduced' || r.state === 'one-left';

// ───────────────────────── certificates and card ─────────────────────────

type CertProblem = 'absent' | 'expired' | 'revoked' | 'hold' | null;

function certProblem(c: CertificateFact): CertProblem {
  if (!c.present) return 'absent';
  if (c.status === 'hold') return 'hold';
  if (c.status === 'revoked') return 'revoked';
  if (c.expired) return 'expired';
  return null;
}

/** Fit for the reset app and the kiosk: present, not expired, not revoked or held (§2.2). */
function kioskFit(c: CertificateFact): boolean {
  return certProblem(c) === null;
}

// ───────────────────────── the diagnosis ─────────────────────────

/**
 * Diagnoses a card. Pure: the same facts and statement always give the same diagnosis; the
 * instant is `facts.checkedAt`.
 */
export function diagnose(facts: CardFacts, statement: HolderStatement = {}): Diagnosis {
  const now = Date.parse(facts.checkedAt);
  const age = statement.age;
  const under15 = age !== undefined && age < 15;
  const pins = SUPPORT_PINS.map((p) => pinReport(facts, statement, p));
  const pin = (p: SupportPin) => pins.find((r) => r.pin === p)!;
  const findings: Item[] = [];
  const warnings: Item[] = [];
  /** Reasons the counter is needed regardless of PINs. */
  const counterReasons: string[] = [];

  // Card-level states, most serious first.
  const suspended =
    facts.card.status === 'suspended' ||
    facts.certificates.auth.status === 'hold' ||
    facts.certificates.sign.status === 'hold';
  const abolished = facts.card.status === 'abolished';
  const cardExpired = facts.card.expired === true;
  if (abolished) {
    findings.push(
      item(
        'card.abolished',
        'このカードは廃止されています。暗証番号の再設定はできず、再交付（自己の責による紛失などでは1,000円）が必要です。',
        'This card has been abolished. Its PINs cannot be reset; a new card must be issued (1,000 yen when the loss was the holder’s fault).',
      ),
    );
    counterReasons.push('card.abolished');
  } else if (cardExpired) {
    findings.push(
      item(
        'card.expired',
        `カードの有効期限（${facts.card.expiresOn}）が過ぎています。電子証明書も使えません。新しいカードの申請が必要です。`,
        `The card expired on ${facts.card.expiresOn}; its certificates cannot be used either. A new card must be applied for.`,
        { expiresOn: facts.card.expiresOn ?? '' },
      ),
    );
    counterReasons.push('card.expired');
  } else if (suspended) {
    findings.push(
      item(
        'card.suspended',
        'カードは一時利用停止中です（電子証明書が一時保留）。電話では解除できません。市区町村窓口で解除の手続をしてください。',
        'The card is suspended (its certificates are on hold). A suspension cannot be lifted by phone; it is lifted at the municipal counter.',
      ),
    );
    counterReasons.push('card.suspended');
  }

  if (facts.faceAuth) {
    findings.push(
      item(
        'card.face-auth',
        '顔認証マイナンバーカードです。暗証番号は設定されていません。暗証番号が必要なサービス（マイナポータル、コンビニ交付、オンラインでの本人確認・登録）は使えません。使いたい場合は窓口で暗証番号のあるカードへ切り替えます（通常は即日）。',
        'This is a face-authentication card: no PIN is set. Services that need a PIN (Mynaportal, convenience-store printing, online identity checks and sign-ups) cannot be used. To use them, switch to a card with PINs at the counter (usually the same day).',
      ),
    );
    counterReasons.push('card.face-auth');
  }

  // Certificates (not for a face-auth card: it has no PIN to use them with).
  const auth = facts.certificates.auth;
  const sign = facts.certificates.sign;
  const reissue: ('auth' | 'sign')[] = [];
  if (!facts.faceAuth && !abolished && !cardExpired) {
    const ap = certProblem(auth);
    if (ap === 'absent') {
      findings.push(
        item(
          'cert.auth.absent',
          '利用者証明用電子証明書がカードにありません（申請時に不要とした、または失効）。窓口で発行を申請できます。',
          'The card has no user-authentication certificate (declined at application, or lapsed). The counter can issue one.',
        ),
      );
      reissue.push('auth');
    } else if (ap === 'expired') {
      findings.push(
        item(
          'cert.auth.expired',
          `利用者証明用電子証明書の有効期限（${dateOf(auth.notAfter)}）が過ぎています。窓口で更新（再発行）が必要です。`,
          `The user-authentication certificate expired on ${dateOf(auth.notAfter)}. It is renewed at the counter.`,
          { notAfter: auth.notAfter ?? '' },
        ),
      );
      reissue.push('auth');
    } else if (ap === 'revoked') {
      findings.push(
        item(
          'cert.auth.revoked',
          '利用者証明用電子証明書は失効しています。窓口で新しい電子証明書の発行が必要です。',
          'The user-authentication certificate has been revoked. The counter issues a new one.',
          { reason: auth.reason ?? 'unspecified' },
        ),
      );
      reissue.push('auth');
    }
    const sp = certProblem(sign);
    if (sp === 'absent') {
      if (under15)
        findings.push(
          item(
            'cert.sign.not-issued-under-15',
            '15歳未満の方には署名用電子証明書は発行されません（署名用パスワードもありません）。',
            'No signature certificate is issued to children under 15 (so there is no signature password).',
          ),
        );
      else
        findings.push(
          item(
            'cert.sign.absent',
            '署名用電子証明書がカードにありません（15歳未満・成年被後見人、申請時に不要とした、または失効）。15歳以上なら窓口で発行を申請できます。',
            'The card has no signature certificate (under 15, an adult ward, declined at application, or lapsed). From 15, the counter can issue one.',
          ),
        );
    } else if (sp === 'expired') {
      findings.push(
        item(
          'cert.sign.expired',
          `署名用電子証明書の有効期限（${dateOf(sign.notAfter)}）が過ぎています。窓口で更新（再発行）が必要です。`,
          `The signature certificate expired on ${dateOf(sign.notAfter)}. It is renewed at the counter.`,
          { notAfter: sign.notAfter ?? '' },
        ),
      );
      reissue.push('sign');
    } else if (sp === 'revoked') {
      if (sign.reason === 'affiliationChanged')
        findings.push(
          item(
            'cert.sign.revoked-facts-changed',
            '氏名・住所・生年月日・性別の変更により、署名用電子証明書は自動的に失効しています（利用者証明用は有効のまま）。窓口で新しい署名用電子証明書の発行が必要です。',
            'A change of name, address, birth date or sex revoked the signature certificate automatically (the user-authentication certificate stays valid). The counter issues a new one.',
          ),
        );
      else
        findings.push(
          item(
            'cert.sign.revoked',
            '署名用電子証明書は失効しています。窓口で新しい電子証明書の発行が必要です。',
            'The signature certificate has been revoked. The counter issues a new one.',
            { reason: sign.reason ?? 'unspecified' },
          ),
        );
      reissue.push('sign');
    }
    // Renewal window (§5.2): open from three months before expiry.
    for (const [kind, c] of [
      ['auth', auth],
      ['sign', sign],
    ] as const) {
      if (certProblem(c) !== null || !c.notAfter) continue;
      const left = Date.parse(c.notAfter) - now;
      if (left >= 0 && left <= RENEWAL_WINDOW_MS)
        warnings.push(
          item(
            `warn.renewal-open.${kind}`,
            `${kind === 'auth' ? '利用者証明用' : '署名用'}電子証明書の有効期限（${dateOf(c.notAfter)}）が3か月以内です。窓口で更新できます。`,
            `The ${kind === 'auth' ? 'user-authentication' : 'signature'} certificate expires on ${dateOf(c.notAfter)} (within three months); it can be renewed at the counter.`,
            { certificate: kind, notAfter: c.notAfter },
          ),
        );
    }
  }
  if (reissue.length > 0) counterReasons.push('certificate');

  // PINs that need a reset: locked, or forgotten (§4.1: the counter treats both alike).
  const needsReset = facts.faceAuth
    ? []
    : pins.filter((r) => r.state === 'locked' || r.state === 'forgotten');
  for (const r of needsReset) {
    const n = PIN_NAMES[r.pin];
    findings.push(
      r.state === 'locked'
        ? item(
            `pin.${r.pin}.locked`,
            `${n.ja}がロックされています（${r.maxTries}回連続で間違えたため）。`,
            `The ${n.en} is locked (${r.maxTries} wrong entries in a row).`,
            { pin: r.pin },
          )
        : item(
            `pin.${r.pin}.forgotten`,
            `${n.ja}がわからない状態です（残り${r.triesLeft}回）。推測で入力しないでください。`,
            `The ${n.en} is forgotten (${triesLeftEn(r.triesLeft)}). Do not guess it.`,
            { pin: r.pin, triesLeft: r.triesLeft },
          ),
    );
  }
  // The pre-ticked checkbox pitfall (seed 000; §6.1).
  const kh = pin('kenhojo');
  if (kh.state === 'locked' && usable(pin('auth'))) {
    findings.push(
      item(
        'cause.kenhojo-differs-from-auth',
        '利用者証明用の暗証番号は使えるのに、券面事項入力補助用だけがロックされています。「利用者証明用電子証明書」と「券面事項入力補助AP」の暗証番号が一致していないのに、アプリでカードをかざす際の「券面事項入力補助APの暗証番号も同じ」というチェックが初期状態で入ったまま登録すると、利用者証明用の暗証番号が券面事項入力補助APに送られ、誤った暗証番号として数えられて3回でロックされます。ロック解除は市区町村窓口での手続が必要です。',
        'The user-authentication PIN works but the 券面事項入力補助 PIN is locked. When the two 4-digit PINs differ and an app’s box “the 券面事項入力補助AP PIN is the same” is left ticked (it is ticked by default), the app sends the user-authentication PIN to the 券面事項入力補助 application, where it counts as a wrong PIN and locks it after three attempts. Only the municipal counter can reset it.',
      ),
    );
  }
  for (const r of pins) {
    if (r.state === 'one-left') {
      findings.push(
        item(
          `pin.${r.pin}.one-left`,
          `${PIN_NAMES[r.pin].ja}は残り1回です。`,
          `The ${PIN_NAMES[r.pin].en} has one try left.`,
          { pin: r.pin },
        ),
      );
      warnings.push(
        item(
          'warn.one-try-left',
          `${PIN_NAMES[r.pin].ja}は残り1回です。次に間違えるとロックされ、再設定が必要になります。確かでなければ入力しないでください。`,
          `The ${PIN_NAMES[r.pin].en} has one try left: the next wrong entry locks it and it must then be reset. Do not enter it unless you are sure.`,
          { pin: r.pin },
        ),
      );
    } else if (r.state === 'reduced') {
      findings.push(
        item(
          `pin.${r.pin}.reduced`,
          `${PIN_NAMES[r.pin].ja}は残り${r.triesLeft}回です（最近の入力ミスが数えられています）。`,
          `The ${PIN_NAMES[r.pin].en} has ${r.triesLeft} of ${r.maxTries} tries left (recent wrong entries are counted).`,
          { pin: r.pin, triesLeft: r.triesLeft },
        ),
      );
    }
  }

  // Can a relying party's registration proceed at all? (seed 000 "暗証番号がわかりません"; §6.1)
  const signRoute = usable(pin('sign')) && certProblem(sign) === null;
  const fourDigitRoute = usable(pin('auth')) && usable(pin('kenhojo')) && certProblem(auth) === null;
  if (!facts.faceAuth && !signRoute && !fourDigitRoute) {
    findings.push(
      item(
        'rp.registration-blocked',
        '署名用パスワードでも、4桁の暗証番号（利用者証明用・券面事項入力補助用）でも本人確認ができないため、サービスへの登録を進められません。',
        'Neither the signature password nor the 4-digit PINs (user authentication and 券面事項入力補助) can be used, so sign-ups with online services cannot proceed.',
      ),
    );
  }

  // Where to go.
  let route: Route;
  let kiosk: KioskPlan | undefined;
  const resets: { pin: SupportPin; at: 'kiosk' | 'counter' }[] = [];
  const counterOnly = needsReset.filter((r) => r.pin === 'kenhojo' || r.pin === 'juki');
  const certPins = needsReset.filter((r) => r.pin === 'sign' || r.pin === 'auth');
  let kioskBlocker: Item | undefined;
  if (counterReasons.length === 0 && counterOnly.length === 0 && certPins.length === 1) {
    const target = certPins[0]!.pin as 'sign' | 'auth';
    const other: 'sign' | 'auth' = target === 'sign' ? 'auth' : 'sign';
    const o = pin(other);
    if (!usable(o)) {
      kioskBlocker =
        o.state === 'not-set'
          ? item(
              'kiosk.unavailable.no-other-pin',
              `キオスク端末とリセットアプリでは${SHORT[other].ja}が必要ですが、このカードには設定されていません。`,
              `The kiosk and the reset app need the ${SHORT[other].en}, which this card does not have.`,
              { otherPin: other },
            )
          : item(
              'kiosk.unavailable.other-pin',
              `キオスク端末とリセットアプリでは${SHORT[other].ja}が必要ですが、${o.state === 'locked' ? 'ロックされています' : 'わからない状態です'}。`,
              `The kiosk and the reset app need the ${SHORT[other].en}, which is ${o.state === 'locked' ? 'locked' : 'forgotten'}.`,
              { otherPin: other },
            );
    } else if (!kioskFit(sign) || !kioskFit(auth)) {
      kioskBlocker = item(
        'kiosk.unavailable.certificate',
        'キオスク端末とリセットアプリは、有効な署名用・利用者証明用電子証明書がないと使えません。',
        'The kiosk and the reset app need valid signature and user-authentication certificates.',
      );
    } else {
      const chains = chainsResetting(target).map((c) => ({
        id: c.id,
        nameJa: c.nameJa,
        nameEn: c.nameEn,
        someStoresOnly: c.someStoresOnly,
      }));
      kiosk = {
        pin: target,
        otherPin: other,
        otherPinTriesLeft: o.triesLeft,
        chains,
        hours: KIOSK_HOURS.label,
        reservationValidHours: RESERVATION_VALIDITY_MS / 3_600_000,
      };
    }
  }
  if (kiosk) {
    route = 'kiosk';
    resets.push({ pin: kiosk.pin, at: 'kiosk' });
  } else if (counterReasons.length > 0 || needsReset.length > 0) {
    route = 'counter';
    for (const r of needsReset) resets.push({ pin: r.pin, at: 'counter' });
    if (kioskBlocker) findings.push(kioskBlocker);
    else if (certPins.length === 2)
      findings.push(
        item(
          'kiosk.unavailable.both-certificate-pins',
          '署名用パスワードと利用者証明用暗証番号の両方が使えないため、リセットアプリとキオスク端末は使えません（どちらか一方が必要です）。',
          'Both the signature password and the user-authentication PIN are unusable, so the reset app and the kiosk cannot be used (each needs one of them).',
        ),
      );
    else if (counterOnly.length > 0)
      findings.push(
        item(
          'kiosk.unavailable.pin-type',
          `${joinJa(counterOnly.map((r) => SHORT[r.pin].ja))}はキオスク端末・リセットアプリでは再設定できません（窓口のみ）。`,
          `The ${joinEn(counterOnly.map((r) => SHORT[r.pin].en))} cannot be reset at a kiosk or with the reset app — only at the counter.`,
        ),
      );
  } else {
    route = 'change-pin';
  }

  // Steps.
  const steps: Item[] = [];
  if (route === 'kiosk' && kiosk) steps.push(...kioskSteps(kiosk));
  else if (route === 'counter')
    steps.push(
      ...counterSteps({
        statement,
        under15,
        abolished,
        cardExpired,
        suspended,
        faceAuth: facts.faceAuth,
        reissue,
        resets: needsReset.map((r) => r.pin).filter((p) => !reissue.includes(p as 'auth' | 'sign')),
      }),
    );
  else steps.push(...changeSteps(pins));

  // Warnings.
  if (kiosk) {
    const o = kiosk.otherPin;
    warnings.unshift(
      item(
        'warn.kiosk-other-pin',
        `リセットアプリとキオスク端末では${SHORT[o].ja}（残り${kiosk.otherPinTriesLeft}回）を入力します。ここでの入力ミスも数えられ、ロックされると両方の暗証番号がロックされた状態になり、窓口でしか再設定できなくなります。${kiosk.otherPinTriesLeft === 1 ? '残り1回なので、確かでなければ窓口を利用してください。' : ''}`,
        `The reset app and the kiosk ask for your ${SHORT[o].en} (${triesLeftEn(kiosk.otherPinTriesLeft)}). Wrong entries there count too; if it locks, both PINs are locked and only the counter can reset them.${kiosk.otherPinTriesLeft === 1 ? ' It has one try left: if you are not sure of it, go to the counter instead.' : ''}`,
        { otherPin: o, triesLeft: kiosk.otherPinTriesLeft },
      ),
    );
    if (sign.status === 'unknown' || auth.status === 'unknown')
      warnings.push(
        item(
          'warn.kiosk-certificate-unchecked',
          '電子証明書の状態を確認できませんでした。キオスク端末は、署名用電子証明書が有効期限内で失効しておらず、発行後に基本4情報（氏名・住所・生年月日・性別）が変わっていない場合のみ使えます。転居や氏名の変更があった場合は窓口へ。',
          'The certificates’ status could not be checked. The kiosk works only if the signature certificate is within its validity, not revoked, and the basic four facts (name, address, birth date, sex) have not changed since it was issued. After moving house or a change of name, go to the counter.',
        ),
      );
  }
  // The kiosk asks for the user-auth PIN: a holder whose 4-digit PINs differ may type the wrong one.
  const fourDigitTrouble =
    ['auth', 'kenhojo'].some((p) => pin(p as SupportPin).state !== 'ok') || kiosk?.otherPin === 'auth';
  if (!facts.faceAuth && fourDigitTrouble && pin('kenhojo').set)
    warnings.push(
      item(
        'warn.pins-differ-between-applications',
        '4桁の暗証番号（利用者証明用・券面事項入力補助用・住基用）は同じとは限りません。アプリで「同じ暗証番号」のチェックが入っていると、別の暗証番号として数えられロックの原因になります。それぞれの暗証番号を確かめて入力してください。',
        'The 4-digit PINs (user authentication, 券面事項入力補助, resident register) are not necessarily the same. An app box saying “the same PIN” sends one PIN to the other application, where a different value counts as a wrong entry and can lock it. Enter each PIN on its own.',
      ),
    );
  if (pins.some((r) => r.state !== 'ok' && r.state !== 'not-set'))
    warnings.push(
      item(
        'warn.errors-add-up',
        '入力ミスは他のサービスでのものも通算されます。時間がたっても回数は戻らず、正しく入力できたときだけ元に戻ります。',
        'Wrong entries in every service add up on the card. Time does not restore the count; only a correct entry does.',
      ),
    );
  if (pins.some((r) => r.state === 'forgotten'))
    warnings.push(
      item(
        'warn.do-not-guess',
        'わからない暗証番号を推測で入力しないでください。ロックされると再設定の手間が増えます。',
        'Do not guess a forgotten PIN: a lock only adds to what must be reset.',
      ),
    );
  if (route === 'counter' && statement.agent === 'voluntary')
    warnings.push(
      item(
        'warn.voluntary-agent-two-visits',
        '任意代理人の場合は即日にはできません。1回目の来庁後、本人の住所へ照会書兼回答書が郵送（転送不要）され、2回目の来庁で手続が完了します。',
        'A voluntary agent cannot finish on the same day: after the first visit, an inquiry-and-answer form (照会書兼回答書) is posted to the holder’s registered address (not forwarded), and the procedure is completed on a second visit.',
      ),
    );

  return {
    route,
    summary: summaryOf(route, kiosk, findings, steps),
    findings,
    steps,
    warnings,
    pins,
    resets,
    ...(kiosk ? { kiosk } : {}),
  };
}

function dateOf(iso: string | undefined): string {
  if (!iso) return '—';
  // Certificates end at 23:59:59 JST: show the JST calendar day.
  return new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);
}

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
