import type {
  AuditEvent,
  CounterProcedure,
  MailedLetter,
  Reservation,
  ResetStore,
  StaffAccount,
  StaffSessionRecord,
} from '@myna/services';
import { expectCatalogError } from '@myna/test-support';
import { expect, it } from 'vitest';
import { TEST_HOLDER } from '../../../../core/card/test/fixtures/index.js';

/** A fresh `ResetStore` in which cards `c1` and `c2` of sandbox `sb1` exist (the SQL tables reference them). */
export type OpenResetStore = () => Promise<ResetStore>;

export const T0 = '2026-11-24T01:00:00.000Z';

export const reservation = (over: Partial<Reservation> = {}): Reservation => ({
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

export const staffAccount = (over: Partial<StaffAccount> = {}): StaffAccount => ({
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

export const procedure = (over: Partial<CounterProcedure> = {}): CounterProcedure => ({
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

export const letter = (over: Partial<MailedLetter> = {}): MailedLetter => ({
  id: 'ltr_1',
  sandboxId: 'sb1',
  procedureId: 'prc_1',
  cardId: 'c1',
  residentId: 'r1',
  kind: 'inquiry-and-answer',
  addressee: TEST_HOLDER.name,
  address: TEST_HOLDER.address,
  doNotForward: true,
  answerCode: 'K7Q2-9XA4',
  mailedAt: T0,
  ...over,
});

export const audit = (over: Partial<AuditEvent> = {}): AuditEvent => ({
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

const session = (over: Partial<StaffSessionRecord> = {}): StaffSessionRecord => ({
  tokenHash: 'ab'.repeat(32),
  sandboxId: 'sb1',
  staffId: 'sato',
  municipalityCode: '13221',
  window: '1',
  createdAt: T0,
  expiresAt: '2026-11-24T09:00:00.000Z',
  ...over,
});

/**
 * The `ResetStore` contract (packages/app/services/src/reset/ports.ts), the same cases on every
 * adapter: `MemoryResetStore` and `SqlResetStore` on SQLite and PostgreSQL. Call it inside a
 * `describe` per adapter.
 */
export function resetStoreContract(open: OpenResetStore): void {
  it('reservations: one active per card and PIN, a new one replaces it; compare-and-set', async () => {
    const store = await open();
    expect(await store.putReservation(reservation())).toBeUndefined();
    expect(await store.activeReservation('sb1', 'c1', 'sign')).toEqual(reservation());
    const replaced = await store.putReservation(
      reservation({ id: 'rsv_2', createdAt: '2026-11-24T02:00:00.000Z', terminal: 'app:other' }),
    );
    expect(replaced).toEqual(
      reservation({
        status: 'replaced',
        updatedAt: '2026-11-24T02:00:00.000Z',
        closedAt: '2026-11-24T02:00:00.000Z',
        closedBy: 'app:other',
      }),
    );
    expect(await store.getReservation('sb1', 'rsv_1')).toEqual(replaced);
    expect((await store.activeReservation('sb1', 'c1', 'sign'))?.id).toBe('rsv_2');
    await store.putReservation(reservation({ id: 'rsv_3', pin: 'auth' }));
    expect((await store.activeReservation('sb1', 'c1', 'auth'))?.id).toBe('rsv_3');
    expect(await store.activeReservation('sb1', 'c2', 'sign')).toBeUndefined();
    expect(await store.activeReservation('sb2', 'c1', 'sign')).toBeUndefined();
    // Stored active, whatever status it arrives with.
    await store.putReservation(reservation({ id: 'rsv_4', cardId: 'c2', status: 'used' }));
    expect((await store.getReservation('sb1', 'rsv_4'))?.status).toBe('active');
    // Compare-and-set.
    expect(await store.transitionReservation('sb1', 'rsv_2', 'active', 'used', T0, 'kiosk:x')).toBe(true);
    expect(await store.transitionReservation('sb1', 'rsv_2', 'active', 'used', T0, 'kiosk:y')).toBe(false);
    expect(await store.getReservation('sb1', 'rsv_2')).toMatchObject({
      status: 'used',
      closedAt: T0,
      closedBy: 'kiosk:x',
    });
    expect(await store.activeReservation('sb1', 'c1', 'sign')).toBeUndefined();
    expect(await store.transitionReservation('sb1', 'rsv_2', 'used', 'active', T0, null)).toBe(true);
    expect(await store.getReservation('sb1', 'rsv_2')).toMatchObject({
      status: 'active',
      closedAt: null,
      closedBy: null,
    });
    expect(await store.transitionReservation('sb2', 'rsv_2', 'active', 'used', T0, 'x')).toBe(false);
    expect(await store.transitionReservation('sb1', 'nope', 'active', 'used', T0, 'x')).toBe(false);
    // Oldest first (ties by id).
    expect((await store.listReservations('sb1', 'c1')).map((r) => r.id)).toEqual(['rsv_1', 'rsv_3', 'rsv_2']);
    expect(await store.listReservations('sb2', 'c1')).toEqual([]);
    expect(await store.getReservation('sb2', 'rsv_1')).toBeUndefined();
  });

  it('staff accounts and sessions', async () => {
    const store = await open();
    await store.insertStaff(staffAccount({ id: 'suzuki', createdAt: '2026-11-24T02:00:00.000Z' }));
    await store.insertStaff(staffAccount());
    await expectCatalogError(store.insertStaff(staffAccount({ name: '別人' })), 'INVALID_ARGUMENT', {
      reason: 'CONFLICT',
      field: 'id',
      rule: 'unique',
    });
    expect(await store.getStaff('sb1', 'sato')).toEqual(staffAccount());
    // Another sandbox may use the same login id.
    await store.insertStaff(staffAccount({ sandboxId: 'sb2', name: '佐藤二' }));
    expect((await store.getStaff('sb2', 'sato'))?.name).toBe('佐藤二');
    expect((await store.getStaff('sb1', 'sato'))?.name).toBe('佐藤');
    await store.updateStaff(
      staffAccount({
        disabled: true,
        createdAt: '2026-11-30T00:00:00.000Z',
        updatedAt: '2026-11-24T03:00:00.000Z',
      }),
    );
    // createdAt is the insert's.
    expect(await store.getStaff('sb1', 'sato')).toEqual(
      staffAccount({ disabled: true, updatedAt: '2026-11-24T03:00:00.000Z' }),
    );
    await expectCatalogError(store.updateStaff(staffAccount({ id: 'nobody' })), 'INTERNAL', {
      reason: 'NOT_FOUND',
    });
    expect(await store.getStaff('sb1', 'nobody')).toBeUndefined();
    // Oldest first.
    expect((await store.listStaff('sb1', '13221')).map((s) => s.id)).toEqual(['sato', 'suzuki']);
    expect(await store.listStaff('sb1', '13222')).toEqual([]);

    await store.putSession(session());
    expect(await store.getSession('sb1', session().tokenHash)).toEqual(session());
    expect(await store.getSession('sb2', session().tokenHash)).toBeUndefined();
    await expectCatalogError(store.putSession(session({ staffId: 'suzuki' })), 'INTERNAL', {
      reason: 'CONFLICT',
    });
    expect((await store.getSession('sb1', session().tokenHash))?.staffId).toBe('sato');
    await store.deleteSession('sb1', session().tokenHash);
    expect(await store.getSession('sb1', session().tokenHash)).toBeUndefined();
    await store.deleteSession('sb1', session().tokenHash); // deleting twice is fine
  });

  it('procedures (compare-and-set) and letters', async () => {
    const store = await open();
    await store.insertProcedure(procedure({ id: 'prc_2', openedAt: '2026-11-24T05:00:00.000Z' }));
    await store.insertProcedure(procedure());
    await store.insertProcedure(procedure({ id: 'prc_3', cardId: 'c2' }));
    await expectCatalogError(store.insertProcedure(procedure({ kind: 'pin-change' })), 'INTERNAL', {
      reason: 'CONFLICT',
    });
    expect(await store.getProcedure('sb1', 'prc_1')).toEqual(procedure());
    expect(await store.getProcedure('sb2', 'prc_1')).toBeUndefined();
    const waiting = procedure({
      status: 'awaiting-answer',
      letterId: 'ltr_1',
      checks: ['agent-photo-id:passport'],
      answerAttempts: 1,
      visits: 2,
      updatedAt: '2026-11-24T02:00:00.000Z',
    });
    expect(await store.updateProcedure(waiting, 'open')).toBe(true);
    expect(await store.updateProcedure(procedure({ status: 'cancelled' }), 'open')).toBe(false);
    expect(await store.getProcedure('sb1', 'prc_1')).toEqual(waiting);
    expect(await store.updateProcedure(procedure({ id: 'nope' }), 'open')).toBe(false);
    expect(await store.getProcedure('sb1', 'nope')).toBeUndefined();
    // Oldest first.
    expect((await store.listProcedures('sb1', 'c1')).map((p) => p.id)).toEqual(['prc_1', 'prc_2']);
    expect((await store.listProcedures('sb1', 'c2')).map((p) => p.id)).toEqual(['prc_3']);
    expect(await store.listProcedures('sb2', 'c1')).toEqual([]);

    await store.insertLetter(letter({ id: 'ltr_2', mailedAt: '2026-11-25T00:00:00.000Z' }));
    await store.insertLetter(letter());
    await store.insertLetter(letter({ id: 'ltr_3', residentId: 'r2' }));
    await expectCatalogError(store.insertLetter(letter({ answerCode: 'OTHER' })), 'INTERNAL', {
      reason: 'CONFLICT',
    });
    expect(await store.getLetter('sb1', 'ltr_1')).toEqual(letter());
    expect(await store.getLetter('sb2', 'ltr_1')).toBeUndefined();
    expect(await store.lettersFor('sb1', 'r1')).toEqual([
      letter(),
      letter({ id: 'ltr_2', mailedAt: '2026-11-25T00:00:00.000Z' }),
    ]);
    expect(await store.lettersFor('sb2', 'r1')).toEqual([]);
  });

  it('audit: card steps on the card timeline ordered by time, office steps apart', async () => {
    const store = await open();
    await store.appendAudit(audit({ at: '2026-11-24T01:00:02.000Z', step: 'later' }));
    await store.appendAudit(audit());
    await store.appendAudit(audit({ step: 'same-instant', outcome: 'ok', procedureId: 'prc_1' }));
    await store.appendAudit(audit({ cardId: 'c2', step: 'other-card' }));
    await store.appendAudit(audit({ sandboxId: 'sb2', step: 'other-sandbox' }));
    const { pin: _p, triesLeft: _t, code: _c, details: _d, ...base } = audit();
    const login: AuditEvent = {
      ...base,
      cardId: null,
      type: 'procedure.counter.step',
      step: 'staff.login',
      actor: 'staff:sato',
      terminal: 'counter:13221:1',
      outcome: 'ok',
    };
    const refused: AuditEvent = {
      ...login,
      at: '2026-11-24T01:00:01.000Z',
      step: 'staff.login',
      outcome: 'refused',
      code: 'STAFF_LOGIN_FAILED',
      triesLeft: 4,
      details: { window: '2' },
    };
    await store.appendAudit(login);
    await store.appendAudit(refused);
    await store.appendAudit({ ...login, sandboxId: 'sb2' });
    const tl = (await store.timeline('sb1', 'c1')).filter((e) => e.kind === 'procedure');
    // By time; the same instant in commit order.
    expect(tl.map((e) => e.kind === 'procedure' && e.step)).toEqual(['⑥.other-pin', 'same-instant', 'later']);
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
    expect(tl[1]).toMatchObject({ step: 'same-instant', outcome: 'ok', procedureId: 'prc_1' });
    expect((await store.timeline('sb1', 'c2')).map((e) => e.kind === 'procedure' && e.step)).toEqual([
      'other-card',
    ]);
    expect((await store.timeline('sb2', 'c1')).map((e) => e.kind === 'procedure' && e.step)).toEqual([
      'other-sandbox',
    ]);
    // Office events: as appended, oldest first (in commit order).
    expect(await store.officeEvents('sb1')).toEqual([login, refused]);
    expect(await store.officeEvents('sb2')).toEqual([{ ...login, sandboxId: 'sb2' }]);
    expect(await store.officeEvents('sb3')).toEqual([]);
  });
}
