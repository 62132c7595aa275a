import { type CommandApdu, SW } from '@myna/apdu';
import type { Answer } from './commands/context.js';

/** GET RESPONSE `00 C0 00 00 Le` (ISO/IEC 7816-4 §11.5.1 / 2005 §7.6.1). */
export const INS_GET_RESPONSE = 0xc0;

/** `61xx`: xx more bytes wait for GET RESPONSE (00 = 256 or more). */
export const sw61 = (remaining: number): number => 0x6100 | (Math.min(remaining, 256) & 0xff);
/** `6Cxx`: wrong Le, xx is the exact length available (00 = 256). */
export const sw6c = (available: number): number => 0x6c00 | (available & 0xff);

/**
 * How a T=0 card answers (ISO/IEC 7816-3 §10.3.3, 7816-4 §5.3.4 "process completed, further
 * data" and "wrong Le"): the instruction runs as on T=1, then
 *
 * - an answer without data is returned as is;
 * - a case-2 command (Le, no data) whose answer is shorter than Le gets `6Cxx` (xx = the length
 *   available); its data are dropped, the reader repeats the command with P3 = xx;
 * - a case-2 command whose Le matches gets its data and SW at once;
 * - every other answer with data (case 4 — a T=0 reader sends it without Le — and case 1/3
 *   answers that carry data) is held back: the card answers `61xx` and serves it through
 *   GET RESPONSE, chunk by chunk (`61xx` again while more remain; the last chunk carries the
 *   instruction's own SW). A GET RESPONSE with Le larger than what remains gets `6Cxx`.
 *
 * Extended-length APDUs do not exist on T=0 (7816-3 §12.1: P3 is one byte): `6700`. GET RESPONSE
 * with nothing held back answers `6985`; with P1P2 ≠ 0000 `6A86`; without Le `6700`. Any other
 * command discards what was held back. Pure state (`pending`), owned by one card session.
 */
export class T0Responder {
  private pending: { data: Uint8Array; sw: number } | null = null;

  /** Clears what is held back (power-on, reset). */
  reset(): void {
    this.pending = null;
  }

  /** Whether this APDU is GET RESPONSE and must be served by `getResponse` instead of the card. */
  static isGetResponse(c: CommandApdu): boolean {
    return c.cla === 0x00 && c.ins === INS_GET_RESPONSE;
  }

  /**
   * The command the instruction sees. A T=0 reader transmits a case-4 APDU as a case-3 TPDU —
   * without Le (7816-3 §12.2.5; OpenSC's `sc_apdu2bytes` drops Le for T=0) — so a command with
   * data and no Le runs as case 4 with Ne = 256, and any answer data come through 61xx.
   */
  static asCase4(c: CommandApdu): CommandApdu {
    return c.data.length > 0 && c.ne === undefined ? { ...c, ne: 256 } : c;
  }

  /** GET RESPONSE: the next chunk of what the last instruction held back. */
  getResponse(c: CommandApdu): Answer {
    if (c.extended) return { sw: SW.WRONG_LENGTH };
    if (c.p1 !== 0 || c.p2 !== 0) return { sw: SW.WRONG_P1P2 };
    if (c.data.length > 0 || c.ne === undefined) return { sw: SW.WRONG_LENGTH };
    const p = this.pending;
    if (!p) return { sw: SW.CONDITIONS_NOT_SATISFIED };
    const n = p.data.length;
    if (c.ne > n) return { sw: sw6c(n) };
    const chunk = p.data.slice(0, c.ne);
    if (c.ne === n) {
      this.pending = null;
      return { sw: p.sw, data: chunk };
    }
    this.pending = { data: p.data.slice(c.ne), sw: p.sw };
    return { sw: sw61(n - c.ne), data: chunk };
  }

  /** Shapes an instruction's answer for T=0 (see the class comment). */
  respond(c: CommandApdu, answer: Answer): Answer {
    this.pending = null;
    const data = answer.data;
    if (!data || data.length === 0) return { sw: answer.sw };
    if (c.data.length === 0 && c.ne !== undefined) {
      if (data.length === c.ne) return answer;
      if (data.length < c.ne) return { sw: sw6c(data.length) };
    }
    this.pending = { data: data.slice(), sw: answer.sw };
    return { sw: sw61(data.length) };
  }
}
