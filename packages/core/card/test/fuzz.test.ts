import { MemoryCardStore } from '@myna/card';
import { fuzzSuite } from './suites/fuzz.js';

/** The fuzz with its reference-model oracle on the in-memory store (SQL: packages/adapters/store/test). */
fuzzSuite({ label: 'MemoryCardStore', open: async () => new MemoryCardStore(), apdus: 100_000 });
