import { join } from 'node:path';
import {
  type AuditEvent,
  type CounterProcedure,
  createSandbox,
  MemoryResetStore,
  type Reservation,
  type ResetStore,
  SandboxClock,
  type StaffAccount,
  selfieOf,
  withCard,
} from '@myna/services';
import {
  openDatabase,
  SqlAuthorityStore,
  SqlCardStore,
  SqlResetStore,
  type StoreDatabase,
} from '@myna/store';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PHOTO, TEST_HOLDER } from '../../../core/card/test/fixtures/index.js';
import { tempDirs, testImage, testKeyHex } from './helpers/env.js';
import { usePostgres } from './helpers/postgres.js';

const postgres = usePostgres();
const tmp = tempDirs();
const open: StoreDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function fresh(dialect: 'sqlite' | 'postgres'): Promise<StoreDatabase> {
  const url = dialect === 'sqlite' ? `sqlite:${join(tmp(), 'sandbox.db')}` : await postgres.fresh();
  const h = await openDatabase(url, { masterKey: testKeyHex() });
  open.push(h);
  return h;
}

const T0 = '2026-11-24T01:00:00.000Z';

const reservation = (over: Partial<Reservation> = {}): Reservation => ({
  id: 'rsv_1',
  sandboxId: 'sb1',
  cardId: 'c1',
  pin: 'sign',
  status: 'active',
  faceMatchedAt: T0,
  expiresAt: '2026-11-25T01:00:00.000Z',
  terminal: 'app:jpki-reset',
  createdAt: T0,
  updatedAt: T0,
  closedAt: null,
  closedBy: null,
  ...over,
});

const staffAccount = (over: Partial<StaffAccount> = {}): StaffAccount => ({
  id: 'sato',
  sandboxId: 'sb1',
  municipalityCode: '13221',
  name: '佐藤',
  role: 'supervisor',
  passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==',
  disabled: false,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

const procedure = (over: Partial<CounterProcedure> = {}): CounterProcedure => ({
  id: 'prc_1',
  sandboxId: 'sb1',
  municipalityCode: '13221',
  cardId: 'c1',
  kind: 'pin-reset',
  applicant: { role: 'voluntary-agent', name: '代理　一郎' },
  pins: ['auth', 'kenhojo'],
  status: 'open',
  checks: [],
  visits: 1,
  answerAttempts: 0,
  letterId: null,
  openedBy: 'staff:sato',
  openedAt: T0,
  updatedAt: T0,
  closedAt: null,
  closedBy: null,
  ...over,
});

const audit = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  type: 'procedure.kiosk.step',
  sandboxId: 'sb1',
  cardId: 'c1',
  actor: 'holder',
  terminal: 'kiosk:seven-eleven:s1',
  at: T0,
  step: '⑥.other-pin',
  outcome: 'refused',
  pin: 'auth',
  triesLeft: 2,
  code: 'PIN_WRONG',
  details: { screen: 'E3' },
  ...over,
});

