import { type ErrorDetails, isMynaError } from '@myna/errors';
import type { Clock } from '@myna/ports';
import type { AuditChannel, AuditEvent, AuditLog, TimelineEntry } from './ports.js';

/** Detail keys that could carry a secret are never written (defence in depth; callers pass none). */
const SECRET_KEY = /(password|passcode|answer|secret|value|mynumber|my_number|selfie|cryptogram|token|key$)/i;

/** Keeps only scalar, non-secret details. */
export function safeDetails(
  d: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, string | number | boolean | null>> | undefined {
  if (!d) return undefined;
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(d)) {
    if (SECRET_KEY.test(k)) continue;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export type AuditStep = Omit<AuditEvent, 'type' | 'sandboxId' | 'at' | 'details' | 'outcome'> & {
  readonly outcome?: AuditEvent['outcome'];
  /** When the step happened, if it is recorded later (a kiosk's steps before the card is placed). */
  readonly at?: string;
  readonly details?: Readonly<Record<string, unknown>>;
};

/**
 * The audit trail of the reset ecosystem (issue 5, requirement 6): every step of every procedure,
 * who did it and from which terminal, stamped with the sandbox clock and stored beside the card's
 * own PIN events, so one timeline shows where each try went and what each terminal did.
 */
export class AuditTrail {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
    readonly sandboxId: string,
  ) {}

  async record(channel: AuditChannel, step: AuditStep): Promise<void> {
    const details = safeDetails(step.details);
    const e: AuditEvent = {
      type: `procedure.${channel}.step`,
      sandboxId: this.sandboxId,
      cardId: step.cardId,
      actor: step.actor,
      terminal: step.terminal,
      at: step.at ?? this.clock.now().toISOString(),
      step: step.step,
      outcome: step.outcome ?? 'ok',
      ...(step.pin !== undefined ? { pin: step.pin } : {}),
      ...(step.triesLeft !== undefined ? { triesLeft: step.triesLeft } : {}),
      ...(step.procedureId !== undefined ? { procedureId: step.procedureId } : {}),
      ...(step.code !== undefined ? { code: step.code } : {}),
      ...(details ? { details } : {}),
    };
    await this.log.appendAudit(e);
  }

  /**
   * Records a refusal or failure: the catalog code and its safe details (tries left, rule names).
   * Input refused as malformed (an HTTP 400 of the catalog: INVALID_ARGUMENT, PIN_FORMAT, …) is
   * no step of the procedure and writes nothing: the trail says what people did, not what the
   * request's shape was.
   */
  async failure(channel: AuditChannel, step: AuditStep, error: unknown): Promise<void> {
    if (isMynaError(error) && error.http === 400) return;
    const code = isMynaError(error) ? error.code : 'INTERNAL';
    const details: ErrorDetails = isMynaError(error) ? error.details : {};
    const triesLeft = typeof details.triesLeft === 'number' ? details.triesLeft : undefined;
    await this.record(channel, {
      ...step,
      outcome:
        isMynaError(error) && error.code !== 'CARD_ERROR' && error.code !== 'INTERNAL' ? 'refused' : 'error',
      code,
      ...(triesLeft !== undefined ? { triesLeft } : {}),
      details: { ...details, ...step.details },
    });
  }

  /** The card's PIN events and procedure steps, ordered by time. */
  timeline(cardId: string): Promise<TimelineEntry[]> {
    return this.log.timeline(this.sandboxId, cardId);
  }

  officeEvents(): Promise<AuditEvent[]> {
    return this.log.officeEvents(this.sandboxId);
  }
}
