import { constants, createHmac, publicDecrypt, verify, X509Certificate } from 'node:crypto';
import type { DauthConsent, DauthPin, MynaCardClient } from '@myna/client';
import { isMynaError } from '@myna/errors';
import { parseCertificate } from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import { issuingAnchor, type OcspChecker, type TrustAnchors } from '@myna/services';
import type { BasicFourScope } from './provider.js';

/** The app's side of the holder API (docs/dauth.md, "Holder API"); the SDK declares its requests. */
export type HolderPin = DauthPin;
export type Text = { readonly ja: string; readonly en: string };

export type Reason =
  | 'cancelled'
  | 'pin-locked'
  | 'pin-not-set'
  | 'no-signature-certificate'
  | 'certificate-expired'
  | 'certificate-revoked'
  | 'certificate-suspended'
  | 'certificate-invalid'
  | 'card-expired'
  | 'timeout';

/** The holder's consent: the card, the PINs, 「直前と同じ番号を入力」 only when chosen (never assumed). */
export type Consent = DauthConsent;

export interface PinView {
  readonly set: boolean;
  readonly triesLeft: number;
  readonly maxTries: number;
  readonly blocked: boolean;
}

/** What the app is asked to do. */
export interface AppTask {
  readonly purpose: 'login' | 'sign';
  readonly basicFour: readonly BasicFourScope[];
  readonly sign?: { readonly digestType: 'sha256' | 'digestinfo'; readonly digest: Uint8Array };
}

export interface AppDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly ocsp: OcspChecker;
  /** Every CA generation of the hierarchy that the app trusts (after a roll-over, more than one). */
  readonly trustAnchor: (kind: 'auth' | 'sign') => Promise<TrustAnchors>;
}

/** The card's facts the app reads for the basic four, and for signing. */
export interface AppSuccess {
  readonly kind: 'success';
  readonly claims: Record<string, string>;
  readonly signature?: Uint8Array;
  readonly certificate: Uint8Array;
}

export type AppStep =
  | AppSuccess
  | {
      readonly kind: 'needs-input';
      readonly field: 'authPin' | 'kenhojoPin' | 'signPassword';
      readonly message: Text;
    }
  | { readonly kind: 'confirm-last-try'; readonly pin: HolderPin; readonly message: Text }
  | {
      readonly kind: 'pin-wrong';
      readonly pin: HolderPin;
      readonly triesLeft: number;
      readonly message: Text;
    }
  | { readonly kind: 'failed'; readonly reason: Reason; readonly pin?: HolderPin; readonly message: Text };

export const PIN_NAME: Record<HolderPin, Text> = {
  auth: { ja: '利用者証明用電子証明書の暗証番号（数字4桁）', en: 'user-authentication PIN (4 digits)' },
  kenhojo: { ja: '券面事項入力補助用の暗証番号（数字4桁）', en: '券面事項入力補助 PIN (4 digits)' },
  sign: {
    ja: '署名用電子証明書のパスワード（英数字6〜16桁）',
    en: 'signature password (6–16 letters and digits)',
  },
};

export const REASON_TEXT: Record<Reason, Text> = {
  cancelled: { ja: '利用者が操作を取り消しました。', en: 'The holder cancelled.' },
  'pin-locked': {
    ja: '暗証番号がロックされています。市区町村窓口などで初期化・再設定してください。',
    en: 'The PIN is locked. It must be reset (municipal counter, and for some PINs a kiosk).',
  },
  'pin-not-set': {
    ja: 'このカードには暗証番号が設定されていません（顔認証マイナンバーカード）。デジタル認証アプリでは利用できません。',
    en: 'This card has no PINs (face-authentication card); it cannot be used with the app.',
  },
  'no-signature-certificate': {
    ja: 'このカードには署名用電子証明書が搭載されていません（15歳未満など）。',
    en: 'This card carries no signature certificate (for example, a holder under 15).',
  },
  'certificate-expired': { ja: '電子証明書の有効期限が切れています。', en: 'The certificate has expired.' },
  'certificate-revoked': { ja: '電子証明書が失効しています。', en: 'The certificate is revoked.' },
  'certificate-suspended': {
    ja: '電子証明書が一時保留（一時停止）されています。',
    en: 'The certificate is suspended (on hold).',
  },
  'certificate-invalid': {
    ja: '電子証明書を確認できませんでした。',
    en: 'The certificate could not be verified.',
  },
  'card-expired': {
    ja: 'マイナンバーカードの有効期限が切れています。',
    en: 'The My Number Card has expired.',
  },
  timeout: { ja: '時間内に操作が完了しませんでした。', en: 'The holder did not finish in time.' },
};

