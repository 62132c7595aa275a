/**
 * The support guide's message catalog: every name and sentence of the diagnosis in Japanese and
 * English, in one place, keyed by the id of the item it becomes (docs/support.md). The rules
 * (`rules/`) decide which messages apply; they hold no prose.
 */
import type { Item, SupportPin, Text } from './types.js';

export const PIN_NAMES: Readonly<Record<SupportPin, Text>> = {
  sign: { ja: '署名用電子証明書の暗証番号（署名用パスワード）', en: 'signature-certificate password' },
  auth: { ja: '利用者証明用電子証明書の暗証番号', en: 'user-authentication certificate PIN' },
  kenhojo: { ja: '券面事項入力補助用の暗証番号', en: 'card-info input-support (券面事項入力補助) PIN' },
  juki: {
    ja: '住民基本台帳用（個人番号カード用）の暗証番号',
    en: 'resident-register (住民基本台帳) PIN',
  },
};

export const SHORT: Readonly<Record<SupportPin, Text>> = {
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

export function item(id: string, ja: string, en: string, data?: Item['data']): Item {
  return data ? { id, ja, en, data } : { id, ja, en };
}

export function joinJa(xs: readonly string[]): string {
  return xs.join('、');
}

export function joinEn(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

type Say<P> = (p: P) => Text;

/**
 * The diagnosis's messages, keyed by the item id they produce (a `{pin}`/`{kind}` placeholder in
 * the key stands for the part of the id that varies). Japanese first, English beside it.
 */
export const MESSAGES = {
  // card (rules/card.ts)
  'card.abolished': (() => ({
    ja: 'このカードは廃止されています。暗証番号の再設定はできず、再交付（自己の責による紛失などでは1,000円）が必要です。',
    en: 'This card has been abolished. Its PINs cannot be reset; a new card must be issued (1,000 yen when the loss was the holder’s fault).',
  })) as Say<object>,
  'card.expired': ((p: { expiresOn: string | undefined }) => ({
    ja: `カードの有効期限（${p.expiresOn}）が過ぎています。電子証明書も使えません。新しいカードの申請が必要です。`,
    en: `The card expired on ${p.expiresOn}; its certificates cannot be used either. A new card must be applied for.`,
  })) as Say<{ expiresOn: string | undefined }>,
  'card.suspended': (() => ({
    ja: 'カードは一時利用停止中です（電子証明書が一時保留）。電話では解除できません。市区町村窓口で解除の手続をしてください。',
    en: 'The card is suspended (its certificates are on hold). A suspension cannot be lifted by phone; it is lifted at the municipal counter.',
  })) as Say<object>,
  'card.face-auth': (() => ({
    ja: '顔認証マイナンバーカードです。暗証番号は設定されていません。暗証番号が必要なサービス（マイナポータル、コンビニ交付、オンラインでの本人確認・登録）は使えません。使いたい場合は窓口で暗証番号のあるカードへ切り替えます（通常は即日）。',
    en: 'This is a face-authentication card: no PIN is set. Services that need a PIN (Mynaportal, convenience-store printing, online identity checks and sign-ups) cannot be used. To use them, switch to a card with PINs at the counter (usually the same day).',
  })) as Say<object>,

  // certificates (rules/certificates.ts)
  'cert.auth.absent': (() => ({
    ja: '利用者証明用電子証明書がカードにありません（申請時に不要とした、または失効）。窓口で発行を申請できます。',
    en: 'The card has no user-authentication certificate (declined at application, or lapsed). The counter can issue one.',
  })) as Say<object>,
  'cert.auth.expired': ((p: { date: string }) => ({
    ja: `利用者証明用電子証明書の有効期限（${p.date}）が過ぎています。窓口で更新（再発行）が必要です。`,
    en: `The user-authentication certificate expired on ${p.date}. It is renewed at the counter.`,
  })) as Say<{ date: string }>,
  'cert.auth.revoked': (() => ({
    ja: '利用者証明用電子証明書は失効しています。窓口で新しい電子証明書の発行が必要です。',
    en: 'The user-authentication certificate has been revoked. The counter issues a new one.',
  })) as Say<object>,
  'cert.sign.not-issued-under-15': (() => ({
    ja: '15歳未満の方には署名用電子証明書は発行されません（署名用パスワードもありません）。',
    en: 'No signature certificate is issued to children under 15 (so there is no signature password).',
  })) as Say<object>,
  'cert.sign.absent': (() => ({
    ja: '署名用電子証明書がカードにありません（15歳未満・成年被後見人、申請時に不要とした、または失効）。15歳以上なら窓口で発行を申請できます。',
    en: 'The card has no signature certificate (under 15, an adult ward, declined at application, or lapsed). From 15, the counter can issue one.',
  })) as Say<object>,
  'cert.sign.expired': ((p: { date: string }) => ({
    ja: `署名用電子証明書の有効期限（${p.date}）が過ぎています。窓口で更新（再発行）が必要です。`,
    en: `The signature certificate expired on ${p.date}. It is renewed at the counter.`,
  })) as Say<{ date: string }>,
  'cert.sign.revoked-facts-changed': (() => ({
    ja: '氏名・住所・生年月日・性別の変更により、署名用電子証明書は自動的に失効しています（利用者証明用は有効のまま）。窓口で新しい署名用電子証明書の発行が必要です。',
    en: 'A change of name, address, birth date or sex revoked the signature certificate automatically (the user-authentication certificate stays valid). The counter issues a new one.',
  })) as Say<object>,
  'cert.sign.revoked': (() => ({
    ja: '署名用電子証明書は失効しています。窓口で新しい電子証明書の発行が必要です。',
    en: 'The signature certificate has been revoked. The counter issues a new one.',
  })) as Say<object>,
  'warn.renewal-open.{kind}': ((p: { kind: 'auth' | 'sign'; date: string }) => ({
    ja: `${p.kind === 'auth' ? '利用者証明用' : '署名用'}電子証明書の有効期限（${p.date}）が3か月以内です。窓口で更新できます。`,
    en: `The ${p.kind === 'auth' ? 'user-authentication' : 'signature'} certificate expires on ${p.date} (within three months); it can be renewed at the counter.`,
  })) as Say<{ kind: 'auth' | 'sign'; date: string }>,

  // PINs (rules/pins.ts)
  'pin.{pin}.locked': ((p: { pin: SupportPin; maxTries: number }) => ({
    ja: `${PIN_NAMES[p.pin].ja}がロックされています（${p.maxTries}回連続で間違えたため）。`,
    en: `The ${PIN_NAMES[p.pin].en} is locked (${p.maxTries} wrong entries in a row).`,
  })) as Say<{ pin: SupportPin; maxTries: number }>,
  'pin.{pin}.forgotten': ((p: { pin: SupportPin; triesLeft: number }) => ({
    ja: `${PIN_NAMES[p.pin].ja}がわからない状態です（残り${p.triesLeft}回）。推測で入力しないでください。`,
    en: `The ${PIN_NAMES[p.pin].en} is forgotten (${triesLeftEn(p.triesLeft)}). Do not guess it.`,
  })) as Say<{ pin: SupportPin; triesLeft: number }>,
  'cause.kenhojo-differs-from-auth': (() => ({
    ja: '利用者証明用の暗証番号は使えるのに、券面事項入力補助用だけがロックされています。「利用者証明用電子証明書」と「券面事項入力補助AP」の暗証番号が一致していないのに、アプリでカードをかざす際の「券面事項入力補助APの暗証番号も同じ」というチェックが初期状態で入ったまま登録すると、利用者証明用の暗証番号が券面事項入力補助APに送られ、誤った暗証番号として数えられて3回でロックされます。ロック解除は市区町村窓口での手続が必要です。',
    en: 'The user-authentication PIN works but the 券面事項入力補助 PIN is locked. When the two 4-digit PINs differ and an app’s box “the 券面事項入力補助AP PIN is the same” is left ticked (it is ticked by default), the app sends the user-authentication PIN to the 券面事項入力補助 application, where it counts as a wrong PIN and locks it after three attempts. Only the municipal counter can reset it.',
  })) as Say<object>,
  'pin.{pin}.one-left': ((p: { pin: SupportPin }) => ({
    ja: `${PIN_NAMES[p.pin].ja}は残り1回です。`,
    en: `The ${PIN_NAMES[p.pin].en} has one try left.`,
  })) as Say<{ pin: SupportPin }>,
  'warn.one-try-left': ((p: { pin: SupportPin }) => ({
    ja: `${PIN_NAMES[p.pin].ja}は残り1回です。次に間違えるとロックされ、再設定が必要になります。確かでなければ入力しないでください。`,
    en: `The ${PIN_NAMES[p.pin].en} has one try left: the next wrong entry locks it and it must then be reset. Do not enter it unless you are sure.`,
  })) as Say<{ pin: SupportPin }>,
  'pin.{pin}.reduced': ((p: { pin: SupportPin; triesLeft: number; maxTries: number }) => ({
    ja: `${PIN_NAMES[p.pin].ja}は残り${p.triesLeft}回です（最近の入力ミスが数えられています）。`,
    en: `The ${PIN_NAMES[p.pin].en} has ${p.triesLeft} of ${p.maxTries} tries left (recent wrong entries are counted).`,
  })) as Say<{ pin: SupportPin; triesLeft: number; maxTries: number }>,
  'rp.registration-blocked': (() => ({
    ja: '署名用パスワードでも、4桁の暗証番号（利用者証明用・券面事項入力補助用）でも本人確認ができないため、サービスへの登録を進められません。',
    en: 'Neither the signature password nor the 4-digit PINs (user authentication and 券面事項入力補助) can be used, so sign-ups with online services cannot proceed.',
  })) as Say<object>,

  // where to go (rules/route.ts)
  'kiosk.unavailable.no-other-pin': ((p: { other: 'sign' | 'auth' }) => ({
    ja: `キオスク端末とリセットアプリでは${SHORT[p.other].ja}が必要ですが、このカードには設定されていません。`,
    en: `The kiosk and the reset app need the ${SHORT[p.other].en}, which this card does not have.`,
  })) as Say<{ other: 'sign' | 'auth' }>,
  'kiosk.unavailable.other-pin': ((p: { other: 'sign' | 'auth'; locked: boolean }) => ({
    ja: `キオスク端末とリセットアプリでは${SHORT[p.other].ja}が必要ですが、${p.locked ? 'ロックされています' : 'わからない状態です'}。`,
    en: `The kiosk and the reset app need the ${SHORT[p.other].en}, which is ${p.locked ? 'locked' : 'forgotten'}.`,
  })) as Say<{ other: 'sign' | 'auth'; locked: boolean }>,
  'kiosk.unavailable.certificate': (() => ({
    ja: 'キオスク端末とリセットアプリは、有効な署名用・利用者証明用電子証明書がないと使えません。',
    en: 'The kiosk and the reset app need valid signature and user-authentication certificates.',
  })) as Say<object>,
  'kiosk.unavailable.both-certificate-pins': (() => ({
    ja: '署名用パスワードと利用者証明用暗証番号の両方が使えないため、リセットアプリとキオスク端末は使えません（どちらか一方が必要です）。',
    en: 'Both the signature password and the user-authentication PIN are unusable, so the reset app and the kiosk cannot be used (each needs one of them).',
  })) as Say<object>,
  'kiosk.unavailable.pin-type': ((p: { pins: readonly SupportPin[] }) => ({
    ja: `${joinJa(p.pins.map((x) => SHORT[x].ja))}はキオスク端末・リセットアプリでは再設定できません（窓口のみ）。`,
    en: `The ${joinEn(p.pins.map((x) => SHORT[x].en))} cannot be reset at a kiosk or with the reset app — only at the counter.`,
  })) as Say<{ pins: readonly SupportPin[] }>,

  // warnings (rules/warnings.ts)
  'warn.kiosk-other-pin': ((p: { other: 'sign' | 'auth'; triesLeft: number }) => ({
    ja: `リセットアプリとキオスク端末では${SHORT[p.other].ja}（残り${p.triesLeft}回）を入力します。ここでの入力ミスも数えられ、ロックされると両方の暗証番号がロックされた状態になり、窓口でしか再設定できなくなります。${p.triesLeft === 1 ? '残り1回なので、確かでなければ窓口を利用してください。' : ''}`,
    en: `The reset app and the kiosk ask for your ${SHORT[p.other].en} (${triesLeftEn(p.triesLeft)}). Wrong entries there count too; if it locks, both PINs are locked and only the counter can reset them.${p.triesLeft === 1 ? ' It has one try left: if you are not sure of it, go to the counter instead.' : ''}`,
  })) as Say<{ other: 'sign' | 'auth'; triesLeft: number }>,
  'warn.kiosk-certificate-unchecked': (() => ({
    ja: '電子証明書の状態を確認できませんでした。キオスク端末は、署名用電子証明書が有効期限内で失効しておらず、発行後に基本4情報（氏名・住所・生年月日・性別）が変わっていない場合のみ使えます。転居や氏名の変更があった場合は窓口へ。',
    en: 'The certificates’ status could not be checked. The kiosk works only if the signature certificate is within its validity, not revoked, and the basic four facts (name, address, birth date, sex) have not changed since it was issued. After moving house or a change of name, go to the counter.',
  })) as Say<object>,
  'warn.pins-differ-between-applications': (() => ({
    ja: '4桁の暗証番号（利用者証明用・券面事項入力補助用・住基用）は同じとは限りません。アプリで「同じ暗証番号」のチェックが入っていると、別の暗証番号として数えられロックの原因になります。それぞれの暗証番号を確かめて入力してください。',
    en: 'The 4-digit PINs (user authentication, 券面事項入力補助, resident register) are not necessarily the same. An app box saying “the same PIN” sends one PIN to the other application, where a different value counts as a wrong entry and can lock it. Enter each PIN on its own.',
  })) as Say<object>,
  'warn.errors-add-up': (() => ({
    ja: '入力ミスは他のサービスでのものも通算されます。時間がたっても回数は戻らず、正しく入力できたときだけ元に戻ります。',
    en: 'Wrong entries in every service add up on the card. Time does not restore the count; only a correct entry does.',
  })) as Say<object>,
  'warn.do-not-guess': (() => ({
    ja: 'わからない暗証番号を推測で入力しないでください。ロックされると再設定の手間が増えます。',
    en: 'Do not guess a forgotten PIN: a lock only adds to what must be reset.',
  })) as Say<object>,
  'warn.voluntary-agent-two-visits': (() => ({
    ja: '任意代理人の場合は即日にはできません。1回目の来庁後、本人の住所へ照会書兼回答書が郵送（転送不要）され、2回目の来庁で手続が完了します。',
    en: 'A voluntary agent cannot finish on the same day: after the first visit, an inquiry-and-answer form (照会書兼回答書) is posted to the holder’s registered address (not forwarded), and the procedure is completed on a second visit.',
  })) as Say<object>,
} as const;

export type MessageKey = keyof typeof MESSAGES;

/**
 * An item from the catalog: `key`'s text with `params`, under the id `key` with its placeholders
 * filled from `params` (`pin.{pin}.locked` → `pin.sign.locked`), with optional `data`.
 */
export function say<K extends MessageKey>(
  key: K,
  params: Parameters<(typeof MESSAGES)[K]>[0],
  data?: Item['data'],
): Item {
  const t = (MESSAGES[key] as Say<typeof params>)(params);
  const id = key.replace(/\{(\w+)\}/g, (_, k: string) => String((params as Record<string, unknown>)[k]));
  return item(id, t.ja, t.en, data);
}
