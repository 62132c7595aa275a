import type { paths } from './schema.js';

/**
 * The console's domain types, read from the generated schema (src/api/schema.d.ts) — one
 * declaration each, on the server. Only the three routes whose OpenAPI entry has no response
 * schema yet (diagnosis, RP form, RP registration) are described here.
 */
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON answer (200 or 201) of a route, from the generated schema. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? Json<R[Extract<keyof R, 200 | 201>]>
  : never;
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type CardSummary = Ok<'/api/cards', 'get'>[number];
export type CardDetail = Ok<'/api/cards/{id}', 'get'>;
export type CardEvent = Ok<'/api/events', 'get'>[number];
export type TimelineEntry = Ok<'/api/cards/{id}/timeline', 'get'>[number];
export type PinStatus = CardDetail['pins']['auth'];
export type ClockState = Ok<'/api/clock', 'get'>;
export type Reservation = Ok<'/api/cards/{id}/reservations', 'get'>[number];
export type StoreChain = Ok<'/api/store-chains', 'get'>[number];
export type KioskView = Ok<'/api/kiosks/{kioskId}', 'get'>;
export type KioskAction = Body<'/api/kiosks/{kioskId}/actions', 'post'>;
export type CounterInfo = Ok<'/api/counter', 'get'>;
export type StaffSessionInfo = Ok<'/api/counter/session', 'get'>;
export type Procedure = Ok<'/api/counter/procedures/{id}', 'get'>;
export type OpenProcedure = Body<'/api/counter/procedures', 'post'>;
export type ProcedureKind = OpenProcedure['kind'];
export type HolderPin = NonNullable<OpenProcedure['pins']>[number];
export type Letter = Ok<'/api/residents/{id}/mailbox', 'get'>[number];
export type CertPin = Reservation['pin'];
export type ScreenText = KioskView['screen']['title'];
export type PhoneView = Ok<'/api/cards/{id}/phones', 'get'>[number];
export type CaGeneration = Ok<'/api/authority/generations', 'get'>[number];

/** A text in both languages, as services write it. */
export interface TextPair {
  ja: string;
  en: string;
}
interface Item extends TextPair {
  id: string;
}

/** GET /api/cards/{id}/diagnosis (no response schema in the OpenAPI document yet). */
export interface Diagnosis {
  route: 'kiosk' | 'counter' | 'change-pin';
  summary: Item;
  findings: Item[];
  steps: Item[];
  warnings: Item[];
}

/** GET /api/rp/form (no response schema yet). */
export interface RpForm {
  mode: 'risky' | 'safe';
  kenhojoSameAsAuthCheckbox: { label: TextPair; defaultChecked: boolean };
  showsTriesLeft: boolean;
}

/** POST /api/rp/registrations (no response schema yet). */
export interface RpOutcome {
  status:
    | 'registered'
    | 'needs-input'
    | 'confirm-last-try'
    | 'pin-wrong'
    | 'pin-locked'
    | 'verification-failed'
    | 'unavailable';
  message: TextPair;
  pin?: 'auth' | 'sign' | 'kenhojo';
  triesLeft?: number;
  warnings?: Item[];
  supportGuide?: string;
  user?: {
    subjectId: string;
    basicFour: { name: string; address: string; birthDate: string; sex: string };
    certificate: {
      kind: 'auth' | 'sign';
      serialHex: string;
      /** The trust anchor the certificate chained to (the generation that signed it). */
      chainedTo: { serialHex: string; keyIdHex: string; notBefore: string; notAfter: string };
    };
  };
}
export type RpInput = Body<'/api/rp/registrations', 'post'>['input'];
