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

/**
 * JST helpers, from their one home @myna/calendar: `jstDate` is the calendar day in Japan
 * (`YYYY-MM-DD`), `jstMinutes` minutes since midnight JST, `jstStamp` `YYYYMMDDhhmmss` in JST, `jstDateTime` an instant as a person
 * reads it in Japan, with the zone (`2031-04-01 23:59 JST`).
 */
export { jstDateOf as jstDate, jstDateTime, jstMinutes, jstStamp } from '@myna/calendar';