/** The same contract, on every adapter. */
async function contract(store: ResetStore): Promise<void> {
  // Reservations: one active per card and PIN; a new one replaces it.
  expect(await store.putReservation(reservation())).toBeUndefined();
  expect(await store.activeReservation('sb1', 'c1', 'sign')).toEqual(reservation());
  const replaced = await store.putReservation(
    reservation({ id: 'rsv_2', createdAt: '2026-11-24T02:00:00.000Z' }),
  );
  expect(replaced).toMatchObject({ id: 'rsv_1', status: 'replaced', closedBy: 'app:jpki-reset' });
  expect((await store.getReservation('sb1', 'rsv_1'))?.status).toBe('replaced');
  expect((await store.activeReservation('sb1', 'c1', 'sign'))?.id).toBe('rsv_2');
  await store.putReservation(reservation({ id: 'rsv_3', pin: 'auth' }));
  expect((await store.activeReservation('sb1', 'c1', 'auth'))?.id).toBe('rsv_3');
  // Compare-and-set.
  expect(await store.transitionReservation('sb1', 'rsv_2', 'active', 'used', T0, 'kiosk:x')).toBe(true);
  expect(await store.transitionReservation('sb1', 'rsv_2', 'active', 'used', T0, 'kiosk:y')).toBe(false);
  expect(await store.getReservation('sb1', 'rsv_2')).toMatchObject({ status: 'used', closedBy: 'kiosk:x' });
  expect(await store.transitionReservation('sb1', 'rsv_2', 'used', 'active', T0, null)).toBe(true);
  expect(await store.getReservation('sb1', 'rsv_2')).toMatchObject({ status: 'active', closedAt: null });
  expect((await store.listReservations('sb1', 'c1')).map((r) => r.id).sort()).toEqual([
    'rsv_1',
    'rsv_2',
    'rsv_3',
  ]);
  expect(await store.getReservation('sb2', 'rsv_1')).toBeUndefined();

  // Staff and sessions.
  await store.insertStaff(staffAccount());
  await expect(store.insertStaff(staffAccount())).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect(await store.getStaff('sb1', 'sato')).toEqual(staffAccount());
  await store.updateStaff(staffAccount({ disabled: true, updatedAt: '2026-11-24T03:00:00.000Z' }));
  expect((await store.getStaff('sb1', 'sato'))?.disabled).toBe(true);
  expect((await store.listStaff('sb1', '13221')).map((s) => s.id)).toEqual(['sato']);
  expect(await store.listStaff('sb1', '13222')).toEqual([]);
  const session = {
    tokenHash: 'ab'.repeat(32),
    sandboxId: 'sb1',
    staffId: 'sato',
    municipalityCode: '13221',
    window: '1',
    createdAt: T0,
    expiresAt: '2026-11-24T09:00:00.000Z',
  };
  await store.putSession(session);
  expect(await store.getSession('sb1', session.tokenHash)).toEqual(session);
  await store.deleteSession('sb1', session.tokenHash);
  expect(await store.getSession('sb1', session.tokenHash)).toBeUndefined();

  // Procedures (compare-and-set) and letters.
  await store.insertProcedure(procedure());
  expect(await store.getProcedure('sb1', 'prc_1')).toEqual(procedure());
  const waiting = procedure({
    status: 'awaiting-answer',
    letterId: 'ltr_1',
    checks: ['agent-photo-id:passport'],
  });
  expect(await store.updateProcedure(waiting, 'open')).toBe(true);
  expect(await store.updateProcedure(procedure({ status: 'cancelled' }), 'open')).toBe(false);
  expect(await store.getProcedure('sb1', 'prc_1')).toEqual(waiting);
  expect((await store.listProcedures('sb1', 'c1')).map((p) => p.id)).toEqual(['prc_1']);
  const letter = {
    id: 'ltr_1',
    sandboxId: 'sb1',
    procedureId: 'prc_1',
    cardId: 'c1',
    residentId: 'r1',
    kind: 'inquiry-and-answer' as const,
    addressee: TEST_HOLDER.name,
    address: TEST_HOLDER.address,
    doNotForward: true as const,
    answerCode: 'K7Q2-9XA4',
    mailedAt: T0,
  };
  await store.insertLetter(letter);
  expect(await store.getLetter('sb1', 'ltr_1')).toEqual(letter);
  expect(await store.lettersFor('sb1', 'r1')).toEqual([letter]);

  // Audit: card steps on the card's timeline (ordered by time), office steps apart.
  await store.appendAudit(audit({ at: '2026-11-24T01:00:02.000Z', step: 'later' }));
  await store.appendAudit(audit());
  const { pin: _p, triesLeft: _t, code: _c, details: _d, ...base } = audit();
  await store.appendAudit({
    ...base,
    cardId: null,
    type: 'procedure.counter.step',
    step: 'staff.login',
    actor: 'staff:sato',
    terminal: 'counter:13221:1',
    outcome: 'ok',
  });
  const tl = (await store.timeline('sb1', 'c1')).filter((e) => e.kind === 'procedure');
  expect(tl.map((e) => e.kind === 'procedure' && e.step)).toEqual(['⑥.other-pin', 'later']);
  expect(tl[0]).toEqual({
    kind: 'procedure',
    type: 'procedure.kiosk.step',
    actor: 'holder',
    terminal: 'kiosk:seven-eleven:s1',
    at: T0,
    step: '⑥.other-pin',
    outcome: 'refused',
    pin: 'auth',
    triesLeft: 2,
    code: 'PIN_WRONG',
    details: { screen: 'E3' },
  });
  const office = await store.officeEvents('sb1');
  expect(office).toHaveLength(1);
  expect(office[0]).toMatchObject({ step: 'staff.login', actor: 'staff:sato', cardId: null, outcome: 'ok' });
}

