import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SW } from '@myna/apdu';
import { apsOf, MF_EFS } from '../ap/index.js';
import type { Access, ApSpec, EfSpec, KeyId } from '../ap/types.js';
import type { ApId, PinId } from '../facts.js';
import type { CardImage } from '../image.js';
import type { PinRecord } from '../pin.js';
import type { CardEvent, CardEventType } from '../ports.js';
import type { VirtualCardOptions } from '../virtual-card.js';

/**
 * What every instruction handler works on: one card's session, its loaded image and keys, its
 * ports, and the card-OS helpers shared by the instruction families (`commands/*.ts`).
 */

/** A handler's answer: status word and optional response data. */
export interface Answer {
  readonly sw: number;
  readonly data?: Uint8Array;
}

export const ok = (data?: Uint8Array): Answer => (data ? { sw: SW.OK, data } : { sw: SW.OK });
export const sw = (code: number): Answer => ({ sw: code });

/** The card-session state that dies with reset or removal (spec: card.md §10b). */
export interface Session {
  /** Current application, or null for the MF (power-on state). */
  ap: ApId | null;
  /** Current EF in the current DF. */
  ef: number | null;
  /** Key references verified in the current application. */
  verified: Set<PinId>;
  /** Issuer (administrative) authentication — sandbox design, see admin.ts. */
  admin: boolean;
  /** The last GET CHALLENGE response, consumed by EXTERNAL AUTHENTICATE. */
  challenge: Uint8Array | null;
}

export function freshSession(): Session {
  return { ap: null, ef: null, verified: new Set(), admin: false, challenge: null };
}

/** Parsed keys of the cards seen lately, by card id, with the DER they were parsed from. */
const parsedKeys = new Map<
  string,
  { readonly der: CardImage['keys']; readonly keys: ReadonlyMap<KeyId, KeyObject> }
>();
/** Cards whose parsed keys this process keeps (least recently used first out). */
const PARSED_KEYS_KEPT = 1024;

/**
 * The image's private keys as key objects. Parsing the RSA keys costs ~2 ms a card, so the keys
 * parsed for a card are shared by every session on it in this process while its image carries
 * byte-identical DER (they change only when a certificate is re-issued or a key put).
 */
export function loadKeys(image: CardImage): ReadonlyMap<KeyId, KeyObject> {
  const kept = parsedKeys.get(image.id);
  if (kept && sameKeys(kept.der, image.keys)) {
    parsedKeys.delete(image.id);
    parsedKeys.set(image.id, kept);
    return kept.keys;
  }
  const keys = new Map<KeyId, KeyObject>();
  for (const [id, der] of Object.entries(image.keys) as [KeyId, Uint8Array | undefined][]) {
    if (der) keys.set(id, createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }));
  }
  parsedKeys.delete(image.id);
  parsedKeys.set(image.id, { der: image.keys, keys });
  if (parsedKeys.size > PARSED_KEYS_KEPT) parsedKeys.delete(parsedKeys.keys().next().value as string);
  return keys;
}

/** Whether two key sets are byte-identical (same ids, same PKCS#8 DER). */
export function sameKeys(a: CardImage['keys'], b: CardImage['keys']): boolean {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<KeyId>;
  for (const id of ids) {
    const x = a[id];
    const y = b[id];
    if (x === y) continue;
    if (!x || !y || Buffer.compare(x, y) !== 0) return false;
  }
  return true;
}

/** A key EF as named by P2 (or the 券面 AP's own key). */
export type KeyEf = Extract<EfSpec, { kind: 'key' }>;

/** One card's mutable state and the helpers every instruction family uses. */
export class CardContext {
  session: Session = freshSession();
  /** Label of the terminal the card is in; PIN events carry it. */
  terminal: string;

  constructor(
    readonly id: string,
    public image: CardImage,
    public keys: ReadonlyMap<KeyId, KeyObject>,
    readonly opts: VirtualCardOptions,
  ) {
    this.terminal = opts.terminal ?? 'unknown';
  }

  apSpec(): ApSpec | undefined {
    return this.session.ap ? apsOf(this.image.element)[this.session.ap] : undefined;
  }

  /** The EFs of the current DF (an application, or the MF). */
  efs(): ReadonlyMap<number, EfSpec> {
    return this.apSpec()?.efs ?? MF_EFS;
  }

