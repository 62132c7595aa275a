import type { Body, CardSummary as Card, Ok } from '../../api/types.js';

/**
 * The holder API's answers (docs/dauth.md, "Holder API"), read from the generated schema
 * (src/api/schema.d.ts): one declaration each, in @myna/dauth, the server's response schemas
 * checked against it.
 */
export type Authorization = Ok<'/api/dauth/authorizations/{uid}', 'get'>;
export type HolderAnswer = Ok<'/api/dauth/authorizations/{uid}/consent', 'post'>;
export type Outcome = NonNullable<Authorization['outcome']>;
export type Reason = Extract<Outcome, { result: 'error' }>['reason'];
export type PinName = NonNullable<HolderAnswer['pin']>;
export type PinView = NonNullable<NonNullable<Authorization['card']>['pins'][PinName]>;
export type Text = HolderAnswer['message'];
export type BasicFour = Authorization['basicFour'][number];
export type Consent = Body<'/api/dauth/authorizations/{uid}/consent', 'post'>;
export type CardSummary = Card;

/** The PINs the app asks for, in order (docs/dauth.md: login → auth (+ kenhojo for the 基本4情報); sign → sign). */
export function neededPins(a: Pick<Authorization, 'purpose' | 'basicFour'>): PinName[] {
  if (a.purpose === 'sign') return ['sign'];
  return a.basicFour.length > 0 ? ['auth', 'kenhojo'] : ['auth'];
}
