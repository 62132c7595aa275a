import { type CommandApdu, SW } from '@myna/apdu';
import { atrProfile } from '../atr.js';
import { type Answer, type CardContext, ok, sw } from './context.js';

/** The get-data family: card-level data objects. */

/**
 * GET DATA `00 CA P1P2 Le` (card.md §2.4): card-level objects at MF level only; 5F51 (the chip's
 * contact ATR without TS, per the card's ATR profile: atr.ts) also inside an application. Absent → 6A88; Le shorter than the object → 6700.
 */
export function getData(card: CardContext, c: CommandApdu): Answer {
  if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
  const tag = (c.p1 << 8) | c.p2;
  const obj =
    tag === 0x5f51
      ? atrProfile(card.image.atr).contactAtr.subarray(1)
      : card.session.ap === null
        ? card.image.getData[tag]
        : undefined;
  if (!obj) return sw(SW.DATA_NOT_FOUND);
  if (c.ne < obj.length) return sw(SW.WRONG_LENGTH);
  return ok(obj);
}
