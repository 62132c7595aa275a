/**
 * The J-LIS certificate profile field by field, read back with asn1js/pkijs — a different ASN.1
 * stack from the @peculiar ones that build the certificates — against the production 利用者証明用
 * TBS decoded in docs/faithfulness.md ("Certificates as J-LIS issues them").
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CaCredentials,
  createCa,
  issueAuthCertificate,
  issueSignCertificate,
  OID_AD_OCSP,
  OID_CE_AUTHORITY_KEY_IDENTIFIER,
  OID_CE_CERTIFICATE_POLICIES,
  OID_CE_CRL_DISTRIBUTION_POINTS,
  OID_CE_EXT_KEY_USAGE,
  OID_CE_ISSUER_ALT_NAME,
  OID_CE_KEY_USAGE,
  OID_CE_SUBJECT_ALT_NAME,
  OID_CE_SUBJECT_KEY_IDENTIFIER,
  OID_PE_AUTHORITY_INFO_ACCESS,
  type RsaKeyPair,
} from '../src/index.js';
import { CA_NOT_AFTER, CA_NOT_BEFORE, KOKUTO, keyPairs } from './helpers.js';

let authCa: CaCredentials;
let signCa: CaCredentials;
let auth: pkijs.Certificate;
let sign: pkijs.Certificate;
let authCaCert: pkijs.Certificate;
let cardKey: RsaKeyPair;

const parse = (der: Uint8Array) => pkijs.Certificate.fromBER(new Uint8Array(der));
const hex = (b: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(b)).toString('hex').toUpperCase();
/** The extnValue contents of an extension, as a fresh ArrayBuffer. */
const ext = (c: pkijs.Certificate, oid: string): ArrayBuffer => {
  const e = c.extensions?.find((x) => x.extnID === oid);
  if (!e) throw new Error(`no extension ${oid}`);
  return e.extnValue.valueBlock.valueHexView.slice().buffer;
};
/** [attribute type OID, ASN.1 universal tag number of the value] of each RDN, in order. */
const rdnTags = (name: pkijs.RelativeDistinguishedNames) =>
  name.typesAndValues.map((tv) => [tv.type, tv.value.idBlock.tagNumber]);

beforeAll(async () => {
  const [a, s, c] = (await keyPairs(3)) as RsaKeyPair[];
  cardKey = c!;
  const ca = async (kind: 'auth' | 'sign', k: RsaKeyPair, serial: bigint): Promise<CaCredentials> => ({
    certDer: await createCa({
      kind,
      key: { pkcs8: k.privateKeyPkcs8, spki: k.publicKeySpki },
      serial,
      notBefore: CA_NOT_BEFORE,
      notAfter: CA_NOT_AFTER,
    }),
    privateKeyPkcs8: k.privateKeyPkcs8,
  });
  // The serials of J-LIS's third generation (certs/README.md of soltia48/myna-card).
  authCa = await ca('auth', a!, 0x06d18006n);
  signCa = await ca('sign', s!, 0x067c6a21n);
  authCaCert = parse(authCa.certDer);
  const common = {
    subjectPublicKeySpki: cardKey.publicKeySpki,
    notBefore: new Date('2024-07-25T01:23:45Z'),
    notAfter: new Date('2029-02-17T14:59:59Z'),
    ocspUrl: 'http://127.0.0.1:8080/s/x/ocsp',
  };
  auth = parse(
    await issueAuthCertificate({
      ...common,
      ca: authCa,
      serial: 0x012d57can,
      issueId: '840444E37PAFHN08220003A',
      prefecture: 'Ibaraki-ken',
      city: 'Tsukuba-shi',
    }),
  );
  sign = parse(
    await issueSignCertificate({
      ...common,
      ca: signCa,
      serial: 0x0134abcdn,
      prefecture: 'Tokyo-to',
      city: 'Kiyose-shi',
      requestCn: '20240725102345001A00001',
      holder: KOKUTO,
    }),
  );
});

