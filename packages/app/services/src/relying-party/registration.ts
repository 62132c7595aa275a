import { verify, X509Certificate } from 'node:crypto';
import type { PinId } from '@myna/card';
import type { MynaCardClient } from '@myna/client';
import { isMynaError, MynaError } from '@myna/errors';
import { parseCertificate, readAuthCertificateIssueId, readSignCertificateHolder } from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import { diagnose, triesLeftEn } from '../support/engine.js';
import { readCardFacts } from '../support/reader.js';
import type { Diagnosis, HolderStatement, Item, Text } from '../support/types.js';
import { issuingAnchor, type TrustAnchors } from './anchors.js';
import type { OcspChecker } from './ocsp.js';

/**
 * The relying-party demo: a PocketSign-like sign-up (seed 000; pin-lifecycle.md §6.1 [PS-REG]).
 *
 * Two routes: (a) four digits — the user-auth PIN, then a signature over the RP's challenge with
 * the user-auth key gives a unique id (the certificate's issue id); the 券面事項入力補助 PIN then
 * gives name, address, birth date and sex; (b) the signature password alone — a signature with
 * the signature key, whose certificate carries the basic four facts.
 *
 * Two modes:
 * - `risky` reproduces the pitfall of seed 000 "新しい暗証番号を入れたのにロックされる": the box
 *   "the 券面事項入力補助AP PIN is the same" is ticked by default, so the user-auth PIN is re-sent
 *   to the 券面事項入力補助 application (`allowResendToOtherApplication: true`), and it never warns
 *   (`confirmLastTry: true`). Where the two PINs differ, three sign-ups lock 券面事項入力補助
 *   while the user-auth PIN keeps verifying.
 * - `safe` reads the tries left first (status queries), leaves the box unticked and asks for the
 *   券面事項入力補助 PIN separately, refuses to spend a last try without the user's explicit
 *   confirmation, shows the tries left after a wrong entry, and on a lock (or a failed
 *   certificate) explains it with the support guide's diagnosis.
 *
 * Either way, the user is verified as a relying party must (§6.1, §5.3): a signature over a fresh
 * challenge (the injected Random) checked with node:crypto against the certificate, the
 * certificate checked against the RP's trust anchor and validity (the injected clock), and its
 * status checked by OCSP (`OcspChecker`).
 */

export type RegistrationMode = 'risky' | 'safe';
export type RegistrationRoute = 'four-digit' | 'signature';

export interface RelyingPartyOptions {
  readonly random: Random;
  readonly clock: Clock;
  readonly ocsp: OcspChecker;
  /**
   * The CA certificates this RP trusts, per hierarchy: one, or every generation (the sandbox's:
   * `authority.generations(kind)`, or GET /ca/auth.cer, /ca/auth-<n>.cer). A function is asked
   * at each verification, so a CA roll-over reaches an RP that is already running.
   */
  readonly trustAnchors:
    | { readonly auth: TrustAnchors; readonly sign: TrustAnchors }
    | ((kind: 'auth' | 'sign') => Promise<TrustAnchors>);
  /** Where the safe mode links on a lock; default `/support`. */
  readonly supportGuideHref?: string;
}

export interface BasicFour {
  readonly name: string;
  readonly address: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  /** JIS X 0303 code. */
  readonly sex: string;
}

export interface RegisteredUser {
  readonly route: RegistrationRoute;
  /** Four-digit route: the user-auth certificate's issue id; signature route: `sign:` + the certificate serial. */
  readonly subjectId: string;
  readonly basicFour: BasicFour;
  readonly certificate: {
    readonly kind: 'auth' | 'sign';
    readonly serialHex: string;
    readonly notAfter: string;
    readonly ocsp: 'good';
    /** The trust anchor it chained to: after a CA roll-over, the generation that signed it. */
    readonly chainedTo: ChainedTo;
  };
  readonly registeredAt: string;
}

/**
 * The root a holder's certificate chained to, as a relying party sees it: the anchor's serial,
 * subjectKeyIdentifier (the AKI keyid of the certificate) and validity. Every JPKI generation has
 * one DN, so the key id is what tells them apart.
 */
