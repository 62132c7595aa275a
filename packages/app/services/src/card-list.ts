import type { AuthorityStore, CardRecord } from './ports.js';

/*
 * Types only besides cardList: `@myna/services/card-list` loads without the authority, the PKI and
 * the card (the CLI's `card list` starts with the store alone).
 */

/** A card as the sandbox lists it (GET /api/cards, `card list`): its holder's name beside it, no secret. */
export interface ListedCard {
  readonly id: string;
  readonly serial: string;
  readonly kind: CardRecord['kind'];
  readonly status: CardRecord['status'];
  /** The resident's name; null when the resident is gone. */
  readonly holder: string | null;
  readonly issuedOn: string;
  readonly expiresOn: string;
}

/** The sandbox's cards with their holders' names, in the store's order. */
export async function cardList(sandbox: {
  readonly id: string;
  readonly store: Pick<AuthorityStore, 'listResidents' | 'listCards'>;
}): Promise<ListedCard[]> {
  const residents = new Map((await sandbox.store.listResidents(sandbox.id)).map((r) => [r.id, r]));
  return (await sandbox.store.listCards(sandbox.id)).map((c) => ({
    id: c.id,
    serial: c.serial,
    kind: c.kind,
    status: c.status,
    holder: residents.get(c.residentId)?.name ?? null,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
  }));
}