const failed = (reason: Reason, pin?: HolderPin): AppStep => ({
  kind: 'failed',
  reason,
  ...(pin ? { pin } : {}),
  message: REASON_TEXT[reason],
});

/** The PINs a task needs, in the order the app asks for them. */
export function neededPins(task: AppTask): HolderPin[] {
  if (task.purpose === 'sign') return ['sign'];
  return task.basicFour.length > 0 ? ['auth', 'kenhojo'] : ['auth'];
}

/** Reads the needed PINs' status (status queries: no try spent). */
export async function readPins(
  client: MynaCardClient,
  task: AppTask,
): Promise<Partial<Record<HolderPin, PinView>>> {
  const out: Partial<Record<HolderPin, PinView>> = {};
  for (const p of neededPins(task)) {
    const s = await client.pinStatus(p);
    out[p] = { set: s.set, triesLeft: s.triesLeft, maxTries: s.maxTries, blocked: s.blocked };
  }
  return out;
}

/**
 * One consent attempt of the app with the card in `client` (the terminal `app:digital-auth`).
 * Every PIN goes through `MynaCardClient`'s safe policy: tries read first, a blocked PIN refused,
 * the last try only with the holder's confirmation, the 券面事項入力補助 PIN never filled with
 * the user-auth PIN unless the holder chose 「直前と同じ番号を入力」. Then, as the server of the
 * real service does, the certificate is checked: a signature over a fresh challenge (login) or
 * the transaction's digest (signing), the chain to the sandbox CA, validity on the sandbox
 * clock, and the status at the sandbox's OCSP responder.
 */
export async function runApp(
  client: MynaCardClient,
  task: AppTask,
  consent: Consent,
  deps: AppDeps,
): Promise<AppStep> {
  const needed = neededPins(task);
  const confirmed = new Set(consent.confirmLastTry ?? []);
  if (task.purpose === 'sign') {
    const avail = await client.certificateAvailability();
    if (!avail.sign) return failed('no-signature-certificate');
  }
  const pins = await readPins(client, task);
  for (const p of needed) if (!pins[p]!.set) return failed('pin-not-set', p);
  for (const p of needed) if (pins[p]!.blocked) return failed('pin-locked', p);
  const input: Record<HolderPin, string | undefined> = {
    auth: consent.authPin,
    kenhojo: consent.kenhojoSameAsAuth === true ? consent.authPin : consent.kenhojoPin,
    sign: consent.signPassword,
  };
  const field = { auth: 'authPin', kenhojo: 'kenhojoPin', sign: 'signPassword' } as const;
  for (const p of needed) {
    if (!input[p])
      return {
        kind: 'needs-input',
        field: field[p],
        message: {
          ja: `${PIN_NAME[p].ja}を入力してください（残り${pins[p]!.triesLeft}回）。`,
          en: `Enter the ${PIN_NAME[p].en} (${pins[p]!.triesLeft} tries left).`,
        },
      };
  }
  for (const p of needed) if (pins[p]!.triesLeft === 1 && !confirmed.has(p)) return lastTry(p);

  let pin: HolderPin = needed[0]!;
  try {
    if (task.purpose === 'sign') {
      await client.verifyPin('sign', input.sign!, { confirmLastTry: confirmed.has('sign') });
      const der = await client.readCertificate('sign');
      const sig = task.sign!;
      const signature = await client.signPrepared('sign', sig.digest);
      const bad = await checkCertificate('sign', der, deps, (pub) => recovers(pub, signature, sig.digest));
      if (bad) return failed(bad);
      return { kind: 'success', claims: {}, signature, certificate: der };
    }
    await client.verifyPin('auth', input.auth!, { confirmLastTry: confirmed.has('auth') });
    const der = await client.readCertificate('auth');
    const challenge = deps.random.bytes(32);
    const proof = await client.sign('auth', challenge);
    const bad = await checkCertificate('auth', der, deps, (pub) => verify('sha256', challenge, pub, proof));
    if (bad) return failed(bad);
    const claims: Record<string, string> = {};
    if (task.basicFour.length > 0) {
      pin = 'kenhojo';
      await client.verifyPin('kenhojo', input.kenhojo!, {
        confirmLastTry: confirmed.has('kenhojo'),
        // The holder typed this value into its own field, or chose 「直前と同じ番号を入力」: either way
        // the holder asked; the app never fills it in unasked.
        allowResendToOtherApplication: true,
      });
      const b = await client.readBasicFour();
      const want = new Set(task.basicFour);
      if (want.has('name')) claims.name = b.name;
      if (want.has('address')) claims.address = b.address;
      if (want.has('birthdate')) claims.birthdate = isoDate(b.birthDate);
      if (want.has('gender')) claims.gender = gender(b.sex);
    }
    return { kind: 'success', claims, certificate: der };
  } catch (e) {
    if (!isMynaError(e)) throw e;
    switch (e.code) {
      case 'PIN_WRONG': {
        const t = Number(e.details.triesLeft);
        return {
          kind: 'pin-wrong',
          pin,
          triesLeft: t,
          message: {
            ja: `${PIN_NAME[pin].ja}が違います。残り${t}回です。${t === 1 ? '次に間違えるとロックされます。' : ''}入力ミスは他のサービスでのものも通算されます。`,
            en: `Wrong ${PIN_NAME[pin].en}: ${t} ${t === 1 ? 'try' : 'tries'} left.${t === 1 ? ' The next wrong entry locks it.' : ''} Wrong entries in every service add up.`,
          },
        };
      }
      case 'PIN_FORMAT':
        return {
          kind: 'needs-input',
          field: field[pin],
          message: {
            ja: `${PIN_NAME[pin].ja}の形式が違います（カードには送っていません）。`,
            en: `The ${PIN_NAME[pin].en} has the wrong format (nothing was sent to the card).`,
          },
        };
      case 'PIN_RESEND_REFUSED':
        return {
          kind: 'needs-input',
          field: 'kenhojoPin',
          message: {
            ja: '券面事項入力補助用の暗証番号を入力するか、「直前と同じ番号を入力」を選んでください。',
            en: 'Enter the 券面事項入力補助 PIN, or choose 「直前と同じ番号を入力」 (same as before).',
          },
        };
      case 'PIN_LAST_TRY':
        return lastTry(pin);
      case 'PIN_BLOCKED':
        return failed('pin-locked', pin);
      case 'PIN_NOT_SET':
        return failed('pin-not-set', pin);
      case 'CERTIFICATE_NOT_FOUND':
        return failed(task.purpose === 'sign' ? 'no-signature-certificate' : 'certificate-invalid');
      default:
        throw e;
    }
  }
}