export interface ChainedTo {
  readonly serialHex: string;
  readonly keyIdHex: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export type RegistrationInput =
  | {
      readonly route: 'four-digit';
      readonly authPin: string;
      /** The 券面事項入力補助 PIN typed into its own field. */
      readonly kenhojoPin?: string;
      /**
       * The box "the 券面事項入力補助AP PIN is the same". Risky mode: ticked unless the user unticks
       * it (`false`). Safe mode: unticked unless the user ticks it (`true`).
       */
      readonly kenhojoSameAsAuth?: boolean;
      /** PINs whose last try the user explicitly agreed to spend (safe mode). */
      readonly confirmLastTry?: readonly PinId[];
    }
  | {
      readonly route: 'signature';
      readonly signPin: string;
      readonly confirmLastTry?: readonly PinId[];
    };

export type RegistrationOutcome =
  | {
      readonly status: 'registered';
      readonly user: RegisteredUser;
      /** True if this subject had already registered (the account is refreshed). */
      readonly existing: boolean;
      readonly message: Text;
    }
  | {
      readonly status: 'needs-input';
      readonly field: 'kenhojoPin';
      readonly triesLeft: number;
      readonly message: Text;
    }
  | {
      readonly status: 'confirm-last-try';
      readonly pin: PinId;
      readonly triesLeft: 1;
      readonly message: Text;
    }
  | {
      readonly status: 'pin-wrong';
      readonly pin: PinId;
      /** Shown by the safe mode only. */
      readonly triesLeft?: number;
      readonly message: Text;
      readonly warnings: readonly Item[];
    }
  | {
      readonly status: 'pin-locked';
      readonly pin: PinId;
      /** True when this attempt's wrong value used the last try; false when it was locked before. */
      readonly counted: boolean;
      readonly message: Text;
      /** Safe mode: the support guide's diagnosis of the card and where to read it. */
      readonly diagnosis?: Diagnosis;
      readonly supportGuide?: string;
    }
  | {
      readonly status: 'verification-failed';
      readonly reason: string;
      readonly message: Text;
      readonly diagnosis?: Diagnosis;
      readonly supportGuide?: string;
    }
  | {
      readonly status: 'unavailable';
      readonly reason: 'pin-not-set' | 'no-certificate';
      readonly message: Text;
      readonly diagnosis?: Diagnosis;
      readonly supportGuide?: string;
    };

/** What a sign-up form shows (the web screens render it). */
export interface RegistrationForm {
  readonly mode: RegistrationMode;
  readonly kenhojoSameAsAuthCheckbox: { readonly label: Text; readonly defaultChecked: boolean };
  /** Whether the form shows the tries left before the user types a PIN. */
  readonly showsTriesLeft: boolean;
}

const SAME_LABEL: Text = {
  ja: '券面事項入力補助APの暗証番号も同じ',
  en: 'The 券面事項入力補助AP PIN is the same',
};

const PIN_JA: Partial<Record<PinId, string>> = {
  auth: '利用者証明用電子証明書の暗証番号',
  sign: '署名用電子証明書のパスワード',
  kenhojo: '券面事項入力補助用の暗証番号',
};
const PIN_EN: Partial<Record<PinId, string>> = {
  auth: 'user-authentication PIN',
  sign: 'signature password',
  kenhojo: '券面事項入力補助 PIN',
};

/** The demo RP: its trust anchors, its OCSP checker and its registered users (in memory). */
export class RelyingPartyDemo {
  private readonly users = new Map<string, RegisteredUser>();

  constructor(readonly options: RelyingPartyOptions) {}

  registration(mode: RegistrationMode): Registration {
    return mode === 'risky' ? new RiskyRegistration(this) : new SafeRegistration(this);
  }

  user(subjectId: string): RegisteredUser | undefined {
    return this.users.get(subjectId);
  }

  get registeredUsers(): readonly RegisteredUser[] {
    return [...this.users.values()];
  }

