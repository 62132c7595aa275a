import { createHash, scrypt, timingSafeEqual } from 'node:crypto';
import { MynaError } from '@myna/errors';
import type { Random } from '@myna/ports';
import { jstDate, jstMinutes } from '../clock.js';

/**
 * Staff passwords and counter office hours (pin-lifecycle.md §4.4). Passwords are hashed with
 * scrypt (node:crypto, N = 2^14, r = 8, p = 1, 16-byte salt from the injected `Random`) and
 * compared in constant time; only `scrypt$N$r$p$<salt>$<hash>` is stored.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

/** A password needs at least this many characters (sandbox rule; the sources are silent). */
export const MIN_STAFF_PASSWORD = 10;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, random: Random): Promise<string> {
  if (password.length < MIN_STAFF_PASSWORD) {
    throw new MynaError('INVALID_ARGUMENT', {
      field: 'password',
      rule: `at least ${MIN_STAFF_PASSWORD} characters`,
    });
  }
  const salt = Buffer.from(random.bytes(16));
  const key = await scryptAsync(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const want = Buffer.from(parts[5]!, 'base64');
  const got = await scryptAsync(password, Buffer.from(parts[4]!, 'base64'), n, r, p);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** SHA-256 of a session token, hex: the only form in which a token is stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(`myna-sandbox-staff-session:${token}`).digest('hex');
}

/**
 * When a municipal counter takes procedures. Typical: weekdays 08:30–17:00 [TOYOKAWA] or
 * 09:00–17:00 [ASAHI]; some cities add holiday or evening sessions [SANDA]. Times are JST,
 * `HH:MM`, open inclusive, close exclusive.
 */
export interface OfficeHours {
  /** Days of the week the counter is open, 0 = Sunday … 6 = Saturday (JST). */
  readonly weekdays: readonly number[];
  readonly open: string;
  readonly close: string;
  /** Dates (YYYY-MM-DD, JST) the counter is closed although a weekday (national holidays, 年末年始). */
  readonly closedDates?: readonly string[];
  /** Extra sessions, e.g. a Sunday morning or an evening (YYYY-MM-DD, HH:MM–HH:MM). */
  readonly extraSessions?: readonly {
    readonly date: string;
    readonly open: string;
    readonly close: string;
  }[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' };

function minutes(hhmm: string): number {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(hhmm);
  if (!m) throw new MynaError('INVALID_ARGUMENT', { field: 'officeHours', rule: 'HH:MM' });
  return Number(m[1]) * 60 + Number(m[2]);
}

export function validateOfficeHours(h: OfficeHours): void {
  if (!h.weekdays.every((d) => Number.isInteger(d) && d >= 0 && d <= 6))
    throw new MynaError('INVALID_ARGUMENT', { field: 'officeHours.weekdays', rule: '0 (Sunday) to 6' });
  for (const s of [h, ...(h.extraSessions ?? [])]) {
    if (minutes(s.open) >= minutes(s.close))
      throw new MynaError('INVALID_ARGUMENT', { field: 'officeHours', rule: 'open before close' });
  }
}

/** Whether the counter is open at an instant (JST). */
export function counterOpen(h: OfficeHours, at: Date): boolean {
  const date = jstDate(at);
  const m = jstMinutes(at);
  const within = (s: { open: string; close: string }) => m >= minutes(s.open) && m < minutes(s.close);
  if ((h.extraSessions ?? []).some((s) => s.date === date && within(s))) return true;
  if (h.closedDates?.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return h.weekdays.includes(weekday) && within(h);
}
