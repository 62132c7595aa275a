import { type CommandApdu, SW } from '@myna/apdu';
import { externalAuthenticate, issuerOnly, putKey, writeEf } from './admin.js';
import { type Answer, type CardContext, sw } from './context.js';
import { getData } from './data.js';
import { readBinary, readRecord, select } from './file.js';
import { changeReferenceData, eraseReferenceData, resetRetryCounter, verify } from './pin.js';
import {
  computeDigitalSignature,
  getChallenge,
  internalAuthenticate,
  setPublicIcKey,
  setSessionKey,
} from './security.js';

/** One instruction's handler. */
export type Handler = (card: CardContext, c: CommandApdu) => Answer | Promise<Answer>;

/** The table key of an instruction: CLA (00 interindustry, 80 JICSAP/proprietary) and INS. */
const key = (cla: 0x00 | 0x80, ins: number): number => (cla << 8) | ins;

/**
 * Every instruction the card knows, keyed by CLA/INS; anything else → 6D00 (card.md §12.3).
 * Handlers live by family: `file.ts` (select/read), `pin.ts` (verify/change/reset), `security.ts`
 * (challenge/authenticate/sign), `admin.ts` (issuer channel), `data.ts` (get data).
 */
export const INSTRUCTIONS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  // Interindustry (CLA 00)
  [key(0x00, 0xa4), select],
  [key(0x00, 0xb0), readBinary],
  [key(0x00, 0xb2), readRecord],
  [key(0x00, 0x20), verify],
  [key(0x00, 0x24), (card, c) => changeReferenceData(card, c, 0x01)],
  [key(0x00, 0x84), getChallenge],
  [key(0x00, 0xca), getData],
  [key(0x00, 0x88), internalAuthenticate],
  [key(0x00, 0x82), externalAuthenticate],
  [key(0x00, 0x2c), resetRetryCounter],
  // MANAGE CHANNEL: only the basic channel exists (card.md §2.4).
  [key(0x00, 0x70), () => sw(SW.LOGICAL_CHANNEL_NOT_SUPPORTED)],
  // JICSAP / proprietary (CLA 80)
  [key(0x80, 0x2a), computeDigitalSignature],
  [key(0x80, 0x32), (card, c) => changeReferenceData(card, c, 0x00)],
  [key(0x80, 0x2c), eraseReferenceData],
  [key(0x80, 0xd6), writeEf],
  [key(0x80, 0xda), putKey],
  [key(0x80, 0xae), setSessionKey],
  // iPhone-token "last command": 6700 on physical cards (card.md §2.4).
  [key(0x80, 0xfc), () => sw(SW.WRONG_LENGTH)],
  [key(0x80, 0xa2), setPublicIcKey],
  [key(0x80, 0x50), issuerOnly],
  [key(0x80, 0x52), issuerOnly],
  [key(0x80, 0x54), issuerOnly],
  [key(0x80, 0x8a), issuerOnly],
]);

/**
 * CLA/INS dispatch. spec: card.md §2.4 (channels, SM), §12.3 (6D00/6E00). The class checks leave
 * only CLA 00 and 80; the table then picks the handler.
 */
export function dispatch(card: CardContext, c: CommandApdu): Promise<Answer> | Answer {
  const cla = c.cla;
  if (cla === 0xff || (cla & 0x60) === 0x20) return sw(SW.CLA_NOT_SUPPORTED);
  // Further interindustry classes (channels 4–19) and channel bits 1–3.
  if ((cla & 0x40) !== 0 || (cla & 0x03) !== 0) return sw(SW.LOGICAL_CHANNEL_NOT_SUPPORTED);
  if ((cla & 0x10) !== 0) return sw(SW.CLA_NOT_SUPPORTED); // command chaining
  if ((cla & 0x0c) !== 0) {
    // Secure messaging outside a kenhojo SM session (spec: card.md §2.4).
    return sw(c.ins === 0xb0 || c.ins === 0x20 ? SW.SM_SESSION_BROKEN : SW.SECURE_MESSAGING_NOT_SUPPORTED);
  }
  const handler = INSTRUCTIONS.get(key(cla === 0x00 ? 0x00 : 0x80, c.ins));
  return handler ? handler(card, c) : sw(SW.INS_NOT_SUPPORTED);
}
