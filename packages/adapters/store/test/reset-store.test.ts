import { join } from 'node:path';
import { createSandbox, MemoryResetStore, SandboxClock, selfieOf, withCard } from '@myna/services';
import {
  openDatabase,
  SqlAuthorityStore,
  SqlCardStore,
  SqlResetStore,
  type StoreDatabase,
} from '@myna/store';
import { expectInOrder } from '@myna/test-support';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PHOTO, TEST_HOLDER } from '../../../core/card/test/fixtures/index.js';
import { letter, reservation, resetStoreContract, T0 } from './contracts/reset-store.contract.js';
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

describe('MemoryResetStore keeps the ResetStore contract', () => {
  resetStoreContract(async () => new MemoryResetStore());
});

describe.each(['sqlite', 'postgres'] as const)('SqlResetStore on %s', (dialect) => {
  describe('keeps the ResetStore contract', () => {
    resetStoreContract(async () => {
      const h = await fresh(dialect);
      const cards = new SqlCardStore(h, { sandboxId: 'sb1' });
      await cards.create(await testImage('c1'));
      await cards.create(await testImage('c2'));
      return new SqlResetStore(h);
    });
  });

  it('answer codes are encrypted at rest; one active reservation per card and PIN, however written', async () => {
    const h = await fresh(dialect);
    await new SqlCardStore(h, { sandboxId: 'sb1' }).create(await testImage('c1'));
    const store = new SqlResetStore(h);
    await store.insertLetter(letter());
    const raw = (await sql`select * from counter_letters`.execute(h.db)).rows;
    expect(JSON.stringify(raw)).not.toContain('K7Q2');
    expect(JSON.stringify(raw)).toMatch(/m1\.[0-9a-f]{8}\./);
    expect((await store.getLetter('sb1', 'ltr_1'))?.answerCode).toBe('K7Q2-9XA4');
    // The partial unique index allows one active reservation per card and PIN, however it is written.
    await store.putReservation(reservation());
    await expect(
      sql`insert into reset_reservations (id, sandbox_id, card_id, pin, status, face_matched_at, expires_at, terminal, created_at, updated_at) values ('rsv_x', 'sb1', 'c1', 'sign', 'active', ${T0}, ${T0}, 't', ${T0}, ${T0})`.execute(
        h.db,
      ),
    ).rejects.toMatchObject({ code: dialect === 'sqlite' ? 'SQLITE_CONSTRAINT_UNIQUE' : '23505' });
    // A non-active one is allowed beside it.
    await sql`insert into reset_reservations (id, sandbox_id, card_id, pin, status, face_matched_at, expires_at, terminal, created_at, updated_at) values ('rsv_y', 'sb1', 'c1', 'sign', 'used', ${T0}, ${T0}, 't', ${T0}, ${T0})`.execute(
      h.db,
    );
    expect((await store.activeReservation('sb1', 'c1', 'sign'))?.id).toBe('rsv_1');
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
    expectInOrder(names, ['reservation.made', '①.administrative-services']);
    expectInOrder(names, ['⑥.other-pin', 'pin.reset', '⑧.card-removed']);
    expect(names.at(-1)).toBe('pin.verified');
    // The card store's own event log holds the same rows.
    const raw = await cards.events(card.id);
    expect(raw.length).toBe(tl.length);
    expect(raw.some((e) => (e.type as string) === 'procedure.kiosk.step')).toBe(true);
    expect(JSON.stringify(tl)).not.toContain('NEWSIGN7');
    expect(JSON.stringify(tl)).not.toContain('1234"');
  });
});
