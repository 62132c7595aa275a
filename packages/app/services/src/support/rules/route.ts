import { chainsResetting, KIOSK_HOURS, RESERVATION_VALIDITY_MS } from '../../reset/chains.js';
import { say } from '../messages.js';
import type { Item } from '../types.js';
import { type DiagnosisContext, kioskFit, usable } from './context.js';

/**
 * Where to go (§§2–4): the kiosk (after a reservation in the reset app) when exactly one
 * certificate PIN needs a reset, the other works and both certificates are fit, and nothing else
 * needs the counter; the counter for everything else that needs doing; otherwise the holder can
 * change a PIN themselves. Says why the kiosk is not available when the counter is the answer.
 */
export function routeRule(ctx: DiagnosisContext): void {
  const { certificates } = ctx.facts;
  const needsReset = ctx.needsReset;
  const counterOnly = needsReset.filter((r) => r.pin === 'kenhojo' || r.pin === 'juki');
  const certPins = needsReset.filter((r) => r.pin === 'sign' || r.pin === 'auth');
  let kioskBlocker: Item | undefined;
  if (ctx.counterReasons.length === 0 && counterOnly.length === 0 && certPins.length === 1) {
    const target = certPins[0]!.pin as 'sign' | 'auth';
    const other: 'sign' | 'auth' = target === 'sign' ? 'auth' : 'sign';
    const o = ctx.pin(other);
    if (!usable(o)) {
      kioskBlocker =
        o.state === 'not-set'
          ? say('kiosk.unavailable.no-other-pin', { other }, { otherPin: other })
          : say('kiosk.unavailable.other-pin', { other, locked: o.state === 'locked' }, { otherPin: other });
    } else if (!kioskFit(certificates.sign) || !kioskFit(certificates.auth)) {
      kioskBlocker = say('kiosk.unavailable.certificate', {});
    } else {
      const chains = chainsResetting(target).map((c) => ({
        id: c.id,
        nameJa: c.nameJa,
        nameEn: c.nameEn,
        someStoresOnly: c.someStoresOnly,
      }));
      ctx.kiosk = {
        pin: target,
        otherPin: other,
        otherPinTriesLeft: o.triesLeft,
        chains,
        hours: KIOSK_HOURS.label,
        reservationValidHours: RESERVATION_VALIDITY_MS / 3_600_000,
      };
    }
  }
  if (ctx.kiosk) {
    ctx.route = 'kiosk';
    ctx.resets.push({ pin: ctx.kiosk.pin, at: 'kiosk' });
  } else if (ctx.counterReasons.length > 0 || needsReset.length > 0) {
    ctx.route = 'counter';
    for (const r of needsReset) ctx.resets.push({ pin: r.pin, at: 'counter' });
    if (kioskBlocker) ctx.findings.push(kioskBlocker);
    else if (certPins.length === 2) ctx.findings.push(say('kiosk.unavailable.both-certificate-pins', {}));
    else if (counterOnly.length > 0)
      ctx.findings.push(say('kiosk.unavailable.pin-type', { pins: counterOnly.map((r) => r.pin) }));
  } else {
    ctx.route = 'change-pin';
  }
}
