import { ascii, decodeBerTlv, decodeBerTlvs, encodeSimpleTlv } from '@myna/apdu';
import type { KeyId } from '../ap/types.js';
import { ATR_PROFILE_NAMES, type AtrProfileName, DEFAULT_ATR_PROFILE, isAtrProfileName } from '../atr.js';
import { EF, type HolderPinId, isHolderPin, PIN_IDS, PIN_RULES, type PinId } from '../facts.js';
import type { CardImage } from '../image.js';
import type { PinRecord } from '../pin.js';
import { sha256 } from '../signing.js';
import { assertDate, collationB, eraBirthYymmdd } from './era.js';
import { certAvailabilityEf, tokenInfoEf } from './jpki.js';
import {
  apInfoEf,
  BASIC_FOUR_TEXT_MAX_BYTES,
  basicFourEf,
  basicFourHashedPart,
  basicFourTextBytes,
  integrityEf,
  myNumberEf,
  sessionKeyEf,
  signedApKeyEf,
} from './kenhojo.js';
import { ageEf, faceEf, kenkakuApInfoEf, myNumberImageEf } from './kenkaku.js';
import { cvCertificateContents, GP_CARD_RECOGNITION_DATA, keyId, publicOf } from './keys.js';

export interface KeyAndCertificate {
  readonly privateKeyPkcs8: Uint8Array;
  /** X.509 DER. */
  readonly certificate: Uint8Array;
}

/** An issuer data-signing key of a 券面 AP, with its card-verifiable certificate (EF 0004). */
export interface DataSigner {
  readonly privateKeyPkcs8: Uint8Array;
  readonly keyId: Uint8Array;
  readonly cvCertificate: Uint8Array;
}

/**
 * The card-verifiable certificates GET DATA answers at MF level (card.md §2.4; soltia48/myna-card
 * `src/mf.rs`): `upper` (00F8) certifies an intermediate key under a CA key that is not on the
 * card; `lower` (7F21) is signed by that intermediate; 00F7 names it. So upper's subject key ID =
 * lower's issuer key ID = `intermediateKeyId`, and lower verifies under the key upper carries.
 * Both are full `7F21` templates here; the card answers GET DATA with their contents.
 */
export interface MfCvChain {
  readonly upper: Uint8Array;
  readonly lower: Uint8Array;
  readonly intermediateKeyId: Uint8Array;
}

/** The holder's four PINs (and the common-AP PIN, which defaults to the 住基 PIN). */
export interface HolderPins {
  readonly auth: string;
  /** Absent when no signature certificate is issued (under 15). */
  readonly sign?: string | undefined;
  readonly kenhojo: string;
  readonly juki: string;
  readonly common?: string | undefined;
}

/**
 * Everything personalisation writes to a card. Issuance (@myna/services) builds it from a
 * resident record and the authority; tests build it directly for any state they need.
 */
export interface CardProfile {
  readonly id: string;
  /** 15-digit card serial. */
  readonly serial: string;
  /** 5-digit municipality code (全国地方公共団体コード without the check digit). */
  readonly municipalityCode: string;
  /** Card expiry, YYYYMMDD. */
  readonly expiry: string;
  /** 4-digit security code printed on the card face (セキュリティコード). */
  readonly securityCode: string;
  readonly holder: {
    /** Family and given name separated by U+3000. */
    readonly name: string;
    readonly address: string;
    /** YYYYMMDD. */
    readonly birthDate: string;
    readonly sex: '0' | '1' | '2' | '9';
    /** 12-digit 個人番号. */
    readonly myNumber: string;
    /** Face photo, JPEG 2000. */
    readonly photo: Uint8Array;
  };
  /** null: a face-authentication card (顔認証マイナンバーカード), on which no PIN is set. */
  readonly pins: HolderPins | null;
  readonly jpki: {
    readonly auth: KeyAndCertificate;
    /** Absent for holders under 15 and face-authentication cards. */
    readonly sign?: KeyAndCertificate | undefined;
    readonly authCaCertificate: Uint8Array;
    readonly signCaCertificate: Uint8Array;
  };
  /** The APs' own keys (PKCS#8) and the kenhojo SM session key (public part only is written). */
  readonly apKeys: {
    readonly kenhojo: Uint8Array;
    readonly kenkaku: Uint8Array;
    readonly common: Uint8Array;
    readonly kenhojoSessionPublicSpki: Uint8Array;
  };
  readonly signers: { readonly kenhojo: DataSigner; readonly kenkaku: DataSigner };
  /** The MF-level chain of CV certificates (GET DATA 00F8 → 7F21, linked by 00F7). */
  readonly mfChain: MfCvChain;
  /** 32-byte issuer key for the sandbox's administrative channel. */
  readonly adminKey: Uint8Array;
  /**
   * Tries left at personalisation (default: full), to make a card in any state a test or a demo
   * needs — one try left, or blocked — without ever touching a counter afterwards.
   */
  readonly initialTries?: Readonly<Partial<Record<HolderPinId, number>>>;
  /** The ATR/protocol profile the card presents (atr.ts; default `contact`). Kept in the image. */
  readonly atr?: AtrProfileName | undefined;
}

