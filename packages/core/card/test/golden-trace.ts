/**
 * The golden trace format and its re-recording rule (used by golden.test.ts).
 *
 * `> <command hex>`, then `< <response hex: data ‖ SW>`, then `= <SW>`: the status word the
 * spec requires for that step, checked by machine on every replay (the response must end with
 * it). `#` comments; `@ kind=…` picks the card (adult, under-15, face-auth), `@ atr=…` its ATR
 * profile (atr.ts; e.g. `contact-t0` for a T=0 card).
 *
 * Re-recording (`UPDATE_GOLDEN=1`) rewrites the `<` lines only. It refuses to record a response
 * whose status word differs from the step's `=` line unless `UPDATE_GOLDEN_SW=1` is also set,
 * which then rewrites the `=` lines too — so an expected status word never changes silently.
 */
import type { AtrProfileName } from '@myna/card';

export type TraceKind = 'adult' | 'under-15' | 'face-auth';

export interface TraceStep {
  readonly cmd: string;
  rsp: string | null;
  sw: string | null;
  /** 0-based line of the `>` line. */
  readonly line: number;
}

const clean = (s: string) => s.replace(/\s/g, '').toUpperCase();

export function parseTrace(text: string): { steps: TraceStep[]; kind: TraceKind; atr?: AtrProfileName } {
  const steps: TraceStep[] = [];
  let kind: TraceKind = 'adult';
  let atr: AtrProfileName | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const last = steps[steps.length - 1];
    if (line.startsWith('@')) {
      const m = /kind=(\S+)/.exec(line);
      if (m) kind = m[1] as TraceKind;
      const a = /atr=(\S+)/.exec(line);
      if (a) atr = a[1] as AtrProfileName;
    } else if (line.startsWith('>')) steps.push({ cmd: clean(line.slice(1)), rsp: null, sw: null, line: i });
    else if (line.startsWith('<')) {
      if (!last) throw new Error(`line ${i + 1}: a response before any command`);
      last.rsp = clean(line.slice(1));
    } else if (line.startsWith('=')) {
      if (!last) throw new Error(`line ${i + 1}: a status word before any command`);
      last.sw = clean(line.slice(1));
    }
  });
  return { steps, kind, ...(atr ? { atr } : {}) };
}

/** The status word (last two bytes) of a response, as hex. */
export const swOf = (rsp: string): string => rsp.slice(-4);

/**
 * The trace text with the responses `got` recorded. Throws if a response's status word differs
 * from its step's expected one and `allowSwChange` is false; with it, the `=` lines follow.
 */
export function rerecord(text: string, got: readonly string[], allowSwChange: boolean): string {
  const { steps } = parseTrace(text);
  if (got.length !== steps.length) throw new Error(`${got.length} responses for ${steps.length} steps`);
  const changed = steps
    .map((s, i) => ({ s, sw: swOf(got[i]!) }))
    .filter(({ s, sw }) => s.sw !== sw)
    .map(
      ({ s, sw }) =>
        `line ${s.line + 1} > ${s.cmd}: expected SW ${s.sw ?? '(none)'}, the card now answers ${sw}`,
    );
  if (changed.length > 0 && !allowSwChange) {
    throw new Error(
      `UPDATE_GOLDEN would change expected status words; check them against the spec and set UPDATE_GOLDEN_SW=1 to accept:\n${changed.join('\n')}`,
    );
  }
  const out: string[] = [];
  let k = -1;
  for (const l of text.split('\n')) {
    const t = l.trim();
    if (t.startsWith('<') || t.startsWith('=')) continue;
    out.push(l);
    if (t.startsWith('>')) {
      k++;
      out.push(`< ${got[k]}`, `= ${swOf(got[k]!)}`);
    }
  }
  return out.join('\n');
}
