import { type ErrorCode, isMynaError, MynaError } from '@myna/errors';

/** Where the CLI writes; tests capture it. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

// A closed pipe (`… | head`) is not an error for a CLI: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

export const processIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
};

/** Codes caused by what the user typed: exit status 2, like a bad flag. */
const INPUT_ERRORS = new Set<ErrorCode>([
  'INVALID_ARGUMENT',
  'PIN_FORMAT',
  'PROFILE_INVALID',
  'MY_NUMBER_INVALID',
  'BAD_DATABASE_URL',
  'DATABASE_FOLDER_MISSING',
]);

/** Prints an error from the catalog (never a stack trace, never a secret) and returns the exit status. */
export function reportError(io: Io, e: unknown, json: boolean): number {
  const err = isMynaError(e) ? e : toCatalog(e);
  if (json) io.err(JSON.stringify({ error: err.toJSON() }));
  else {
    const details = Object.entries(err.details)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const pin = pinName(err.details);
    io.err(
      `error ${err.code}: ${err.messageJa} / ${err.message}${pin ? ` [${pin}]` : ''}${details ? ` (${details})` : ''}`,
    );
  }
  return INPUT_ERRORS.has(err.code) ? 2 : 1;
}

function toCatalog(e: unknown): MynaError {
  const code = (e as { code?: unknown })?.code;
  if (code === 'BAD_DATABASE_URL' || code === 'MASTER_KEY_MISMATCH')
    return new MynaError(code, {}, { cause: e });
  return new MynaError('INTERNAL', {}, { cause: e });
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((c, i) => c + ' '.repeat(widths[i]! - width(c)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Display width: East Asian wide characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

/** Bilingual names of a smartphone element's passwords (docs/phone.md). */
export const PHONE_PIN_LABELS = {
  auth: 'スマホ用利用者証明用電子証明書 (phone user authentication)',
  sign: 'スマホ用署名用電子証明書 (phone signature)',
} as const;

/** The name of the PIN an error is about: the phone's own when `element: 'phone'`. */
export function pinName(details: Readonly<Record<string, unknown>>): string | undefined {
  const pin = details.pin;
  if (typeof pin !== 'string') return undefined;
  if (details.element === 'phone' && (pin === 'auth' || pin === 'sign')) return PHONE_PIN_LABELS[pin];
  return (PIN_LABELS as Record<string, string>)[pin];
}

/** Bilingual names of the holder PINs (Japanese first). */
export const PIN_LABELS = {
  auth: '利用者証明用電子証明書 (user authentication)',
  sign: '署名用電子証明書 (signature)',
  kenhojo: '券面事項入力補助用 (card-info input support)',
  juki: '住民基本台帳用 (resident registry)',
  common: '個人番号カード用・共通 (common card)',
} as const;
