import type { CertificateRecord } from '../../ports.js';
import { assertCardNotAbolished } from '../policy.js';
import type { AuthorityContext } from './context.js';

/** The authority's side of the lost-card line (pin-lifecycle.md §5.4). */
export class LostCardChannel {
  constructor(private readonly ctx: AuthorityContext) {}

  /**
   * Suspension after a call to the lost-card line (一時利用停止 / 電子証明書の一時保留): the card is
   * suspended, every good certificate goes on hold (OCSP answers revoked/certificateHold, relying
   * parties refuse) and pending reservations are cancelled. Lifted only at the counter.
   */
  async suspendCard(req: {
    readonly cardId: string;
    readonly terminal: string;
  }): Promise<CertificateRecord[]> {
    const { ctx } = this;
    const card = assertCardNotAbolished(await ctx.card(req.cardId));
    const at = ctx.now().toISOString();
    if (card.status !== 'suspended') await ctx.deps.store.setCardStatus(ctx.sb, card.id, 'suspended', at);
    await ctx.deps.authority.holdCard(card.id);
    await ctx.cancelAllReservations(card.id, req.terminal, 'suspended');
    return ctx.deps.store.listCertificates(ctx.sb, { cardId: card.id, status: 'hold' });
  }
}
