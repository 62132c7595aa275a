import type { RevocationReason } from '@myna/pki';
import type { StoreChainId } from '../reset/chains.js';

/**
 * The support guide's vocabulary (docs/support.md). Input: `CardFacts` (what the card and the
 * authority say, read without spending a try) and a `HolderStatement` (what the holder says).
 * Output: a `Diagnosis` — a route, the findings behind it, ordered steps and warnings, each an
 * `Item` with a stable `id` (for tests and UIs) and its text in Japanese and English.
 */

export type Lang = 'ja' | 'en';

export interface Text {
  readonly ja: string;
  readonly en: string;
}

/** One finding, step or warning: a stable id, bilingual text and safe facts (never a PIN). */
export interface Item extends Text {
  readonly id: string;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

/** The holder PINs the guide talks about; 住基 stands for both 住基 and 共通 key references (card.md §7). */
export type SupportPin = 'auth' | 'sign' | 'kenhojo' | 'juki';
export const SUPPORT_PINS: readonly SupportPin[] = ['sign', 'auth', 'kenhojo', 'juki'];

/** A PIN as a status query reports it (card.md §3): no try is spent to learn this. */
export interface PinFact {
  /** False when the card holds no reference data (face-authentication card; no signature certificate). */
  readonly set: boolean;
  readonly triesLeft: number;
  readonly maxTries: number;
  readonly blocked: boolean;
}

/** One certificate as the card and the authority (or OCSP) describe it. */
export interface CertificateFact {
  /** On the card (JPKI EF 0008, card.md §4.1). */
  readonly present: boolean;
  /** `unknown`: not checked (no authority view and no OCSP answer — e.g. the signature certificate of a card in a reader, readable only after its password). */
  readonly status: 'good' | 'revoked' | 'hold' | 'unknown';
  readonly reason?: RevocationReason | null;
  /** ISO instant; absent when the certificate could not be read. */
  readonly notAfter?: string;
  /** Undefined when `notAfter` is unknown. */
  readonly expired?: boolean;
  /** Where `status` came from. */
  readonly source: 'authority' | 'ocsp' | 'none';
}

export interface CardFacts {
  /** `sandbox`: the card and the authority's records; `reader`: the chip, the certificate and OCSP only. */
  readonly source: 'sandbox' | 'reader';
  /** Transport label (a PC/SC reader name, "in-process"…). */
  readonly transport: string;
  /** When the facts were read (the injected clock), ISO. */
  readonly checkedAt: string;
  /** Card serial from the common AP (card.md §7), when readable. Not a secret (printed on no face; not the My Number). */
  readonly serial?: string;
  /** No holder PIN is set: a face-authentication card (pin-lifecycle.md §1.3). */
  readonly faceAuth: boolean;
  readonly pins: Readonly<Record<SupportPin | 'common', PinFact>>;
  readonly certificates: Readonly<Record<'auth' | 'sign', CertificateFact>>;
  readonly card: {
    /** From the municipality's record; `unknown` for a card in a reader (a hold seen by OCSP still reveals a suspension). */
    readonly status: 'active' | 'suspended' | 'abolished' | 'unknown';
    /** YYYY-MM-DD (the chip's common-AP record or the card record). */
    readonly expiresOn?: string;
    readonly expired?: boolean;
  };
  /** Set when an OCSP check was attempted and failed (the reason code, never a secret). */
  readonly ocspError?: string;
}

/** What the holder (or the person helping them) says. Every field is optional. */
export interface HolderStatement {
  /** Which PINs they remember; `false` = forgotten. Unsaid = assumed remembered. */
  readonly remembers?: Readonly<Partial<Record<SupportPin, boolean>>>;
  /** Age in years (under 15: legal representative, no signature certificate — §§1.3, 4.3). */
  readonly age?: number;
  /** Who goes to the counter: the holder, a legal representative (法定代理人) or a voluntary agent (任意代理人). */
  readonly agent?: 'self' | 'legal' | 'voluntary';
}

/** Where the holder should go. */
export type Route = 'change-pin' | 'kiosk' | 'counter';

export interface PinReport extends Item {
  readonly pin: SupportPin;
  readonly state: 'ok' | 'reduced' | 'one-left' | 'locked' | 'forgotten' | 'not-set';
  readonly set: boolean;
  readonly triesLeft: number;
  readonly maxTries: number;
  /** Name, format, lock threshold and use, in both languages (seed 000 "暗証番号とは?"). */
  readonly about: Text;
}

export interface KioskPlan {
  /** The PIN reset at the kiosk. */
  readonly pin: 'sign' | 'auth';
  /** The PIN the reset app and the kiosk ask for (pin-lifecycle.md §2.2, §3.2 K5). */
  readonly otherPin: 'auth' | 'sign';
  readonly otherPinTriesLeft: number;
  readonly chains: readonly { id: StoreChainId; nameJa: string; nameEn: string; someStoresOnly: boolean }[];
  readonly hours: string;
  readonly reservationValidHours: number;
}

export interface Diagnosis {
  readonly route: Route;
  /** One line: where to go and why (`route.counter`, `route.kiosk`, `route.change-pin`). */
  readonly summary: Item;
  /** What is wrong or notable, most serious first. */
  readonly findings: readonly Item[];
  /** What to do, in order. */
  readonly steps: readonly Item[];
  readonly warnings: readonly Item[];
  /** Every holder PIN of the card with its state. */
  readonly pins: readonly PinReport[];
  /** Which PINs get reset, and where. */
  readonly resets: readonly { readonly pin: SupportPin; readonly at: 'kiosk' | 'counter' }[];
  readonly kiosk?: KioskPlan;
}
