import { EF } from '@myna/card';
import {
  certificateNotAfter,
  generateRsaKeyPair,
  issueAuthCertificate,
  issueSignCertificate,
  parseCertificate,
} from '@myna/pki';
import type { Random } from '@myna/ports';
import type { AdminSession } from './admin-channel.js';
import { type JpkiAuthority, randomAlnum } from './authority.js';
import { jstDate, jstStamp } from './clock.js';
import type {
  AuthorityStore,
  CardRecord,
  CertificateKind,
  CertificateRecord,
  ResidentRecord,
} from './ports.js';

/**
 * Fresh certificates for a card that is already in the holder's hands — renewal (pin-lifecycle.md
 * §5.2), a new signature certificate after a change of the basic four facts (§5.3) or after
 * switching back from a face-authentication card (§1.3): new RSA key pairs, certificates to the 5th
 * birthday after today (capped by the card), then written to the card over the authority's admin
 * channel (PUT KEY, WRITE EF) and recorded. Shared by `Municipality.renewCertificates` and the
 * municipal counter (reset/).
 */
export interface FreshCertificate {
  readonly kind: CertificateKind;
  readonly der: Uint8Array;
  readonly pkcs8: Uint8Array;
}

export interface CertificateIssuer {
  readonly authority: JpkiAuthority;
  readonly random: Random;
  readonly store: AuthorityStore;
  readonly sandboxId: string;
  /** The municipality's names written into the signature certificate's subject. */
  readonly municipality: {
    readonly municipalityCode: string;
    readonly prefecture: string;
    readonly city: string;
  };
}

/** Issues (but does not yet write or record) one certificate per kind. */
export async function issueFreshCertificates(
  issuer: CertificateIssuer,
  args: { now: Date; resident: ResidentRecord; card: CardRecord; kinds: readonly CertificateKind[] },
): Promise<FreshCertificate[]> {
  const { now, resident: res, card } = args;
  const issuedOn = jstDate(now);
  const notAfter = certificateNotAfter({ issuedOn, birthDate: res.birthDate, cardExpiry: card.expiresOn });
  const fresh: FreshCertificate[] = [];
  for (const kind of args.kinds) {
    const [keys, ca] = await Promise.all([generateRsaKeyPair(), issuer.authority.ca(kind)]);
    const serial = await issuer.authority.nextSerial(kind);
    const ocspUrl = issuer.authority.options.ocspUrl;
    const der =
      kind === 'auth'
        ? await issueAuthCertificate({
            ca,
            subjectPublicKeySpki: keys.publicKeySpki,
            issueId: randomAlnum(issuer.random, 23),
            serial,
            notBefore: now,
            notAfter,
            ...(ocspUrl ? { ocspUrl } : {}),
          })
        : await issueSignCertificate({
            ca,
            subjectPublicKeySpki: keys.publicKeySpki,
            serial,
            notBefore: now,
            notAfter,
            prefecture: issuer.municipality.prefecture,
            city: issuer.municipality.city,
            requestCn: `${jstStamp(now)}${randomAlnum(issuer.random, 6)}${issuer.municipality.municipalityCode}1`,
            holder: {
              name: res.name,
              sex: res.sex === '0' ? '9' : res.sex,
              birthDate: res.birthDate,
              address: res.address,
            },
            ...(ocspUrl ? { ocspUrl } : {}),
          });
    fresh.push({ kind, der, pkcs8: keys.privateKeyPkcs8 });
  }
  return fresh;
}

/** Writes keys and certificates to the card over an authenticated admin session (PUT KEY, WRITE EF). */
export async function writeFreshCertificates(
  session: AdminSession,
  fresh: readonly FreshCertificate[],
): Promise<void> {
  for (const f of fresh) {
    const certEf = f.kind === 'auth' ? EF.jpki.authCert : EF.jpki.signCert;
    const keyEf = f.kind === 'auth' ? EF.jpki.authKey : EF.jpki.signKey;
    await session.putKey('jpki', keyEf, f.pkcs8);
    await session.writeEf('jpki', certEf, f.der);
  }
}

/** Records the written certificates with the authority (status good). */
export async function recordFreshCertificates(
  issuer: Pick<CertificateIssuer, 'store' | 'sandboxId'>,
  args: { card: CardRecord; residentId: string; fresh: readonly FreshCertificate[]; at: string },
): Promise<CertificateRecord[]> {
  const out: CertificateRecord[] = [];
  for (const f of args.fresh) {
    const info = parseCertificate(f.der);
    const rec: CertificateRecord = {
      serialHex: info.serialHex,
      sandboxId: issuer.sandboxId,
      kind: f.kind,
      cardId: args.card.id,
      residentId: args.residentId,
      der: f.der,
      notBefore: info.notBefore.toISOString(),
      notAfter: info.notAfter.toISOString(),
      status: 'good',
      revokedAt: null,
      reason: null,
      issuedAt: args.at,
    };
    await issuer.store.insertCertificate(rec);
    out.push(rec);
  }
  return out;
}
