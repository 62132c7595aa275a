import type { CardFacts, Diagnosis, Item, Sandbox } from '@myna/services';
import { expect } from 'vitest';
import { PHOTO } from './helpers.js';

/** Helpers shared by the support-guide and relying-party tests. */

export const NOW = '2026-11-22T10:00:00+09:00';

export type Tries = Partial<Record<'auth' | 'sign' | 'kenhojo' | 'juki' | 'common', number>>;

export interface CardSpec {
  readonly profile?: 'adult' | 'under-15' | 'face-auth';
  readonly pins?: { auth: string; sign?: string; kenhojo: string; juki: string };
  readonly initialTries?: Tries;
}

export const ADULT_PINS = { auth: '4567', sign: 'MISAKI95', kenhojo: '4567', juki: '4567' } as const;

let n = 0;

/** Issues a card in a given state (through personalisation, never by touching counters). */
export async function issue(sb: Sandbox, spec: CardSpec = {}) {
  const profile = spec.profile ?? 'adult';
  n++;
  const resident = {
    name: `試験　${String.fromCharCode(0x592a + (n % 40))}郎`,
    address: `東京都清瀬市中里${n}－１`,
    birthDate: profile === 'under-15' ? '2016-05-05' : '1985-04-01',
    sex: '1',
    photo: PHOTO,
  } as const;
  const pins =
    spec.pins ??
    (profile === 'under-15' ? { auth: '5678', kenhojo: '5678', juki: '5678' } : { ...ADULT_PINS });
  return sb.municipality.registerAndIssue(resident, {
    ...(profile === 'face-auth' ? { faceAuth: true } : { pins }),
    ...(spec.initialTries ? { initialTries: spec.initialTries } : {}),
  });
}

export const ids = (items: readonly Item[]) => items.map((i) => i.id);

/** Every text of a diagnosis is there in both languages: Japanese in `ja`, no kana in `en`. */
export function expectBilingual(d: Diagnosis): void {
  const all: Item[] = [d.summary, ...d.findings, ...d.steps, ...d.warnings, ...d.pins];
  for (const i of all) {
    expect(i.id).toMatch(/^[a-z0-9.-]+$/);
    expect(i.ja.length, i.id).toBeGreaterThan(0);
    expect(i.en.length, i.id).toBeGreaterThan(0);
    expect(i.ja, i.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    // English text may quote Japanese names (券面事項入力補助, 照会書兼回答書) but has no hiragana.
    expect(i.en, i.id).not.toMatch(/[\u3040-\u309f]/);
  }
}

/** Hand-made facts for the pure engine: an adult card, everything fine, unless overridden. */
export function facts(
  over: Partial<Omit<CardFacts, 'pins'>> & { pins?: Partial<CardFacts['pins']> } = {},
): CardFacts {
  const pin = (max: number) => ({ set: true, triesLeft: max, maxTries: max, blocked: false });
  const base: CardFacts = {
    source: 'sandbox',
    transport: 'test',
    checkedAt: '2026-11-22T01:00:00.000Z',
    faceAuth: false,
    pins: { auth: pin(3), sign: pin(5), kenhojo: pin(3), juki: pin(3), common: pin(3) },
    certificates: {
      auth: {
        present: true,
        status: 'good',
        source: 'authority',
        notAfter: '2031-02-17T14:59:59.000Z',
        expired: false,
      },
      sign: {
        present: true,
        status: 'good',
        source: 'authority',
        notAfter: '2031-02-17T14:59:59.000Z',
        expired: false,
      },
    },
    card: { status: 'active', expiresOn: '2036-02-17', expired: false },
  };
  return { ...base, ...over, pins: { ...base.pins, ...over.pins } };
}

export const locked = (max: number) => ({ set: true, triesLeft: 0, maxTries: max, blocked: true });
export const left = (n: number, max: number) => ({ set: true, triesLeft: n, maxTries: max, blocked: false });
export const unset = (max: number) => ({ set: false, triesLeft: 0, maxTries: max, blocked: false });
