import { expect } from 'vitest';

/**
 * Asserts that `items` occur in `list` in this order (as a subsequence: other entries may come
 * between them). An item that is missing fails, unlike comparing `indexOf`s (where −1 passes).
 *
 * ```ts
 * expectInOrder(names, ['⑥.other-pin', 'pin.reset', '⑧.card-removed']);
 * ```
 */
export function expectInOrder<T>(list: readonly T[], items: readonly T[]): void {
  let from = 0;
  for (const [n, item] of items.entries()) {
    const at = list.indexOf(item, from);
    if (at < 0) {
      const where = n === 0 ? 'in' : `after ${JSON.stringify(items[n - 1])} (index ${from - 1}) in`;
      expect.fail(`expected ${JSON.stringify(item)} ${where} ${JSON.stringify(list)}`);
    }
    from = at + 1;
  }
}
