import { verify, X509Certificate } from 'node:crypto';
import { type CardStateStore, personalizePhone } from '@myna/card';
import type { MynaCardClient, PinStatus } from '@myna/client';
import { isMynaError, MynaError } from '@myna/errors';
import { parseCertificate, readAuthCertificateIssueId } from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import { AdminSession } from '../admin-channel.js';
import { type JpkiAuthority, randomAlnum } from '../authority.js';
import { certificateRecord, issueFreshCertificates } from '../certificate-issuance.js';
import { type CardConnector, withCard } from '../connector.js';
import type { Municipality } from '../municipality.js';
import type { AuthorityStore, CardRecord, CertificateKind, CertificateRecord } from '../ports.js';
import type { RelyingPartyDemo } from '../relying-party/registration.js';
import {
  phonePrecondition as fail,
  phoneCertificateForReset,
  phoneCertificateNotAfter,
  phonePinValue,
  phonePinValues,
  phoneUsable,
  requireActiveCard,
  requireActivePhone,
  requirePlatformAvailable,
  validCardSignCertificate,
} from './policy.js';
import type { PhonePlatform, PhoneRecord, PhoneStore } from './ports.js';

/**
 * The マイナポータル app's smartphone-certificate flows (スマホ用電子証明書, docs/phone.md):
 * issuance from the card, the phone's own password reset, the holder's revocation, and the
 * phone's status. The card and the phone are both reached only through APDUs (the connector):
 * the card's signature password is VERIFYed on the card, spending its real tries; the phone's
 * passwords are set by the authority over the phone element's administrative channel.
 *
 * spec: pin-lifecycle.md §1.4, §4.1; card.md §4.1 (EF 0006 tokens); マイナポータル manual
 * 04-07/0220 (reset); docs/phone.md for what is observed and what is the sandbox's choice.
 */

/** The terminal label of the マイナポータル app (PIN events carry it). */
export const MYNA_PORTAL_TERMINAL = 'app:myna-portal';

export interface PhoneDeps {
  readonly sandboxId: string;
  readonly store: AuthorityStore;
  readonly phones: PhoneStore;
  readonly cards: CardStateStore;
  readonly authority: JpkiAuthority;
  readonly municipality: Municipality;
  readonly connector: CardConnector;
  readonly clock: Clock;
  readonly random: Random;
}

export interface PhoneCertificateView {
  readonly kind: CertificateKind;
  readonly serialHex: string;
  readonly status: CertificateRecord['status'];
  readonly reason: CertificateRecord['reason'];
  readonly notBefore: string;
  readonly notAfter: string;
  readonly expired: boolean;
}

export interface PhoneView {
  readonly phone: Omit<PhoneRecord, 'adminKey'>;
  /** The phone's own passwords, read from its element through status queries (no try spent). */
  readonly pins: { readonly auth: PinStatus; readonly sign: PinStatus };
  readonly certificates: readonly PhoneCertificateView[];
  /**
   * Whether the phone can log in now: its user-auth certificate good and within validity, and
   * its user-auth password not locked (a locked password needs the app's reset first).
   */
  readonly usable: boolean;
}

/** What a reset needs (manual 04-07/0220, steps 3–7; docs/phone.md for the reading). */
export type PhoneResetRequest =
  | {
      /** Resetting the phone's signature password: the card's signature password, then the card. */
      readonly pin: 'sign';
      readonly cardSignPin: string;
      readonly newValue: string;
    }
  | {
      /** Resetting the phone's user-auth password: the phone's signature password, then the card. */
      readonly pin: 'auth';
      readonly phoneSignPin: string;
      readonly newValue: string;
    };

export class MynaPortalPhone {
  constructor(private readonly deps: PhoneDeps) {}

