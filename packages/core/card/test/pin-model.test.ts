import { MemoryCardStore } from '@myna/card';
import { pinModelSuite } from './suites/pin-model.js';

/** Every PIN's state machine against its reference model, on the in-memory store (SQL: packages/adapters/store/test). */
pinModelSuite({ label: 'MemoryCardStore', open: async () => new MemoryCardStore(), numRuns: 60 });
