import { jstDateOf } from '@myna/calendar';
import type {
  CardFacts,
  CertificateFact,
  HolderStatement,
  Item,
  KioskPlan,
  PinReport,
  Route,
  SupportPin,
} from '../types.js';

/**
 * What the diagnosis's rules share: the facts and statement, the PIN reports, and what earlier
 * rules concluded (card state, certificates to re-issue, PINs to reset, reasons for the counter).
 * Rules append findings and warnings in order; the engine composes them (engine.ts).
 */
export interface DiagnosisContext {
  readonly facts: CardFacts;
  readonly statement: HolderStatement;
  /** `facts.checkedAt` as milliseconds. */
  readonly now: number;
  readonly under15: boolean;
  readonly pins: readonly PinReport[];
  pin(p: SupportPin): PinReport;
  readonly findings: Item[];
  readonly warnings: Item[];
  /** Reasons the counter is needed regardless of PINs. */
  readonly counterReasons: string[];
  /** Certificates the counter must issue anew. */
  readonly reissue: ('auth' | 'sign')[];
  suspended: boolean;
  abolished: boolean;
  cardExpired: boolean;
  /** PINs that need a reset: locked, or forgotten (§4.1: the counter treats both alike). */
  needsReset: readonly PinReport[];
  route?: Route;
  kiosk?: KioskPlan;
  resets: { pin: SupportPin; at: 'kiosk' | 'counter' }[];
}

export const usable = (r: PinReport) => r.state === 'ok' || r.state === 'reduced' || r.state === 'one-left';

export type CertProblem = 'absent' | 'expired' | 'revoked' | 'hold' | null;

export function certProblem(c: CertificateFact): CertProblem {
  if (!c.present) return 'absent';
  if (c.status === 'hold') return 'hold';
  if (c.status === 'revoked') return 'revoked';
  if (c.expired) return 'expired';
  return null;
}

/** Fit for the reset app and the kiosk: present, not expired, not revoked or held (§2.2). */
export function kioskFit(c: CertificateFact): boolean {
  return certProblem(c) === null;
}

/** Certificates end at 23:59:59 JST: the JST calendar day of an instant, `—` when unknown. */
export function dateOf(iso: string | undefined): string {
  if (!iso) return '—';
  return jstDateOf(new Date(iso));
}
