import { say } from '../messages.js';
import { certProblem, type DiagnosisContext, usable } from './context.js';

/** PINs that need a reset — locked, or forgotten (§4.1: the counter treats both alike). */
export function pinResetRule(ctx: DiagnosisContext): void {
  ctx.needsReset = ctx.facts.faceAuth
    ? []
    : ctx.pins.filter((r) => r.state === 'locked' || r.state === 'forgotten');
  for (const r of ctx.needsReset) {
    ctx.findings.push(
      r.state === 'locked'
        ? say('pin.{pin}.locked', { pin: r.pin, maxTries: r.maxTries }, { pin: r.pin })
        : say(
            'pin.{pin}.forgotten',
            { pin: r.pin, triesLeft: r.triesLeft },
            { pin: r.pin, triesLeft: r.triesLeft },
          ),
    );
  }
}

/**
 * The pre-ticked checkbox pitfall (seed 000 "新しい暗証番号を入れたのにロックされる", §6.1): a locked
 * 券面事項入力補助 PIN beside a working user-auth PIN.
 */
export function kenhojoPitfallRule(ctx: DiagnosisContext): void {
  if (ctx.pin('kenhojo').state === 'locked' && usable(ctx.pin('auth')))
    ctx.findings.push(say('cause.kenhojo-differs-from-auth', {}));
}

/** PINs with one try left (a finding and a warning) or with recent wrong entries. */
export function pinTriesRule(ctx: DiagnosisContext): void {
  for (const r of ctx.pins) {
    if (r.state === 'one-left') {
      ctx.findings.push(say('pin.{pin}.one-left', { pin: r.pin }, { pin: r.pin }));
      ctx.warnings.push(say('warn.one-try-left', { pin: r.pin }, { pin: r.pin }));
    } else if (r.state === 'reduced') {
      ctx.findings.push(
        say(
          'pin.{pin}.reduced',
          { pin: r.pin, triesLeft: r.triesLeft, maxTries: r.maxTries },
          { pin: r.pin, triesLeft: r.triesLeft },
        ),
      );
    }
  }
}

/** Can a relying party's registration proceed at all? (seed 000 "暗証番号がわかりません"; §6.1) */
export function registrationRule(ctx: DiagnosisContext): void {
  const { certificates } = ctx.facts;
  const signRoute = usable(ctx.pin('sign')) && certProblem(certificates.sign) === null;
  const fourDigitRoute =
    usable(ctx.pin('auth')) && usable(ctx.pin('kenhojo')) && certProblem(certificates.auth) === null;
  if (!ctx.facts.faceAuth && !signRoute && !fourDigitRoute)
    ctx.findings.push(say('rp.registration-blocked', {}));
}
