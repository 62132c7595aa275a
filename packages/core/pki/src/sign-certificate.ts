/**
 * 署名用電子証明書 (digital-signature certificate), spec: card.md §8: subject
 * `C=JP, L=<prefecture>, L=<city>, CN=<issue request ID>`; the holder's 基本4情報 as six
 * subjectAltName otherNames `SEQUENCE { OID, [0] EXPLICIT UTF8String }` in J-LIS's order
 * 氏名 (.1), 生年月日 (.4), 性別 (.3), 住所 (.5), then the substitute-character position strings
 * 氏名 (.2) and 住所 (.6) (1.2.392.200149.8.5.5.x; order and `0…` strings from a real certificate's
 * `openssl x509 -ext subjectAltName`, docs/faithfulness.md);
 * keyUsage critical digitalSignature+nonRepudiation (OpenSC declares SIGN|NONREPUDIATION; the real
 * KU is not in the sources); certificatePolicies critical 1.2.392.200149.8.5.1.1.20 with CPS;
 * issuerAltName; cRLDistributionPoints; authorityInfoAccess OCSP; authorityKeyIdentifier.
 * Not issued to holders under 15.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn from '@peculiar/asn1-x509';
import { type CalendarDate, jstDateOf, parseCalendarDate } from './calendar-date.js';
import { PkiError } from './errors.js';
import { altNames, utf8OtherName } from './extensions.js';
import { parseX509 } from './issuer.js';
import { fromJpkiBirthDate, toJpkiBirthDate } from './japanese-era.js';
import { rdn } from './names.js';
import {
  OID_CE_SUBJECT_ALT_NAME,
  OID_JPKI_ADDRESS,
  OID_JPKI_ADDRESS_ALT,
  OID_JPKI_BIRTH_DATE,
  OID_JPKI_NAME,
  OID_JPKI_NAME_ALT,
  OID_JPKI_SEX,
  OID_POLICY_SIGN,
} from './oids.js';
import { issueUserCertificate, type UserCertificateCommonParams } from './user-certificate.js';
import { isUnder15 } from './validity.js';
import { x509 } from './x509.js';

/** 性別 as on the card: 1 male, 2 female, 9 not applicable (ISO/IEC 5218 codes). */
export type Sex = '1' | '2' | '9';

/** The holder's 基本4情報 as carried by the signature certificate. */
export interface SignCertificateHolder {
  /** 氏名, e.g. `黒桐　幹也`. */
  name: string;
  /**
   * 氏名代替文字の使用位置情報: one digit per character of `name`, `1` where J-LIS replaced a
   * character outside JIS X 0208/0212 with a substitute, `0` elsewhere (docs/faithfulness.md:
   * real certificates show `00000`). Default: all `0`, one per character.
   */
  nameAlt?: string;
  sex: Sex;
  /** 生年月日 `'YYYY-MM-DD'`; written into the certificate as `EYYYYMMDD`. */
  birthDate: CalendarDate;
  /** 住所, e.g. `東京都清瀬市観布子南１２－７－２０２`. */
  address: string;
  /** 住所代替文字の使用位置情報, as `nameAlt` for `address`. Default: all `0`. */
  addressAlt?: string;
}

export interface IssueSignCertificateParams extends UserCertificateCommonParams {
  /** Romanised prefecture, first `L` of the subject and the CRL partition (e.g. `Tokyo-to`). */
  prefecture: string;
  /** Romanised municipality, second `L` of the subject and the CRL partition (e.g. `Kiyose-shi`). */
  city: string;
  /** Subject CN: issue request date-time `YYYYMMDDhhmmss` + sequence + window code (card.md §8). */
  requestCn: string;
  holder: SignCertificateHolder;
}

const SEXES: readonly string[] = ['1', '2', '9'];

/** The all-`0` 代替文字の使用位置情報 of a value: no character substituted. */
export function noSubstitutes(value: string): string {
  return '0'.repeat([...value].length);
}

function positions(value: string | undefined, of: string, what: string): string {
  if (value === undefined) return noSubstitutes(of);
  if (typeof value !== 'string' || !/^[01]+$/.test(value)) {
    throw new PkiError('BAD_PARAM', `${what} must be a string of 0 and 1 (代替文字の使用位置情報)`);
  }
  return value;
}

function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new PkiError('BAD_PARAM', `${what} must be a non-empty string`);
  }
  return value;
}

