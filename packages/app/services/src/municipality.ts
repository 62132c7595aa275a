import { CalendarError, parseCalendarDate } from '@myna/calendar';
import {
  ATR_PROFILE_NAMES,
  type AtrProfileName,
  atrProfile,
  BASIC_FOUR_RULE,
  BASIC_FOUR_TEXT_MAX_BYTES,
  basicFourTextBytes,
  type CardStateStore,
  HOLDER_PIN_IDS,
  isAtrProfileName,
  PersonalizationError,
  PIN_RULES,
  type PinId,
  personalize,
} from '@myna/card';
import type { PinStatus } from '@myna/client';
import { MynaError } from '@myna/errors';
import { cardExpiry, isUnder15 } from '@myna/pki';
import type { Clock, Random } from '@myna/ports';
import { AdminSession } from './admin-channel.js';
import { type JpkiAuthority, randomAlnum } from './authority.js';
import {
  type CertificateIssuer,
  certificateRecord,
  issueFreshCertificates,
  recordFreshCertificates,
  writeFreshCertificates,
} from './certificate-issuance.js';
import { jstDate } from './clock.js';
import { type CardConnector, withCard } from './connector.js';
import { generateMyNumber, isValidMyNumber } from './my-number.js';
import type {
  AuthorityStore,
  CardKind,
  CardRecord,
  CertificateKind,
  CertificateRecord,
  ResidentRecord,
} from './ports.js';

export interface MunicipalityOptions {
  readonly sandboxId: string;
  /** 5-digit 全国地方公共団体コード (without check digit), e.g. 13221 清瀬市. */
  readonly municipalityCode: string;
  /** Romanised names used in the signature certificate's subject (L=…). */
  readonly prefecture: string;
  readonly city: string;
}

export interface NewResident {
  readonly name: string;
  readonly address: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: ResidentRecord['sex'];
  readonly photo: Uint8Array;
  /** Generated (with a valid check digit) when absent. */
  readonly myNumber?: string;
}

export interface ChosenPins {
  readonly auth?: string;
  readonly sign?: string;
  readonly kenhojo?: string;
  readonly juki?: string;
}

export interface IssueCardRequest {
  readonly residentId: string;
  /** A face-authentication card (顔認証マイナンバーカード) carries no PIN and no signature certificate. */
  readonly faceAuth?: boolean;
  readonly pins?: ChosenPins;
  /** Tries left at personalisation (demo and test cards in a given state); default full. */
  readonly initialTries?: Readonly<Partial<Record<'auth' | 'sign' | 'kenhojo' | 'juki' | 'common', number>>>;
  /**
   * The ATR/protocol profile of the chip (card core `atr.ts`, card.md §1): one of the ATRs real
   * cards present, or `contact-t0` for a card speaking T=0. Default `contact`. Kept in the chip.
   */
  readonly atr?: string;
}

export interface IssuedCard {
  readonly card: CardRecord;
  readonly certificates: readonly CertificateRecord[];
}

/** The state of a card as a person at the counter would read it. PINs come from the chip. */
export interface CardStatusReport {
  readonly card: CardRecord;
  readonly expired: boolean;
  /** Tries left of every holder PIN, read through APDUs (status queries: no try spent). */
  readonly pins: Readonly<Record<'auth' | 'sign' | 'kenhojo' | 'juki' | 'common', PinStatus>>;
  /** The chip's ATR profile (chosen at issuance), its ATR and protocol. */
  readonly chip: {
    readonly atrProfile: AtrProfileName;
    readonly atr: string;
    readonly protocol: 'T=0' | 'T=1';
  };
  readonly certificates: readonly {
    readonly kind: CertificateKind;
    readonly serialHex: string;
    readonly status: CertificateRecord['status'];
    readonly notAfter: string;
    readonly expired: boolean;
    readonly reason: CertificateRecord['reason'];
    /** The CA generation that signed it (matched by AKI keyid); null if none of them did. */
    readonly generation: number | null;
  }[];
}

/**
 * The municipality (市区町村) of one sandbox: the resident register and card issuance —
 * PINs chosen by the holder and checked by the rules, card expiry, certificates from the
 * authority, personalisation, revocation when the basic four facts change, re-issue of a lost
 * card. spec: pin-lifecycle.md §§1, 5; card.md §8.
 */
