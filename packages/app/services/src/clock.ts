import type { Clock } from '@myna/ports';

/**
 * The sandbox clock: real time by default; can be frozen, set and advanced so the 24-hour
 * reservation, kiosk hours and certificate expiry are testable (architecture.md). Every rule in
 * the services reads time from here, never from `Date.now()`.
 */
export class SandboxClock implements Clock {
  /** Offset from real time in ms while running; the frozen instant while frozen. */
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): Date {
    return new Date(this.frozenAt ?? this.realNow() + this.offsetMs);
  }

  freeze(at?: Date | string): void {
    this.frozenAt = at === undefined ? this.now().getTime() : new Date(at).getTime();
  }

  unfreeze(): void {
    if (this.frozenAt !== null) this.offsetMs = this.frozenAt - this.realNow();
    this.frozenAt = null;
  }

  set(at: Date | string): void {
    const t = new Date(at).getTime();
    if (this.frozenAt !== null) this.frozenAt = t;
    else this.offsetMs = t - this.realNow();
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }
}

const JST_MS = 9 * 3600_000;

/** The calendar day in Japan (JST, UTC+9) of an instant, `YYYY-MM-DD`. */
export function jstDate(d: Date): string {
  return new Date(d.getTime() + JST_MS).toISOString().slice(0, 10);
}

/** Minutes since midnight JST of an instant. */
export function jstMinutes(d: Date): number {
  const t = new Date(d.getTime() + JST_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/** An instant as a person reads it in Japan, with the zone: `2031-04-01 23:59 JST`. */
export function jstDateTime(d: Date): string {
  return `${new Date(d.getTime() + JST_MS).toISOString().slice(0, 16).replace('T', ' ')} JST`;
}

/** `YYYYMMDDhhmmss` in JST. */
export function jstStamp(d: Date): string {
  return new Date(d.getTime() + JST_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
