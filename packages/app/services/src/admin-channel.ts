import { command, SW, swHex } from '@myna/apdu';
import { AID, type ApId, adminCryptogram, PIN_AP, PIN_FID, type PinId } from '@myna/card';
import type { MynaCardClient } from '@myna/client';
import { MynaError } from '@myna/errors';

/**
 * The authority's side of the card's administrative channel (a sandbox design, documented in
 * docs/faithfulness.md): GET CHALLENGE → EXTERNAL AUTHENTICATE with the card's issuer key, then
 * RESET RETRY COUNTER, WRITE EF, PUT KEY — through whatever reader the card is in. Only the
 * authority holds issuer keys; kiosks and counters are terminals and cannot do this themselves.
 */
export class AdminSession {
  private constructor(private readonly client: MynaCardClient) {}

  /** Authenticates as the issuer of the card (`serial`, `adminKey` from the card record). */
  static async open(
    client: MynaCardClient,
    card: { serial: string; adminKey: Uint8Array },
  ): Promise<AdminSession> {
    const ch = await client.send(command(0x00, 0x84, 0x00, 0x00, undefined, 16));
    if (ch.sw !== SW.OK) throw admin(ch.sw, 'GET CHALLENGE');
    const r = await client.send(
      command(0x00, 0x82, 0x00, 0x00, adminCryptogram(card.adminKey, card.serial, ch.data)),
    );
    if (r.sw !== SW.OK) throw admin(r.sw, 'EXTERNAL AUTHENTICATE');
    return new AdminSession(client);
  }

  private async select(ap: ApId): Promise<void> {
    const r = await this.client.send(command(0x00, 0xa4, 0x04, 0x0c, AID[ap]));
    if (r.sw !== SW.OK) throw admin(r.sw, `SELECT ${ap}`);
  }

  /** New value and a full counter (P1 02), or a full counter keeping the value (P1 03, `value` null). */
  async resetPin(pin: PinId, value: string | null): Promise<void> {
    await this.select(PIN_AP[pin]);
    const p2 = 0x80 | PIN_FID[pin];
    const r = await this.client.send(
      value === null
        ? command(0x00, 0x2c, 0x03, p2)
        : command(0x00, 0x2c, 0x02, p2, new TextEncoder().encode(value)),
    );
    if (r.sw === SW.WRONG_DATA) throw new MynaError('PIN_FORMAT', { pin }, { sw: r.sw });
    if (r.sw !== SW.OK) throw admin(r.sw, `RESET RETRY COUNTER ${pin}`);
  }

  /**
   * Removes a holder PIN's reference data (sandbox ERASE REFERENCE DATA `80 2C 00`): VERIFY then
   * answers 6300 (status) / 6A88 (a value), as on a face-authentication card, until `resetPin` sets a value again.
   */
  async erasePin(pin: PinId): Promise<void> {
    await this.select(PIN_AP[pin]);
    const r = await this.client.send(command(0x80, 0x2c, 0x00, 0x80 | PIN_FID[pin]));
    if (r.sw !== SW.OK) throw admin(r.sw, `ERASE REFERENCE DATA ${pin}`);
  }

  /** Replaces the content of a transparent EF (sandbox WRITE EF `80 D6`). */
  async writeEf(ap: ApId, fid: number, content: Uint8Array): Promise<void> {
    await this.select(ap);
    const r = await this.client.send(command(0x80, 0xd6, 0x00, 0x80 | fid, content));
    if (r.sw !== SW.OK) throw admin(r.sw, `WRITE EF ${ap} ${fid}`);
  }

  /** Replaces (or with `null` removes) the private key of a key EF (sandbox PUT KEY `80 DA`). */
  async putKey(ap: ApId, fid: number, pkcs8: Uint8Array | null): Promise<void> {
    await this.select(ap);
    const r = await this.client.send(command(0x80, 0xda, 0x00, 0x80 | fid, pkcs8 ?? new Uint8Array(0)));
    if (r.sw !== SW.OK) throw admin(r.sw, `PUT KEY ${ap} ${fid}`);
  }
}

function admin(sw: number, during: string): MynaError {
  return new MynaError('CARD_ERROR', { sw: swHex(sw), during }, { sw });
}
