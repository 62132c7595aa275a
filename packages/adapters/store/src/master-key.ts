import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from './errors.js';

/** Where the master key came from (for diagnostics; never the key). */
export type MasterKeySource =
  | { readonly kind: 'option' }
  | { readonly kind: 'env' }
  | { readonly kind: 'file'; readonly path: string; readonly created: boolean }
  | { readonly kind: 'ephemeral' };

/**
 * Parses a 32-byte key written as 64 hex digits or as base64 (standard or url-safe, padding
 * optional). The error never repeats the input.
 */
export function parseMasterKey(text: string, origin: string): Uint8Array {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return new Uint8Array(Buffer.from(t, 'hex'));
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === 32) return new Uint8Array(b);
  }
  throw new StoreError(
    'MASTER_KEY_INVALID',
    `${origin} must hold a 32-byte key as 64 hex digits or base64 (e.g. openssl rand -base64 32)`,
  );
}

/**
 * Reads the key file, or creates it with a fresh random key (mode 0600, its folder 0700 when
 * new). Creation is atomic (write a private temp file, then link it into place), so processes
 * starting together agree on one key.
 */
export function loadOrCreateKeyFile(path: string): { key: Uint8Array; created: boolean } {
  const existing = tryRead(path);
  if (existing !== undefined)
    return { key: parseMasterKey(existing, `master key file ${path}`), created: false };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const key = new Uint8Array(randomBytes(32));
  writeFileSync(tmp, `${Buffer.from(key).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600); // the umask cannot widen it, but be explicit
  try {
    linkSync(tmp, path);
    return { key, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another process created it first: use theirs.
    return { key: parseMasterKey(readFileSync(path, 'utf8'), `master key file ${path}`), created: false };
  } finally {
    unlinkSync(tmp);
  }
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
