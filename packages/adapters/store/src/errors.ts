import { type ErrorCode, type ErrorDetails, MynaError } from '@myna/errors';

/**
 * What went wrong in the store, finer than the catalog code. Every StoreError carries one as
 * `reason` (also in `details.reason`).
 */
export type StoreErrorCode =
  /** DATABASE_URL is not `sqlite:<path>`, `sqlite::memory:` or a valid `postgres://` URL. */
  | 'BAD_DATABASE_URL'
  /** `sqlite:<path>` names a file in a folder that does not exist (only the default folder is created). */
  | 'DATABASE_FOLDER_MISSING'
  /** MYNA_MASTER_KEY (or the key file) is not 32 bytes in base64 or hex. */
  | 'MASTER_KEY_INVALID'
  /** A stored value was encrypted under another master key. */
  | 'MASTER_KEY_MISMATCH'
  /** A stored value fails authentication under the right key (tampered, moved or truncated). */
  | 'CORRUPT_DATA'
  /** The database could not be reached or prepared. */
  | 'CONNECTION_FAILED'
  | 'MIGRATION_FAILED'
  /** `create` of a card whose id is already stored. */
  | 'CARD_EXISTS'
  | 'CARD_NOT_FOUND'
  /** The card has no such key reference. */
  | 'PIN_NOT_FOUND'
  /** A row with the same key (or a unique value such as a serial or My Number) exists. */
  | 'CONFLICT'
  /** An update targets a row that does not exist. */
  | 'NOT_FOUND'
  /** The database stayed locked (SQLITE_BUSY) or kept failing serialisation after the retries. */
  | 'BUSY';

const CATALOG: Partial<Record<StoreErrorCode, ErrorCode>> = {
  BAD_DATABASE_URL: 'BAD_DATABASE_URL',
  DATABASE_FOLDER_MISSING: 'DATABASE_FOLDER_MISSING',
  MASTER_KEY_MISMATCH: 'MASTER_KEY_MISMATCH',
  CARD_NOT_FOUND: 'CARD_NOT_FOUND',
};

/**
 * The error this package throws on its own account: a `MynaError` of the project's catalog
 * (@myna/apdu), so servers and the CLI map it like any other. `code` is the catalog code
 * (`BAD_DATABASE_URL`, `MASTER_KEY_MISMATCH`, `CARD_NOT_FOUND`, `MY_NUMBER_TAKEN`, the other
 * `*_NOT_FOUND` codes, else `INTERNAL`); `reason` says precisely what happened. The English
 * `message` is specific to the case; like the details it never contains a password, a key, a PIN
 * or a My Number.
 */
export class StoreError extends MynaError {
  readonly reason: StoreErrorCode;

  constructor(
    reason: StoreErrorCode,
    message: string,
    options: { code?: ErrorCode; details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(
      options.code ?? CATALOG[reason] ?? 'INTERNAL',
      { reason, ...options.details },
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.reason = reason;
    this.message = message;
  }
}

/** True if `e` is a StoreError with this reason. */
export function isStoreError(e: unknown, reason?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (reason === undefined || e.reason === reason);
}