describe('MemoryResetStore', () => {
  it('keeps the ResetStore contract', async () => {
    await contract(new MemoryResetStore());
  });
});

describe.each(['sqlite', 'postgres'] as const)('SqlResetStore on %s', (dialect) => {
  it('keeps the ResetStore contract; answer codes are encrypted at rest', async () => {
    const h = await fresh(dialect);
    await new SqlCardStore(h, { sandboxId: 'sb1' }).create(await testImage('c1'));
    await contract(new SqlResetStore(h));
    const raw = (await sql`select * from counter_letters`.execute(h.db)).rows;
    expect(JSON.stringify(raw)).not.toContain('K7Q2');
    expect(JSON.stringify(raw)).toMatch(/m1\.[0-9a-f]{8}\./);
    // The partial unique index allows one active reservation per card and PIN, however it is written.
    await expect(
      sql`insert into reset_reservations (id, sandbox_id, card_id, pin, status, face_matched_at, expires_at, terminal, created_at, updated_at) values ('rsv_x', 'sb1', 'c1', 'sign', 'active', ${T0}, ${T0}, 't', ${T0}, ${T0})`.execute(
        h.db,
      ),
    ).rejects.toBeDefined();
  });
});

describe('a sandbox on SQLite: PIN events and procedure steps in one table', () => {
  it('the seed-001 journey leaves one ordered timeline in card_events', async () => {
    const h = await fresh('sqlite');
    const clock = new SandboxClock();
    clock.freeze('2026-11-24T10:00:00+09:00');
    const cards = new SqlCardStore(h, { sandboxId: 'sb1', now: () => clock.now() });
    const sb = createSandbox({
      id: 'sb1',
      clock,
      store: new SqlAuthorityStore(h),
      cards,
      resetStore: new SqlResetStore(h),
    });
    const { card } = await sb.municipality.registerAndIssue(
      {
        name: TEST_HOLDER.name,
        address: TEST_HOLDER.address,
        birthDate: '1980-02-17',
        sex: '1',
        photo: PHOTO,
      },
      { pins: { auth: '1234', sign: 'ABC123', kenhojo: '5678', juki: '2468' }, initialTries: { sign: 0 } },
    );
    await sb.reset.app.reserve({
      cardId: card.id,
      pin: 'sign',
      cardFace: await sb.reset.printedFace(card.id),
      otherPin: '1234',
      selfie: selfieOf(PHOTO),
    });
    const kiosk = sb.reset.kiosk({ chain: 'seven-eleven', storeId: 's1' });
    await kiosk.chooseAdministrativeServices();
    await kiosk.choosePasswordReset();
    await kiosk.choosePinReset('sign');
    await kiosk.agree();
    await kiosk.placeCard(card.id);
    await kiosk.enterOtherPin('1234');
    expect((await kiosk.enterNewPin('NEWSIGN7', 'NEWSIGN7')).id).toBe('K7');
    await kiosk.removeCard();
    await withCard(sb.connector, card.id, 'e-tax', (c) => c.verifyPin('sign', 'NEWSIGN7'));

    const tl = await sb.reset.timeline(card.id);
    const kinds = new Set(tl.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['pin', 'procedure']));
    const names = tl.map((e) => (e.kind === 'pin' ? e.type : e.step));
    const idx = (s: string) => names.indexOf(s);
    expect(idx('reservation.made')).toBeLessThan(idx('①.administrative-services'));
    expect(idx('⑥.other-pin')).toBeLessThan(idx('pin.reset'));
    expect(idx('pin.reset')).toBeLessThan(idx('⑧.card-removed'));
    expect(names.at(-1)).toBe('pin.verified');
    // The card store's own event log holds the same rows.
    const raw = await cards.events(card.id);
    expect(raw.length).toBe(tl.length);
    expect(raw.some((e) => (e.type as string) === 'procedure.kiosk.step')).toBe(true);
    expect(JSON.stringify(tl)).not.toContain('NEWSIGN7');
    expect(JSON.stringify(tl)).not.toContain('1234"');
  });
});