  /** @internal Stores a verified user; returns whether it existed. */
  remember(u: RegisteredUser): boolean {
    const existed = this.users.has(u.subjectId);
    this.users.set(u.subjectId, u);
    return existed;
  }

  /**
   * Proves the card holds the key of `certDer` and that the certificate is valid for this RP:
   * signature over a fresh challenge, chain to the trust anchor, validity, OCSP `good`.
   * Throws `RP_VERIFICATION_FAILED` with `details.reason`; answers the trust anchor it chained to.
   */
  async verifyHolder(client: MynaCardClient, kind: 'auth' | 'sign', certDer: Uint8Array): Promise<ChainedTo> {
    const { random, clock, ocsp, trustAnchors } = this.options;
    const challenge = random.bytes(32);
    const signature = await client.sign(kind, challenge);
    const fail = (reason: string) => new MynaError('RP_VERIFICATION_FAILED', { reason, certificate: kind });
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(Buffer.from(certDer));
    } catch {
      throw fail('certificate-malformed');
    }
    const anchors = typeof trustAnchors === 'function' ? await trustAnchors(kind) : trustAnchors[kind];
    const anchor = issuingAnchor(cert, anchors);
    if (!anchor) throw fail('certificate-chain');
    const info = parseCertificate(certDer);
    const now = clock.now().getTime();
    if (now < info.notBefore.getTime()) throw fail('certificate-not-yet-valid');
    if (now > info.notAfter.getTime()) throw fail('certificate-expired');
    if (!verify('sha256', challenge, cert.publicKey, signature)) throw fail('signature');
    const status = await ocsp.check(certDer, new Uint8Array(anchor.raw));
    if (status.status !== 'good') throw fail(`certificate-${status.status}`);
    const root = parseCertificate(new Uint8Array(anchor.raw));
    return {
      serialHex: root.serialHex,
      keyIdHex: root.subjectKeyIdentifier ?? '',
      notBefore: root.notBefore.toISOString(),
      notAfter: root.notAfter.toISOString(),
    };
  }

  /** @internal Registers after the PINs: route (a) or (b). */
  /**
   * Records a verified holder. The route decides the rest: the four-digit route takes the basic
   * four from the 券面事項入力補助AP and the subject id from the user-auth certificate's issue id;
   * the signature route takes both from the signature certificate.
   */
  async complete(
    route: RegistrationRoute,
    certDer: Uint8Array,
    client: MynaCardClient,
    chainedTo: ChainedTo,
  ): Promise<RegistrationOutcome> {
    const info = parseCertificate(certDer);
    const fourDigit = route === 'four-digit';
    const kind = fourDigit ? 'auth' : 'sign';
    const subjectId = fourDigit ? readAuthCertificateIssueId(certDer) : `sign:${info.serialHex}`;
    const basicFour = () =>
      fourDigit
        ? client.readBasicFour().then(basicFourFromKenhojo)
        : Promise.resolve(basicFourFromSignCertificate(certDer));
    const user: RegisteredUser = {
      route,
      subjectId,
      basicFour: await basicFour(),
      certificate: {
        kind,
        serialHex: info.serialHex,
        notAfter: info.notAfter.toISOString(),
        ocsp: 'good',
        chainedTo,
      },
      registeredAt: this.options.clock.now().toISOString(),
    };
    const existing = this.remember(user);
    return {
      status: 'registered',
      user,
      existing,
      message: { ja: '登録が完了しました。', en: 'Registration complete.' },
    };
  }
}

export interface Registration {
  readonly mode: RegistrationMode;
  form(): RegistrationForm;
  /** One sign-up attempt with the card in `client`. Never throws for a PIN or verification outcome. */
  register(client: MynaCardClient, input: RegistrationInput): Promise<RegistrationOutcome>;
}

function basicFourFromKenhojo(b: {
  name: string;
  address: string;
  birthDate: string;
  sex: string;
}): BasicFour {
  const d = b.birthDate;
  return {
    name: b.name,
    address: b.address,
    birthDate: /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d,
    sex: b.sex,
  };
}

