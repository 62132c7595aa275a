import { diagnose, type HolderStatement } from '@myna/services';
import { describe, expect, it } from 'vitest';
import { expectBilingual, facts, ids, left, locked, unset } from './support-helpers.js';

/**
 * The support engine alone (pure): hand-made facts → route, findings, steps, warnings.
 * spec: pin-lifecycle.md §§1–6; seeds 000 and 001. The same questions are answered from real
 * card state in support-seed.test.ts.
 */

type Row = {
  name: string;
  facts: Parameters<typeof facts>[0];
  say?: HolderStatement;
  route: 'change-pin' | 'kiosk' | 'counter';
  findings?: string[];
  steps?: string[];
  warnings?: string[];
  noWarnings?: string[];
};

const rows: Row[] = [
  {
    name: 'all fine → change your PIN if you want',
    facts: {},
    route: 'change-pin',
    findings: [],
    steps: ['change.change-pin'],
    warnings: [],
  },
  {
    name: 'reduced tries, remembered → enter it correctly once',
    facts: { pins: { auth: left(2, 3) } },
    route: 'change-pin',
    findings: ['pin.auth.reduced'],
    steps: ['change.enter-correctly', 'change.change-pin'],
    warnings: ['warn.pins-differ-between-applications', 'warn.errors-add-up'],
  },
  {
    name: 'one try left → warned, still nothing to reset',
    facts: { pins: { sign: left(1, 5) } },
    route: 'change-pin',
    findings: ['pin.sign.one-left'],
    warnings: ['warn.one-try-left', 'warn.errors-add-up'],
  },
  {
    name: 'signature password locked, user-auth PIN known → kiosk with the user-auth PIN',
    facts: { pins: { sign: locked(5) } },
    route: 'kiosk',
    findings: ['pin.sign.locked'],
    steps: [
      'kiosk.install-app',
      'kiosk.reserve',
      'kiosk.go-to-store',
      'kiosk.at-terminal',
      'kiosk.or-counter',
    ],
    warnings: ['warn.kiosk-other-pin', 'warn.errors-add-up'],
  },
  {
    name: 'user-auth PIN locked, signature password known → kiosk (Seven-Eleven, AEON, Fuji)',
    facts: { pins: { auth: locked(3) } },
    route: 'kiosk',
    findings: ['pin.auth.locked'],
    warnings: ['warn.kiosk-other-pin'],
  },
  {
    name: 'both certificate PINs locked → counter',
    facts: { pins: { sign: locked(5), auth: locked(3) } },
    route: 'counter',
    findings: ['pin.sign.locked', 'pin.auth.locked', 'kiosk.unavailable.both-certificate-pins'],
    steps: ['counter.prepare', 'counter.visit', 'counter.apply-reset', 'counter.set-new-pin'],
  },
  {
    name: 'signature locked, user-auth forgotten → counter',
    facts: { pins: { sign: locked(5) } },
    say: { remembers: { auth: false } },
    route: 'counter',
    findings: ['pin.sign.locked', 'pin.auth.forgotten'],
    warnings: ['warn.do-not-guess'],
  },
  {
    name: '券面事項入力補助 locked while user-auth works → counter, and the checkbox is the likely cause',
    facts: { pins: { kenhojo: locked(3) } },
    route: 'counter',
    findings: ['pin.kenhojo.locked', 'cause.kenhojo-differs-from-auth', 'kiosk.unavailable.pin-type'],
    warnings: ['warn.pins-differ-between-applications'],
  },
  {
    name: '住基 (common) key reference locked → counter',
    facts: { pins: { common: locked(3) } },
    route: 'counter',
    findings: ['pin.juki.locked', 'kiosk.unavailable.pin-type'],
  },
  {
    name: 'signature locked and the signature certificate revoked (moved house) → counter',
    facts: {
      pins: { sign: locked(5) },
      certificates: {
        auth: { present: true, status: 'good', source: 'authority', expired: false },
        sign: {
          present: true,
          status: 'revoked',
          reason: 'affiliationChanged',
          source: 'authority',
          expired: false,
        },
      },
    },
    route: 'counter',
    findings: ['cert.sign.revoked-facts-changed', 'pin.sign.locked'],
    steps: ['counter.prepare', 'counter.visit', 'counter.issue-certificate'],
  },
  {
    name: 'under 15 with the user-auth PIN locked → counter with a legal representative',
    facts: {
      pins: { auth: locked(3), sign: unset(5) },
      certificates: {
        auth: { present: true, status: 'good', source: 'authority', expired: false },
        sign: { present: false, status: 'unknown', source: 'none' },
      },
    },
    say: { age: 10 },
    route: 'counter',
    findings: ['cert.sign.not-issued-under-15', 'pin.auth.locked', 'kiosk.unavailable.no-other-pin'],
    steps: ['counter.prepare.legal', 'counter.visit', 'counter.apply-reset', 'counter.set-new-pin'],
  },
  {
    name: 'face-authentication card → counter to switch card type',
    facts: {
      faceAuth: true,
      pins: { auth: unset(3), sign: unset(5), kenhojo: unset(3), juki: unset(3), common: unset(3) },
      certificates: {
        auth: { present: true, status: 'good', source: 'authority', expired: false },
        sign: { present: false, status: 'unknown', source: 'none' },
      },
    },
    route: 'counter',
    findings: ['card.face-auth'],
    steps: ['counter.prepare', 'counter.visit', 'counter.switch-card-type'],
    noWarnings: ['warn.errors-add-up'],
  },
  {
    name: 'suspended card with the signature password locked → counter (the kiosk cannot help)',
    facts: {
      pins: { sign: locked(5) },
      card: { status: 'unknown' },
      certificates: {
        auth: { present: true, status: 'hold', reason: 'certificateHold', source: 'ocsp', expired: false },
        sign: { present: true, status: 'unknown', source: 'none' },
      },
    },
    route: 'counter',
    findings: ['card.suspended', 'pin.sign.locked'],
    steps: [
      'counter.prepare',
      'counter.visit',
      'counter.lift-suspension',
      'counter.apply-reset',
      'counter.set-new-pin',
    ],
  },
  {
    name: 'expired certificates → counter to renew them',
    facts: {
      certificates: {
        auth: {
          present: true,
          status: 'good',
          source: 'authority',
          notAfter: '2026-01-01T14:59:59.000Z',
          expired: true,
        },
        sign: {
          present: true,
          status: 'good',
          source: 'authority',
          notAfter: '2026-01-01T14:59:59.000Z',
          expired: true,
        },
      },
    },
    route: 'counter',
    findings: ['cert.auth.expired', 'cert.sign.expired', 'rp.registration-blocked'],
    steps: ['counter.prepare', 'counter.visit', 'counter.issue-certificate'],
  },
  {
    name: 'expired card → counter for a new card (no PIN reset on it)',
    facts: { pins: { auth: locked(3) }, card: { status: 'active', expiresOn: '2026-01-01', expired: true } },
    route: 'counter',
    findings: ['card.expired'],
    steps: ['counter.prepare', 'counter.visit', 'counter.new-card'],
  },
  {
    name: 'certificates expiring within three months → renewal warning',
    facts: {
      certificates: {
        auth: {
          present: true,
          status: 'good',
          source: 'authority',
          notAfter: '2027-01-10T14:59:59.000Z',
          expired: false,
        },
        sign: {
          present: true,
          status: 'good',
          source: 'authority',
          notAfter: '2027-01-10T14:59:59.000Z',
          expired: false,
        },
      },
    },
    route: 'change-pin',
    warnings: ['warn.renewal-open.auth', 'warn.renewal-open.sign'],
  },
  {
    name: 'a voluntary agent → two visits',
    facts: { pins: { kenhojo: locked(3) } },
    say: { agent: 'voluntary' },
    route: 'counter',
    steps: ['counter.prepare.voluntary', 'counter.visit', 'counter.apply-reset', 'counter.set-new-pin'],
    warnings: ['warn.voluntary-agent-two-visits'],
  },
  {
    name: 'signature status unchecked (card in a reader) → kiosk, with the precondition spelled out',
    facts: {
      source: 'reader',
      pins: { sign: locked(5) },
      certificates: {
        auth: { present: true, status: 'good', source: 'ocsp', expired: false },
        sign: { present: true, status: 'unknown', source: 'none' },
      },
    },
    route: 'kiosk',
    warnings: ['warn.kiosk-other-pin', 'warn.kiosk-certificate-unchecked'],
  },
];

