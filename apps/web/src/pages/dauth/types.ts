import type { paths } from '../../api/schema.js';

/**
 * The holder API's answers, typed from the contract in docs/dauth.md ("Holder API"): the server's
 * OpenAPI document types the routes and request bodies (schema.d.ts) but describes the answers
 * only as objects.
 */
export type PinName = 'auth' | 'kenhojo' | 'sign';
export type Text = { ja: string; en: string };
export type BasicFour = 'name' | 'address' | 'birthdate' | 'gender';

export interface PinView {
  set: boolean;
  triesLeft: number;
  maxTries: number;
  blocked: boolean;
}

export type Reason =
  | 'cancelled'
  | 'pin-locked'
  | 'pin-not-set'
  | 'no-signature-certificate'
  | 'certificate-expired'
  | 'certificate-revoked'
  | 'certificate-suspended'
  | 'certificate-invalid'
  | 'card-expired'
  | 'timeout';

export type Outcome =
  | { result: 'success' }
  | {
      result: 'error';
      error: string;
      errorDescription: string;
      reason: Reason;
      pin?: PinName;
      message: Text;
      supportGuide?: string;
    };

export interface Authorization {
  uid: string;
  state: 'pending' | 'finished' | 'expired';
  purpose: 'login' | 'sign';
  client: { clientId: string; name: string };
  scopes: string[];
  basicFour: BasicFour[];
  acrValues: string[];
  signTransaction?: {
    id: string;
    digestType: 'sha256' | 'digestinfo';
    digestBase64: string;
    title?: string;
  };
  expiresAt: string;
  card?: { cardId: string; holderName?: string; pins: Partial<Record<PinName, PinView>> };
  continueUrl: string;
  outcome?: Outcome;
}

export type Consent = NonNullable<
  paths['/api/dauth/authorizations/{uid}/consent']['post']['requestBody']
>['content']['application/json'];

export interface HolderAnswer {
  authorization: Authorization;
  step: 'needs-input' | 'confirm-last-try' | 'pin-wrong' | 'finished';
  field?: 'authPin' | 'kenhojoPin' | 'signPassword';
  pin?: PinName;
  triesLeft?: number;
  message: Text;
  outcome?: Outcome;
}

export type CardSummary = paths['/api/cards']['get']['responses'][200]['content']['application/json'][number];

/** The PINs the app asks for, in order (docs/dauth.md: login → auth (+ kenhojo for the 基本4情報); sign → sign). */
export function neededPins(a: Pick<Authorization, 'purpose' | 'basicFour'>): PinName[] {
  if (a.purpose === 'sign') return ['sign'];
  return a.basicFour.length > 0 ? ['auth', 'kenhojo'] : ['auth'];
}
