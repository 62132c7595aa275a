import { type CommandApdu, concatBytes, encodeBerTlv, SW, u16 } from '@myna/apdu';
import { selectableOf } from '../ap/index.js';
import type { EfSpec } from '../ap/types.js';
import { type Answer, type CardContext, freshSession, ok, sw } from './context.js';

/** The select/read family: SELECT FILE, READ BINARY, READ RECORD. */

/**
 * SELECT FILE `00 A4`. spec: card.md §2.2. By DF name (P1 04, P2 0C/00, prefix names, P2 02
 * for the next occurrence), by EF id under the current DF (P1 02), MF quirks (P1 00).
 * P2 00 with Le returns an FCI `6F { 84 DF-name }` — the ISO 7816-4 §7.1.1 answer, since the
 * real card's is unknown (§11.2).
 */
export function select(card: CardContext, c: CommandApdu): Answer {
  const s = card.session;
  if (c.p1 === 0x04) {
    if (c.data.length < 1 || c.data.length > 16) return sw(SW.WRONG_LENGTH);
    if (![0x00, 0x02, 0x0c, 0x0e].includes(c.p2)) return sw(SW.WRONG_P1P2);
    const matches = selectableOf(card.image.element).filter((a) => startsWith(a.aid, c.data));
    if (matches.length === 0) return sw(SW.FILE_NOT_FOUND);
    let target = matches[0]!;
    if ((c.p2 & 0x03) === 0x02) {
      const cur = matches.findIndex((m) => m.id === s.ap);
      if (cur < 0 || cur + 1 >= matches.length) return sw(SW.FILE_NOT_FOUND);
      target = matches[cur + 1]!;
    }
    if (target.id === 'isd') {
      card.session = { ...freshSession(), admin: s.admin };
    } else {
      if (s.ap !== target.id) s.verified = new Set();
      s.ap = target.id;
      s.ef = null;
    }
    if ((c.p2 & 0x0c) === 0 && c.ne !== undefined) {
      return ok(encodeBerTlv({ tag: 0x6f, value: encodeBerTlv({ tag: 0x84, value: target.aid }) }));
    }
    return ok();
  }
  if (c.p1 === 0x00) {
    if (c.data.length === 0) return sw(s.ap === null ? SW.WRONG_P1P2 : SW.OK);
    if (c.data.length !== 2) return sw(SW.WRONG_LENGTH);
    if (c.data[0] === 0x3f && c.data[1] === 0x00) return sw(SW.FILE_NOT_FOUND);
    return selectEf(card, c);
  }
  if (c.p1 === 0x02) {
    if (c.data.length !== 2) return sw(SW.WRONG_LENGTH);
    return selectEf(card, c);
  }
  return sw(SW.WRONG_P1P2);
}

/** SELECT of an EF under the current DF; P2 00/04 with Le returns an FCP/FCI (card.md §2.2, §11.2). */
function selectEf(card: CardContext, c: CommandApdu): Answer {
  if (![0x00, 0x04, 0x0c].includes(c.p2)) return sw(SW.WRONG_P1P2);
  const fid = (c.data[0]! << 8) | c.data[1]!;
  const ef = card.efs().get(fid);
  if (!ef || !card.exists(fid, ef)) return sw(SW.FILE_NOT_FOUND);
  card.session.ef = fid;
  if (c.p2 !== 0x0c && c.ne !== undefined) {
    const size = ef.kind === 'binary' ? card.binary(fid).length : 0;
    const fcp = concatBytes(
      encodeBerTlv({ tag: 0x80, value: u16(size) }),
      encodeBerTlv({ tag: 0x82, value: Uint8Array.of(efDescriptor(ef)) }),
      encodeBerTlv({ tag: 0x83, value: c.data }),
    );
    return ok(encodeBerTlv({ tag: c.p2 === 0x04 ? 0x62 : 0x6f, value: fcp }));
  }
  return ok();
}

/**
 * READ BINARY `00 B0`. spec: card.md §2.3 (SFI in P1, 15-bit offsets, extended Le for a whole
 * EF), §12.5 (offset at/after the end → 6B00; a longer Le returns the rest with 9000),
 * §12.6 (certificate access), §12.8 (EF size = DER size).
 */
export function readBinary(card: CardContext, c: CommandApdu): Answer {
  if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
  let offset: number;
  let fid: number;
  if (c.p1 & 0x80) {
    if (c.p1 & 0x60) return sw(SW.WRONG_P1P2);
    const found = card.selectBySfi(c.p1 & 0x1f);
    if (typeof found !== 'number') return found;
    fid = found;
    offset = c.p2;
  } else {
    if (card.session.ef === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
    fid = card.session.ef;
    offset = (c.p1 << 8) | c.p2;
  }
  const ef = card.efs().get(fid)!;
  if (ef.kind !== 'binary') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
  if (!card.allowed(ef.read)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  const data = card.binary(fid);
  if (offset >= data.length) return sw(SW.OFFSET_OUTSIDE_EF);
  return ok(data.subarray(offset, offset + Math.min(c.ne, data.length - offset)));
}

/**
 * READ RECORD `00 B2 P1 P2`: P1 = record number, P2 = SFI << 3 | 4 (or 04 for the current EF).
 * spec: card.md §7 (`00 B2 01 0C 00` on the common AP). A record that does not exist → 6A86
 * (the number in P1 is out of range; 6A83 is not in the card's observed set).
 */
export function readRecord(card: CardContext, c: CommandApdu): Answer {
  if (c.data.length > 0 || c.ne === undefined) return sw(SW.WRONG_LENGTH);
  if (c.p1 === 0 || (c.p2 & 0x07) !== 0x04) return sw(SW.WRONG_P1P2);
  const sfi = c.p2 >> 3;
  let fid: number;
  if (sfi === 0) {
    if (card.session.ef === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
    fid = card.session.ef;
  } else {
    const found = card.selectBySfi(sfi);
    if (typeof found !== 'number') return found;
    fid = found;
  }
  const ef = card.efs().get(fid)!;
  if (ef.kind !== 'record') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
  if (!card.allowed(ef.read)) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  const rec = card.records(fid)[c.p1 - 1];
  if (!rec) return sw(SW.WRONG_P1P2);
  return ok(rec.subarray(0, Math.min(c.ne, rec.length)));
}

function startsWith(aid: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > aid.length) return false;
  for (let i = 0; i < prefix.length; i++) if (aid[i] !== prefix[i]) return false;
  return true;
}

/** ISO 7816-4 file descriptor byte: 01 transparent, 02/04 linear record, 08-ish internal. */
function efDescriptor(ef: EfSpec): number {
  switch (ef.kind) {
    case 'binary':
      return 0x01;
    case 'record':
      return 0x02;
    default:
      return 0x11; // internal EF (proprietary)
  }
}