describe('diagnose (pure)', () => {
  it.each(rows)('$name', (row) => {
    const d = diagnose(facts(row.facts), row.say);
    expect(d.route).toBe(row.route);
    expect(d.summary.id).toBe(`route.${row.route}`);
    if (row.findings) for (const f of row.findings) expect(ids(d.findings)).toContain(f);
    if (row.findings?.length === 0) expect(d.findings).toEqual([]);
    if (row.steps) expect(ids(d.steps).slice(0, row.steps.length)).toEqual(row.steps);
    if (row.warnings) for (const w of row.warnings) expect(ids(d.warnings)).toContain(w);
    if (row.warnings?.length === 0) expect(d.warnings).toEqual([]);
    for (const w of row.noWarnings ?? []) expect(ids(d.warnings)).not.toContain(w);
    expectBilingual(d);
  });

  it('the kiosk plan names the other PIN and the chains that reset the PIN (reset/chains.ts)', () => {
    const sign = diagnose(facts({ pins: { sign: locked(5), auth: left(1, 3) } }));
    expect(sign.kiosk).toMatchObject({
      pin: 'sign',
      otherPin: 'auth',
      otherPinTriesLeft: 1,
      hours: '06:30–23:00',
    });
    expect(sign.kiosk!.chains.map((c) => c.id)).toEqual([
      'seven-eleven',
      'aeon',
      'fuji',
      'lawson',
      'familymart',
      'ministop',
      'daiei',
    ]);
    const w = sign.warnings.find((x) => x.id === 'warn.kiosk-other-pin')!;
    expect(w.ja).toContain('窓口を利用してください');
    expect(w.en).toContain('go to the counter instead');
    const auth = diagnose(facts({ pins: { auth: locked(3) } }));
    expect(auth.kiosk!.chains.map((c) => c.id)).toEqual(['seven-eleven', 'aeon', 'fuji']);
    expect(auth.resets).toEqual([{ pin: 'auth', at: 'kiosk' }]);
  });

  it('is pure: the same input gives the same output, and no text carries a PIN value', () => {
    const f = facts({ pins: { kenhojo: locked(3), sign: left(2, 5) } });
    expect(diagnose(f, { remembers: { auth: true } })).toEqual(diagnose(f, { remembers: { auth: true } }));
    const text = JSON.stringify(diagnose(f));
    for (const secret of ['4567', 'MISAKI95', '1234']) expect(text).not.toContain(secret);
  });
});
