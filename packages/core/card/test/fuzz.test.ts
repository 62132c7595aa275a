import { MemoryCardStore } from '@myna/card';
import { fuzzSuite } from './suites/fuzz.js';

/**
 * The fuzz with its reference-model oracle on the in-memory store (SQL: packages/adapters/store/test).
 * MYNA_FUZZ_APDUS shortens it for mutation testing (stryker/card.vitest.config.ts).
 */
fuzzSuite({
  label: 'MemoryCardStore',
  open: async () => new MemoryCardStore(),
  apdus: Number(process.env.MYNA_FUZZ_APDUS ?? 100_000),
});
