import { createPrivateKey, type KeyObject } from 'node:crypto';
import { type CommandApdu, SW } from '@myna/apdu';
import { checkAdminCryptogram, MIN_ADMIN_CHALLENGE } from '../admin.js';
import { applyImagePatch } from '../ports.js';
import { type Answer, type CardContext, ok, sw } from './context.js';

/**
 * The administrative family: the sandbox's issuer channel — EXTERNAL AUTHENTICATE, WRITE EF,
 * PUT KEY (not the real card's, whose issuer commands are not public: card.md §9; see
 * ../admin.ts and docs/faithfulness.md) — and the real card's issuer commands, which stop at
 * issuer security. RESET RETRY COUNTER and ERASE REFERENCE DATA need the same authentication
 * and live with the other PIN commands in `pin.ts`.
 */

/** EXTERNAL AUTHENTICATE `00 82 00 00 20 <cryptogram>` — the sandbox's issuer authentication (admin.ts). */
export function externalAuthenticate(card: CardContext, c: CommandApdu): Answer {
  if (c.p1 !== 0 || c.p2 !== 0) return sw(SW.WRONG_P1P2);
  if (c.data.length !== 32) return sw(SW.WRONG_LENGTH);
  const challenge = card.session.challenge;
  card.session.challenge = null;
  if (!challenge || challenge.length < MIN_ADMIN_CHALLENGE) return sw(SW.CONDITIONS_NOT_SATISFIED);
  const good = checkAdminCryptogram(card.image.adminKey, card.image.serial, challenge, c.data);
  card.session.admin = good;
  card.notify([
    {
      type: good ? 'admin.authenticated' : 'admin.failed',
      cardId: card.id,
      terminal: card.terminal,
      at: card.now(),
    },
  ]);
  return sw(good ? SW.OK : SW.VERIFICATION_FAILED);
}

/**
 * WRITE EF `80 D6 00 P2 <content>` — sandbox administrative command (docs/faithfulness.md):
 * replaces the whole content of a transparent EF of the current application (P2 80 = current
 * EF, 80|SFI). Needs issuer authentication (else 6982). Used for certificate renewal.
 */
export async function writeEf(card: CardContext, c: CommandApdu): Promise<Answer> {
  if (!card.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
  const ap = card.session.ap;
  if (ap === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
  const fid = c.p2 === 0x80 ? card.session.ef : (c.p2 & 0xe0) === 0x80 ? c.p2 & 0x1f : -1;
  if (fid === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
  if (fid < 0 || fid === 0x1f) return sw(SW.WRONG_P1P2);
  const ef = card.efs().get(fid);
  if (!ef) return sw(SW.FILE_NOT_FOUND);
  if (ef.kind !== 'binary') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
  const content = c.data.slice();
  const event = card.adminEvent(`${ap}/EF ${fid.toString(16).padStart(4, '0')}`);
  await card.opts.store.updateImage(card.id, { files: [{ ap, fid, content }] }, [event]);
  card.image = applyImagePatch(card.image, { files: [{ ap, fid, content }] });
  card.notify([event]);
  return ok();
}

/**
 * PUT KEY `80 DA 00 P2 <PKCS#8>` — sandbox administrative command: replaces the RSA-2048 private
 * key of a key EF (P2 80|SFI or 80); empty data removes it. Needs issuer authentication.
 */
export async function putKey(card: CardContext, c: CommandApdu): Promise<Answer> {
  if (!card.session.admin) return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (c.p1 !== 0x00) return sw(SW.WRONG_P1P2);
  const target = card.keyTarget(c.p2, false);
  if ('sw' in target) return target;
  let key: KeyObject | null = null;
  if (c.data.length > 0) {
    try {
      key = createPrivateKey({ key: Buffer.from(c.data), format: 'der', type: 'pkcs8' });
    } catch {
      return sw(SW.WRONG_DATA);
    }
    if (key.asymmetricKeyType !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== 2048)
      return sw(SW.WRONG_DATA);
  }
  const pkcs8 = c.data.length > 0 ? c.data.slice() : null;
  const event = card.adminEvent(`key ${target.ef.key}`);
  await card.opts.store.updateImage(card.id, { keys: [{ key: target.ef.key, pkcs8 }] }, [event]);
  card.image = applyImagePatch(card.image, { keys: [{ key: target.ef.key, pkcs8 }] });
  const keys = new Map(card.keys);
  if (key) keys.set(target.ef.key, key);
  else keys.delete(target.ef.key);
  card.keys = keys;
  card.notify([event]);
  return ok();
}

/**
 * LOCK/UNLOCK DF `80 50`/`80 52`, UNLOCK KEY `80 54`, MANAGE ATTRIBUTES `80 8A`: the real card's
 * issuer commands, behind issuer security the sandbox does not open for them → 6982 (card.md §2.4).
 */
export function issuerOnly(): Answer {
  return sw(SW.SECURITY_STATUS_NOT_SATISFIED);
}
