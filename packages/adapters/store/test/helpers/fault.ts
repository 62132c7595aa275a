import type { KyselyPlugin, PluginTransformQueryArgs } from 'kysely';

/**
 * Fault injection for the one-transaction tests (issuance-transaction*.test.ts): a Kysely plugin
 * that fails the Nth counted write — a real failure inside the real database, not a mock.
 */

/** The first table a query node names (its target for inserts, updates and deletes). */
export function tableOf(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as { kind?: string; table?: { identifier?: { name?: string } } };
  if (n.kind === 'TableNode') return n.table?.identifier?.name;
  for (const v of Object.values(node)) {
    const t = Array.isArray(v) ? v.map(tableOf).find(Boolean) : tableOf(v);
    if (t) return t;
  }
  return undefined;
}

export const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);

/** Fails the `n`th write that `counts` (counted from 1); with `n` = ∞ it only counts them. */
export class FailNthWrite implements KyselyPlugin {
  writes = 0;
  constructor(
    private readonly n: number,
    private readonly counts: (kind: string, table: string) => boolean,
  ) {}
  transformQuery({ node }: PluginTransformQueryArgs) {
    const table = tableOf(node) ?? '';
    if (this.counts(node.kind, table)) {
      this.writes++;
      if (this.writes === this.n) throw new Error(`injected failure at write ${this.n} (${table})`);
    }
    return node;
  }
  transformResult: KyselyPlugin['transformResult'] = async ({ result }) => result;
}
