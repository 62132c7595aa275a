import type { CardConnector } from '../../connector.js';
import { withCard } from '../../connector.js';
import type { MynaPortalPhone, PhoneView } from '../../phone/myna-portal.js';
import type { AuthorityStore } from '../../ports.js';
import { item } from '../messages.js';
import type { Item, PinFact, Text } from '../types.js';

/**
 * The support guide for スマホ用電子証明書 (docs/support.md, docs/phone.md): the phone's two
 * passwords are the phone's, not the card's. A locked or forgotten phone password is reset in the
 * マイナポータル app with the card (manual 04-07/0220) — never at the kiosk or the municipal
 * counter (pin-lifecycle.md §4.1 [INAGI]); the card's own PINs and channels are untouched by it
 * (the card's diagnosis, engine.ts, stays as it is). Facts are read without spending a try.
 */

/** What the phone, its card and the authority say (status queries only). */
export interface PhoneFacts {
  readonly phone: PhoneView;
  readonly card: {
    readonly status: 'active' | 'suspended' | 'abolished';
    /** The card's signature password, from a status query on the card. */
    readonly signPin: PinFact;
    /** The card's signature certificate is good and within validity. */
    readonly signCertificateValid: boolean;
  };
}

/** What the holder says about the phone's passwords (`false` = forgotten). */
export interface PhoneStatement {
  readonly remembers?: { readonly auth?: boolean; readonly sign?: boolean; readonly cardSign?: boolean };
}

/** Where to go: the app's reset, a new application in the app, the card first, or nothing to do. */
export type PhoneRoute = 'myna-portal-reset' | 'myna-portal-apply' | 'card-first' | 'none';

export interface PhoneDiagnosis {
  readonly route: PhoneRoute;
  readonly summary: Item;
  readonly findings: readonly Item[];
  readonly steps: readonly Item[];
  readonly warnings: readonly Item[];
}

const NAME: Readonly<Record<'auth' | 'sign', Text>> = {
  auth: { ja: 'スマホ用利用者証明用電子証明書のパスワード', en: "the phone's user-authentication password" },
  sign: { ja: 'スマホ用署名用電子証明書のパスワード', en: "the phone's signature password" },
};

type PinState = 'ok' | 'locked' | 'forgotten';
const stateOf = (p: PinFact, remembers: boolean | undefined): PinState =>
  p.blocked ? 'locked' : remembers === false ? 'forgotten' : 'ok';

/** Reads the facts: the phone's status (its element's status queries), the card's sign PIN status. */
export async function readPhoneFacts(deps: {
  readonly mynaPortal: MynaPortalPhone;
  readonly store: AuthorityStore;
  readonly connector: CardConnector;
  readonly sandboxId: string;
  readonly now: Date;
  readonly phoneId: string;
}): Promise<PhoneFacts> {
  const phone = await deps.mynaPortal.status(deps.phoneId, 'support:doctor');
  const card = await deps.store.getCard(deps.sandboxId, phone.phone.cardId);
  const signPin = await withCard(deps.connector, phone.phone.cardId, 'support:doctor', async (c) => {
    const s = await c.pinStatus('sign');
    return { set: s.set, triesLeft: s.triesLeft, maxTries: s.maxTries, blocked: s.blocked };
  });
  const now = deps.now.getTime();
  const signCerts = await deps.store.listCertificates(deps.sandboxId, {
    cardId: phone.phone.cardId,
    kind: 'sign',
  });
  return {
    phone,
    card: {
      status: card?.status ?? 'abolished',
      signPin,
      signCertificateValid: signCerts.some(
        (c) => c.status === 'good' && now >= Date.parse(c.notBefore) && now <= Date.parse(c.notAfter),
      ),
    },
  };
}