export class Municipality {
  constructor(
    private readonly deps: {
      store: AuthorityStore;
      cards: CardStateStore;
      authority: JpkiAuthority;
      clock: Clock;
      random: Random;
      options: MunicipalityOptions;
    },
  ) {}

  private get sb(): string {
    return this.deps.options.sandboxId;
  }

  /** The municipality's code and the names it writes into signature certificates. */
  get options(): MunicipalityOptions {
    return this.deps.options;
  }

  /** What certificate issuance for cards already issued needs (shared with the counter, reset/). */
  certificateIssuer(): CertificateIssuer {
    return {
      authority: this.deps.authority,
      random: this.deps.random,
      store: this.deps.store,
      sandboxId: this.sb,
      municipality: this.deps.options,
    };
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /**
   * A birth date the register can hold: a real calendar day (`1985-02-30` is none), written
   * YYYY-MM-DD, not after today (JST, sandbox time).
   */
  private validateBirthDate(birthDate: string): void {
    try {
      parseCalendarDate(birthDate, 'birthDate');
    } catch (e) {
      if (e instanceof CalendarError)
        throw new MynaError('PROFILE_INVALID', { field: 'birthDate', rule: 'a calendar date YYYY-MM-DD' });
      throw e;
    }
    check(birthDate <= jstDate(this.now()), 'birthDate', 'not after today (JST)');
  }

  private validateResident(r: NewResident): void {
    this.validateBirthDate(r.birthDate);
    check(r.name.trim().length > 0, 'name', 'not empty');
    check([...r.name].length <= NAME_MAX, 'name', `at most ${NAME_MAX} characters`);
    check(
      /^[^\u3000]+\u3000[^\u3000]/u.test(r.name.trim()),
      'name',
      'family name and given name separated by a full-width space (U+3000)',
    );
    check([...r.address].length <= ADDRESS_MAX, 'address', `at most ${ADDRESS_MAX} characters`);
    check(r.address.trim().length > 0, 'address', 'not empty');
    // The chip's 基本4情報 record must stay in the form every reader parses (card.md §5).
    check(basicFourTextBytes(r.name, r.address) <= BASIC_FOUR_TEXT_MAX_BYTES, 'address', BASIC_FOUR_RULE);
    check(['0', '1', '2', '9'].includes(r.sex), 'sex', "JIS X 0303 code '1', '2', '9' or '0'");
    if (r.myNumber !== undefined && !isValidMyNumber(r.myNumber)) throw new MynaError('MY_NUMBER_INVALID');
  }

  async registerResident(r: NewResident): Promise<ResidentRecord> {
    this.validateResident(r);
    let myNumber = r.myNumber;
    if (myNumber !== undefined) {
      if (!isValidMyNumber(myNumber)) throw new MynaError('MY_NUMBER_INVALID');
      if (await this.deps.store.myNumberTaken(this.sb, myNumber)) throw new MynaError('MY_NUMBER_TAKEN');
    } else {
      do myNumber = generateMyNumber(this.deps.random);
      while (await this.deps.store.myNumberTaken(this.sb, myNumber));
    }
    const at = this.now().toISOString();
    const rec: ResidentRecord = {
      id: `res_${randomAlnum(this.deps.random, 16).toLowerCase()}`,
      sandboxId: this.sb,
      myNumber,
      name: r.name,
      address: r.address,
      birthDate: r.birthDate,
      sex: r.sex,
      municipalityCode: this.deps.options.municipalityCode,
      photo: r.photo,
      factsVersion: 1,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.store.insertResident(rec);
    return rec;
  }

  async resident(id: string): Promise<ResidentRecord> {
    const r = await this.deps.store.getResident(this.sb, id);
    if (!r) throw new MynaError('RESIDENT_NOT_FOUND', { residentId: id });
    return r;
  }

  /**
   * Issues a card: expiry on the 10th birthday after issuance (5th under 18), a user-auth
   * certificate, a signature certificate from 15 years of age, the holder's PINs checked by the
   * rules (the error names the rule, never the value). A face-authentication card has no PIN.
   */
  async issueCard(req: IssueCardRequest): Promise<IssuedCard> {
    const res = await this.resident(req.residentId);
    const now = this.now();
    const issuedOn = jstDate(now);
    const kind = this.validateIssue(res.birthDate, req);
    const pins = req.pins ?? {};
    const expiresOn = cardExpiry({ issuedOn, birthDate: res.birthDate });
    const withSign = kind === 'adult';
    const [material, signCa] = await Promise.all([
      this.deps.authority.issuerMaterial(),
      this.deps.authority.ca('sign'),
    ]);
    const seq = await this.deps.store.nextSequence(this.sb, 'card-serial');
    const serial = `9${seq.toString().padStart(14, '0')}`;
    const cardId = `card_${randomAlnum(this.deps.random, 16).toLowerCase()}`;
    const securityCode = String(
      ((this.deps.random.bytes(2)[0]! << 8) | this.deps.random.bytes(1)[0]!) % 10000,
    ).padStart(4, '0');
    // The one certificate path (certificate-issuance.ts), as renewal and the counter use it.
    const fresh = await issueFreshCertificates(this.certificateIssuer(), {
      now,
      resident: res,
      card: { expiresOn },
      kinds: withSign ? ['auth', 'sign'] : ['auth'],
    });
    const authFresh = fresh.find((f) => f.kind === 'auth')!;
    const signFresh = fresh.find((f) => f.kind === 'sign');

    const adminKey = this.deps.random.bytes(32);
    let image: ReturnType<typeof personalize>;
    try {
      image = personalize({
        id: cardId,
        serial,
        municipalityCode: res.municipalityCode,
        expiry: expiresOn.replaceAll('-', ''),
        securityCode,
        holder: {
          name: res.name,
          address: res.address,
          birthDate: res.birthDate.replaceAll('-', ''),
          sex: res.sex,
          myNumber: res.myNumber,
          photo: res.photo,
        },
        pins:
          kind === 'face-auth'
            ? null
            : {
                auth: pins.auth!,
                sign: withSign ? pins.sign : undefined,
                kenhojo: pins.kenhojo!,
                juki: pins.juki!,
              },
        jpki: {
          auth: { privateKeyPkcs8: authFresh.pkcs8, certificate: authFresh.der },
          sign: signFresh ? { privateKeyPkcs8: signFresh.pkcs8, certificate: signFresh.der } : undefined,
          // The generation that signed each certificate (the current one; also after a roll-over
          // that raced this issuance), the sign CA's current one on a card without a sign certificate.
          authCaCertificate: authFresh.caDer,
          signCaCertificate: signFresh?.caDer ?? signCa.certDer,
        },
        apKeys: {
          kenhojo: material.kenhojoAp,
          kenkaku: material.kenkakuAp,
          common: material.commonAuth,
          kenhojoSessionPublicSpki: material.kenhojoSessionPublicSpki,
        },
        signers: { kenhojo: material.kenhojoSigner, kenkaku: material.kenkakuSigner },
        mfChain: material.mfChain,
        adminKey,
        ...(req.initialTries ? { initialTries: req.initialTries } : {}),
        ...(req.atr !== undefined ? { atr: req.atr as AtrProfileName } : {}),
      });
    } catch (e) {
      if (e instanceof PersonalizationError)
        throw new MynaError('PROFILE_INVALID', { field: e.field, rule: e.rule });
      throw e;
    }
    const at = now.toISOString();
    const card: CardRecord = {
      id: cardId,
      sandboxId: this.sb,
      serial,
      residentId: res.id,
      kind,
      status: 'active',
      issuedOn,
      expiresOn,
      securityCode,
      adminKey,
      createdAt: at,
      updatedAt: at,
    };
    const certificates = fresh.map((f) => certificateRecord(this.sb, f, { cardId, residentId: res.id, at }));
    // The chip, the card record and its certificates: one transaction (all or nothing).
    await this.deps.store.recordIssuance({ chip: image, card, certificates }, this.deps.cards);
    return { card, certificates };
  }

  /**
   * Checks an issuance request against the rules before anything is written: the kind of card
   * from the holder's age, and each chosen PIN's format (the error names the rule, never the
   * value). Returns the kind of card that would be issued today.
   */
  validateIssue(birthDate: string, req: Omit<IssueCardRequest, 'residentId'>): CardKind {
    this.validateBirthDate(birthDate);
    if (req.atr !== undefined)
      check(isAtrProfileName(req.atr), 'atr', `one of ${ATR_PROFILE_NAMES.join(', ')}`);
    const under15 = isUnder15({ birthDate, on: jstDate(this.now()) });
    const kind: CardKind = req.faceAuth ? 'face-auth' : under15 ? 'under-15' : 'adult';
    const pins = req.pins ?? {};
    if (kind === 'face-auth') {
      check(
        Object.values(pins).every((v) => v === undefined),
        'pins',
        'a face-authentication card carries no PIN',
      );
      return kind;
    }
    for (const id of ['auth', 'kenhojo', 'juki'] as const) {
      const v = pins[id];
      if (v === undefined) throw new MynaError('PROFILE_INVALID', { field: `pins.${id}`, rule: 'required' });
      if (!PIN_RULES[id].check(v)) throw new MynaError('PIN_FORMAT', { pin: id, rule: PIN_RULES[id].rule });
    }
    if (kind === 'under-15') {
      check(pins.sign === undefined, 'pins.sign', 'no signature certificate is issued under 15');
    } else {
      if (pins.sign === undefined)
        throw new MynaError('PROFILE_INVALID', { field: 'pins.sign', rule: 'required' });
      if (!PIN_RULES.sign.check(pins.sign))
        throw new MynaError('PIN_FORMAT', { pin: 'sign', rule: PIN_RULES.sign.rule });
    }
    return kind;
  }

  /** Registers a resident and issues their first card; nothing is written if the request breaks a rule. */
  async registerAndIssue(
    r: NewResident,
    req: Omit<IssueCardRequest, 'residentId'>,
  ): Promise<IssuedCard & { resident: ResidentRecord }> {
    this.validateResident(r);
    this.validateIssue(r.birthDate, req);
    const resident = await this.registerResident(r);
    return { ...(await this.issueCard({ ...req, residentId: resident.id })), resident };
  }

  async card(cardId: string): Promise<CardRecord> {
    const c = await this.deps.store.getCard(this.sb, cardId);
    if (!c) throw new MynaError('CARD_NOT_FOUND', { cardId });
    return c;
  }

  /**
   * A change of name, address, birth date or sex: the resident record is updated and every
   * signature certificate of the resident is revoked automatically; user-auth certificates stay
   * valid (pin-lifecycle.md §5.3).
   */
  async changeResidentFacts(
    residentId: string,
    patch: Partial<Pick<ResidentRecord, 'name' | 'address' | 'birthDate' | 'sex'>>,
  ): Promise<{ resident: ResidentRecord; revoked: string[] }> {
    const before = await this.resident(residentId);
    const after: ResidentRecord = { ...before, ...patch };
    const changed = (['name', 'address', 'birthDate', 'sex'] as const).some((k) => after[k] !== before[k]);
    if (!changed) return { resident: before, revoked: [] };
    const { name, address, birthDate, sex, photo } = after;
    this.validateResident({ name, address, birthDate, sex, photo });
    const updated = { ...after, factsVersion: before.factsVersion + 1, updatedAt: this.now().toISOString() };
    await this.deps.store.updateResident(updated);
    const revoked: string[] = [];
    for (const c of await this.deps.store.listCertificates(this.sb, { kind: 'sign' })) {
      if (c.residentId !== residentId || c.status === 'revoked') continue;
      await this.deps.authority.revoke('sign', c.serialHex, 'affiliationChanged');
      revoked.push(c.serialHex);
    }
    return { resident: updated, revoked };
  }

  /**
   * Re-issue after a loss: the old card is abolished and its certificates revoked
   * (keyCompromise); a new card with new keys and the PINs chosen now is issued.
   */
  async reissueLostCard(oldCardId: string, req: Omit<IssueCardRequest, 'residentId'>): Promise<IssuedCard> {
    const old = await this.card(oldCardId);
    await this.deps.store.setCardStatus(this.sb, old.id, 'abolished', this.now().toISOString());
    for (const c of await this.deps.store.listCertificates(this.sb, { cardId: old.id })) {
      if (c.status !== 'revoked') await this.deps.authority.revoke(c.kind, c.serialHex, 'keyCompromise');
    }
    return this.issueCard({ ...req, residentId: old.residentId });
  }

  /**
   * Renews both certificates of a card (from 3 months before the current ones expire): new key
   * pairs and certificates to the 5th birthday after today (capped by the card), written to the
   * card by the authority over the admin channel; the old certificates are revoked as
   * superseded. PINs are kept. spec: pin-lifecycle.md §5.2.
   */
  async renewCertificates(
    cardId: string,
    connector: CardConnector,
    terminal = 'municipality:counter',
  ): Promise<IssuedCard> {
    const card = await this.card(cardId);
    if (card.status !== 'active')
      throw new MynaError(card.status === 'suspended' ? 'CARD_SUSPENDED' : 'CARD_ABOLISHED', { cardId });
    const res = await this.resident(card.residentId);
    const current = (await this.deps.store.listCertificates(this.sb, { cardId })).filter(
      (c) => c.status !== 'revoked',
    );
    const now = this.now();
    const earliest = Math.min(...current.map((c) => Date.parse(c.notAfter)));
    // Renewal opens on the (JST) day three months before the earliest current expiry.
    const opensOn = jstDate(addMonths(new Date(earliest), -3));
    const issuedOn = jstDate(now);
    if (current.length > 0 && issuedOn < opensOn) throw new MynaError('RENEWAL_TOO_EARLY', { opensOn });
    const kinds: CertificateKind[] =
      card.kind === 'adult' && !isUnder15({ birthDate: res.birthDate, on: issuedOn })
        ? ['auth', 'sign']
        : ['auth'];
    const at = now.toISOString();
    const issuer = this.certificateIssuer();
    const fresh = await issueFreshCertificates(issuer, { now, resident: res, card, kinds });
    await withCard(connector, cardId, terminal, async (client) => {
      await writeFreshCertificates(await AdminSession.open(client, card), fresh);
    });
    for (const c of current) await this.deps.authority.revoke(c.kind, c.serialHex, 'superseded');
    const certificates = await recordFreshCertificates(issuer, { card, residentId: res.id, fresh, at });
    return { card, certificates };
  }

  /** The card's state: PIN tries read from the chip through APDUs, certificates from the authority. */
  async cardStatus(
    cardId: string,
    connector: CardConnector,
    terminal = 'municipality:status',
  ): Promise<CardStatusReport> {
    const card = await this.card(cardId);
    const pins = await withCard(connector, cardId, terminal, async (client) => {
      const out: Partial<Record<PinId, PinStatus>> = {};
      for (const p of HOLDER_PIN_IDS) out[p] = await client.pinStatus(p);
      return out as CardStatusReport['pins'];
    });
    const now = this.now().getTime();
    const certificates = [];
    for (const c of await this.deps.store.listCertificates(this.sb, { cardId })) {
      const generation = await this.deps.authority.generationFor(c.kind, c.der);
      certificates.push({
        kind: c.kind,
        serialHex: c.serialHex,
        status: c.status,
        notAfter: c.notAfter,
        expired: now > Date.parse(c.notAfter),
        reason: c.reason,
        generation: generation?.generation ?? null,
      });
    }
    const profile = atrProfile((await this.deps.cards.load(cardId))?.atr);
    const chip = {
      atrProfile: profile.name,
      atr: Buffer.from(profile.atr).toString('hex').toUpperCase(),
      protocol: profile.protocol,
    };
    return { card, expired: jstDate(this.now()) > card.expiresOn, pins, chip, certificates };
  }
}

/** The same day-of-month `n` months later (or earlier), clamped to the month's last day. */
function addMonths(d: Date, n: number): Date {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

/** The longest name and address the register takes (as the API's schema says). */
const NAME_MAX = 100;
const ADDRESS_MAX = 200;

function check(ok: boolean, field: string, rule: string): void {
  if (!ok) throw new MynaError('PROFILE_INVALID', { field, rule });
}
