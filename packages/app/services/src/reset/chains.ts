import { jstMinutes } from '../clock.js';

/**
 * Convenience-store chains with a multi-copy machine (マルチコピー機) that resets certificate PINs,
 * and which PINs each resets. spec: pin-lifecycle.md §3.1 (J-LIS terms-of-use snapshot [JR-TOS]):
 * signature password only — all Lawson, FamilyMart, Ministop, some Daiei; both PINs — all
 * Seven-Eleven, AEON group (イオン / イオンスタイル, some AEON Hokkaido/Tohoku), some Fuji.
 * "Some" chains are modelled as chains whose kiosks (not every store) offer the service.
 */
export type StoreChainId = 'seven-eleven' | 'lawson' | 'familymart' | 'ministop' | 'daiei' | 'aeon' | 'fuji';

export type ResettableCertPin = 'sign' | 'auth';

export interface StoreChain {
  readonly id: StoreChainId;
  readonly nameJa: string;
  readonly nameEn: string;
  /** Which certificate PINs its kiosks reset. */
  readonly resets: readonly ResettableCertPin[];
  /** True where only some stores of the chain have a suitable kiosk. */
  readonly someStoresOnly: boolean;
}

export const STORE_CHAINS: readonly StoreChain[] = [
  {
    id: 'seven-eleven',
    nameJa: 'セブン-イレブン',
    nameEn: 'Seven-Eleven',
    resets: ['sign', 'auth'],
    someStoresOnly: false,
  },
  {
    id: 'aeon',
    nameJa: 'イオン・イオンスタイル',
    nameEn: 'AEON / AEON STYLE',
    resets: ['sign', 'auth'],
    someStoresOnly: true,
  },
  { id: 'fuji', nameJa: 'フジ', nameEn: 'Fuji', resets: ['sign', 'auth'], someStoresOnly: true },
  { id: 'lawson', nameJa: 'ローソン', nameEn: 'Lawson', resets: ['sign'], someStoresOnly: false },
  {
    id: 'familymart',
    nameJa: 'ファミリーマート',
    nameEn: 'FamilyMart',
    resets: ['sign'],
    someStoresOnly: false,
  },
  { id: 'ministop', nameJa: 'ミニストップ', nameEn: 'Ministop', resets: ['sign'], someStoresOnly: false },
  { id: 'daiei', nameJa: 'ダイエー', nameEn: 'Daiei', resets: ['sign'], someStoresOnly: true },
];

export function storeChain(id: StoreChainId): StoreChain {
  const c = STORE_CHAINS.find((x) => x.id === id);
  if (!c) throw new RangeError(`unknown store chain ${id}`);
  return c;
}

/** Chains whose kiosks reset `pin`. */
export function chainsResetting(pin: ResettableCertPin): readonly StoreChain[] {
  return STORE_CHAINS.filter((c) => c.resets.includes(pin));
}

/** Kiosk service hours, 06:30–23:00 JST (pin-lifecycle.md §3.1 [KOKA][NIIGATA][TAITO]). */
export const KIOSK_HOURS = { openMinute: 6 * 60 + 30, closeMinute: 23 * 60, label: '06:30–23:00' } as const;

/** Whether kiosks are in service at an instant: from 06:30 inclusive to 23:00 exclusive, JST. */
export function kioskInService(at: Date): boolean {
  const m = jstMinutes(at);
  return m >= KIOSK_HOURS.openMinute && m < KIOSK_HOURS.closeMinute;
}

/** A reservation made in the JPKI PIN-reset app is valid for 24 hours from the face match (§2.3). */
export const RESERVATION_VALIDITY_MS = 24 * 3600_000;