describe('certificates as J-LIS issues them (read with pkijs)', () => {
  it('serial: a 4-byte INTEGER, as 0x012D57CA in the production certificate', () => {
    expect(hex(auth.serialNumber.valueBlock.valueHexView)).toBe('012D57CA');
    expect(sign.serialNumber.valueBlock.valueHexView.length).toBe(4);
  });

  it('names: C a PrintableString, everything else a UTF8String', () => {
    const PRINTABLE = 19;
    const UTF8 = 12;
    expect(rdnTags(auth.issuer)).toEqual([
      ['2.5.4.6', PRINTABLE],
      ['2.5.4.10', UTF8],
      ['2.5.4.11', UTF8],
      ['2.5.4.11', UTF8],
    ]);
    expect(rdnTags(auth.subject)).toEqual([
      ['2.5.4.6', PRINTABLE],
      ['2.5.4.3', UTF8],
    ]);
    expect(rdnTags(sign.subject).map(([, tag]) => tag)).toEqual([PRINTABLE, UTF8, UTF8, UTF8]);
    // The issuer is the CA's subject byte for byte.
    expect(hex(auth.issuer.toSchema().toBER())).toBe(hex(authCaCert.subject.toSchema().toBER()));
  });

  it('extensions in the production order, with its criticality', () => {
    const order = (c: pkijs.Certificate) => c.extensions?.map((e) => [e.extnID, e.critical]);
    expect(order(auth)).toEqual([
      [OID_CE_KEY_USAGE, true],
      [OID_CE_EXT_KEY_USAGE, false],
      [OID_CE_CERTIFICATE_POLICIES, true],
      [OID_CE_ISSUER_ALT_NAME, false],
      [OID_CE_CRL_DISTRIBUTION_POINTS, false],
      [OID_PE_AUTHORITY_INFO_ACCESS, false],
      [OID_CE_AUTHORITY_KEY_IDENTIFIER, false],
      [OID_CE_SUBJECT_KEY_IDENTIFIER, false],
    ]);
    expect(order(sign)?.map(([oid]) => oid)).toEqual([
      OID_CE_KEY_USAGE,
      OID_CE_CERTIFICATE_POLICIES,
      OID_CE_SUBJECT_ALT_NAME,
      OID_CE_ISSUER_ALT_NAME,
      OID_CE_CRL_DISTRIBUTION_POINTS,
      OID_PE_AUTHORITY_INFO_ACCESS,
      OID_CE_AUTHORITY_KEY_IDENTIFIER,
      OID_CE_SUBJECT_KEY_IDENTIFIER,
    ]);
  });

  it('authorityKeyIdentifier: keyid, the CA name and the CA serial', () => {
    const aki = pkijs.AuthorityKeyIdentifier.fromBER(ext(auth, OID_CE_AUTHORITY_KEY_IDENTIFIER));
    const caSki = asn1js.fromBER(ext(authCaCert, OID_CE_SUBJECT_KEY_IDENTIFIER)).result as asn1js.OctetString;
    expect(hex(aki.keyIdentifier!.valueBlock.valueHexView)).toBe(hex(caSki.valueBlock.valueHexView));
    expect(aki.authorityCertIssuer).toHaveLength(1);
    const gn = aki.authorityCertIssuer![0]!;
    expect(gn.type).toBe(4); // directoryName
    expect(hex((gn.value as pkijs.RelativeDistinguishedNames).toSchema().toBER())).toBe(
      hex(authCaCert.subject.toSchema().toBER()),
    );
    expect(hex(aki.authorityCertSerialNumber!.valueBlock.valueHexView)).toBe('06D18006');
  });

  it('subjectKeyIdentifier: SHA-1 of the card key bits (RFC 5280 §4.2.1.2 method 1)', () => {
    const ski = asn1js.fromBER(ext(auth, OID_CE_SUBJECT_KEY_IDENTIFIER)).result as asn1js.OctetString;
    const bits = auth.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    expect(hex(ski.valueBlock.valueHexView)).toBe(
      createHash('sha1').update(bits).digest('hex').toUpperCase(),
    );
  });

  it('cRLDistributionPoints: one directoryName, OU=<prefecture>, CN=<city> CRLDP', () => {
    const dps = pkijs.CRLDistributionPoints.fromBER(ext(auth, OID_CE_CRL_DISTRIBUTION_POINTS));
    expect(dps.distributionPoints).toHaveLength(1);
    const names = dps.distributionPoints[0]!.distributionPoint as pkijs.GeneralName[];
    expect(names).toHaveLength(1);
    expect(names[0]!.type).toBe(4);
    const dn = (names[0]!.value as pkijs.RelativeDistinguishedNames).typesAndValues.map((tv) => [
      tv.type,
      tv.value.valueBlock.value,
    ]);
    expect(dn).toEqual([
      ['2.5.4.6', 'JP'],
      ['2.5.4.10', 'JPKI Sandbox'],
      ['2.5.4.11', 'JPKI for user authentication'],
      ['2.5.4.11', 'CRL Distribution Points'],
      ['2.5.4.11', 'Ibaraki-ken'],
      ['2.5.4.3', 'Tsukuba-shi CRLDP'],
    ]);
  });

  it('authorityInfoAccess: one OCSP accessDescription, no caIssuers', () => {
    const aia = pkijs.InfoAccess.fromBER(ext(auth, OID_PE_AUTHORITY_INFO_ACCESS));
    expect(
      aia.accessDescriptions.map((d) => [d.accessMethod, d.accessLocation.type, d.accessLocation.value]),
    ).toEqual([[OID_AD_OCSP, 6, 'http://127.0.0.1:8080/s/x/ocsp']]);
  });
});
