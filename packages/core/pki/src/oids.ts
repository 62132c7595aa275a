/**
 * Object identifiers used by the JPKI profiles (spec: card.md §8) and the IETF structures.
 */

/** 利用者証明用 (user authentication) certificate policy (spec: card.md §8, MYNA03). */
export const OID_POLICY_AUTH = '1.2.392.200149.8.5.1.3.30';
/** 署名用 (digital signature) certificate policy (spec: card.md §8, OIDJS). */
export const OID_POLICY_SIGN = '1.2.392.200149.8.5.1.1.20';

/**
 * Subject-alternative-name otherName type IDs of the signature certificate, each
 * `SEQUENCE { OID, [0] EXPLICIT UTF8String }` (spec: card.md §8, JM-Go jpki_ap.go, OIDJS).
 */
export const OID_JPKI_NAME = '1.2.392.200149.8.5.5.1'; // 氏名
export const OID_JPKI_NAME_ALT = '1.2.392.200149.8.5.5.2'; // 氏名代替文字
export const OID_JPKI_SEX = '1.2.392.200149.8.5.5.3'; // 性別
export const OID_JPKI_BIRTH_DATE = '1.2.392.200149.8.5.5.4'; // 生年月日 EYYYYMMDD
export const OID_JPKI_ADDRESS = '1.2.392.200149.8.5.5.5'; // 住所
export const OID_JPKI_ADDRESS_ALT = '1.2.392.200149.8.5.5.6'; // 住所代替文字

export const OID_QT_CPS = '1.3.6.1.5.5.7.2.1';
export const OID_KP_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
export const OID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
export const OID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
export const OID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';

export const OID_CE_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
export const OID_CE_KEY_USAGE = '2.5.29.15';
export const OID_CE_SUBJECT_ALT_NAME = '2.5.29.17';
export const OID_CE_ISSUER_ALT_NAME = '2.5.29.18';
export const OID_CE_BASIC_CONSTRAINTS = '2.5.29.19';
export const OID_CE_CRL_NUMBER = '2.5.29.20';
export const OID_CE_CRL_REASON = '2.5.29.21';
export const OID_CE_HOLD_INSTRUCTION_CODE = '2.5.29.23';
export const OID_CE_INVALIDITY_DATE = '2.5.29.24';
export const OID_CE_DELTA_CRL_INDICATOR = '2.5.29.27';
export const OID_CE_CRL_DISTRIBUTION_POINTS = '2.5.29.31';
export const OID_CE_CERTIFICATE_POLICIES = '2.5.29.32';
export const OID_CE_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
export const OID_CE_EXT_KEY_USAGE = '2.5.29.37';
export const OID_PE_AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';

/** Hold instruction codes (RFC 3280 §5.3.2; ANSI X9.57). */
export const OID_HOLD_INSTRUCTION = {
  none: '1.2.840.10040.2.1',
  callIssuer: '1.2.840.10040.2.2',
  reject: '1.2.840.10040.2.3',
} as const;

export const OID_SHA1 = '1.3.14.3.2.26';
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_SHA384 = '2.16.840.1.101.3.4.2.2';
export const OID_SHA512 = '2.16.840.1.101.3.4.2.3';

/** RSASSA-PKCS1-v1_5 signature algorithms (RFC 4055 §5). */
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
export const OID_SHA384_WITH_RSA = '1.2.840.113549.1.1.12';
export const OID_SHA512_WITH_RSA = '1.2.840.113549.1.1.13';