function basicFourFromSignCertificate(der: Uint8Array): BasicFour {
  const h = readSignCertificateHolder(der);
  return { name: h.name, address: h.address, birthDate: h.birthDate, sex: h.sex };
}

// ───────────────────────── risky ─────────────────────────

/**
 * The risky sign-up of seed 000: box ticked by default, PIN re-sent to another application,
 * no warning before the last try, no tries shown, a generic message on failure.
 */
export class RiskyRegistration implements Registration {
  readonly mode = 'risky' as const;

  constructor(private readonly rp: RelyingPartyDemo) {}

  form(): RegistrationForm {
    return {
      mode: 'risky',
      kenhojoSameAsAuthCheckbox: { label: SAME_LABEL, defaultChecked: true },
      showsTriesLeft: false,
    };
  }

  async register(client: MynaCardClient, input: RegistrationInput): Promise<RegistrationOutcome> {
    // The app never asks before spending a try and re-sends the PIN wherever the box says.
    const opts = { confirmLastTry: true, allowResendToOtherApplication: true } as const;
    let pin: PinId = input.route === 'four-digit' ? 'auth' : 'sign';
    try {
      if (input.route === 'signature') {
        await client.verifyPin('sign', input.signPin, opts);
        const der = await client.readCertificate('sign');
        const root = await this.rp.verifyHolder(client, 'sign', der);
        return await this.rp.complete('signature', der, client, root);
      }
      await client.verifyPin('auth', input.authPin, opts);
      const der = await client.readCertificate('auth');
      const root = await this.rp.verifyHolder(client, 'auth', der);
      pin = 'kenhojo';
      const same = input.kenhojoSameAsAuth ?? true;
      await client.verifyPin('kenhojo', same ? input.authPin : (input.kenhojoPin ?? ''), opts);
      return await this.rp.complete('four-digit', der, client, root);
    } catch (e) {
      if (!isMynaError(e)) throw e;
      switch (e.code) {
        case 'PIN_WRONG':
        case 'PIN_FORMAT':
          return {
            status: 'pin-wrong',
            pin,
            message: { ja: '暗証番号が正しくありません。', en: 'The PIN is not correct.' },
            warnings: [],
          };
        case 'PIN_BLOCKED':
          return {
            status: 'pin-locked',
            pin,
            counted: e.details.counted === true,
            message: { ja: '暗証番号がロックされています。', en: 'The PIN is locked.' },
          };
        case 'PIN_NOT_SET':
          return {
            status: 'unavailable',
            reason: 'pin-not-set',
            message: { ja: 'このカードは利用できません。', en: 'This card cannot be used.' },
          };
        case 'CERTIFICATE_NOT_FOUND':
          return {
            status: 'unavailable',
            reason: 'no-certificate',
            message: { ja: 'このカードは利用できません。', en: 'This card cannot be used.' },
          };
        case 'RP_VERIFICATION_FAILED':
          return {
            status: 'verification-failed',
            reason: String(e.details.reason),
            message: { ja: '本人確認に失敗しました。', en: 'Identity verification failed.' },
          };
        default:
          throw e;
      }
    }
  }
}

// ───────────────────────── safe ─────────────────────────

/**
 * The safe sign-up: tries read first, box unticked, the 券面事項入力補助 PIN asked separately, no
 * last try without explicit confirmation, tries shown after a wrong entry, and the support
 * guide's diagnosis on a lock or a failed certificate.
 */
export class SafeRegistration implements Registration {
  readonly mode = 'safe' as const;

  constructor(private readonly rp: RelyingPartyDemo) {}

  form(): RegistrationForm {
    return {
      mode: 'safe',
      kenhojoSameAsAuthCheckbox: { label: SAME_LABEL, defaultChecked: false },
      showsTriesLeft: true,
    };
  }

  private get guide(): string {
    return this.rp.options.supportGuideHref ?? '/support';
  }

  private async diagnosis(client: MynaCardClient, statement: HolderStatement): Promise<Diagnosis> {
    const facts = await readCardFacts(client, { clock: this.rp.options.clock, ocsp: this.rp.options.ocsp });
    return diagnose(facts, statement);
  }