/** The phone's diagnosis. Pure: facts and statement in, bilingual items out. */
export function diagnosePhone(facts: PhoneFacts, statement: PhoneStatement = {}): PhoneDiagnosis {
  const findings: Item[] = [];
  const steps: Item[] = [];
  const warnings: Item[] = [
    item(
      'warn.phone.not-at-counter',
      'スマホ用電子証明書のパスワードは市区町村窓口やコンビニでは初期化できません。マイナポータルアプリで初期化します。',
      "The phone's passwords cannot be reset at the municipal counter or a convenience-store kiosk; they are reset in the マイナポータル app.",
    ),
    item(
      'warn.phone.card-pins-separate',
      'スマホ用のパスワードとマイナンバーカードの暗証番号は別々です。スマホでロックしてもカードの暗証番号はロックされません。',
      "The phone's passwords and the card's PINs are separate: a lock on the phone does not lock the card.",
    ),
  ];
  const { phone, card } = facts;
  const done = (route: PhoneRoute, summary: Item): PhoneDiagnosis => ({
    route,
    summary,
    findings,
    steps,
    warnings,
  });

  // Certificates first: a phone whose certificates are gone has no password to reset.
  if (phone.phone.status === 'revoked' || phone.certificates.every((c) => c.status === 'revoked')) {
    findings.push(
      item(
        'phone.revoked',
        'このスマホ用電子証明書は失効しています。',
        "This phone's certificates are revoked.",
      ),
    );
    return cardFirstOrApply(findings, steps, warnings, card);
  }
  if (phone.certificates.some((c) => c.status === 'hold')) {
    findings.push(
      item(
        'phone.hold',
        'マイナンバーカードが一時利用停止中のため、スマホ用電子証明書も停止しています。',
        "The card is suspended, so the phone's certificates are on hold with it.",
      ),
    );
    steps.push(
      item(
        'step.card.release',
        'カードの一時利用停止を解除してください（カードが見つかった場合。市区町村窓口）。解除されるとスマホ用電子証明書も使えるようになります。',
        "Have the card's suspension lifted (if the card was found; at the municipal counter). The phone's certificates come back with it.",
      ),
    );
    return done(
      'card-first',
      item('route.phone.card-first', 'まずカードの手続きが必要です。', 'The card needs a procedure first.'),
    );
  }
  if (phone.certificates.some((c) => c.expired)) {
    findings.push(
      item(
        'phone.expired',
        'スマホ用電子証明書の有効期限が切れています。',
        "The phone's certificates have expired.",
      ),
    );
    return cardFirstOrApply(findings, steps, warnings, card);
  }

  const auth = stateOf(phone.pins.auth, statement.remembers?.auth);
  const sign = stateOf(phone.pins.sign, statement.remembers?.sign);
  const cardSign = stateOf(card.signPin, statement.remembers?.cardSign);
  for (const [k, s] of [
    ['sign', sign],
    ['auth', auth],
  ] as const) {
    if (s === 'locked')
      findings.push(
        item(
          `phone.pin.${k}.locked`,
          `${NAME[k].ja}がロックされています。`,
          `${cap(NAME[k].en)} is locked.`,
          { pin: k },
        ),
      );
    else if (s === 'forgotten')
      findings.push(
        item(
          `phone.pin.${k}.forgotten`,
          `${NAME[k].ja}を忘れています。`,
          `${cap(NAME[k].en)} is forgotten.`,
          { pin: k },
        ),
      );
  }
  if (auth === 'ok' && sign === 'ok')
    return done(
      'none',
      item(
        'route.phone.none',
        'スマホ用電子証明書は使える状態です。',
        "The phone's certificates are ready to use.",
      ),
    );

  if (card.status !== 'active' || !card.signCertificateValid) {
    findings.push(
      item(
        'phone.card-not-fit',
        'パスワードの初期化にはマイナンバーカード（有効な署名用電子証明書）が必要です。',
        'A reset needs the card with a valid signature certificate.',
      ),
    );
    return cardFirstOrApply(findings, steps, warnings, card);
  }

  // The signature password first when it is needed: resetting the user-auth password asks for it.
  if (sign !== 'ok') {
    if (cardSign !== 'ok') {
      findings.push(
        item(
          'phone.card-sign-needed',
          'スマホ用署名用パスワードの初期化には、カードの署名用パスワードが必要ですが、使えません。',
          "Resetting the phone's signature password needs the card's signature password, which cannot be used now.",
        ),
      );
      steps.push(
        item(
          'step.card.sign-reset',
          'まずカードの署名用パスワードを初期化してください（コンビニのキオスク端末または市区町村窓口。カードの診断を参照）。',
          "First reset the card's signature password (convenience-store kiosk or municipal counter; see the card's diagnosis).",
        ),
      );
    }
    steps.push(
      item(
        'step.phone.reset.sign',
        'マイナポータルアプリの「スマホ用電子証明書のパスワード初期化」でスマホ用署名用電子証明書を選び、カードの署名用パスワードを入力してカードを読み取り、新しいパスワードを設定します。',
        "In the マイナポータル app, choose the phone's signature certificate under password reset, enter the card's signature password, read the card and set a new password.",
      ),
    );
  }
  if (auth !== 'ok') {
    steps.push(
      item(
        'step.phone.reset.auth',
        'マイナポータルアプリでスマホ用利用者証明用電子証明書を選び、スマホ用署名用パスワードを入力してカードを読み取り、新しい4桁のパスワードを設定します。',
        "In the マイナポータル app, choose the phone's user-authentication certificate, enter the phone's signature password, read the card and set a new 4-digit password.",
      ),
    );
  }
  if (card.signPin.triesLeft === 1 && sign !== 'ok')
    warnings.push(
      item(
        'warn.card-sign-one-left',
        'カードの署名用パスワードは残り1回です。間違えるとカードもロックされます。',
        "The card's signature password has one try left: a wrong entry locks the card too.",
      ),
    );
  return done(
    cardSign !== 'ok' && sign !== 'ok' ? 'card-first' : 'myna-portal-reset',
    cardSign !== 'ok' && sign !== 'ok'
      ? item('route.phone.card-first', 'まずカードの手続きが必要です。', 'The card needs a procedure first.')
      : item(
          'route.phone.myna-portal-reset',
          'マイナポータルアプリでスマホ用電子証明書のパスワードを初期化できます（カードが必要です）。',
          "Reset the phone's password in the マイナポータル app (with the card).",
        ),
  );
}

function cardFirstOrApply(
  findings: Item[],
  steps: Item[],
  warnings: Item[],
  card: PhoneFacts['card'],
): PhoneDiagnosis {
  if (card.status === 'active' && card.signCertificateValid) {
    steps.push(
      item(
        'step.phone.apply',
        'マイナポータルアプリでスマホ用電子証明書を申請し直してください（カードと署名用パスワードが必要です）。',
        'Apply again in the マイナポータル app (needs the card and its signature password).',
      ),
    );
    return {
      route: 'myna-portal-apply',
      summary: item(
        'route.phone.myna-portal-apply',
        'マイナポータルアプリで申請し直せます。',
        'Apply again in the マイナポータル app.',
      ),
      findings,
      steps,
      warnings,
    };
  }
  steps.push(
    item(
      'step.card.sign-certificate',
      'カードの署名用電子証明書を市区町村窓口で発行（更新）してから、マイナポータルアプリで申請し直してください。',
      "Have the card's signature certificate issued (renewed) at the municipal counter, then apply again in the マイナポータル app.",
    ),
  );
  return {
    route: 'card-first',
    summary: item(
      'route.phone.card-first',
      'まずカードの手続きが必要です。',
      'The card needs a procedure first.',
    ),
    findings,
    steps,
    warnings,
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
