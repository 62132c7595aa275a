import type { JpkiAuthority } from '../authority.js';
import type { Sandbox } from '../sandbox.js';
import { inProcessOcspChecker } from './ocsp.js';
import { RelyingPartyDemo } from './registration.js';

/**
 * The RP demo trusting one sandbox's authority: its two CA certificates as trust anchors, OCSP in
 * process. Used by the server's RP routes, the phone login (docs/phone.md) and tests.
 */
export async function sandboxRelyingParty(
  sb: Pick<Sandbox, 'random' | 'clock'> & { readonly authority: JpkiAuthority },
  opts: { supportGuideHref?: string } = {},
): Promise<RelyingPartyDemo> {
  return new RelyingPartyDemo({
    random: sb.random,
    clock: sb.clock,
    ocsp: inProcessOcspChecker(sb.authority, sb.random, sb.clock),
    trustAnchors: {
      auth: (await sb.authority.ca('auth')).certDer,
      sign: (await sb.authority.ca('sign')).certDer,
    },
    ...(opts.supportGuideHref ? { supportGuideHref: opts.supportGuideHref } : {}),
  });
}
