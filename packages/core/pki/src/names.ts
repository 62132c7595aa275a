/**
 * Distinguished names of the sandbox authority. They copy the *shape* of the J-LIS names (spec:
 * card.md §8) but can never be mistaken for them: the organisation is "JPKI Sandbox" (J-LIS: "JPKI"),
 * an extra `OU=myna-sandbox (not J-LIS)` replaces "Japan Agency for Local Authority Information
 * Systems", and the Japanese alternative names say サンドボックス.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn from '@peculiar/asn1-x509';
import { PkiError } from './errors.js';
import { x509 } from './x509.js';

/** Which of the two JPKI hierarchies: 利用者証明用 (user authentication) or 署名用 (digital signature). */
export type CaKind = 'auth' | 'sign';

export const SANDBOX_ORGANIZATION = 'JPKI Sandbox';
export const SANDBOX_MARKER_UNIT = 'myna-sandbox (not J-LIS)';
export const SANDBOX_ORGANIZATION_JA = '公的個人認証サービス (サンドボックス)';
export const SANDBOX_MARKER_UNIT_JA = 'myna-sandbox (地方公共団体情報システム機構ではありません)';

/** The J-LIS CA organisational unit per hierarchy (spec: card.md §8). */
export const CA_UNIT: Readonly<Record<CaKind, string>> = {
  auth: 'JPKI for user authentication',
  sign: 'JPKI for digital signature',
};

/** Japanese service unit used in issuerAltName (spec: card.md §8: 公的個人認証サービス利用者証明用). */
export const SERVICE_UNIT_JA: Readonly<Record<CaKind, string>> = {
  auth: '公的個人認証サービス利用者証明用',
  sign: '公的個人認証サービス署名用',
};

type JsonName = x509.JsonNameParams;

/**
 * One single-valued RDN. Values are always passed in object form so that @peculiar/x509 never
 * interprets them (a string value starting with '#' would be read as hex, quotes stripped).
 * Encoding as J-LIS does it: `C` a PrintableString, every other attribute a UTF8String, even
 * when the value is plain ASCII (the production 利用者証明用 TBS decoded in docs/faithfulness.md
 * §certificates: `O=JPKI`, `OU=JPKI for user authentication`, the CN are all UTF8String).
 */
export function rdn(type: 'C' | 'O' | 'OU' | 'L' | 'CN', value: string): x509.JsonAttributeAndObjectValue {
  if (typeof value !== 'string' || value.length === 0) {
    throw new PkiError('BAD_PARAM', `${type} must be a non-empty string`);
  }
  if (type === 'C' && !x509.Name.isPrintableString(value)) {
    throw new PkiError('BAD_PARAM', 'C must be a PrintableString country code');
  }
  return { [type]: [type === 'C' ? { printableString: value } : { utf8String: value }] };
}

/**
 * CA subject (= issuer of every user certificate):
 * `C=JP, O=JPKI Sandbox, OU=<JPKI for …>, OU=myna-sandbox (not J-LIS)[, OU=generation <n>]`.
 * J-LIS keeps one DN across CA generations (spec: card.md §8), so `generation` is only added when
 * the caller asks for it.
 */
export function caSubjectName(kind: CaKind, generation?: number): JsonName {
  if (kind !== 'auth' && kind !== 'sign') throw new PkiError('BAD_PARAM', "kind must be 'auth' or 'sign'");
  const rdns: JsonName = [
    rdn('C', 'JP'),
    rdn('O', SANDBOX_ORGANIZATION),
    rdn('OU', CA_UNIT[kind]),
    rdn('OU', SANDBOX_MARKER_UNIT),
  ];
  if (generation !== undefined) {
    if (!Number.isInteger(generation) || generation < 1 || generation > 99) {
      throw new PkiError('BAD_PARAM', 'generation must be an integer from 1 to 99');
    }
    rdns.push(rdn('OU', `generation ${generation}`));
  }
  return rdns;
}

/** CA subjectAltName dirName: `C=JP, O=公的個人認証サービス (サンドボックス)` (J-LIS: `O=公的個人認証サービス`). */
export function caAltName(): JsonName {
  return [rdn('C', 'JP'), rdn('O', SANDBOX_ORGANIZATION_JA)];
}

/**
 * User certificates' issuerAltName dirName, shaped like J-LIS's
 * `C=JP, O=公的個人認証サービス, OU=公的個人認証サービス利用者証明用, OU=地方公共団体情報システム機構`.
 */
export function userIssuerAltName(kind: CaKind): JsonName {
  return [
    rdn('C', 'JP'),
    rdn('O', SANDBOX_ORGANIZATION_JA),
    rdn('OU', SERVICE_UNIT_JA[kind]),
    rdn('OU', SANDBOX_MARKER_UNIT_JA),
  ];
}

/**
 * Partitioned CRL distribution point name, shaped like J-LIS's
 * `C=JP, O=JPKI, OU=JPKI for user authentication, OU=CRL Distribution Points, OU=<prefecture>,
 * CN=<city> CRLDP` (spec: card.md §8).
 */
export function crlDistributionPointName(kind: CaKind, prefecture: string, city: string): JsonName {
  return [
    rdn('C', 'JP'),
    rdn('O', SANDBOX_ORGANIZATION),
    rdn('OU', CA_UNIT[kind]),
    rdn('OU', 'CRL Distribution Points'),
    rdn('OU', prefecture),
    rdn('CN', `${city} CRLDP`),
  ];
}

/** DER of a Name given as x509 JSON (attribute order = RDN order, first = most significant). */
export function nameDer(name: JsonName): ArrayBuffer {
  return new x509.Name(name).toArrayBuffer();
}

/** @peculiar/asn1-x509 `Name` for a JSON name (for GeneralName.directoryName). */
export function asnName(name: JsonName | ArrayBuffer): asn.Name {
  return AsnConvert.parse(name instanceof ArrayBuffer ? name : nameDer(name), asn.Name);
}