function lastTry(p: HolderPin): AppStep {
  return {
    kind: 'confirm-last-try',
    pin: p,
    message: {
      ja: `${PIN_NAME[p].ja}は残り1回です。間違えるとロックされ、再設定が必要になります。確かな場合だけ続けてください。`,
      en: `The ${PIN_NAME[p].en} has one try left. A wrong entry locks it and it must then be reset. Continue only if you are sure.`,
    },
  };
}

/** Chain to the sandbox CA, validity on the sandbox clock, the proof, and OCSP. */
async function checkCertificate(
  kind: 'auth' | 'sign',
  der: Uint8Array,
  deps: AppDeps,
  proves: (pub: X509Certificate['publicKey']) => boolean,
): Promise<Reason | undefined> {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(der));
  } catch {
    return 'certificate-invalid';
  }
  const anchor = issuingAnchor(cert, await deps.trustAnchor(kind));
  if (!anchor) return 'certificate-invalid';
  const anchorDer = new Uint8Array(anchor.raw);
  const info = parseCertificate(der);
  const now = deps.clock.now().getTime();
  if (now > info.notAfter.getTime()) return 'certificate-expired';
  if (now < info.notBefore.getTime()) return 'certificate-invalid';
  if (!proves(cert.publicKey)) return 'certificate-invalid';
  const status = await deps.ocsp.check(der, anchorDer);
  if (status.status === 'revoked') return 'certificate-revoked';
  if (status.status === 'hold') return 'certificate-suspended';
  if (status.status !== 'good') return 'certificate-invalid';
  return undefined;
}

/** PKCS#1 v1.5 type 1: the signature opens to exactly the bytes the card was given. */
function recovers(pub: X509Certificate['publicKey'], signature: Uint8Array, input: Uint8Array): boolean {
  try {
    const out = publicDecrypt({ key: pub, padding: constants.RSA_PKCS1_PADDING }, signature);
    return Buffer.compare(out, Buffer.from(input)) === 0;
  } catch {
    return false;
  }
}

function isoDate(d: string): string {
  return /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d;
}

/** JIS X 0303 (on the card) → OpenID Connect `gender`. */
function gender(code: string): string {
  return code === '1' ? 'male' : code === '2' ? 'female' : 'other';
}

/** The pairwise subject: stable per (holder, relying party), different across relying parties. */
export function pairwiseSubject(salt: string, clientId: string, holderId: string): string {
  return createHmac('sha256', salt).update(`${clientId}\n${holderId}`).digest('base64url');
}