  private async locked(
    client: MynaCardClient,
    pin: PinId,
    statement: HolderStatement,
    counted = false,
  ): Promise<RegistrationOutcome> {
    const ja = PIN_JA[pin] ?? pin;
    const en = PIN_EN[pin] ?? pin;
    const diagnosis = await this.diagnosis(client, statement);
    return {
      status: 'pin-locked',
      pin,
      counted,
      message: {
        ja: `${ja}がロックされているため、この方法では登録できません。${diagnosis.summary.ja}詳しい手順はサポートガイドをご覧ください。`,
        en: `The ${en} is locked, so this route cannot be used. ${diagnosis.summary.en} See the support guide for the steps.`,
      },
      diagnosis,
      supportGuide: this.guide,
    };
  }

  private wrong(pin: PinId, triesLeft: number): RegistrationOutcome {
    const ja = PIN_JA[pin] ?? pin;
    const en = PIN_EN[pin] ?? pin;
    const warnings: Item[] = [];
    if (pin === 'kenhojo')
      warnings.push({
        id: 'warn.pins-differ-between-applications',
        ja: '券面事項入力補助用の暗証番号は、利用者証明用の暗証番号と異なる場合があります。カードの受け取り時に設定した番号を確かめてください。',
        en: 'The 券面事項入力補助 PIN may differ from the user-authentication PIN. Check the number set when the card was issued.',
      });
    if (triesLeft === 1)
      warnings.push({
        id: 'warn.one-try-left',
        ja: `${ja}は残り1回です。次に間違えるとロックされ、市区町村窓口${pin === 'sign' || pin === 'auth' ? '等' : ''}での再設定が必要になります。`,
        en: `The ${en} has one try left. The next wrong entry locks it, and it must then be reset${pin === 'sign' || pin === 'auth' ? '' : ' at the municipal counter'}.`,
        data: { pin },
      });
    warnings.push({
      id: 'warn.errors-add-up',
      ja: '入力ミスは他のサービスでのものも通算され、正しく入力できたときだけ元に戻ります。',
      en: 'Wrong entries in every service add up; only a correct entry restores the count.',
    });
    return {
      status: 'pin-wrong',
      pin,
      triesLeft,
      message: {
        ja: `${ja}が違います。残り${triesLeft}回です。`,
        en: `Wrong ${en}: ${triesLeftEn(triesLeft)}.`,
      },
      warnings,
    };
  }

