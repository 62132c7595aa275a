import { resolve } from 'node:path';
import { StoreError } from './errors.js';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly memory: true; readonly display: string }
  | { readonly dialect: 'sqlite'; readonly memory: false; readonly path: string; readonly display: string }
  | {
      readonly dialect: 'postgres';
      readonly connectionString: string;
      /** The URL with its password masked, safe for logs. */
      readonly display: string;
    };

export const DEFAULT_DATABASE_URL = 'sqlite:./.myna-sandbox/sandbox.db';

/**
 * Parses a DATABASE_URL: `sqlite:<path>` (relative to `cwd`; `sqlite:///abs` and `sqlite://rel`
 * are accepted too), `sqlite::memory:`, or `postgres://…` / `postgresql://…`. Anything else is a
 * `BAD_DATABASE_URL` whose message never repeats the URL (it may hold a password).
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const trimmed = url.trim();
  if (/^sqlite:/i.test(trimmed)) {
    let rest = trimmed.slice('sqlite:'.length);
    if (rest === ':memory:' || rest === '//:memory:') {
      return { dialect: 'sqlite', memory: true, display: 'sqlite::memory:' };
    }
    if (rest.startsWith('//')) rest = rest.slice(2);
    if (rest === '' || rest.includes('\0')) {
      throw new StoreError(
        'BAD_DATABASE_URL',
        'DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/sandbox.db',
      );
    }
    const path = resolve(cwd, rest);
    return { dialect: 'sqlite', memory: false, path, display: `sqlite:${path}` };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new StoreError(
        'BAD_DATABASE_URL',
        'DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user:password@host:port/database)',
      );
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw new StoreError(
        'BAD_DATABASE_URL',
        'DATABASE_URL postgres:// needs a host (or ?host=/socket/dir)',
      );
    }
    return { dialect: 'postgres', connectionString: trimmed, display: redactUrl(trimmed) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw new StoreError(
    'BAD_DATABASE_URL',
    scheme
      ? `DATABASE_URL scheme '${scheme.slice(0, 20)}:' is not supported (use sqlite:<path>, sqlite::memory: or postgres://…)`
      : 'DATABASE_URL must start with sqlite: or postgres:// (e.g. sqlite:./.myna-sandbox/sandbox.db)',
  );
}

/** The URL with any password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
