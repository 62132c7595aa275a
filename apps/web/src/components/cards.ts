import type { TFunction } from 'i18next';
import type { CardSummary } from '../api/types.js';

/** Card options for a Select: holder, kind, and a status other than active. */
export function cardOptions(cards: readonly CardSummary[] | undefined, t: TFunction) {
  return (cards ?? []).map((c) => ({
    value: c.id,
    label: `${c.holder ?? c.id} — ${t(`cards.${c.kind}`)}${c.status !== 'active' ? ` (${t(`cards.${c.status}`)})` : ''}`,
  }));
}