  async register(client: MynaCardClient, input: RegistrationInput): Promise<RegistrationOutcome> {
    const needed: PinId[] = input.route === 'four-digit' ? ['auth', 'kenhojo'] : ['sign'];
    const confirmed = new Set(input.confirmLastTry ?? []);
    // 1. Read the tries left of every PIN this route needs, before any PIN is sent.
    const status = new Map<PinId, Awaited<ReturnType<MynaCardClient['pinStatus']>>>();
    for (const p of needed) status.set(p, await client.pinStatus(p));
    for (const p of needed) {
      const s = status.get(p)!;
      if (!s.set) {
        const diagnosis = await this.diagnosis(client, {});
        return {
          status: 'unavailable',
          reason: 'pin-not-set',
          message: {
            ja: `このカードには${PIN_JA[p] ?? p}が設定されていません。${diagnosis.summary.ja}`,
            en: `This card has no ${PIN_EN[p] ?? p}. ${diagnosis.summary.en}`,
          },
          diagnosis,
          supportGuide: this.guide,
        };
      }
    }
    for (const p of needed) if (status.get(p)!.blocked) return this.locked(client, p, {});
    if (input.route === 'four-digit' && input.kenhojoPin === undefined && input.kenhojoSameAsAuth !== true) {
      return {
        status: 'needs-input',
        field: 'kenhojoPin',
        triesLeft: status.get('kenhojo')!.triesLeft,
        message: {
          ja: `券面事項入力補助用の暗証番号（数字4桁、残り${status.get('kenhojo')!.triesLeft}回）を入力してください。利用者証明用と同じとは限りません。`,
          en: `Enter the 券面事項入力補助 PIN (4 digits, ${triesLeftEn(status.get('kenhojo')!.triesLeft)}). It is not necessarily the same as the user-authentication PIN.`,
        },
      };
    }
    for (const p of needed) {
      if (status.get(p)!.triesLeft === 1 && !confirmed.has(p)) {
        return {
          status: 'confirm-last-try',
          pin: p,
          triesLeft: 1,
          message: {
            ja: `${PIN_JA[p] ?? p}は残り1回です。間違えるとロックされ、${p === 'kenhojo' ? '市区町村窓口でしか' : '窓口かキオスク端末でしか'}再設定できません。確かな場合だけ続けてください。わからない場合はサポートガイドをご覧ください。`,
            en: `The ${PIN_EN[p] ?? p} has one try left. A wrong entry locks it, and only ${p === 'kenhojo' ? 'the municipal counter' : 'the counter or a kiosk'} can reset it. Continue only if you are sure; otherwise see the support guide.`,
          },
        };
      }
    }
    // 2. Verify, one application at a time.
    let pin: PinId = needed[0]!;
    const statement: { remembers: Record<string, boolean> } = { remembers: {} };
    try {
      if (input.route === 'signature') {
        await client.verifyPin('sign', input.signPin, { confirmLastTry: confirmed.has('sign') });
        statement.remembers.sign = true;
        const der = await client.readCertificate('sign');
        const root = await this.rp.verifyHolder(client, 'sign', der);
        return await this.rp.complete('signature', der, client, root);
      }
      await client.verifyPin('auth', input.authPin, { confirmLastTry: confirmed.has('auth') });
      statement.remembers.auth = true;
      const der = await client.readCertificate('auth');
      const root = await this.rp.verifyHolder(client, 'auth', der);
      pin = 'kenhojo';
      // Unticked box: the PIN typed into its own field. Ticked (by the user): the user asked for
      // the user-auth PIN to be used here too. Either way the user asked; nothing is re-sent unasked.
      const value = input.kenhojoSameAsAuth === true ? input.authPin : input.kenhojoPin!;
      await client.verifyPin('kenhojo', value, {
        confirmLastTry: confirmed.has('kenhojo'),
        allowResendToOtherApplication: true,
      });
      return await this.rp.complete('four-digit', der, client, root);
    } catch (e) {
      if (!isMynaError(e)) throw e;
      switch (e.code) {
        case 'PIN_WRONG':
          return this.wrong(pin, Number(e.details.triesLeft));
        case 'PIN_FORMAT':
          return {
            status: 'pin-wrong',
            pin,
            triesLeft: status.get(pin)?.triesLeft ?? 0,
            message: {
              ja: `${PIN_JA[pin] ?? pin}の形式が違います（カードには送っていません。回数は減っていません）。`,
              en: `The ${PIN_EN[pin] ?? pin} does not have the right format (nothing was sent to the card; no try was spent).`,
            },
            warnings: [],
          };
        case 'PIN_LAST_TRY':
          // The tries changed since they were read (another terminal): ask again.
          return {
            status: 'confirm-last-try',
            pin,
            triesLeft: 1,
            message: {
              ja: `${PIN_JA[pin] ?? pin}は残り1回です。確かな場合だけ続けてください。`,
              en: `The ${PIN_EN[pin] ?? pin} has one try left. Continue only if you are sure.`,
            },
          };
        case 'PIN_BLOCKED':
          return this.locked(client, pin, statement, e.details.counted === true);
        case 'RP_VERIFICATION_FAILED': {
          const diagnosis = await this.diagnosis(client, statement);
          return {
            status: 'verification-failed',
            reason: String(e.details.reason),
            message: {
              ja: `電子証明書を確認できないため登録できません。${diagnosis.summary.ja}`,
              en: `The certificate could not be verified, so registration cannot proceed. ${diagnosis.summary.en}`,
            },
            diagnosis,
            supportGuide: this.guide,
          };
        }
        default:
          throw e;
      }
    }
  }
}
