import {
  constants,
  createHash,
  createHmac,
  createPublicKey,
  type KeyObject,
  publicDecrypt,
  randomBytes,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import {
  type BerTlv,
  type CommandApdu,
  command,
  concatBytes,
  decodeBerTlv,
  decodeBerTlvAt,
  decodeBerTlvs,
  encodeCommand,
  findTlv,
  fromAscii,
  fromUtf8,
  parseResponse,
  type ResponseApdu,
  SW,
  swHex,
  triesLeftOf,
} from '@myna/apdu';
import { AID, type ApId, EF, PIN_AP, PIN_FID, PIN_RULES, type PinId } from '@myna/card/facts';
import { MynaError } from '@myna/errors';
import type { Transport } from './transport.js';

/** What a status query (empty VERIFY) tells about one PIN. Spends no try. */
export interface PinStatus {
  readonly pin: PinId;
  readonly ap: ApId;
  /** False when the PIN has no reference data (face-authentication card; signature password under 15): 6300. */
  readonly set: boolean;
  readonly triesLeft: number;
  readonly maxTries: number;
  readonly blocked: boolean;
}

export interface VerifyOptions {
  /** Spending the last remaining try needs this (else PIN_LAST_TRY, nothing sent). */
  readonly confirmLastTry?: boolean;
  /**
   * Sending a value this client already verified for a PIN of *another* application needs this
   * (else PIN_RESEND_REFUSED, nothing sent): the pitfall of apps that assume the 券面事項入力補助
   * PIN equals the user-authentication PIN.
   */
  readonly allowResendToOtherApplication?: boolean;
}

export type HashAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** DER prefixes of DigestInfo (RFC 8017 §9.2 note 1). */
const DIGEST_INFO: Record<HashAlgorithm, string> = {
  sha1: '3021300906052b0e03021a05000414',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

export type CertificateName = 'auth' | 'sign' | 'authCa' | 'signCa';
const CERT_EF: Record<CertificateName, number> = {
  auth: EF.jpki.authCert,
  sign: EF.jpki.signCert,
  authCa: EF.jpki.authCaCert,
  signCa: EF.jpki.signCaCert,
};

export interface BasicFourInfo {
  readonly name: string;
  readonly address: string;
  /** YYYYMMDD as on the card. */
  readonly birthDate: string;
  readonly sex: string;
}

export interface IntegrityCheck {
  readonly myNumberHashOk: boolean;
  readonly basicFourHashOk: boolean;
  readonly signatureOk: boolean;
}

export interface FaceData {
  readonly birthDate: string;
  readonly sex: string;
  readonly namePng: Uint8Array;
  readonly addressPng: Uint8Array;
  /** JPEG 2000. */
  readonly photo: Uint8Array;
  readonly expiry: string;
  readonly securityCodePng: Uint8Array;
  /** DF28 verified against the 券面確認AP's CV certificate (EF 0004). */
  readonly signatureOk: boolean;
}

/**
 * The My Number Card as an application programmer meets it: select, PIN status, a safe VERIFY,
 * certificates, signatures, and the 券面 applications' data. Works on any `Transport` — a
 * virtual card or a real one in a reader: it sends the same APDUs (spec: card.md §4.3, §5, §6).
 *
 * Safe PIN policy: it reads the tries left before every VERIFY; refuses when blocked; needs
 * `confirmLastTry` to spend the last try; never re-sends a value verified for one application to
 * another unless asked; checks the format before sending (a malformed value would cost a try:
 * card.md §12.2). Every refusal and every failure is a `MynaError` from the catalog with the
 * tries left in `details`.
 */
/** EF 0006 tokens of the smartphone elements: Android GP-SE, iPhone (card.md §4.1; jpki/myna `src/jpki.rs`). */
export const PHONE_TOKENS: ReadonlySet<string> = new Set(['JPKIAPGPSETOKEN', 'JPKIAPIOSTOKEN']);

export class MynaCardClient {
  private readonly salt = randomBytes(16);
  /** Keyed digests of the values verified in this client, per PIN (never the values). */
  private readonly verified = new Map<PinId, Buffer>();
  /** EF 0006's token once read in this session (`tokenLabel`). */
  private token: string | undefined;

  constructor(readonly transport: Transport) {}

  // ───────────────────────── low level ─────────────────────────

  /**
   * Sends one command and returns its complete response. A card speaking T=0 (ISO/IEC 7816-3
   * §10.3, 7816-4 §5.3.4) — NFC and contact readers may pass its TPDU-level answers on — is
   * handled here, for every transport: `6Cxx` (wrong Le) → the same command again with Le = xx;
   * `61xx` → GET RESPONSE `00 C0 00 00 xx` until the last chunk, whose SW is the command's.
   */
  async send(c: CommandApdu): Promise<ResponseApdu> {
    let r = await this.sendOnce(c);
    if (r.sw >> 8 === 0x6c && c.ne !== undefined && r.data.length === 0)
      r = await this.sendOnce({ ...c, ne: r.sw & 0xff || 256, extended: false });
    if (r.sw >> 8 !== 0x61) return r;
    const parts: Uint8Array[] = [r.data];
    for (let n = 0; r.sw >> 8 === 0x61; n++) {
      // 64 KiB is more than any answer of this card: a card that never stops is broken.
      if (n > 256) throw new MynaError('TRANSPORT_ERROR', { transport: this.transport.label });
      r = await this.sendOnce(command(0x00, 0xc0, 0x00, 0x00, undefined, r.sw & 0xff || 256));
      parts.push(r.data);
    }
    return { sw: r.sw, data: concatBytes(...parts) };
  }

  private async sendOnce(c: CommandApdu): Promise<ResponseApdu> {
    const rsp = await this.transport.transmit(encodeCommand(c));
    try {
      return parseResponse(rsp);
    } catch (e) {
      throw new MynaError('TRANSPORT_ERROR', { transport: this.transport.label }, { cause: e });
    }
  }

  private async expectOk(c: CommandApdu, during: string): Promise<Uint8Array> {
    const r = await this.send(c);
    if (r.sw !== SW.OK) throw cardError(r.sw, during);
    return r.data;
  }

  /** SELECT the application by DF name (`00 A4 04 0C`). */
  async select(ap: ApId): Promise<void> {
    await this.expectOk(command(0x00, 0xa4, 0x04, 0x0c, AID[ap]), `SELECT ${ap}`);
  }

  /**
   * Reads a whole transparent EF by SFI: one extended READ BINARY, falling back to 256-byte chunks
   * for readers without extended-length support (card.md §2.3).
   */
  async readEf(ap: ApId, fid: number): Promise<Uint8Array> {
    await this.select(ap);
    const first = await this.send(command(0x00, 0xb0, 0x80 | fid, 0x00, undefined, 65536));
    if (first.sw === SW.OK) return first.data;
    if (first.sw !== SW.WRONG_LENGTH) throw cardError(first.sw, `READ BINARY ${ap} ${hex4(fid)}`);
    const parts: Uint8Array[] = [];
    const head = await this.expectOk(command(0x00, 0xb0, 0x80 | fid, 0x00, undefined, 256), 'READ BINARY');
    parts.push(head);
    for (let offset = head.length; head.length === 256; ) {
      const r = await this.send(command(0x00, 0xb0, offset >> 8, offset & 0xff, undefined, 256));
      if (r.sw === SW.OFFSET_OUTSIDE_EF) break;
      if (r.sw !== SW.OK) throw cardError(r.sw, 'READ BINARY');
      parts.push(r.data);
      offset += r.data.length;
      if (r.data.length < 256) break;
    }
    return concatBytes(...parts);
  }

  // ───────────────────────── PINs ─────────────────────────

  /** A status query (`00 20 00 <ref>` without data): spends no try (card.md §3). */
  async pinStatus(pin: PinId): Promise<PinStatus> {
    const ap = PIN_AP[pin];
    await this.select(ap);
    const r = await this.send(command(0x00, 0x20, 0x00, 0x80 | PIN_FID[pin]));
    const maxTries = PIN_RULES[pin].maxTries;
    // No reference data (face-authentication card, signature password under 15): 6300, SW1 63
    // without a counter (docs/faithfulness.md); 6A88 as cards of other makes may answer.
    if (r.sw === SW.VERIFICATION_FAILED || r.sw === SW.DATA_NOT_FOUND)
      return { pin, ap, set: false, triesLeft: 0, maxTries, blocked: false };
    const t = triesLeftOf(r.sw);
    if (t === undefined) throw cardError(r.sw, `PIN status ${pin}`);
    return { pin, ap, set: true, triesLeft: t, maxTries, blocked: t === 0 };
  }

  /** Verifies a PIN under the safe policy. Resolves with the tries left (full) on success. */
  async verifyPin(pin: PinId, value: string, opts: VerifyOptions = {}): Promise<PinStatus> {
    // The signature password is registered in upper case; J-LIS clients convert input (card.md §3).
    const v = pin === 'sign' ? value.toUpperCase() : value;
    if (!PIN_RULES[pin].check(v))
      throw new MynaError('PIN_FORMAT', { ...this.pinOf(pin), rule: PIN_RULES[pin].rule });
    const digest = createHmac('sha256', this.salt).update(v).digest();
    if (!opts.allowResendToOtherApplication) {
      for (const [other, d] of this.verified) {
        if (PIN_AP[other] !== PIN_AP[pin] && timingSafeEqual(d, digest)) {
          throw new MynaError('PIN_RESEND_REFUSED', { ...this.pinOf(pin), verifiedFor: other });
        }
      }
    }
    const status = await this.pinStatus(pin);
    if (!status.set) throw new MynaError('PIN_NOT_SET', this.pinOf(pin));
    // Already locked: nothing is sent, the attempt did not count (`counted: false`).
    if (status.blocked)
      throw new MynaError('PIN_BLOCKED', { ...this.pinOf(pin), triesLeft: 0, counted: false });
    if (status.triesLeft === 1 && !opts.confirmLastTry)
      throw new MynaError('PIN_LAST_TRY', { ...this.pinOf(pin), triesLeft: 1 });
    const r = await this.send(command(0x00, 0x20, 0x00, 0x80 | PIN_FID[pin], new TextEncoder().encode(v)));
    if (r.sw === SW.OK) {
      this.verified.set(pin, digest);
      return { ...status, triesLeft: status.maxTries, blocked: false };
    }
    this.verified.delete(pin);
    const t = triesLeftOf(r.sw);
    if (t !== undefined && t > 0)
      throw new MynaError('PIN_WRONG', { ...this.pinOf(pin), triesLeft: t }, { sw: r.sw });
    // 63C0: this wrong value used the last try and locked the PIN — the attempt counted.
    // 6984 (6983 on other cards): the PIN was locked before — it did not (spec: docs/faithfulness.md).
    if (t === 0)
      throw new MynaError(
        'PIN_BLOCKED',
        { ...this.pinOf(pin), triesLeft: 0, counted: true, justBlocked: true },
        { sw: r.sw },
      );
    if (r.sw === SW.REFERENCE_BLOCKED || r.sw === 0x6983)
      throw new MynaError('PIN_BLOCKED', { ...this.pinOf(pin), triesLeft: 0, counted: false }, { sw: r.sw });
    if (r.sw === SW.DATA_NOT_FOUND) throw new MynaError('PIN_NOT_SET', this.pinOf(pin), { sw: r.sw });
    throw cardError(r.sw, `VERIFY ${pin}`);
  }

  /**
   * Changes a holder PIN: VERIFY the current value (safe policy), then CHANGE REFERENCE DATA
   * (`00 24 01`; `80 32 00` for the 住基 and common PINs — card.md §9).
   */
  async changePin(
    pin: 'auth' | 'sign' | 'kenhojo' | 'juki' | 'common',
    current: string,
    next: string,
    opts: VerifyOptions = {},
  ): Promise<void> {
    const n = pin === 'sign' ? next.toUpperCase() : next;
    if (!PIN_RULES[pin].check(n)) throw new MynaError('PIN_FORMAT', { pin, rule: PIN_RULES[pin].rule });
    await this.verifyPin(pin, current, opts);
    const data = new TextEncoder().encode(n);
    const c =
      pin === 'juki' || pin === 'common'
        ? command(0x80, 0x32, 0x00, 0x80 | PIN_FID[pin], data)
        : command(0x00, 0x24, 0x01, 0x80 | PIN_FID[pin], data);
    const r = await this.send(c);
    if (r.sw === SW.OK) {
      this.verified.set(pin, createHmac('sha256', this.salt).update(n).digest());
      return;
    }
    if (r.sw === SW.WRONG_DATA)
      throw new MynaError('PIN_FORMAT', { pin, rule: PIN_RULES[pin].rule }, { sw: r.sw });
    if (r.sw === SW.SECURITY_STATUS_NOT_SATISFIED)
      throw new MynaError('PIN_NOT_VERIFIED', { pin }, { sw: r.sw });
    throw cardError(r.sw, `CHANGE ${pin}`);
  }

  /** Forgets which values were verified (e.g. when the card is removed). */
  forgetVerified(): void {
    this.verified.clear();
  }

  // ───────────────────────── JPKI ─────────────────────────

  /** A certificate, DER (the sign certificate needs the signature password verified first). */
  async readCertificate(name: CertificateName): Promise<Uint8Array> {
    const ef = await this.readEf('jpki', CERT_EF[name]);
    if (ef.length === 0) throw new MynaError('CERTIFICATE_NOT_FOUND', { certificate: name });
    return trimDer(ef);
  }

  /** EF 0008: which certificates the card carries (card.md §4.1). */
  async certificateAvailability(): Promise<{ sign: boolean; auth: boolean }> {
    const b = await this.readEf('jpki', EF.jpki.certAvailability);
    return { sign: b[0] !== 0x00, auth: b[1] !== 0x00 };
  }

  /**
   * EF 0006 token label, trimmed (e.g. "JPKIAPICCTOKEN2"). Kept for the session: once read, the
   * client knows whether it talks to a card or a smartphone element (`element()`), and names the
   * phone's passwords in its PIN errors (`element: 'phone'`).
   */
  async tokenLabel(): Promise<string> {
    const b = await this.readEf('jpki', EF.jpki.tokenInfo);
    this.token = fromAscii(b.subarray(0, 32)).trimEnd();
    return this.token;
  }

  /**
   * `phone` on a smartphone element (EF 0006 token `JPKIAPGPSETOKEN` / `JPKIAPIOSTOKEN`, card.md
   * §4.1), `card` otherwise — as jpki/myna tells them apart (`src/jpki.rs`). Reads EF 0006 once.
   */
  async element(): Promise<'card' | 'phone'> {
    return PHONE_TOKENS.has(this.token ?? (await this.tokenLabel())) ? 'phone' : 'card';
  }

  /** A PIN error's `pin` detail, with `element: 'phone'` for a phone's JPKI passwords once known. */
  private pinOf(pin: PinId): { pin: PinId; element?: 'phone' } {
    const phone =
      (pin === 'auth' || pin === 'sign') && this.token !== undefined && PHONE_TOKENS.has(this.token);
    return phone ? { pin, element: 'phone' } : { pin };
  }

  /**
   * Signs `data` with the user-authentication or signature key: the SDK hashes, builds the
   * DigestInfo and the card pads (P1 00, card.md §4.2). The key's PIN must have been verified
   * through this client in this session, or `pin` given (verified here under the safe policy).
   */
  async sign(
    key: 'auth' | 'sign',
    data: Uint8Array,
    opts: { hash?: HashAlgorithm; pin?: string } & VerifyOptions = {},
  ): Promise<Uint8Array> {
    if (opts.pin !== undefined) await this.verifyPin(key, opts.pin, opts);
    else await this.select('jpki');
    const hash = opts.hash ?? 'sha256';
    const di = concatBytes(Buffer.from(DIGEST_INFO[hash], 'hex'), createHash(hash).update(data).digest());
    const fid = key === 'auth' ? EF.jpki.authKey : EF.jpki.signKey;
    const r = await this.send(command(0x80, 0x2a, 0x00, 0x80 | fid, di, 256));
    if (r.sw === SW.OK) return r.data;
    if (r.sw === SW.SECURITY_STATUS_NOT_SATISFIED)
      throw new MynaError('PIN_NOT_VERIFIED', { pin: key }, { sw: r.sw });
    throw cardError(r.sw, `SIGN ${key}`);
  }

  /**
   * Signs bytes prepared by the caller (a bare hash, or a DER DigestInfo a relying party built):
   * the card pads them with PKCS#1 v1.5 type 1 as given (`80 2A 00 80`, card.md §4.2). The key's
   * PIN must have been verified through this client in this session.
   */
  async signPrepared(key: 'auth' | 'sign', input: Uint8Array): Promise<Uint8Array> {
    if (input.length < 1 || input.length > 245)
      throw new MynaError('INVALID_ARGUMENT', { field: 'input', rule: '1–245 bytes' });
    await this.select('jpki');
    const fid = key === 'auth' ? EF.jpki.authKey : EF.jpki.signKey;
    const r = await this.send(command(0x80, 0x2a, 0x00, 0x80 | fid, input, 256));
    if (r.sw === SW.OK) return r.data;
    if (r.sw === SW.SECURITY_STATUS_NOT_SATISFIED)
      throw new MynaError('PIN_NOT_VERIFIED', { pin: key }, { sw: r.sw });
    throw cardError(r.sw, `SIGN ${key}`);
  }

  // ───────────────────────── 券面事項入力補助AP ─────────────────────────

  /** 個人番号 (needs the 券面事項入力補助 PIN or 照合番号A verified). */
  async readMyNumber(): Promise<string> {
    const ef = await this.readEf('kenhojo', EF.kenhojo.myNumber);
    return fromAscii(decodeBerTlv(ef, { allowPadding: true }).value);
  }

  /** 基本4情報 (needs the 券面事項入力補助 PIN or 照合番号B). */
  async readBasicFour(): Promise<BasicFourInfo> {
    const ef = await this.readEf('kenhojo', EF.kenhojo.basicFour);
    const kids = decodeBerTlvs(decodeBerTlv(ef, { allowPadding: true }).value);
    const text = (tag: number) => fromUtf8(need(kids, tag).value);
    return { name: text(0xdf22), address: text(0xdf23), birthDate: text(0xdf24), sex: text(0xdf25) };
  }

  /** Checks EF 0003 against EF 0001/0002 and the CV certificate of EF 0004 (card.md §5). */
  async checkKenhojoIntegrity(): Promise<IntegrityCheck> {
    const ef1 = await this.readEf('kenhojo', EF.kenhojo.myNumber);
    const ef2 = await this.readEf('kenhojo', EF.kenhojo.basicFour);
    const ef3 = await this.readEf('kenhojo', EF.kenhojo.integrity);
    const cv = await this.readEf('kenhojo', EF.kenhojo.cvCert);
    // DF32 hashes EF 0002's outer value from DF22 to its end (the DF21 offset table excluded).
    const { node: outer2, next: end2 } = decodeBerTlvAt(ef2, 0);
    const valueStart = end2 - outer2.value.length;
    const df21 = decodeBerTlvAt(outer2.value, 0);
    const kids = decodeBerTlvs(decodeBerTlv(ef3, { allowPadding: true }).value);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest();
    // DF31 hashes the 17-byte EF 0001 including its FF FF filler.
    const myNumberHashOk = sha(ef1.subarray(0, 17)).equals(need(kids, 0xdf31).value);
    const basicFourHashOk = sha(ef2.subarray(valueStart + df21.next, end2)).equals(need(kids, 0xdf32).value);
    const signed = ef3.subarray(5, 5 + 70);
    const signatureOk = verify('sha256', signed, cvPublicKey(cv), need(kids, 0xdf33).value);
    return { myNumberHashOk, basicFourHashOk, signatureOk };
  }

  // ───────────────────────── 券面事項確認AP ─────────────────────────

  /** The card face (needs 照合番号A or B verified in the 券面確認AP), with its signature checked. */
  async readFace(): Promise<FaceData> {
    const ef = await this.readEf('kenkaku', EF.kenkaku.face);
    const cv = await this.readEf('kenkaku', EF.kenkaku.cvCert);
    const outer = decodeBerTlv(ef, { allowPadding: true });
    const kids = decodeBerTlvs(outer.value).slice(1);
    const enc = (tag: number) => {
      const k = need(kids, tag);
      return outer.value.subarray(k.offset!, k.offset! + tagLen(tag) + (k.lengthBytes ?? 1) + k.value.length);
    };
    const sha = (...b: Uint8Array[]) =>
      createHash('sha256')
        .update(concatBytes(...b))
        .digest();
    const digests = concatBytes(
      sha(enc(0xdf22), enc(0xdf23), enc(0xdf24)),
      sha(enc(0xdf25), enc(0xdf26)),
      sha(enc(0xdf27)),
    );
    const signatureOk = verifyDigestInfo96(cvPublicKey(cv), digests, need(kids, 0xdf28).value);
    const v = (tag: number) => need(kids, tag).value;
    return {
      birthDate: fromAscii(v(0xdf22)),
      sex: fromAscii(v(0xdf23)),
      namePng: v(0xdf25),
      addressPng: v(0xdf26),
      photo: v(0xdf27),
      expiry: fromAscii(v(0xdf29)),
      securityCodePng: v(0xdf2a),
      signatureOk,
    };
  }
}

function need(kids: readonly BerTlv[], tag: number): BerTlv {
  const k = findTlv(kids, tag);
  if (!k) throw new MynaError('CARD_ERROR', { missingTag: tag.toString(16).toUpperCase() });
  return k;
}

function tagLen(tag: number): number {
  return tag > 0xffff ? 3 : tag > 0xff ? 2 : 1;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function cardError(sw: number, during: string): MynaError {
  if (sw === SW.SECURITY_STATUS_NOT_SATISFIED) return new MynaError('PIN_NOT_VERIFIED', { during }, { sw });
  return new MynaError('CARD_ERROR', { sw: swHex(sw), during }, { sw });
}

/** A DER certificate EF: the DER object alone (`30 82 LL LL …`), whatever follows it. */
function trimDer(ef: Uint8Array): Uint8Array {
  return ef.subarray(0, decodeBerTlvAt(ef, 0).next);
}

/** The RSA key of a CV certificate `7F21 { 5F4E { 16 B ‖ 16 B ‖ 90 e ‖ 91 n }, 5F37 sig }`. */
function cvPublicKey(cv: Uint8Array): KeyObject {
  const body = decodeBerTlvs(decodeBerTlv(cv, { allowPadding: true }).value);
  const key = decodeBerTlvs(need(body, 0x5f4e).value.subarray(32));
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  return createPublicKey({
    key: { kty: 'RSA', n: b64(need(key, 0x91).value), e: b64(need(key, 0x90).value) },
    format: 'jwk',
  });
}

/** PKCS#1 v1.5 over DigestInfo { sha256, OCTET STRING (96) } (the 券面確認AP's DF28, card.md §6). */
function verifyDigestInfo96(key: KeyObject, digests: Uint8Array, sig: Uint8Array): boolean {
  try {
    const di = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sig);
    const want = Buffer.concat([Buffer.from('3071300d0609608648016503040201050004' + '60', 'hex'), digests]);
    return Buffer.from(di).equals(want);
  } catch {
    return false;
  }
}
