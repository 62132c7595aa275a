/**
 * The error catalog of myna-sandbox: one stable code per failure a person or a program can
 * meet, each with an HTTP status, the ISO status word where one applies, and a message in
 * Japanese and English. Every layer (client SDK, services, store, server, CLI) throws
 * `MynaError` with one of these codes. Messages never contain a PIN, a key or a My Number;
 * `details` holds only safe facts (tries left, the name of a rule, an id).
 *
 * docs/reference/errors.md is generated from this table (`npm run docs:errors`).
 */
export interface ErrorSpec {
  readonly http: number;
  readonly sw?: number;
  readonly ja: string;
  readonly en: string;
}

export const ERRORS = {
  // ── Input ──────────────────────────────────────────────────────────────
  INVALID_ARGUMENT: { http: 400, ja: '入力が正しくありません。', en: 'The input is not valid.' },
  APDU_MALFORMED: {
    http: 400,
    sw: 0x6700,
    ja: 'APDU の形式が正しくありません。',
    en: 'The APDU is malformed.',
  },
  // ── PINs (as the card answers) ─────────────────────────────────────────
  PIN_WRONG: {
    http: 401,
    sw: 0x63c0,
    ja: '暗証番号が違います。残りの試行回数を確認してください。',
    en: 'The PIN is wrong. Check the tries left.',
  },
  /**
   * `details.counted` tells whether this attempt was a try: `true` for the wrong value that used
   * the last try and locked the PIN (the card answered 63C0), `false` for a refusal of a PIN that
   * was already locked (nothing sent, or the card answered 6984). Spec: docs/faithfulness.md.
   */
  PIN_BLOCKED: {
    http: 423,
    sw: 0x6984,
    ja: '暗証番号がロックされています。初期化・再設定が必要です。',
    en: 'The PIN is locked. It must be reset.',
  },
  PIN_LAST_TRY: {
    http: 409,
    ja: '残り1回です。間違えるとロックされます。続けるには明示的な確認が必要です。',
    en: 'One try left: a wrong entry locks the PIN. Continuing needs an explicit confirmation.',
  },
  PIN_FORMAT: {
    http: 400,
    sw: 0x6a80,
    ja: '暗証番号の形式が規則に合いません。',
    en: 'The PIN does not follow its format rule.',
  },
  PIN_NOT_SET: {
    http: 409,
    sw: 0x6a88,
    ja: 'この暗証番号は設定されていません（顔認証マイナンバーカード等）。',
    en: 'This PIN is not set (e.g. a face-authentication card).',
  },
  PIN_NOT_VERIFIED: {
    http: 403,
    sw: 0x6982,
    ja: '先に暗証番号の照合が必要です。',
    en: 'The PIN must be verified first.',
  },
  PIN_RESEND_REFUSED: {
    http: 409,
    ja: '別のアプリケーションへ暗証番号を再送信するには、呼び出し側の明示的な指示が必要です。',
    en: 'Re-sending a PIN to another application needs the caller to ask for it explicitly.',
  },
  // ── Cards ──────────────────────────────────────────────────────────────
  CARD_NOT_FOUND: { http: 404, ja: 'カードが見つかりません。', en: 'No such card.' },
  CARD_ERROR: {
    http: 502,
    ja: 'カードがエラーを返しました。',
    en: 'The card answered with an error status word.',
  },
  CARD_SUSPENDED: {
    http: 423,
    ja: 'このカードは一時利用停止中です。市区町村窓口で解除してください。',
    en: 'This card is suspended. The suspension is lifted at the municipal counter.',
  },
  CARD_ABOLISHED: { http: 410, ja: 'このカードは廃止されています。', en: 'This card has been abolished.' },
  TRANSPORT_ERROR: {
    http: 502,
    ja: 'カードとの通信に失敗しました。',
    en: 'Communication with the card failed.',
  },
  // ── Issuance and the authority ─────────────────────────────────────────
  RESIDENT_NOT_FOUND: { http: 404, ja: '住民が見つかりません。', en: 'No such resident.' },
  MY_NUMBER_INVALID: {
    http: 400,
    ja: '個人番号は12桁で、12桁目は検査用数字でなければなりません。',
    en: 'A My Number has 12 digits, the 12th being the check digit.',
  },
  MY_NUMBER_TAKEN: {
    http: 409,
    ja: 'この個人番号は既に使われています。',
    en: 'This My Number is already in use.',
  },
  PROFILE_INVALID: {
    http: 400,
    ja: 'カード発行の条件を満たしていません。',
    en: 'The card cannot be issued as requested.',
  },
  CERTIFICATE_NOT_FOUND: { http: 404, ja: '電子証明書が見つかりません。', en: 'No such certificate.' },
  RENEWAL_TOO_EARLY: {
    http: 409,
    ja: '更新は有効期限の3か月前から可能です。',
    en: 'Renewal opens 3 months before expiry.',
  },
  CERTIFICATE_INVALID: {
    http: 409,
    ja: '電子証明書が有効期限切れ、失効、または基本4情報の変更により使えません。市区町村窓口で再発行してください。',
    en: 'The certificate is expired, revoked, or invalid after a change of the basic four facts; the counter issues a new one.',
  },
  // ── Reset channels (pin-lifecycle.md §§2–5) ─────────────────────────────
  RESERVATION_NOT_FOUND: {
    http: 404,
    ja: 'このカードの初期化予約が見つかりません。JPKI暗証番号リセットアプリで予約してください。',
    en: 'No reset reservation for this card. Make one in the JPKI PIN-reset app.',
  },
  RESERVATION_EXPIRED: {
    http: 410,
    ja: '予約の有効期限（顔照合から24時間）が過ぎています。アプリで予約し直してください。',
    en: 'The reservation has expired (24 hours after the face match). Make a new one in the app.',
  },
  FACE_MISMATCH: {
    http: 401,
    ja: '顔照合ができませんでした。',
    en: 'The face did not match the photo on the card.',
  },
  RESET_PRECONDITION: {
    http: 409,
    ja: 'この方法では初期化できません。市区町村窓口をご利用ください。',
    en: 'This channel cannot reset the PIN; go to the municipal counter.',
  },
  PHONE_NOT_FOUND: {
    http: 404,
    ja: 'スマホ用電子証明書が見つかりません。',
    en: 'No such smartphone certificate (スマホ用電子証明書).',
  },
  PHONE_PRECONDITION: {
    http: 409,
    ja: 'スマホ用電子証明書のこの手続きは今は行えません。理由（details.reason）をご確認ください。',
    en: 'This smartphone-certificate procedure cannot be done now; see details.reason.',
  },
  KIOSK_CLOSED: {
    http: 409,
    ja: 'キオスク端末のサービス時間（6:30～23:00）外です。',
    en: 'Outside kiosk service hours (06:30–23:00).',
  },
  STORE_CANNOT_RESET: {
    http: 409,
    ja: 'この店舗の端末ではこの暗証番号の初期化はできません。',
    en: "This store's kiosk cannot reset this PIN.",
  },
  KIOSK_STEP: {
    http: 409,
    ja: 'この画面ではその操作はできません。',
    en: 'That action is not available on this kiosk screen.',
  },
  COUNTER_CLOSED: {
    http: 409,
    ja: '窓口の受付時間外です。',
    en: 'The municipal counter is closed at this time.',
  },
  STAFF_LOGIN_FAILED: {
    http: 401,
    ja: '職員IDまたはパスワードが違います。',
    en: 'Wrong staff id or password.',
  },
  STAFF_FORBIDDEN: {
    http: 403,
    ja: 'この手続は権限のある職員のみ行えます。',
    en: 'This procedure needs a staff role you do not have.',
  },
  IDENTITY_NOT_CONFIRMED: {
    http: 409,
    ja: '本人確認ができていません。',
    en: 'Identity has not been confirmed.',
  },
  PROCEDURE_NOT_FOUND: {
    http: 404,
    ja: '手続が見つかりません。',
    en: 'No such procedure.',
  },
  PROCEDURE_STATE: {
    http: 409,
    ja: 'この手続は現在その操作を受け付けられません。',
    en: 'The procedure cannot take that step now.',
  },
  ANSWER_CODE_INVALID: {
    http: 401,
    ja: '照会書兼回答書の回答コードが違います。',
    en: 'The answer code of the inquiry-and-answer form (照会書兼回答書) is wrong.',
  },
  // ── Relying parties ────────────────────────────────────────────────────
  RP_VERIFICATION_FAILED: {
    http: 401,
    ja: '本人確認に失敗しました（署名または証明書の検証に失敗）。',
    en: 'Identity verification failed (signature or certificate check).',
  },
  // ── デジタル認証アプリ (the sandbox's holder and client API; the OAuth endpoints answer OAuth errors) ──
  DAUTH_AUTHORIZATION_NOT_FOUND: {
    http: 404,
    ja: 'この認証リクエストは見つかりません（期限切れまたは完了済み）。',
    en: 'This authorization request was not found (expired or completed).',
  },
  DAUTH_AUTHORIZATION_FINISHED: {
    http: 409,
    ja: 'この認証リクエストはすでに終了しています。',
    en: 'This authorization request has already finished.',
  },
  DAUTH_CLIENT_INVALID: {
    http: 400,
    ja: 'クライアントの登録内容が正しくありません。',
    en: 'The client registration is not valid.',
  },
  DAUTH_CLIENT_EXISTS: {
    http: 409,
    ja: 'この client_id はすでに登録されています。',
    en: 'This client_id is already registered.',
  },
  DAUTH_CLIENT_NOT_FOUND: { http: 404, ja: 'クライアントが見つかりません。', en: 'Client not found.' },
  // ── Server ─────────────────────────────────────────────────────────────
  NOT_FOUND: { http: 404, ja: '見つかりません。', en: 'Not found.' },
  API_KEY_INVALID: {
    http: 401,
    ja: 'APIキーが無効です。',
    en: 'The API key is missing or invalid.',
  },
  SANDBOX_NOT_FOUND: { http: 404, ja: 'サンドボックスが見つかりません。', en: 'No such sandbox.' },
  URL_TOO_LONG: {
    http: 414,
    ja: 'URL が長すぎます。',
    en: 'The URL is too long.',
  },
  HEADERS_TOO_LARGE: {
    http: 431,
    ja: 'リクエストヘッダーが大きすぎます。',
    en: 'The request headers are too large.',
  },
  REQUEST_TIMEOUT: {
    http: 408,
    ja: 'リクエストが時間内に届きませんでした。',
    en: 'The request did not arrive in time.',
  },
  CLOCK_OUT_OF_RANGE: {
    http: 400,
    ja: 'サンドボックス時刻はこの範囲の外には設定できません。',
    en: 'Sandbox time cannot be moved outside its bounds.',
  },
  PORT_IN_USE: {
    http: 500,
    ja: 'このポートは別のプログラムが使用中です。--port（または PORT）で別のポートを指定してください。',
    en: 'The port is in use by another program. Choose another with --port (or PORT).',
  },
  SANDBOX_LIMIT: {
    http: 429,
    ja: 'APIキーなしで作成できるサンドボックスの数を超えました。時間をおくか、既存のサンドボックスのAPIキーを付けて作成してください。',
    en: 'Too many sandboxes created without an API key. Wait, or create it with an existing sandbox’s API key.',
  },
  CARD_IN_USE: {
    http: 409,
    ja: 'このカードは別の端末で使用中です。',
    en: 'The card is in use at another terminal.',
  },
  // ── Store ──────────────────────────────────────────────────────────────
  BAD_DATABASE_URL: {
    http: 500,
    ja: 'DATABASE_URL の形式が正しくありません。',
    en: 'DATABASE_URL is not a valid sqlite: or postgres:// URL.',
  },
  DATABASE_FOLDER_MISSING: {
    http: 500,
    ja: 'DATABASE_URL のフォルダーが存在しません。作成するか、別の場所を指定してください。',
    en: 'The folder of the DATABASE_URL file does not exist. Create it or choose another path.',
  },
  MASTER_KEY_MISMATCH: {
    http: 500,
    ja: 'マスター鍵がデータベースと一致しません。',
    en: 'The master key does not match the database.',
  },
  INTERNAL: { http: 500, ja: '内部エラーが発生しました。', en: 'Internal error.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** Safe, structured facts that may accompany an error (never secrets). */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export class MynaError extends Error {
  override readonly name = 'MynaError';
  readonly http: number;
  readonly sw: number | undefined;
  readonly messageJa: string;

  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown; sw?: number },
  ) {
    const spec: ErrorSpec = ERRORS[code];
    super(spec.en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.http = spec.http;
    this.sw = options?.sw ?? spec.sw;
    this.messageJa = spec.ja;
  }

  /** The JSON body the server and `--json` CLI output use. */
  toJSON(): { code: ErrorCode; message: string; messageJa: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, messageJa: this.messageJa, details: this.details };
  }
}

export function isMynaError(e: unknown, code?: ErrorCode): e is MynaError {
  return e instanceof MynaError && (code === undefined || e.code === code);
}
