import { fromHex } from '@myna/apdu';

/**
 * The card's answer-to-reset profiles: which ATR a card presents and which transmission protocol
 * it speaks. Real cards differ by generation/vendor and by interface (contact, or a contactless
 * ATR a PC/SC part-3 reader synthesises from ATQB); a card chooses one at issuance and keeps it.
 *
 * spec: card.md §1. Sources: OpenSC `src/libopensc/card-jpki.c` (`jpki_atrs`: only `contact`),
 * OpenSC `win32/customactions.cpp` (the minidriver's "JPKI", "JPKI (02)" … "JPKI (09)" ATRs),
 * OpenSC issues #3021 and #3744, jpki/myna issue #12 (other ATRs seen on real cards), and
 * pcsc-tools' `smartcard_list.txt` (1.6.2: `3B C5 …`, `3B DA 13 …`, both `3B F5 91 …` and
 * `3B 88 80 01 00 00 05 E0 …` listed as the Individual Number / JPKI card).
 *
 * OpenSC's jpki driver matches only `contact` by ATR; every other profile is claimed through the
 * SELECT fallback of `jpki_match_card` (SELECT of the JPKI AID answers 9000).
 */
export type AtrProfileName =
  | 'contact'
  | 'contact-02'
  | 'contact-03'
  | 'contact-04'
  | 'contact-05'
  | 'contactless-06'
  | 'contactless-07'
  | 'contactless-08'
  | 'contactless-09'
  | 'contact-t0';

export interface AtrProfile {
  readonly name: AtrProfileName;
  /** The ATR the reader reports. */
  readonly atr: Uint8Array;
  /**
   * The chip's contact ATR, returned without TS by GET DATA 5F51 (card.md §1): the ATR itself
   * for a contact profile; for a contactless profile the reader made the ATR up, the chip's own
   * contact ATR is the standard one.
   */
  readonly contactAtr: Uint8Array;
  /**
   * Transmission protocol. `T=0`: case-4 answers come as 61xx and GET RESPONSE, a wrong Le on a
   * case-2 command as 6Cxx (ISO/IEC 7816-3 §10.3, 7816-4 §5.3.4, `t0.ts`). No real My Number
   * Card ATR offers T=0; `contact-t0` is the sandbox's (docs/faithfulness.md).
   */
  readonly protocol: 'T=0' | 'T=1';
  readonly note: string;
}

const STANDARD = fromHex('3BE000FF8131FE4514');

function profile(
  name: AtrProfileName,
  hex: string,
  note: string,
  opts: { contactless?: boolean; protocol?: 'T=0' | 'T=1' } = {},
): AtrProfile {
  const atr = fromHex(hex.replaceAll(' ', ''));
  return {
    name,
    atr,
    contactAtr: opts.contactless ? STANDARD : atr,
    protocol: opts.protocol ?? 'T=1',
    note,
  };
}

/** Every ATR profile, the default (`contact`) first. */
export const ATR_PROFILES: Readonly<Record<AtrProfileName, AtrProfile>> = {
  contact: profile(
    'contact',
    '3B E0 00 FF 81 31 FE 45 14',
    'contact, T=1; the only ATR in OpenSC card-jpki.c (minidriver "JPKI")',
  ),
  'contact-02': profile(
    'contact-02',
    '3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3B',
    'contact, T=1, other generation/vendor (minidriver "JPKI (02)", OpenSC #3021)',
  ),
  'contact-03': profile('contact-03', '3B C5 FF 81 31 FB 45 80 73 C6 01 00 00', 'contact, T=1 ("JPKI (03)")'),
  'contact-04': profile(
    'contact-04',
    '3B F5 91 00 FF 91 81 71 FE 40 00 42 00 01 00 D1 D6',
    'contact, T=1 ("JPKI (04)")',
  ),
  'contact-05': profile(
    'contact-05',
    '3B F5 91 00 FF 91 81 71 FE 40 00 42 00 01 B3 A1 15',
    'contact, T=1 ("JPKI (05)")',
  ),
  'contactless-06': profile(
    'contactless-06',
    '3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F',
    'contactless (PC/SC part 3, from ATQB) ("JPKI (06)", OpenSC #3744)',
    { contactless: true },
  ),
  'contactless-07': profile(
    'contactless-07',
    '3B 88 80 01 00 00 41 E0 B3 81 A1 00 3B',
    'contactless ("JPKI (07)")',
    { contactless: true },
  ),
  'contactless-08': profile(
    'contactless-08',
    '3B 88 80 01 00 4B 51 FF 00 81 D1 00 BC',
    'contactless ("JPKI (08)")',
    { contactless: true },
  ),
  'contactless-09': profile(
    'contactless-09',
    '3B 88 80 01 00 4B 51 FF B3 81 D1 00 0F',
    'contactless ("JPKI (09)")',
    { contactless: true },
  ),
  'contact-t0': profile(
    'contact-t0',
    '3B 60 00 FF',
    'sandbox: T=0 only (no TD1, hence no TCK; TB1/TC1 as the standard ATR) — tests GET RESPONSE handling',
    { protocol: 'T=0' },
  ),
};

export const ATR_PROFILE_NAMES = Object.keys(ATR_PROFILES) as readonly AtrProfileName[];

export const DEFAULT_ATR_PROFILE: AtrProfileName = 'contact';

export function isAtrProfileName(s: string): s is AtrProfileName {
  return Object.hasOwn(ATR_PROFILES, s);
}

/** The profile a card image names (images written before profiles existed: `contact`). */
export function atrProfile(name: AtrProfileName | undefined): AtrProfile {
  return ATR_PROFILES[name ?? DEFAULT_ATR_PROFILE];
}
