import type { AuditTrail } from './audit.js';
import type { ResetAuthority } from './reset-authority.js';

/** The terminal label of the My Number general free-dial (マイナンバー総合フリーダイヤル). */
export const LOST_CARD_LINE_TERMINAL = 'phone:0120-95-0178';

export interface LostCardReport {
  readonly cardId: string;
  readonly reason: 'lost' | 'stolen';
  /** Who called (not secret): the holder, or e.g. a family member. */
  readonly caller?: 'holder' | 'family' | 'other';
}

/**
 * The lost-card line (pin-lifecycle.md §5.4 [NOMI][SAKATA][JP-TRB]): 0120-95-0178, guidance
 * option 2, suspends a lost or stolen card 24 hours a day, 365 days a year (一時利用停止 /
 * 電子証明書の一時保留). Every certificate of the card goes on hold — OCSP answers
 * revoked/certificateHold and relying parties refuse — and pending reset reservations are
 * cancelled. Lifting the suspension cannot be done by phone: only at the counter
 * (`MunicipalCounter.liftSuspension`).
 */
export class LostCardLine {
  readonly terminal = LOST_CARD_LINE_TERMINAL;

  constructor(private readonly deps: { readonly authority: ResetAuthority; readonly audit: AuditTrail }) {}

  /** Suspends the card now, whatever the time. Calling again for a suspended card changes nothing. */
  async reportLost(
    report: LostCardReport,
  ): Promise<{ readonly cardId: string; readonly onHold: readonly { kind: string; serialHex: string }[] }> {
    const step = {
      cardId: report.cardId,
      actor: `caller:${report.caller ?? 'holder'}`,
      terminal: this.terminal,
      details: { reason: report.reason },
    };
    try {
      const held = await this.deps.authority.suspendCard({ cardId: report.cardId, terminal: this.terminal });
      await this.deps.audit.record('lost-card', {
        ...step,
        step: 'suspended',
        details: { reason: report.reason, certificatesOnHold: held.length },
      });
      return { cardId: report.cardId, onHold: held.map((c) => ({ kind: c.kind, serialHex: c.serialHex })) };
    } catch (e) {
      if (!(e instanceof Error && 'code' in e && e.code === 'CARD_NOT_FOUND'))
        await this.deps.audit.failure('lost-card', { ...step, step: 'suspended' }, e);
      throw e;
    }
  }
}
