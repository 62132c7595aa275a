import { isMynaError } from '@myna/errors';
import { fixedClock } from '@myna/ports';
import { type CounterProcedure, completeProcedure, MemoryResetStore } from '@myna/services';
import { describe, expect, it } from 'vitest';

/**
 * The one completion path of counter procedures (reset/completion.ts): claim (ready → completed)
 * before the card work, give back (→ ready) if it fails — so two clerks cannot both complete.
 */
const clock = fixedClock(new Date('2026-11-24T01:00:00Z'));

function procedure(over: Partial<CounterProcedure> = {}): CounterProcedure {
  return {
    id: 'proc_1',
    sandboxId: 'sb1',
    municipalityCode: '13221',
    cardId: 'card_1',
    kind: 'pin-change',
    applicant: { role: 'holder', name: null },
    pins: ['kenhojo'],
    status: 'ready',
    checks: ['card-face-match', 'photo-id'],
    visits: 1,
    answerAttempts: 0,
    letterId: null,
    openedBy: 'staff:kato.clerk',
    openedAt: '2026-11-24T00:50:00.000Z',
    updatedAt: '2026-11-24T00:55:00.000Z',
    closedAt: null,
    closedBy: null,
    ...over,
  };
}

async function setup() {
  const store = new MemoryResetStore();
  const p = procedure();
  await store.insertProcedure(p);
  return { store, p, deps: { procedures: store, clock } };
}

describe('completing a counter procedure (claim before the card work)', () => {
  it('two clerks at once: exactly one reaches the card, the other is refused with PROCEDURE_STATE', async () => {
    const { store, p, deps } = await setup();
    const cardWork: string[] = [];
    const attempt = (clerk: string) =>
      completeProcedure(deps, p, `staff:${clerk}`, async (claimed) => {
        // The claim is stored before the card is touched.
        expect((await store.getProcedure('sb1', p.id))?.status).toBe('completed');
        expect(claimed.closedBy).toBe(`staff:${clerk}`);
        cardWork.push(clerk);
        return clerk;
      });
    const results = await Promise.allSettled([attempt('a'), attempt('b')]);
    expect(cardWork).toHaveLength(1);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const e = (lost[0] as PromiseRejectedResult).reason;
    expect(isMynaError(e, 'PROCEDURE_STATE')).toBe(true);
    expect(e.details).toEqual({ procedureId: p.id, status: 'changed' });
    const stored = await store.getProcedure('sb1', p.id);
    expect(stored).toMatchObject({
      status: 'completed',
      closedBy: `staff:${cardWork[0]}`,
      closedAt: '2026-11-24T01:00:00.000Z',
      updatedAt: '2026-11-24T01:00:00.000Z',
    });
    const done = (won[0] as PromiseFulfilledResult<{ result: string; procedure: CounterProcedure }>).value;
    expect(done.result).toBe(cardWork[0]);
    expect(done.procedure).toEqual(stored);
  });

  it('gives the procedure back to ready when the card work fails, so it can be retried', async () => {
    const { store, p, deps } = await setup();
    await expect(
      completeProcedure(deps, p, 'staff:a', async () => {
        throw new Error('card refused');
      }),
    ).rejects.toThrow('card refused');
    expect(await store.getProcedure('sb1', p.id)).toMatchObject({
      status: 'ready',
      closedAt: null,
      closedBy: null,
      updatedAt: '2026-11-24T01:00:00.000Z',
    });
    const again = await completeProcedure(deps, p, 'staff:b', async () => 'ok');
    expect(again.result).toBe('ok');
    expect(again.procedure.status).toBe('completed');
  });

  it('never touches the card of a procedure that is not ready', async () => {
    for (const status of ['open', 'awaiting-answer', 'completed', 'cancelled'] as const) {
      const store = new MemoryResetStore();
      const p = procedure({ status });
      await store.insertProcedure(p);
      let touched = false;
      const e = await completeProcedure({ procedures: store, clock }, p, 'staff:a', async () => {
        touched = true;
      }).catch((err: unknown) => err);
      expect(isMynaError(e, 'PROCEDURE_STATE')).toBe(true);
      expect(touched).toBe(false);
      expect((await store.getProcedure('sb1', p.id))?.status).toBe(status);
    }
  });
});
