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
  // ── Store ──────────────────────────────────────────────────────────────
  BAD_DATABASE_URL: {
    http: 500,
    ja: 'DATABASE_URL の形式が正しくありません。',
    en: 'DATABASE_URL is not a valid sqlite: or postgres:// URL.',
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