  /** Whether an EF of the current DF exists on this card (data EFs need content in the image). */
  exists(fid: number, ef: EfSpec): boolean {
    if (ef.kind !== 'binary' && ef.kind !== 'record') return true;
    return this.session.ap !== null && this.image.files[this.session.ap]?.[fid] !== undefined;
  }

  binary(fid: number): Uint8Array {
    const f = this.session.ap ? this.image.files[this.session.ap]?.[fid] : undefined;
    return f instanceof Uint8Array ? f : new Uint8Array(0);
  }

  records(fid: number): readonly Uint8Array[] {
    const f = this.session.ap ? this.image.files[this.session.ap]?.[fid] : undefined;
    return Array.isArray(f) ? f : [];
  }

  /** Selects an EF by short EF identifier (FID 0001–001E ⇔ SFI 1–30; card.md §2.3). */
  selectBySfi(sfi: number): number | Answer {
    if (sfi === 0 || sfi === 0x1f) return sw(SW.WRONG_P1P2);
    const ef = this.efs().get(sfi);
    if (!ef || !this.exists(sfi, ef)) return sw(SW.FILE_NOT_FOUND);
    this.session.ef = sfi;
    return sfi;
  }

  /** Resolves P2 of VERIFY/CHANGE/RESET: 80 = current EF, 80|SFI = by SFI (card.md §2.3, §3). */
  pinTarget(p2: number): { pin: PinId } | Answer {
    const ef = this.efByP2(p2);
    if ('sw' in ef) return ef;
    if (ef.spec.kind !== 'pin') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
    return { pin: ef.spec.pin };
  }

  /** Resolves P2 of a key operation; 00 = the 券面 AP's own key where allowed (card.md §4.2). */
  keyTarget(p2: number, ownKeyAllowed: boolean): { ef: KeyEf } | Answer {
    if (p2 === 0x00 && ownKeyAllowed) {
      const own = this.apSpec()?.ownKey;
      if (!own) return sw(SW.WRONG_P1P2);
      return { ef: { kind: 'key', key: own, use: { kind: 'always' }, op: 'sign' } };
    }
    const ef = this.efByP2(p2);
    if ('sw' in ef) return ef;
    if (ef.spec.kind !== 'key') return sw(SW.COMMAND_INCOMPATIBLE_WITH_FILE);
    return { ef: ef.spec };
  }

  /** P2 = 80 (current EF) or 80|SFI. Key references named by SFI do not change the current EF. */
  efByP2(p2: number): { spec: EfSpec } | Answer {
    if (p2 === 0x80) {
      if (this.session.ef === null) return sw(SW.CONDITIONS_NOT_SATISFIED);
      return { spec: this.efs().get(this.session.ef)! };
    }
    if ((p2 & 0xe0) !== 0x80 || (p2 & 0x1f) === 0x1f) return sw(SW.WRONG_P1P2);
    const spec = this.efs().get(p2 & 0x1f);
    if (!spec) return sw(SW.FILE_NOT_FOUND);
    return { spec };
  }

  /** Whether an access rule is open in this session (card.md §3: verified state per application). */
  allowed(rule: Access): boolean {
    switch (rule.kind) {
      case 'always':
        return true;
      case 'never':
        return false;
      case 'pin':
        return rule.anyOf.some((p) => this.session.verified.has(p));
    }
  }

  now(): string {
    return this.opts.clock.now().toISOString();
  }

  /** A PIN event (never carries the value). */
  event(type: CardEventType, pin: PinId, rec: PinRecord, terminal: string): CardEvent {
    return {
      type,
      cardId: this.id,
      pin,
      triesLeft: rec.triesLeft,
      maxTries: rec.maxTries,
      terminal,
      at: this.now(),
    };
  }

  /** An `admin.written` event naming what was replaced (never its content). */
  adminEvent(target: string): CardEvent {
    return { type: 'admin.written', cardId: this.id, target, terminal: this.terminal, at: this.now() };
  }

  /** Passes committed events to the listener; a throwing listener is reported, never fatal. */
  notify(events: readonly CardEvent[]): void {
    const l = this.opts.onEvent;
    if (!l) return;
    for (const e of events) {
      try {
        l(e);
      } catch (err) {
        this.opts.onError?.(err);
      }
    }
  }
}
