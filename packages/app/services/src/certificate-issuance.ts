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
  /** The certificate of the CA generation that signed it (EF 000B / 0002 of the card). */
  readonly caDer: Uint8Array;
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

/**
 * The subject CN of a signature certificate, the one rule for first issuance, renewal and the
 * counter: issue request date-time `YYYYMMDDhhmmss` (JST) + 6-digit request sequence + window code
 * (municipality code and window digit `1`). spec: card.md §8 ("issue request datetime + sequence
 * + window code"). The sequence is the sandbox's own `sign-request` counter, so two requests in
 * the same second never share a CN.
 */
export function signRequestCn(now: Date, sequence: bigint, municipalityCode: string): string {
  return `${jstStamp(now)}${String(sequence).padStart(6, '0')}${municipalityCode}1`;
}

/**
 * Issues (but does not yet write or record) one certificate per kind, in the order given: new RSA
 * key pairs (generated together), a serial from the authority, validity to the 5th birthday after
 * today capped by the card's expiry. The one path that builds user certificates — first issuance
 * (`Municipality.issueCard`), renewal and the counter all come here.
 */
export async function issueFreshCertificates(
  issuer: CertificateIssuer,
  args: {
    now: Date;
    resident: ResidentRecord;
    card: Pick<CardRecord, 'expiresOn'>;
    kinds: readonly CertificateKind[];
    /**
     * The end itself, instead of the 5th-birthday rule: a smartphone certificate ends with the
     * card's signature certificate (docs/phone.md, ITmedia 2023-05-15).
     */
    notAfter?: Date;
  },
): Promise<FreshCertificate[]> {
  const { now, resident: res, card } = args;
  const issuedOn = jstDate(now);
  const notAfter =
    args.notAfter ??
    certificateNotAfter({
      issuedOn,
      birthDate: res.birthDate,
      cardExpiry: card.expiresOn,
    });
  const ocspUrl = issuer.authority.options.ocspUrl;
  const prepared = await Promise.all(
    args.kinds.map(async (kind) => {
      const [keys, ca] = await Promise.all([generateRsaKeyPair(), issuer.authority.ca(kind)]);
      return { kind, keys, ca };
    }),
  );
  const fresh: FreshCertificate[] = [];
  for (const { kind, keys, ca } of prepared) {
    const serial = await issuer.authority.nextSerial(kind);
    const der =
      kind === 'auth'
        ? await issueAuthCertificate({
            ca,
            subjectPublicKeySpki: keys.publicKeySpki,
            issueId: randomAlnum(issuer.random, 23),
            serial,
            // The CRL partition of the holder's municipality, as J-LIS's 利用者証明用 certificates carry.
            prefecture: issuer.municipality.prefecture,
            city: issuer.municipality.city,
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
            requestCn: signRequestCn(
              now,
              await issuer.store.nextSequence(issuer.sandboxId, 'sign-request'),
              issuer.municipality.municipalityCode,
            ),
            holder: {
              name: res.name,
              sex: res.sex === '0' ? '9' : res.sex,
              birthDate: res.birthDate,
              address: res.address,
            },
            ...(ocspUrl ? { ocspUrl } : {}),
          });
    fresh.push({ kind, der, pkcs8: keys.privateKeyPkcs8, caDer: ca.certDer });
  }
  return fresh;
}

/**
 * Writes keys and certificates to the card over an authenticated admin session (PUT KEY, WRITE
 * EF), and the CA certificate beside each (EF 000B / 0002): after a CA roll-over a renewed card
 * carries the new generation's certificate, so the chain it hands out stays whole.
 */
export async function writeFreshCertificates(
  session: AdminSession,
  fresh: readonly FreshCertificate[],
): Promise<void> {
  for (const f of fresh) {
    const certEf = f.kind === 'auth' ? EF.jpki.authCert : EF.jpki.signCert;
    const keyEf = f.kind === 'auth' ? EF.jpki.authKey : EF.jpki.signKey;
    const caEf = f.kind === 'auth' ? EF.jpki.authCaCert : EF.jpki.signCaCert;
    await session.putKey('jpki', keyEf, f.pkcs8);
    await session.writeEf('jpki', certEf, f.der);
    await session.writeEf('jpki', caEf, f.caDer);
  }
}

/** The authority's record of a fresh certificate (status good). */
export function certificateRecord(
  sandboxId: string,
  f: FreshCertificate,
  args: { cardId: string; residentId: string; at: string },
): CertificateRecord {
  const info = parseCertificate(f.der);
  return {
    serialHex: info.serialHex,
    sandboxId,
    kind: f.kind,
    cardId: args.cardId,
    residentId: args.residentId,
    der: f.der,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    status: 'good',
    revokedAt: null,
    reason: null,
    issuedAt: args.at,
  };
}

/** Records the written certificates with the authority (status good). */
export async function recordFreshCertificates(
  issuer: Pick<CertificateIssuer, 'store' | 'sandboxId'>,
  args: { card: CardRecord; residentId: string; fresh: readonly FreshCertificate[]; at: string },
): Promise<CertificateRecord[]> {
  const out: CertificateRecord[] = [];
  for (const f of args.fresh) {
    const rec = certificateRecord(issuer.sandboxId, f, {
      cardId: args.card.id,
      residentId: args.residentId,
      at: args.at,
    });
    await issuer.store.insertCertificate(rec);
    out.push(rec);
  }
  return out;
}
