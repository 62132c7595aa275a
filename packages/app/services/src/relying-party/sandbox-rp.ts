import type { JpkiAuthority } from '../authority.js';
import type { Sandbox } from '../sandbox.js';
import { inProcessOcspChecker } from './ocsp.js';
import { RelyingPartyDemo } from './registration.js';

/**
 * The RP demo trusting one sandbox's authority: every generation of its two CAs as trust anchors
 * (docs/faithfulness.md, roll-over), OCSP in process. Used by the server's RP routes, the phone login (docs/phone.md) and tests.
 */
export async function sandboxRelyingParty(
  sb: Pick<Sandbox, 'random' | 'clock'> & { readonly authority: JpkiAuthority },
  opts: { supportGuideHref?: string } = {},
): Promise<RelyingPartyDemo> {
  return new RelyingPartyDemo({
    random: sb.random,
    clock: sb.clock,
    ocsp: inProcessOcspChecker(sb.authority, sb.random, sb.clock),
    // Every CA generation, asked at each verification: a roll-over reaches the running demo.
    trustAnchors: async (kind) => (await sb.authority.generations(kind)).map((g) => g.credentials.certDer),
    ...(opts.supportGuideHref ? { supportGuideHref: opts.supportGuideHref } : {}),
  });
}
