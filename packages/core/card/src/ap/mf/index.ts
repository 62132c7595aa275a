import { AID, EF } from '../../facts.js';
import type { EfSpec } from '../types.js';

/**
 * The master file (power-on state) and the GlobalPlatform issuer security domain.
 * spec: card.md §2.2: under the MF only EF 001E, selectable, READ → 6981; §2.1: selecting the
 * ISD restores the power-on (MF) state.
 */
export const MF_EFS: ReadonlyMap<number, EfSpec> = new Map<number, EfSpec>([
  [EF.mf.internal001E, { kind: 'internal' }],
]);

/** The ISD's DF name (spec: card.md §2.1). */
export const ISD_AID: Uint8Array = AID.isd;
