/**
 * X.509 v3 extension builders shared by the CA and user-certificate profiles (RFC 5280 §4.2;
 * spec: card.md §8). Anything the @peculiar/x509 classes cannot express (otherName, CPS
 * qualifiers, directoryName distribution points) is built with @peculiar/asn1-x509, serialised
 * with AsnConvert and attached as a generic `x509.Extension` (spec: stack.md §3).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn from '@peculiar/asn1-x509';
import { digest, hex } from './bytes.js';
import { integerContent } from './der.js';
import { PkiError } from './errors.js';
import { asnName } from './names.js';
import {
  OID_CE_AUTHORITY_KEY_IDENTIFIER,
  OID_CE_CERTIFICATE_POLICIES,
  OID_CE_CRL_DISTRIBUTION_POINTS,
  OID_QT_CPS,
} from './oids.js';
import { serialFromHex } from './serial.js';
import { x509 } from './x509.js';

type JsonName = x509.JsonNameParams;

/** The default CPS URI of the sandbox; `.invalid` (RFC 2606) so that nothing ever resolves it. */
export const SANDBOX_CPS_URL = 'http://myna-sandbox.invalid/cps';

/** Checks that a URL can go into an IA5String GeneralName/qualifier: absolute, printable ASCII. */
export function assertUrl(url: string, what: string): string {
  if (typeof url !== 'string' || !/^[\x21-\x7e]+$/.test(url) || !URL.canParse(url)) {
    throw new PkiError('BAD_PARAM', `${what} must be an absolute URL in printable ASCII`);
  }
  return url;
}

/** The BIT STRING contents (key bits) of a SubjectPublicKeyInfo. */
export function subjectPublicKeyBits(spki: Uint8Array): ArrayBuffer {
  return AsnConvert.parse(spki, asn.SubjectPublicKeyInfo).subjectPublicKey;
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. Upper-case hex. */
export function keyIdentifierOf(spki: Uint8Array): string {
  return hex(digest('SHA-1', subjectPublicKeyBits(spki)));
}

export function keyUsage(flags: x509.KeyUsageFlags): x509.Extension {
  return new x509.KeyUsagesExtension(flags, true);
}

export function subjectKeyIdentifier(spki: Uint8Array): x509.Extension {
  return new x509.SubjectKeyIdentifierExtension(keyIdentifierOf(spki), false);
}

/**
 * authorityKeyIdentifier (RFC 5280 §4.2.1.1), non-critical. CRLs and OCSP carry the keyIdentifier
 * only. User certificates carry, as J-LIS's do (docs/faithfulness.md, production TBS), also the
 * CA's name (authorityCertIssuer, a directoryName) and serial (authorityCertSerialNumber): with
 * every CA generation under one DN, the serial names the generation that signed.
 */
export function authorityKeyIdentifier(
  keyIdHex: string,
  issuer?: { nameDer: ArrayBuffer; serialHex: string },
): x509.Extension {
  const aki = new asn.AuthorityKeyIdentifier({
    keyIdentifier: new asn.KeyIdentifier(Buffer.from(keyIdHex, 'hex')),
  });
  if (issuer) {
    aki.authorityCertIssuer = [directoryName(issuer.nameDer)];
    aki.authorityCertSerialNumber = new Uint8Array(integerContent(serialFromHex(issuer.serialHex))).buffer;
  }
  return new x509.Extension(OID_CE_AUTHORITY_KEY_IDENTIFIER, false, AsnConvert.serialize(aki));
}

/** certificatePolicies with one policy and a CPS pointer qualifier (JPKI marks it critical). */
export function certificatePolicy(policyOid: string, cpsUrl: string): x509.Extension {
  const policies = new asn.CertificatePolicies([
    new asn.PolicyInformation({
      policyIdentifier: policyOid,
      policyQualifiers: [
        new asn.PolicyQualifierInfo({
          policyQualifierId: OID_QT_CPS,
          qualifier: AsnConvert.serialize(new asn.DisplayText({ ia5String: assertUrl(cpsUrl, 'cpsUrl') })),
        }),
      ],
    }),
  ]);
  return new x509.Extension(OID_CE_CERTIFICATE_POLICIES, true, AsnConvert.serialize(policies));
}

export function directoryName(name: JsonName | ArrayBuffer): asn.GeneralName {
  return new asn.GeneralName({ directoryName: asnName(name) });
}

export function uri(url: string, what = 'URL'): asn.GeneralName {
  return new asn.GeneralName({ uniformResourceIdentifier: assertUrl(url, what) });
}

/** otherName `SEQUENCE { type-id OID, value [0] EXPLICIT UTF8String }`. */
export function utf8OtherName(typeId: string, value: string): asn.GeneralName {
  return new asn.GeneralName({
    otherName: new asn.OtherName({
      typeId,
      value: AsnConvert.serialize(new asn.DirectoryString({ utf8String: value })),
    }),
  });
}

/** subjectAltName / issuerAltName (non-critical) from GeneralNames. */
export function altNames(oid: string, names: asn.GeneralName[]): x509.Extension {
  return new x509.Extension(oid, false, AsnConvert.serialize(new asn.GeneralNames(names)));
}

/**
 * cRLDistributionPoints with a single DistributionPoint whose fullName lists every name the CRL is
 * known by (a directoryName, as J-LIS does, and optionally a URI). Non-critical.
 */
export function crlDistributionPoints(names: asn.GeneralName[]): x509.Extension {
  const dps = new asn.CRLDistributionPoints([
    new asn.DistributionPoint({ distributionPoint: new asn.DistributionPointName({ fullName: names }) }),
  ]);
  return new x509.Extension(OID_CE_CRL_DISTRIBUTION_POINTS, false, AsnConvert.serialize(dps));
}

export function ocspAccess(ocspUrl: string): x509.Extension {
  return new x509.AuthorityInfoAccessExtension({ ocsp: assertUrl(ocspUrl, 'ocspUrl') }, false);
}
