import { say } from '../messages.js';
import type { DiagnosisContext } from './context.js';

/** Card-level states, most serious first: abolished, expired, suspended; and a face-auth card. */
export function cardRule(ctx: DiagnosisContext): void {
  const { facts } = ctx;
  ctx.suspended =
    facts.card.status === 'suspended' ||
    facts.certificates.auth.status === 'hold' ||
    facts.certificates.sign.status === 'hold';
  ctx.abolished = facts.card.status === 'abolished';
  ctx.cardExpired = facts.card.expired === true;
  if (ctx.abolished) {
    ctx.findings.push(say('card.abolished', {}));
    ctx.counterReasons.push('card.abolished');
  } else if (ctx.cardExpired) {
    ctx.findings.push(
      say('card.expired', { expiresOn: facts.card.expiresOn }, { expiresOn: facts.card.expiresOn ?? '' }),
    );
    ctx.counterReasons.push('card.expired');
  } else if (ctx.suspended) {
    ctx.findings.push(say('card.suspended', {}));
    ctx.counterReasons.push('card.suspended');
  }
  if (facts.faceAuth) {
    ctx.findings.push(say('card.face-auth', {}));
    ctx.counterReasons.push('card.face-auth');
  }
}
