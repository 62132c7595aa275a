/**
 * What the two user-certificate profiles (利用者証明用 and 署名用) have in common: signing by a
 * sandbox CA, validity inside the CA's, and the extensions in J-LIS's order (the production TBS in
 * docs/faithfulness.md): keyUsage, [extKeyUsage], certificatePolicies with CPS, [subjectAltName],
 * issuerAltName, cRLDistributionPoints, authorityInfoAccess (OCSP), authorityKeyIdentifier
 * (keyIdentifier + the CA's name and serial), subjectKeyIdentifier (spec: card.md §8).
 */
import { copyBytes } from './bytes.js';
import { PkiError } from './errors.js';
import {
  altNames,
  authorityKeyIdentifier,
  certificatePolicy,
  crlDistributionPoints,
  directoryName,
  keyUsage,
  ocspAccess,
  SANDBOX_CPS_URL,
  subjectKeyIdentifier,
  uri,
} from './extensions.js';
import { type CaCredentials, loadIssuer } from './issuer.js';
import { assertRsa2048Spki } from './keys.js';
import { CA_UNIT, type CaKind, crlDistributionPointName, userIssuerAltName } from './names.js';
import { OID_CE_ISSUER_ALT_NAME } from './oids.js';
import { type SerialNumber, serialToBigint, serialToHex } from './serial.js';
import { interval } from './time.js';
import { x509 } from './x509.js';

/** Parameters every user certificate takes. */
export interface UserCertificateCommonParams {
  /** The issuing CA (certificate created by `createCa` of the matching kind, and its key). */
  ca: CaCredentials;
  /** The card's public key (SubjectPublicKeyInfo DER), RSA-2048, e = 65537. */
  subjectPublicKeySpki: Uint8Array;
  serial: SerialNumber;
  notBefore: Date;
  /** Usually `certificateNotAfter(...)`. Must not be later than the CA's notAfter. */
  notAfter: Date;
  /** OCSP responder URL for authorityInfoAccess; omitted → no AIA extension. */
  ocspUrl?: string;
  /** CRL URL added to the distribution point next to its directoryName. */
  crlUrl?: string;
  /** CPS URI in the policy qualifier; default `http://myna-sandbox.invalid/cps`. */
  cpsUrl?: string;
}

export interface UserProfile {
  kind: CaKind;
  subject: x509.JsonNameParams;
  policyOid: string;
  usages: x509.KeyUsageFlags;
  /** Extensions placed between keyUsage and certificatePolicies (EKU). */
  afterKeyUsage?: x509.Extension[];
  /** Extensions placed between certificatePolicies and issuerAltName (SAN). */
  afterPolicies?: x509.Extension[];
  /** CRL partition (J-LIS partitions CRLs by municipality); omitted → the CA's own DN. */
  crlPartition?: { prefecture: string; city: string };
}

export async function issueUserCertificate(
  params: UserCertificateCommonParams,
  profile: UserProfile,
): Promise<Uint8Array> {
  const issuer = await loadIssuer(params.ca);
  const expectedUnit = CA_UNIT[profile.kind];
  if (!issuer.cert.subjectName.getField('OU').includes(expectedUnit)) {
    throw new PkiError('BAD_CERTIFICATE', `the CA is not a "${expectedUnit}" CA`);
  }
  assertRsa2048Spki(params.subjectPublicKeySpki, 'subjectPublicKeySpki');
  const [notBefore, notAfter] = interval(params.notBefore, params.notAfter, 'notBefore', 'notAfter');
  if (notBefore < issuer.cert.notBefore || notAfter > issuer.cert.notAfter) {
    throw new PkiError('BAD_TIME', "the certificate's validity must lie within the CA certificate's");
  }
  const crlNames = [
    directoryName(
      profile.crlPartition
        ? crlDistributionPointName(profile.kind, profile.crlPartition.prefecture, profile.crlPartition.city)
        : issuer.subjectDer,
    ),
  ];
  if (params.crlUrl !== undefined) crlNames.push(uri(params.crlUrl, 'crlUrl'));
  const extensions: x509.Extension[] = [
    keyUsage(profile.usages),
    ...(profile.afterKeyUsage ?? []),
    certificatePolicy(profile.policyOid, params.cpsUrl ?? SANDBOX_CPS_URL),
    ...(profile.afterPolicies ?? []),
    altNames(OID_CE_ISSUER_ALT_NAME, [directoryName(userIssuerAltName(profile.kind))]),
    crlDistributionPoints(crlNames),
  ];
  if (params.ocspUrl !== undefined) extensions.push(ocspAccess(params.ocspUrl));
  extensions.push(
    authorityKeyIdentifier(issuer.keyIdHex, { nameDer: issuer.subjectDer, serialHex: issuer.serialHex }),
    subjectKeyIdentifier(params.subjectPublicKeySpki),
  );
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialToHex(serialToBigint(params.serial)),
      subject: new x509.Name(profile.subject),
      issuer: new x509.Name(issuer.subjectDer),
      notBefore,
      notAfter,
      publicKey: copyBytes(params.subjectPublicKeySpki),
      signingKey: issuer.signingKey,
      extensions,
    },
    crypto,
  );
  return new Uint8Array(cert.rawData);
}

/** Both or neither of prefecture and city. */
export function crlPartitionOf(
  prefecture: string | undefined,
  city: string | undefined,
): { prefecture: string; city: string } | undefined {
  if (prefecture === undefined && city === undefined) return undefined;
  if (prefecture === undefined || city === undefined) {
    throw new PkiError('BAD_PARAM', 'give both prefecture and city, or neither');
  }
  return { prefecture, city };
}