  private get sb(): string {
    return this.deps.sandboxId;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /**
   * A session on a phone element: its PIN errors say `element: 'phone'`, so the console, the CLI
   * and the API name the phone's password (スマホ用利用者証明用 / スマホ用署名用), not the card's.
   */
  private async onPhone<T>(
    phoneId: string,
    terminal: string,
    fn: (client: MynaCardClient) => Promise<T>,
  ): Promise<T> {
    try {
      return await withCard(this.deps.connector, phoneId, terminal, fn);
    } catch (e) {
      if (!isMynaError(e) || (e.details.pin !== 'auth' && e.details.pin !== 'sign') || e.details.element)
        throw e;
      throw new MynaError(e.code, { ...e.details, element: 'phone' }, { sw: e.sw, cause: e });
    }
  }

  async phone(phoneId: string): Promise<PhoneRecord> {
    const p = await this.deps.phones.getPhone(this.sb, phoneId);
    if (!p) throw new MynaError('PHONE_NOT_FOUND', { phoneId });
    return p;
  }

  /** The phones issued from a card, oldest first. */
  async phonesOf(cardId: string): Promise<PhoneRecord[]> {
    return this.deps.phones.listPhones(this.sb, { cardId });
  }

  private async activeCard(cardId: string): Promise<CardRecord> {
    const card = await this.deps.municipality.card(cardId);
    requireActiveCard(card);
    return card;
  }

  /** The card's signature certificate, good and within validity (the precondition of issuance). */
  private async cardSignCertificate(cardId: string): Promise<CertificateRecord> {
    const certs = await this.deps.store.listCertificates(this.sb, { cardId, kind: 'sign' });
    return validCardSignCertificate(certs, this.now());
  }

  /**
   * Issues smartphone certificates from the card (マイナポータル app: 利用申請). Preconditions: the
   * platform's service has started; the card is active and carries a valid signature certificate;
   * the two new passwords follow the card's rules. Then, on the card: VERIFY of the card's
   * signature password (a real try), a signature over the application with the card's signature
   * key, checked against its certificate. The authority then issues two certificates on new key
   * pairs of the phone, valid until the card's signature certificate ends, and writes them to a
   * fresh phone element. A phone issued before from the same card is replaced (its certificates
   * are revoked as superseded): one phone per card (docs/phone.md).
   */
  async issue(req: {
    readonly cardId: string;
    readonly platform: PhonePlatform;
    readonly cardSignPin: string;
    readonly phonePins: { readonly auth: string; readonly sign: string };
    readonly confirmLastTry?: boolean;
  }): Promise<PhoneView> {
    const now = this.now();
    requirePlatformAvailable(req.platform, now);
    const pins = phonePinValues(req.phonePins);
    const card = await this.activeCard(req.cardId);
    const signCert = await this.cardSignCertificate(card.id);
    const resident = await this.deps.municipality.resident(card.residentId);

    // On the card: the holder's signature password (a real try) and a signature of the application.
    const application = this.deps.random.bytes(32);
    await withCard(this.deps.connector, card.id, MYNA_PORTAL_TERMINAL, async (client) => {
      await client.verifyPin('sign', req.cardSignPin, { confirmLastTry: req.confirmLastTry ?? false });
      const der = await client.readCertificate('sign');
      if (parseCertificate(der).serialHex !== signCert.serialHex) throw fail('card-sign-certificate-invalid');
      const signature = await client.sign('sign', application);
      const key = new X509Certificate(Buffer.from(der)).publicKey;
      if (!verify('sha256', application, key, signature)) throw fail('card-signature-invalid');
    });

    const issuer = this.deps.municipality.certificateIssuer();
    const fresh = await issueFreshCertificates(issuer, {
      now,
      resident,
      card,
      kinds: ['auth', 'sign'],
      notAfter: phoneCertificateNotAfter(signCert),
    });
    const auth = fresh.find((f) => f.kind === 'auth')!;
    const sign = fresh.find((f) => f.kind === 'sign')!;
    const seq = await this.deps.store.nextSequence(this.sb, 'phone-serial');
    // Phone elements: 8 + 14 digits (cards are 9 + 14), so a serial never names both.
    const serial = `8${String(seq).padStart(14, '0')}`;
    const id = `phone-${randomAlnum(this.deps.random, 12).toLowerCase()}`;
    const adminKey = this.deps.random.bytes(32);
    const at = now.toISOString();
    const chip = personalizePhone({
      id,
      serial,
      element: req.platform,
      pins,
      jpki: {
        auth: { privateKeyPkcs8: auth.pkcs8, certificate: auth.der },
        sign: { privateKeyPkcs8: sign.pkcs8, certificate: sign.der },
        authCaCertificate: (await this.deps.authority.ca('auth')).certDer,
        signCaCertificate: (await this.deps.authority.ca('sign')).certDer,
      },
      adminKey,
    });
    // One phone per card: the previous one is replaced (observed: ITmedia 2023-05-15, docs/phone.md).
    const retire = [];
    for (const old of await this.phonesOf(card.id)) {
      if (old.status !== 'active') continue;
      const certs = await this.deps.store.listCertificates(this.sb, { cardId: old.id });
      retire.push({
        phoneId: old.id,
        certificates: certs
          .filter((c) => c.status !== 'revoked')
          .map((c) => ({ kind: c.kind, serialHex: c.serialHex })),
      });
    }
    // The new element, its registry row and certificates, and the old phone's retirement: all or
    // nothing, in one store transaction (PhoneStore.recordIssuance).
    await this.deps.phones.recordIssuance(
      {
        chip,
        phone: {
          id,
          sandboxId: this.sb,
          cardId: card.id,
          residentId: resident.id,
          platform: req.platform,
          serial,
          status: 'active',
          adminKey,
          createdAt: at,
          updatedAt: at,
        },
        certificates: fresh.map((f) =>
          certificateRecord(this.sb, f, { cardId: id, residentId: resident.id, at }),
        ),
        retire,
        at,
      },
      this.deps.cards,
      this.deps.store,
    );
    return this.status(id);
  }

  private async retire(p: PhoneRecord, reason: 'superseded' | 'cessationOfOperation'): Promise<void> {
    for (const c of await this.deps.store.listCertificates(this.sb, { cardId: p.id })) {
      if (c.status !== 'revoked') await this.deps.authority.revoke(c.kind, c.serialHex, reason);
    }
    await this.deps.phones.setPhoneStatus(this.sb, p.id, 'revoked', this.now().toISOString());
  }

  /** The holder stops using the phone (失効手続): both certificates are revoked. */
  async revoke(phoneId: string): Promise<PhoneView> {
    const p = await this.phone(phoneId);
    if (p.status === 'revoked') throw fail('phone-revoked');
    await this.retire(p, 'cessationOfOperation');
    return this.status(phoneId);
  }

  /** The phone's record, its passwords' tries (status queries on its element) and certificates. */
  async status(phoneId: string, terminal = 'console:inspection'): Promise<PhoneView> {
    const p = await this.phone(phoneId);
    const pins = await this.onPhone(p.id, terminal, async (client) => ({
      auth: await client.pinStatus('auth'),
      sign: await client.pinStatus('sign'),
    }));
    const now = this.now();
    const records = await this.deps.store.listCertificates(this.sb, { cardId: p.id });
    const certificates = records.map((c) => ({
      kind: c.kind,
      serialHex: c.serialHex,
      status: c.status,
      reason: c.reason,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      expired: now.getTime() > Date.parse(c.notAfter),
    }));
    const { adminKey: _secret, ...phone } = p;
    return {
      phone,
      pins,
      certificates,
      usable: phoneUsable(p, records, now) && !pins.auth.blocked,
    };
  }

  /**
   * Resets one of the phone's passwords in the マイナポータル app (スマホ用電子証明書のパスワード初期化,
   * manual 04-07/0220): the phone is registered and its certificate for that password is valid;
   * the card it came from is active. Signature password: the card's signature password is
   * VERIFYed on the card (a real try) and the card is read. User-auth password: the phone's
   * signature password is VERIFYed on the phone (a real try on the phone) and the card is read
   * (its user-auth certificate must be the card's current one). Then the authority sets the new
   * value with a full counter over the phone's administrative channel. The card's own PINs are
   * never reset here (their channels: docs/reset.md).
   */
  async reset(phoneId: string, req: PhoneResetRequest): Promise<PhoneView> {
    const p = await this.phone(phoneId);
    requireActivePhone(p);
    const newValue = phonePinValue(req.pin, req.newValue);
    phoneCertificateForReset(
      await this.deps.store.listCertificates(this.sb, { cardId: p.id, kind: req.pin }),
      req.pin,
      this.now(),
    );
    const card = await this.activeCard(p.cardId);
    const cardAuth = (
      await this.deps.store.listCertificates(this.sb, { cardId: card.id, kind: 'auth' })
    ).find((c) => c.status === 'good');

    if (req.pin === 'auth') {
      // Step 4: the phone's signature password, on the phone.
      await this.onPhone(p.id, MYNA_PORTAL_TERMINAL, async (client) => {
        await client.verifyPin('sign', req.phoneSignPin);
      });
    }
    // Steps 5–6: (signature password only) the card's signature password, then the card is read.
    await withCard(this.deps.connector, card.id, MYNA_PORTAL_TERMINAL, async (client) => {
      if (req.pin === 'sign') {
        await this.cardSignCertificate(card.id);
        await client.verifyPin('sign', req.cardSignPin);
      }
      const der = await client.readCertificate('auth');
      if (!cardAuth || parseCertificate(der).serialHex !== cardAuth.serialHex) throw fail('card-not-linked');
    });
    // Step 7: the new password, set by the authority on the phone element.
    await this.onPhone(p.id, MYNA_PORTAL_TERMINAL, async (client) => {
      await (await AdminSession.open(client, p)).resetPin(req.pin, newValue);
    });
    return this.status(phoneId);
  }

  /**
   * Logs in to the relying-party demo with the phone's user-auth certificate: the phone's
   * user-auth password (a real try on the phone), the certificate read after it (the phone needs
   * the PIN first), and the RP's proof of possession + chain + OCSP (`RelyingPartyDemo.verifyHolder`).
   */
  async relyingPartyLogin(
    phoneId: string,
    authPin: string,
    rp: RelyingPartyDemo,
    opts: { confirmLastTry?: boolean; terminal?: string } = {},
  ): Promise<{ subject: string; serialHex: string; token: string }> {
    const p = await this.phone(phoneId);
    return this.onPhone(p.id, opts.terminal ?? 'rp-demo:phone', async (client) => {
      await client.verifyPin('auth', authPin, { confirmLastTry: opts.confirmLastTry ?? false });
      const der = await client.readCertificate('auth');
      await rp.verifyHolder(client, 'auth', der);
      const info = parseCertificate(der);
      return {
        subject: readAuthCertificateIssueId(der),
        serialHex: info.serialHex,
        token: await client.tokenLabel(),
      };
    });
  }
}
