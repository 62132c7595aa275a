import { MynaError } from '@myna/errors';
import type { Clock } from '@myna/ports';
import type { CounterProcedure, ProcedureStore } from './ports.js';

/**
 * The one way a counter procedure is completed (pin-lifecycle.md §§4, 5), for every counter
 * operation — those the authority performs over the admin channel (PIN reset, lifting a
 * suspension, face-authentication switches, a new signature certificate) and the holder's own PIN
 * change at the window.
 *
 * Order: **claim, then the card work, then (on failure) give back.** The procedure moves
 * `ready` → `completed` by a compare-and-set in the store (`updateProcedure(next, 'ready')`)
 * *before* the card is touched. Two clerks (or one double click) completing the same procedure
 * race on that one write: exactly one wins, the other gets PROCEDURE_STATE and never reaches the
 * card. Saving after the card work instead would let both run the card work — two resets, two
 * certificates, or a PIN changed twice — and only then discover the conflict. If the card work
 * fails, the claim is given back (`completed` → `ready`) so the procedure can be retried.
 */
export async function completeProcedure<T>(
  deps: { readonly procedures: Pick<ProcedureStore, 'updateProcedure'>; readonly clock: Clock },
  procedure: CounterProcedure,
  closedBy: string,
  work: (claimed: CounterProcedure) => Promise<T>,
): Promise<{ result: T; procedure: CounterProcedure }> {
  const claimed = await claimProcedure(deps, procedure, closedBy);
  let result: T;
  try {
    result = await work(claimed);
  } catch (e) {
    await giveBack(deps, procedure);
    throw e;
  }
  return { result, procedure: claimed };
}

/** `ready` → `completed`, by compare-and-set; PROCEDURE_STATE if someone else changed it first. */
export async function claimProcedure(
  deps: { readonly procedures: Pick<ProcedureStore, 'updateProcedure'>; readonly clock: Clock },
  p: CounterProcedure,
  closedBy: string,
): Promise<CounterProcedure> {
  const at = deps.clock.now().toISOString();
  const next: CounterProcedure = { ...p, status: 'completed', updatedAt: at, closedAt: at, closedBy };
  if (!(await deps.procedures.updateProcedure(next, 'ready')))
    throw new MynaError('PROCEDURE_STATE', { procedureId: p.id, status: 'changed' });
  return next;
}

/** `completed` → `ready` after the card work failed. */
async function giveBack(
  deps: { readonly procedures: Pick<ProcedureStore, 'updateProcedure'>; readonly clock: Clock },
  p: CounterProcedure,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.procedures.updateProcedure(
    { ...p, status: 'ready', updatedAt: at, closedAt: null, closedBy: null },
    'completed',
  );
}
