import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openTestCard } from './fixtures/index.js';
import { parseTrace, rerecord, swOf } from './golden-trace.js';

/**
 * Golden APDU traces: the command sequences real clients send (spec: card.md §4.3 for OpenSC,
 * §2.3 for whole-EF and chunked reads, §4.2 for signing), replayed against a card personalised
 * with fixed keys, dates and serials, so every response byte is reproducible. Every step carries
 * the status word the spec requires (`= SW`), checked by machine; `UPDATE_GOLDEN=1` re-records
 * the responses (then review the diff) and refuses to change an expected status word unless
 * `UPDATE_GOLDEN_SW=1` is set too. Format: ./golden-trace.ts.
 */
const dir = new URL('./golden/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.trace'));

describe('golden APDU traces', () => {
  it('has traces to replay', () => expect(files.length).toBeGreaterThanOrEqual(8));

  for (const file of files) {
    it(file, async () => {
      const url = new URL(file, dir);
      const text = readFileSync(url, 'utf8');
      const { steps, kind, atr } = parseTrace(text);
      const { send } = await openTestCard({ kind, ...(atr ? { atr } : {}) });
      const got: string[] = [];
      for (const s of steps) got.push(await send(s.cmd));
      if (process.env.UPDATE_GOLDEN) {
        writeFileSync(url, rerecord(text, got, process.env.UPDATE_GOLDEN_SW === '1'));
        return;
      }
      steps.forEach((s, i) => {
        const where = `${file}:${s.line + 1} > ${s.cmd}`;
        expect(s.rsp, `${where} has no recorded response`).not.toBeNull();
        expect(s.sw, `${where} has no expected status word (= SW)`).toMatch(/^[0-9A-F]{4}$/);
        expect(swOf(s.rsp!), `${where}: the recorded response ends with another SW`).toBe(s.sw);
        expect(swOf(got[i]!), `${where}: status word`).toBe(s.sw);
        expect(got[i], where).toBe(s.rsp);
      });
    });
  }
});

describe('re-recording golden traces', () => {
  const trace = '# t\n> 00200080\n< 63C3\n= 63C3\n> 00A4040C01D3\n< 9000\n= 9000\n';

  it('records new responses and keeps the expected status words when they hold', () => {
    const out = rerecord(trace, ['63C3', 'AB9000'], false);
    expect(out).toBe('# t\n> 00200080\n< 63C3\n= 63C3\n> 00A4040C01D3\n< AB9000\n= 9000\n');
    expect(rerecord(trace, ['63C3', '9000'], false)).toBe(trace);
  });

  it('refuses to change an expected status word without UPDATE_GOLDEN_SW', () => {
    expect(() => rerecord(trace, ['9000', '9000'], false)).toThrow(
      /UPDATE_GOLDEN_SW=1[\s\S]*expected SW 63C3, the card now answers 9000/,
    );
    expect(() => rerecord('> 00200080\n< 63C3\n', ['63C3'], false)).toThrow(/expected SW \(none\)/);
  });

  it('changes it with the explicit flag', () => {
    const out = rerecord(trace, ['9000', '9000'], true);
    expect(parseTrace(out).steps.map((s) => s.sw)).toEqual(['9000', '9000']);
  });
});
