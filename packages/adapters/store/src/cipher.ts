import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { StoreError } from './errors.js';

const VERSION = 'm1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encryption at rest with the sandbox master key: AES-256-GCM, a random 12-byte IV per value,
 * and an associated-data string that binds each ciphertext to its row and column (a value copied
 * into another row does not decrypt). Stored form, one ASCII string:
 *
 *     m1.<key id: 8 hex>.<base64url(iv ‖ ciphertext ‖ tag)>
 *
 * The key id (a truncated HMAC of the master key) tells a wrong master key
 * (`MASTER_KEY_MISMATCH`) apart from a damaged value (`CORRUPT_DATA`). The encryption key and
 * the My Number HMAC key are derived from the master key with HKDF-SHA256, so the master key
 * itself is never used directly.
 */
export class SecretBox {
  readonly keyId: string;
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;

  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== 32)
      throw new StoreError('MASTER_KEY_INVALID', 'the master key must be 32 bytes');
    const ikm = Buffer.from(masterKey);
    this.#encKey = Buffer.from(hkdfSync('sha256', ikm, 'myna-sandbox/store', 'aes-256-gcm v1', 32));
    this.#macKey = Buffer.from(hkdfSync('sha256', ikm, 'myna-sandbox/store', 'lookup-hmac v1', 32));
    this.keyId = createHmac('sha256', ikm).update('myna-sandbox/store key id').digest('hex').slice(0, 8);
  }

  encrypt(plain: Uint8Array, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv('aes-256-gcm', this.#encKey, iv);
    c.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]);
    return `${VERSION}.${this.keyId}.${body.toString('base64url')}`;
  }

  encryptText(plain: string, context: string): string {
    return this.encrypt(Buffer.from(plain, 'utf8'), context);
  }

  decrypt(stored: string, context: string): Uint8Array {
    const parts = stored.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION || !/^[0-9a-f]{8}$/.test(parts[1]!)) {
      throw new StoreError('CORRUPT_DATA', `an encrypted value (${describe(context)}) has an unknown format`);
    }
    if (parts[1] !== this.keyId) {
      throw new StoreError(
        'MASTER_KEY_MISMATCH',
        'the database was encrypted with another master key: set MYNA_MASTER_KEY (or the master.key file) to the key it was created with',
      );
    }
    const body = Buffer.from(parts[2]!, 'base64url');
    if (body.length < IV_BYTES + TAG_BYTES) {
      throw new StoreError('CORRUPT_DATA', `an encrypted value (${describe(context)}) is truncated`);
    }
    try {
      const d = createDecipheriv('aes-256-gcm', this.#encKey, body.subarray(0, IV_BYTES));
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return new Uint8Array(
        Buffer.concat([d.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), d.final()]),
      );
    } catch {
      throw new StoreError(
        'CORRUPT_DATA',
        `an encrypted value (${describe(context)}) failed authentication: it was altered or belongs to another row`,
      );
    }
  }

  decryptText(stored: string, context: string): string {
    return Buffer.from(this.decrypt(stored, context)).toString('utf8');
  }

  /** Keyed hash for equality look-ups of an encrypted value (e.g. a My Number), hex. */
  lookupHash(value: string, context: string): string {
    return createHmac('sha256', this.#macKey).update(context).update('\0').update(value).digest('hex');
  }
}

/** The table and column of a context string, never the row key (which may be sensitive). */
function describe(context: string): string {
  return context.split(':').slice(0, 2).join('.');
}
