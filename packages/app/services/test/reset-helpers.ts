import { isMynaError } from '@myna/errors';
import {
  type ChosenPins,
  createSandbox,
  InProcessConnector,
  type Kiosk,
  type KioskScreen,
  type ResettableCertPin,
  type Sandbox,
  SandboxClock,
  type StaffSession,
  selfieOf,
  withCard,
} from '@myna/services';
import { expect } from 'vitest';
import { ADULT, PHOTO } from './helpers.js';

/** A Tuesday morning in Japan: kiosks and the counter are open. */
export const TUESDAY_10 = '2026-11-24T10:00:00+09:00';

export const PINS = { auth: '1234', sign: 'ABC123', kenhojo: '5678', juki: '2468' } as const;

export function world(at = TUESDAY_10, opts: Parameters<typeof createSandbox>[0] = {}): Sandbox {
  const clock = new SandboxClock();
  clock.freeze(at);
  return createSandbox({ clock, ocspUrl: 'http://127.0.0.1/ocsp', ...opts });
}

let n = 0;

/** Registers a resident and issues a card (PINs default to `PINS`). */
export async function issue(
  sb: Sandbox,
  over: {
    birthDate?: string;
    pins?: ChosenPins;
    initialTries?: Partial<Record<'auth' | 'sign' | 'kenhojo' | 'juki' | 'common', number>>;
    faceAuth?: boolean;
  } = {},
) {
  const { card, resident, certificates } = await sb.municipality.registerAndIssue(
    {
      ...ADULT,
      name: `試験　${String(++n).padStart(3, '0')}`,
      ...(over.birthDate ? { birthDate: over.birthDate } : {}),
    },
    over.faceAuth
      ? { faceAuth: true }
      : { pins: over.pins ?? PINS, ...(over.initialTries ? { initialTries: over.initialTries } : {}) },
  );
  return { card, resident, certificates };
}

/** The selfie that matches the demo photo every test card carries. */
export const SELFIE = selfieOf(PHOTO);

export async function reserve(
  sb: Sandbox,
  cardId: string,
  pin: ResettableCertPin,
  otherPin: string,
  extra: Partial<Parameters<Sandbox['reset']['app']['reserve']>[0]> = {},
) {
  return sb.reset.app.reserve({
    cardId,
    pin,
    cardFace: await sb.reset.printedFace(cardId),
    otherPin,
    selfie: SELFIE,
    ...extra,
  });
}

/** ①–④ on a kiosk: to K4 for `pin`. */
export async function toK4(kiosk: Kiosk, pin: ResettableCertPin): Promise<KioskScreen> {
  expect((await kiosk.chooseAdministrativeServices()).id).toBe('K2');
  expect((await kiosk.choosePasswordReset()).menu).toBe('pin-type');
  const k3 = await kiosk.choosePinReset(pin);
  if (k3.id !== 'K3') return k3;
  return kiosk.agree();
}

/** The whole kiosk flow; returns the screen after ⑦ (K7 on success). */
export async function kioskReset(
  kiosk: Kiosk,
  cardId: string,
  pin: ResettableCertPin,
  other: string,
  next: string,
): Promise<KioskScreen> {
  const k4 = await toK4(kiosk, pin);
  if (k4.id !== 'K4') return k4;
  const k5 = await kiosk.placeCard(cardId);
  if (k5.id !== 'K5') return k5;
  const k6 = await kiosk.enterOtherPin(other);
  if (k6.id !== 'K6') return k6;
  return kiosk.enterNewPin(next, next);
}

/**
 * Tries left of a PIN, read from the chip (status query: no try spent) by a card object of its
 * own — as another process sharing the card store would — so it reads even while a terminal of
 * the sandbox holds the card.
 */
export async function tries(
  sb: Sandbox,
  cardId: string,
  pin: 'auth' | 'sign' | 'kenhojo' | 'juki' | 'common',
) {
  const outside = new InProcessConnector({ cards: sb.cards, random: sb.random, clock: sb.clock });
  return withCard(outside, cardId, 'test:status', async (c) => {
    const s = await c.pinStatus(pin);
    return s.set ? s.triesLeft : null;
  });
}

/** Whether `value` verifies for `pin` (a real VERIFY). */
export async function verifies(
  sb: Sandbox,
  cardId: string,
  pin: 'auth' | 'sign' | 'kenhojo' | 'juki' | 'common',
  value: string,
) {
  return withCard(sb.connector, cardId, 'test:verify', async (c) => {
    try {
      await c.verifyPin(pin, value, { confirmLastTry: true });
      return true;
    } catch (e) {
      if (isMynaError(e)) return e.code;
      throw e;
    }
  });
}

/** A supervisor and a clerk of the sandbox's municipality, logged in at windows 1 and 2. */
export async function staff(sb: Sandbox): Promise<{ supervisor: StaffSession; clerk: StaffSession }> {
  const c = sb.reset.counter;
  const fresh = (await sb.reset.store.listStaff(sb.id, c.municipalityCode)).length === 0;
  if (fresh)
    await c.createStaff(null, {
      id: 'sato.sup',
      name: '佐藤　主任',
      role: 'supervisor',
      password: 'correct horse battery',
    });
  const supervisor = await c.login('sato.sup', 'correct horse battery', '1');
  if (fresh)
    await c.createStaff(supervisor, {
      id: 'kato.clerk',
      name: '加藤　係員',
      role: 'clerk',
      password: 'staple battery horse',
    });
  const clerk = await c.login('kato.clerk', 'staple battery horse', '2');
  return { supervisor, clerk };
}

/** Every secret a test used must be absent from the timeline. */
export async function expectNoSecrets(sb: Sandbox, cardId: string, secrets: readonly string[]) {
  const text = JSON.stringify(await sb.reset.timeline(cardId));
  for (const s of secrets) expect(text).not.toContain(s);
}
