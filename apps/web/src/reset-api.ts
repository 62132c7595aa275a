import { type ApiError, ApiFailure, apiKey } from './api.js';

/**
 * The reset ecosystem's HTTP client (phone app, kiosk, counter): like `api`, plus DELETE and the
 * counter's staff session header. The staff session token lives in sessionStorage (like the API
 * key): it is the only credential of a login, and dies with the tab.
 */
export const counterToken = (): string | null => sessionStorage.getItem('myna.counter');
export function setCounterToken(token: string | null): void {
  if (token) sessionStorage.setItem('myna.counter', token);
  else sessionStorage.removeItem('myna.counter');
}

export async function call<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { counter?: boolean } = {},
): Promise<T> {
  const token = opts.counter ? counterToken() : null;
  const res = await fetch(path, {
    method,
    headers: {
      'x-api-key': apiKey() ?? '',
      ...(token ? { 'x-counter-session': token } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json()) as T | ApiError;
  if (!res.ok) throw new ApiFailure(json as ApiError);
  return json as T;
}

export type CertPin = 'sign' | 'auth';

export interface Reservation {
  id: string;
  cardId: string;
  pin: CertPin;
  status: 'active' | 'used' | 'cancelled' | 'replaced' | 'expired';
  faceMatchedAt: string;
  expiresAt: string;
  expired: boolean;
  terminal: string;
  closedAt: string | null;
}

export interface StoreChain {
  id: string;
  nameJa: string;
  nameEn: string;
  resets: CertPin[];
  someStoresOnly: boolean;
}

export interface ScreenText {
  ja: string;
  en: string;
}

export interface KioskView {
  kioskId: string;
  chain: { id: string; nameJa: string; nameEn: string; resets: CertPin[] };
  storeId: string;
  terminal: string;
  offers: CertPin[];
  hours: { open: string; close: string };
  now: string;
  inService: boolean;
  screen: {
    id: 'K1' | 'K2' | 'K3' | 'K4' | 'K5' | 'K6' | 'K7' | 'ERROR';
    menu: 'services' | 'pin-type' | null;
    title: ScreenText;
    body: ScreenText;
    pin: CertPin | null;
    card: 'none' | 'inserted' | 'returned';
    error: (ScreenText & { id: string; code: string; details: Record<string, unknown> }) | null;
    notice: (ScreenText & { code: string; details: Record<string, unknown> }) | null;
    feeYen: number;
    actions: string[];
  };
}

export interface CounterInfo {
  municipalityCode: string;
  nameJa: string;
  nameEn: string;
  officeHours: { weekdays: number[]; open: string; close: string };
  photoIdRequired: boolean;
  open: boolean;
  now: string;
  staffAccounts: number;
}

export interface StaffSessionInfo {
  staffId: string;
  name: string;
  role: 'clerk' | 'supervisor';
  window: string;
  terminal: string;
  expiresAt: string;
}

export type HolderPin = 'auth' | 'sign' | 'kenhojo' | 'juki' | 'common';

export type ProcedureKind =
  | 'pin-reset'
  | 'pin-change'
  | 'lift-suspension'
  | 'to-face-auth'
  | 'from-face-auth'
  | 'sign-certificate';

export interface Procedure {
  id: string;
  cardId: string;
  kind: ProcedureKind;
  applicant: { role: 'holder' | 'legal-representative' | 'voluntary-agent'; name: string | null };
  pins: HolderPin[];
  status: 'open' | 'awaiting-answer' | 'ready' | 'completed' | 'cancelled';
  checks: string[];
  visits: number;
  answerAttempts: number;
  letterMailed: boolean;
  holder: { residentId: string; name: string; birthDate: string };
  openedAt: string;
}

export interface Letter {
  id: string;
  kind: 'inquiry-and-answer';
  procedureId: string;
  addressee: string;
  address: string;
  doNotForward: boolean;
  mailedAt: string;
  answerCode: string;
}