/** Issues a sandbox 署名用 certificate (DER). spec: card.md §8. */
export async function issueSignCertificate(params: IssueSignCertificateParams): Promise<Uint8Array> {
  const { holder } = params;
  const name = nonEmpty(holder.name, 'holder.name');
  const address = nonEmpty(holder.address, 'holder.address');
  if (!SEXES.includes(holder.sex)) throw new PkiError('BAD_PARAM', "holder.sex must be '1', '2' or '9'");
  parseCalendarDate(holder.birthDate, 'holder.birthDate');
  const issuedOn = jstDateOf(params.notBefore);
  if (issuedOn < holder.birthDate) throw new PkiError('BAD_DATE', 'notBefore is before the birth date');
  if (isUnder15({ birthDate: holder.birthDate, on: issuedOn })) {
    throw new PkiError('BAD_PARAM', 'no signature certificate is issued to holders under 15 (card.md §8)');
  }
  const nameAlt = positions(holder.nameAlt, name, 'holder.nameAlt');
  const addressAlt = positions(holder.addressAlt, address, 'holder.addressAlt');
  const san = altNames(OID_CE_SUBJECT_ALT_NAME, [
    utf8OtherName(OID_JPKI_NAME, name),
    utf8OtherName(OID_JPKI_BIRTH_DATE, toJpkiBirthDate(holder.birthDate)),
    utf8OtherName(OID_JPKI_SEX, holder.sex),
    utf8OtherName(OID_JPKI_ADDRESS, address),
    utf8OtherName(OID_JPKI_NAME_ALT, nameAlt),
    utf8OtherName(OID_JPKI_ADDRESS_ALT, addressAlt),
  ]);
  return issueUserCertificate(params, {
    kind: 'sign',
    subject: [
      rdn('C', 'JP'),
      rdn('L', nonEmpty(params.prefecture, 'prefecture')),
      rdn('L', nonEmpty(params.city, 'city')),
      rdn('CN', nonEmpty(params.requestCn, 'requestCn')),
    ],
    policyOid: OID_POLICY_SIGN,
    usages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    afterPolicies: [san],
    crlPartition: { prefecture: params.prefecture, city: params.city },
  });
}

/**
 * Reads the holder's 基本4情報 back from a signature certificate's subjectAltName otherNames.
 * `nameAlt`/`addressAlt` are always filled (all `0` when the certificate lacks them).
 * Throws PkiError BAD_CERTIFICATE when a mandatory otherName is missing or malformed.
 */
export function readSignCertificateHolder(der: Uint8Array): Required<SignCertificateHolder> {
  const cert = parseX509(der);
  const ext = cert.getExtension(OID_CE_SUBJECT_ALT_NAME);
  if (!ext) throw new PkiError('BAD_CERTIFICATE', 'no subjectAltName');
  const values = new Map<string, string>();
  try {
    for (const gn of AsnConvert.parse(ext.value, asn.GeneralNames)) {
      if (!gn.otherName) continue;
      values.set(gn.otherName.typeId, AsnConvert.parse(gn.otherName.value, asn.DirectoryString).toString());
    }
  } catch {
    throw new PkiError('BAD_CERTIFICATE', 'malformed subjectAltName');
  }
  const get = (oid: string, what: string): string => {
    const v = values.get(oid);
    if (v === undefined) throw new PkiError('BAD_CERTIFICATE', `subjectAltName lacks ${what} (${oid})`);
    return v;
  };
  const name = get(OID_JPKI_NAME, '氏名');
  const address = get(OID_JPKI_ADDRESS, '住所');
  const sex = get(OID_JPKI_SEX, '性別');
  if (!SEXES.includes(sex)) throw new PkiError('BAD_CERTIFICATE', 'unexpected 性別 value');
  let birthDate: CalendarDate;
  try {
    birthDate = fromJpkiBirthDate(get(OID_JPKI_BIRTH_DATE, '生年月日'));
  } catch (e) {
    if (e instanceof PkiError && e.code === 'BAD_CERTIFICATE') throw e;
    throw new PkiError('BAD_CERTIFICATE', '生年月日 is not EYYYYMMDD');
  }
  return {
    name,
    nameAlt: values.get(OID_JPKI_NAME_ALT) ?? noSubstitutes(name),
    sex: sex as Sex,
    birthDate,
    address,
    addressAlt: values.get(OID_JPKI_ADDRESS_ALT) ?? noSubstitutes(address),
  };
}