/** The 基本4情報 size rule, as issuance reports it (kenhojo.ts {@link BASIC_FOUR_TEXT_MAX_BYTES}). */
export const BASIC_FOUR_RULE = `name and address together at most ${BASIC_FOUR_TEXT_MAX_BYTES} bytes in UTF-8 (the card's 基本4情報 record stays within 127 bytes, the length every reader parses)`;

export { BASIC_FOUR_TEXT_MAX_BYTES, basicFourTextBytes };

/** A profile that breaks a rule. The message names the rule, never the offending value. */
export class PersonalizationError extends Error {
  override readonly name = 'PersonalizationError';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

function check(ok: boolean, field: string, rule: string): void {
  if (!ok) throw new PersonalizationError(field, rule);
}

function validate(p: CardProfile): void {
  check(/^[0-9]{15}$/.test(p.serial), 'serial', '15 digits');
  check(/^[0-9]{5}$/.test(p.municipalityCode), 'municipalityCode', '5 digits');
  check(/^[0-9]{4}$/.test(p.securityCode), 'securityCode', '4 digits');
  check(/^[0-9]{12}$/.test(p.holder.myNumber), 'holder.myNumber', '12 digits');
  for (const [field, v] of [
    ['expiry', p.expiry],
    ['holder.birthDate', p.holder.birthDate],
  ] as const) {
    try {
      assertDate(v);
    } catch {
      throw new PersonalizationError(field, 'a calendar date YYYYMMDD');
    }
  }
  check(
    basicFourTextBytes(p.holder.name, p.holder.address) <= BASIC_FOUR_TEXT_MAX_BYTES,
    'holder.address',
    BASIC_FOUR_RULE,
  );
  check(['0', '1', '2', '9'].includes(p.holder.sex), 'holder.sex', "JIS X 0303 code '0', '1', '2' or '9'");
  check(p.adminKey.length === 32, 'adminKey', '32 bytes');
  for (const [id, t] of Object.entries(p.initialTries ?? {})) {
    const max = PIN_RULES[id as HolderPinId]?.maxTries;
    check(
      max !== undefined && Number.isInteger(t) && t >= 0 && t <= max,
      `initialTries.${id}`,
      `0..${max ?? 'max'}`,
    );
  }
  if (p.pins) {
    const pins = p.pins;
    for (const id of ['auth', 'kenhojo', 'juki'] as const) {
      check(PIN_RULES[id].check(pins[id]), `pins.${id}`, PIN_RULES[id].rule);
    }
    if (pins.common !== undefined)
      check(PIN_RULES.common.check(pins.common), 'pins.common', PIN_RULES.common.rule);
    check(
      (pins.sign === undefined) === (p.jpki.sign === undefined),
      'pins.sign',
      'set exactly when a signature certificate is issued',
    );
    if (pins.sign !== undefined) check(PIN_RULES.sign.check(pins.sign), 'pins.sign', PIN_RULES.sign.rule);
  } else {
    check(
      p.jpki.sign === undefined,
      'jpki.sign',
      'a face-authentication card carries no signature certificate',
    );
  }
}

/**
 * Builds a card image from a profile: every file of card.md §§4–7 with the card's own byte
 * layout, the key references with full counters, and the MF's GET DATA objects.
 */
export function personalize(p: CardProfile): CardImage {
  validate(p);
  if (p.atr !== undefined && !isAtrProfileName(p.atr))
    throw new PersonalizationError('atr', `one of ${ATR_PROFILE_NAMES.join(', ')}`);
  const h = p.holder;
  const kenhojoApPublic = publicOf(p.apKeys.kenhojo);
  const kenkakuApPublic = publicOf(p.apKeys.kenkaku);

  const kenhojo0001 = myNumberEf(h.myNumber);
  const kenhojo0002 = basicFourEf({ name: h.name, address: h.address, birthDate: h.birthDate, sex: h.sex });
  const outer = decodeBerTlv(kenhojo0002);
  const df21 = decodeBerTlvs(outer.value)[0]!;
  const kenhojo0003 = integrityEf(
    kenhojo0001,
    basicFourHashedPart(kenhojo0002, outer, df21),
    p.signers.kenhojo.privateKeyPkcs8,
  );

  const pinValue: Record<PinId, string | null> = {
    auth: p.pins?.auth ?? null,
    sign: p.pins?.sign ?? null,
    kenhojo: p.pins?.kenhojo ?? null,
    kenhojoBlocked: null,
    kenhojoA: h.myNumber,
    kenhojoB: collationB(h.birthDate, p.expiry, p.securityCode),
    kenkakuBirth: eraBirthYymmdd(h.birthDate),
    kenkakuB: collationB(h.birthDate, p.expiry, p.securityCode),
    kenkakuA: h.myNumber,
    juki: p.pins?.juki ?? null,
    common: p.pins ? (p.pins.common ?? p.pins.juki) : null,
  };
  const pins = Object.fromEntries(
    PIN_IDS.map((id): [PinId, PinRecord] => {
      const maxTries = PIN_RULES[id].maxTries;
      // EF 0012 of kenhojo is blocked at issuance (63C0 / 6984: card.md §3).
      // The empty value can never match: VERIFY carries at least one byte.
      if (id === 'kenhojoBlocked') return [id, { value: '', maxTries, triesLeft: 0 }];
      const initial = isHolderPin(id) ? p.initialTries?.[id] : undefined;
      return [id, { value: pinValue[id], maxTries, triesLeft: initial ?? maxTries }];
    }),
  ) as Record<PinId, PinRecord>;

  const keys: Partial<Record<KeyId, Uint8Array>> = {
    jpkiAuth: p.jpki.auth.privateKeyPkcs8,
    kenhojoAp: p.apKeys.kenhojo,
    kenkakuAp: p.apKeys.kenkaku,
    commonAuth: p.apKeys.common,
  };
  if (p.jpki.sign) keys.jpkiSign = p.jpki.sign.privateKeyPkcs8;

  const face = {
    birthDate: h.birthDate,
    sex: h.sex,
    name: h.name,
    address: h.address,
    photo: h.photo,
    expiry: p.expiry,
    securityCode: p.securityCode,
  };
  const ks = p.signers.kenkaku;
  const J = EF.jpki;
  const H = EF.kenhojo;
  const K = EF.kenkaku;
  const ff16 = new Uint8Array(16).fill(0xff);

  return {
    format: 1,
    id: p.id,
    serial: p.serial,
    adminKey: p.adminKey,
    keys,
    pins,
    files: {
      jpki: {
        [J.signCert]: p.jpki.sign?.certificate ?? new Uint8Array(0),
        [J.signCaCert]: p.jpki.signCaCertificate,
        [J.tokenInfo]: tokenInfoEf(p.serial),
        [J.certAvailability]: certAvailabilityEf(p.jpki.sign !== undefined, true),
        [J.authCert]: p.jpki.auth.certificate,
        [J.authCaCert]: p.jpki.authCaCertificate,
      },
      kenhojo: {
        [H.myNumber]: kenhojo0001,
        [H.basicFour]: kenhojo0002,
        [H.integrity]: kenhojo0003,
        [H.cvCert]: p.signers.kenhojo.cvCertificate,
        [H.apInfo]: apInfoEf(
          keyId('9000034', '001'),
          sha256(kenhojoApPublic.export({ format: 'der', type: 'spki' })),
        ),
        [H.sessionKey]: sessionKeyEf(p.apKeys.kenhojoSessionPublicSpki),
        [H.signedApKey]: signedApKeyEf(kenhojoApPublic, p.signers.kenhojo.privateKeyPkcs8),
        [H.unknown0008]: ff16,
      },
      kenkaku: {
        [K.age]: ageEf(h.birthDate, kenkakuApPublic, ks.privateKeyPkcs8),
        [K.face]: faceEf(face, kenkakuApPublic, ks.privateKeyPkcs8),
        [K.apInfo]: kenkakuApInfoEf(
          keyId('9000024', '001'),
          p.municipalityCode,
          publicModulus(ks.privateKeyPkcs8),
        ),
        [K.cvCert]: ks.cvCertificate,
        [K.myNumberImage]: myNumberImageEf(h.myNumber, kenkakuApPublic, ks.privateKeyPkcs8),
        [K.unknown0006]: ff16,
      },
      juki: {
        [EF.juki.keyRef]: [keyId('9000011', '001')],
      },
      common: {
        [EF.common.serial]: [
          encodeSimpleTlv({ tag: 0x01, value: ascii(p.serial + p.municipalityCode + p.expiry) }),
        ],
        [EF.common.keyRef]: [keyId('9000010', '001')],
      },
    },
    getData: {
      66: keyId('9000000', '001'),
      69: ascii(p.serial),
      102: GP_CARD_RECOGNITION_DATA,
      240: ascii(p.municipalityCode),
      242: ascii(p.expiry),
      247: p.mfChain.intermediateKeyId,
      248: cvCertificateContents(p.mfChain.upper),
      32545: cvCertificateContents(p.mfChain.lower),
    },
    ...(p.atr !== undefined && p.atr !== DEFAULT_ATR_PROFILE ? { atr: p.atr } : {}),
  };
}

function publicModulus(pkcs8: Uint8Array): Uint8Array {
  const jwk = publicOf(pkcs8).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.n!, 'base64url'));
}
