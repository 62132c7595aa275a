import { say } from '../messages.js';
import { certProblem, type DiagnosisContext, dateOf } from './context.js';

const MS_PER_DAY = 86_400_000;
/** Renewal opens three months before expiry (pin-lifecycle.md §5.2); ~92 days. */
const RENEWAL_WINDOW_MS = 92 * MS_PER_DAY;

/**
 * Certificates (not for a face-auth card: it has no PIN to use them with): absent, expired or
 * revoked ones must be issued anew at the counter; the renewal window opens three months before
 * expiry.
 */
export function certificateRule(ctx: DiagnosisContext): void {
  const { facts } = ctx;
  const auth = facts.certificates.auth;
  const sign = facts.certificates.sign;
  if (!facts.faceAuth && !ctx.abolished && !ctx.cardExpired) {
    const ap = certProblem(auth);
    if (ap === 'absent') {
      ctx.findings.push(say('cert.auth.absent', {}));
      ctx.reissue.push('auth');
    } else if (ap === 'expired') {
      ctx.findings.push(
        say('cert.auth.expired', { date: dateOf(auth.notAfter) }, { notAfter: auth.notAfter ?? '' }),
      );
      ctx.reissue.push('auth');
    } else if (ap === 'revoked') {
      ctx.findings.push(say('cert.auth.revoked', {}, { reason: auth.reason ?? 'unspecified' }));
      ctx.reissue.push('auth');
    }
    const sp = certProblem(sign);
    if (sp === 'absent') {
      ctx.findings.push(say(ctx.under15 ? 'cert.sign.not-issued-under-15' : 'cert.sign.absent', {}));
    } else if (sp === 'expired') {
      ctx.findings.push(
        say('cert.sign.expired', { date: dateOf(sign.notAfter) }, { notAfter: sign.notAfter ?? '' }),
      );
      ctx.reissue.push('sign');
    } else if (sp === 'revoked') {
      ctx.findings.push(
        sign.reason === 'affiliationChanged'
          ? say('cert.sign.revoked-facts-changed', {})
          : say('cert.sign.revoked', {}, { reason: sign.reason ?? 'unspecified' }),
      );
      ctx.reissue.push('sign');
    }
    // Renewal window (§5.2): open from three months before expiry.
    for (const [kind, c] of [
      ['auth', auth],
      ['sign', sign],
    ] as const) {
      if (certProblem(c) !== null || !c.notAfter) continue;
      const left = Date.parse(c.notAfter) - ctx.now;
      if (left >= 0 && left <= RENEWAL_WINDOW_MS)
        ctx.warnings.push(
          say(
            'warn.renewal-open.{kind}',
            { kind, date: dateOf(c.notAfter) },
            { certificate: kind, notAfter: c.notAfter },
          ),
        );
    }
  }
  if (ctx.reissue.length > 0) ctx.counterReasons.push('certificate');
}
