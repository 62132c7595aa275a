import { MynaCardClient } from '@myna/client';
import { MynaError } from '@myna/errors';
import type { CardConnector } from '../connector.js';
import type { AuditTrail } from './audit.js';
import type { ResettableCertPin } from './chains.js';
import { matchFace, type PrintedCardFace, readCardFace } from './face-match.js';
import type { Reservation } from './ports.js';
import { otherPin, type ResetAuthority } from './reset-authority.js';

/** The terminal label of the JPKI PIN-reset app; a device name may follow (`app:jpki-reset:<device>`). */
export const RESET_APP_TERMINAL = 'app:jpki-reset';

export interface ReservationRequest {
  readonly cardId: string;
  /** The PIN to reset at the kiosk. */
  readonly pin: ResettableCertPin;
  /** Step 2: the card face as photographed (birth date, expiry, security code → 照合番号B). */
  readonly cardFace: PrintedCardFace;
  /** Step 3: the *other* PIN (user-auth PIN for a signature reset, signature password for a user-auth reset). */
  readonly otherPin: string;
  /** Spend the other PIN's last remaining try (the SDK refuses otherwise: PIN_LAST_TRY). */
  readonly confirmLastTry?: boolean;
  /** Step 4: the live camera image (`selfieOf(photo)` matches; see face-match.ts). */
  readonly selfie: Uint8Array;
  /** Makes the face match fail whatever the selfie. */
  readonly forceFaceMismatch?: boolean;
  /** Optional device name, appended to the terminal label. */
  readonly device?: string;
}

/**
 * The JPKI 暗証番号リセット app (JPKI PIN-reset app): makes an initialisation reservation (初期化の
 * 予約) for the signature password or the user-auth PIN, to be completed at a kiosk within 24
 * hours (pin-lifecycle.md §2). Available around the clock (§2.3). Steps (§2.3 [NIIGATA][NAKA]):
 *
 * 1. the card face is photographed: birth date, expiry year and security code give 照合番号B;
 * 2. the IC chip is read: VERIFY 照合番号B in the 券面事項確認AP and READ the face photo;
 * 3. the other PIN is entered: a real VERIFY through the client SDK (a wrong one spends a try);
 * 4. face matching: the selfie against the chip photo (deterministic, face-match.ts);
 * 5. the authority checks the preconditions and records the reservation (valid 24 hours).
 *
 * The authority checks the certificates before the other PIN is sent, so nobody spends a try on a
 * card that could not be reserved.
 */
export class PinResetApp {
  constructor(
    private readonly deps: {
      readonly connector: CardConnector;
      readonly authority: ResetAuthority;
      readonly audit: AuditTrail;
    },
  ) {}

  terminal(device?: string): string {
    return device ? `${RESET_APP_TERMINAL}:${device}` : RESET_APP_TERMINAL;
  }

  async reserve(
    req: ReservationRequest,
  ): Promise<{ reservation: Reservation; replaced: Reservation | undefined }> {
    if (req.pin !== 'sign' && req.pin !== 'auth')
      // The 券面事項入力補助 and 住基 PINs are reset only at the counter (§2.1 [KOKA][NAHA][DAZAIFU]).
      throw new MynaError('INVALID_ARGUMENT', { field: 'pin', rule: "'sign' or 'auth'" });
    const terminal = this.terminal(req.device);
    const step = { cardId: req.cardId, actor: 'holder', terminal, pin: req.pin };
    const audit = this.deps.audit;
    let current = 'app.start';
    const transport = await this.deps.connector.connect(req.cardId, terminal);
    try {
      await audit.record('app', { ...step, step: current });
      const client = new MynaCardClient(transport);
      current = 'app.card-face';
      const face = await readCardFace(client, req.cardFace);
      await audit.record('app', { ...step, step: current });
      current = 'app.preconditions';
      const card = await this.deps.authority.card(req.cardId);
      if (card.status === 'suspended') throw new MynaError('CARD_SUSPENDED', { cardId: req.cardId });
      if (card.status === 'abolished') throw new MynaError('CARD_ABOLISHED', { cardId: req.cardId });
      if (face.photo.length === 0) throw new MynaError('RESET_PRECONDITION', { reason: 'no-photo' });
      await this.deps.authority.certificatePreconditions(req.cardId);
      await audit.record('app', { ...step, step: current });
      current = 'app.other-pin';
      const other = otherPin(req.pin);
      await client.verifyPin(other, req.otherPin, { confirmLastTry: req.confirmLastTry ?? false });
      await audit.record('app', { ...step, step: current, details: { verified: other } });
      current = 'app.face-match';
      const m = matchFace(req.selfie, face.photo, { forceMismatch: req.forceFaceMismatch ?? false });
      if (!m.matched) throw new MynaError('FACE_MISMATCH');
      await audit.record('app', { ...step, step: current });
      current = 'app.reservation';
      const out = await this.deps.authority.reserve({
        transport,
        terminal,
        cardId: req.cardId,
        pin: req.pin,
      });
      await audit.record('app', {
        ...step,
        step: current,
        details: { reservation: out.reservation.id, expiresAt: out.reservation.expiresAt },
      });
      return out;
    } catch (e) {
      await audit.failure('app', { ...step, step: current }, e);
      throw e;
    } finally {
      await transport.close();
    }
  }

  /** Cancels the card's reservation for a PIN (RESERVATION_NOT_FOUND if none is active). */
  cancel(req: {
    readonly cardId: string;
    readonly pin: ResettableCertPin;
    readonly device?: string;
  }): Promise<Reservation> {
    return this.deps.authority.cancelReservation({
      cardId: req.cardId,
      pin: req.pin,
      terminal: this.terminal(req.device),
      actor: 'holder',
    });
  }
}
