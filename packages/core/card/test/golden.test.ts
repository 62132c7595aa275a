import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openTestCard } from './fixtures/index.js';

/**
 * Golden APDU traces: the command sequences real clients send (spec: card.md §4.3 for OpenSC,
 * §2.3 for whole-EF and chunked reads, §4.2 for signing), replayed against a card personalised
 * with fixed keys, dates and serials, so every response byte is reproducible. Each trace says in
 * its comments which status word the spec requires; `UPDATE_GOLDEN=1` re-records the responses
 * (then review the diff).
 *
 * Format: `> <command hex>` then `< <response hex: data ‖ SW>`; `#` comments; `@ kind=…`
 * picks the card (adult, under-15, face-auth).
 */
const dir = new URL('./golden/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.trace'));

function parse(text: string) {
  const steps: { cmd: string; rsp: string | null; line: number }[] = [];
  let kind: 'adult' | 'under-15' | 'face-auth' = 'adult';
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('@')) {
      const m = /kind=(\S+)/.exec(line);
      if (m) kind = m[1] as typeof kind;
    } else if (line.startsWith('>'))
      steps.push({ cmd: line.slice(1).replace(/\s/g, ''), rsp: null, line: i });
    else if (line.startsWith('<')) steps[steps.length - 1]!.rsp = line.slice(1).replace(/\s/g, '');
  });
  return { steps, kind };
}

describe('golden APDU traces', () => {
  it('has traces to replay', () => expect(files.length).toBeGreaterThanOrEqual(8));

  for (const file of files) {
    it(file, async () => {
      const url = new URL(file, dir);
      const text = readFileSync(url, 'utf8');
      const { steps, kind } = parse(text);
      const { send } = await openTestCard({ kind });
      const got: string[] = [];
      for (const s of steps) got.push(await send(s.cmd));
      if (process.env.UPDATE_GOLDEN) {
        const lines = text.split('\n').filter((l) => !l.trim().startsWith('<'));
        const out: string[] = [];
        let k = 0;
        for (const l of lines) {
          out.push(l);
          if (l.trim().startsWith('>')) out.push(`< ${got[k++]}`);
        }
        writeFileSync(url, out.join('\n'));
        return;
      }
      steps.forEach((s, i) => {
        expect(s.rsp, `${file}:${s.line + 1} has no recorded response`).not.toBeNull();
        expect(got[i], `${file}:${s.line + 1} > ${s.cmd}`).toBe(s.rsp);
      });
    });
  }
});
