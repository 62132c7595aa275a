import { MemoryCardStore } from '@myna/card';
import { pinModelSuite } from './suites/pin-model.js';

/**
 * Every PIN's state machine against its reference model, on the in-memory store (SQL:
 * packages/adapters/store/test). MYNA_PIN_MODEL_RUNS shortens it for mutation testing.
 */
pinModelSuite({
  label: 'MemoryCardStore',
  open: async () => new MemoryCardStore(),
  numRuns: Number(process.env.MYNA_PIN_MODEL_RUNS ?? 60),
});
