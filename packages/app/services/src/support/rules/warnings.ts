import { say } from '../messages.js';
import type { SupportPin } from '../types.js';
import type { DiagnosisContext } from './context.js';

/** Warnings once the route is known: the kiosk's other PIN, mixed-up 4-digit PINs, guessing, agents. */
export function warningRule(ctx: DiagnosisContext): void {
  const { facts, kiosk, pins } = ctx;
  const { auth, sign } = facts.certificates;
  if (kiosk) {
    ctx.warnings.unshift(
      say(
        'warn.kiosk-other-pin',
        { other: kiosk.otherPin, triesLeft: kiosk.otherPinTriesLeft },
        { otherPin: kiosk.otherPin, triesLeft: kiosk.otherPinTriesLeft },
      ),
    );
    if (sign.status === 'unknown' || auth.status === 'unknown')
      ctx.warnings.push(say('warn.kiosk-certificate-unchecked', {}));
  }
  // The kiosk asks for the user-auth PIN: a holder whose 4-digit PINs differ may type the wrong one.
  const fourDigitTrouble =
    ['auth', 'kenhojo'].some((p) => ctx.pin(p as SupportPin).state !== 'ok') || kiosk?.otherPin === 'auth';
  if (!facts.faceAuth && fourDigitTrouble && ctx.pin('kenhojo').set)
    ctx.warnings.push(say('warn.pins-differ-between-applications', {}));
  if (pins.some((r) => r.state !== 'ok' && r.state !== 'not-set'))
    ctx.warnings.push(say('warn.errors-add-up', {}));
  if (pins.some((r) => r.state === 'forgotten')) ctx.warnings.push(say('warn.do-not-guess', {}));
  if (ctx.route === 'counter' && ctx.statement.agent === 'voluntary')
    ctx.warnings.push(say('warn.voluntary-agent-two-visits', {}));
}
