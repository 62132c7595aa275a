import { command, fromAscii, SW } from '@myna/apdu';
import { HOLDER_PIN_IDS } from '@myna/card';
import type { MynaCardClient } from '@myna/client';
import { MynaError } from '@myna/errors';
import { parseCertificate } from '@myna/pki';
import type { Clock } from '@myna/ports';
import { jstDate } from '../clock.js';
import { withCard } from '../connector.js';
import type { CardRecord, CertificateRecord } from '../ports.js';
import type { OcspChecker } from '../relying-party/ocsp.js';
import type { Sandbox } from '../sandbox.js';
import type { CardFacts, CertificateFact, PinFact } from './types.js';

/**
 * Builds `CardFacts` from a card through the client SDK **without spending a try**: PIN status
 * queries (empty VERIFY, card.md §3), the certificate-availability EF and the free user-auth
 * certificate (card.md §4.1, §12.6), and the common AP's record with the card's expiry
 * (card.md §7). Nothing here sends a PIN.
 *
 * Certificate status comes from the sandbox's records when a `registry` view is given (a card of
 * this sandbox, by id); otherwise — a card in a reader — from the certificate itself and OCSP
 * only. The signature certificate cannot be read without its password, so in a reader its status
 * stays `unknown`.
 */

/** What the municipality and the authority know of a card (the sandbox's records). */
export interface CardRegistryView {
  readonly card: Pick<CardRecord, 'status' | 'expiresOn'>;
  readonly certificates: readonly CertificateRecord[];
}

export interface ReadCardFactsOptions {
  readonly clock: Clock;
  readonly registry?: CardRegistryView;
  /** Used when there is no registry view: the user-auth certificate is checked by OCSP. */
  readonly ocsp?: OcspChecker;
}

export async function readCardFacts(client: MynaCardClient, opts: ReadCardFactsOptions): Promise<CardFacts> {
  const now = opts.clock.now();
  const pins = {} as Record<(typeof HOLDER_PIN_IDS)[number], PinFact>;
  for (const p of HOLDER_PIN_IDS) {
    const s = await client.pinStatus(p);
    pins[p] = { set: s.set, triesLeft: s.triesLeft, maxTries: s.maxTries, blocked: s.blocked };
  }
  const faceAuth = HOLDER_PIN_IDS.every((p) => !pins[p].set);
  const availability = await client.certificateAvailability();
  const record = await readCommonRecord(client);

  let authDer: Uint8Array | undefined;
  if (availability.auth) {
    try {
      authDer = await client.readCertificate('auth');
    } catch (e) {
      if (!(e instanceof MynaError)) throw e;
    }
  }
  const authInfo = authDer ? parseCertificate(authDer) : undefined;
  const expiredAt = (notAfter: string | undefined) =>
    notAfter === undefined ? {} : { notAfter, expired: now.getTime() > Date.parse(notAfter) };

  let auth: CertificateFact;
  let sign: CertificateFact;
  let ocspError: string | undefined;
  let status: CardFacts['card']['status'] = 'unknown';
  let expiresOn = record?.expiresOn;
  if (opts.registry) {
    const { card, certificates } = opts.registry;
    status = card.status;
    expiresOn = card.expiresOn;
    const pick = (kind: 'auth' | 'sign', serialHex?: string) => {
      const mine = certificates.filter((c) => c.kind === kind);
      return (
        mine.find((c) => c.serialHex === serialHex) ??
        [...mine].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0]
      );
    };
    const fromRecord = (present: boolean, rec: CertificateRecord | undefined): CertificateFact =>
      present && rec
        ? { present, status: rec.status, reason: rec.reason, source: 'authority', ...expiredAt(rec.notAfter) }
        : { present, status: 'unknown', source: 'none' };
    auth = fromRecord(availability.auth, pick('auth', authInfo?.serialHex));
    sign = fromRecord(availability.sign, pick('sign'));
  } else {
    auth = { present: availability.auth, status: 'unknown', source: 'none' };
    if (authDer && authInfo) {
      auth = { ...auth, ...expiredAt(authInfo.notAfter.toISOString()) };
      if (opts.ocsp) {
        try {
          const issuer = await client.readCertificate('authCa');
          const r = await opts.ocsp.check(authDer, issuer);
          auth = {
            ...auth,
            status: r.status === 'unknown' ? 'unknown' : r.status,
            reason: r.reason ?? null,
            source: 'ocsp',
          };
        } catch (e) {
          // The responder is another system: whatever fails there, the chip's facts still stand.
          ocspError = e instanceof MynaError ? String(e.details.reason ?? e.code) : 'ocsp-failed';
        }
      }
    }
    sign = { present: availability.sign, status: 'unknown', source: 'none' };
  }
  return {
    source: opts.registry ? 'sandbox' : 'reader',
    transport: client.transport.label,
    checkedAt: now.toISOString(),
    ...(record ? { serial: record.serial } : {}),
    faceAuth,
    pins,
    certificates: { auth, sign },
    card: {
      status,
      ...(expiresOn ? { expiresOn, expired: jstDate(now) > expiresOn } : {}),
    },
    ...(ocspError ? { ocspError } : {}),
  };
}

/**
 * The common AP's EF 0001 record 1 (`01 1C` + 15-digit serial + 5-digit municipality code +
 * expiry YYYYMMDD, card.md §7), read by SFI without any PIN. Undefined when unreadable.
 */
export async function readCommonRecord(
  client: MynaCardClient,
): Promise<{ serial: string; municipalityCode: string; expiresOn: string } | undefined> {
  try {
    await client.select('common');
    const r = await client.send(command(0x00, 0xb2, 0x01, 0x0c, undefined, 256));
    if (r.sw !== SW.OK || r.data[0] !== 0x01 || r.data[1] !== 0x1c || r.data.length < 30) return undefined;
    const s = fromAscii(r.data.subarray(2, 30));
    if (!/^\d{28}$/.test(s)) return undefined;
    const e = s.slice(20);
    return {
      serial: s.slice(0, 15),
      municipalityCode: s.slice(15, 20),
      expiresOn: `${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6, 8)}`,
    };
  } catch (e) {
    if (e instanceof MynaError) return undefined;
    throw e;
  }
}

/** The facts of a card of this sandbox: the chip through the connector, plus the sandbox's records. */
export async function readSandboxCardFacts(
  sandbox: Pick<Sandbox, 'id' | 'store' | 'clock' | 'connector'>,
  cardId: string,
  terminal = 'support:doctor',
): Promise<CardFacts> {
  const card = await sandbox.store.getCard(sandbox.id, cardId);
  if (!card) throw new MynaError('CARD_NOT_FOUND', { cardId });
  const certificates = await sandbox.store.listCertificates(sandbox.id, { cardId });
  return withCard(sandbox.connector, cardId, terminal, (client) =>
    readCardFacts(client, { clock: sandbox.clock, registry: { card, certificates } }),
  );
}
