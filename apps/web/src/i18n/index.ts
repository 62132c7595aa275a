// Extra translation bundles, one module per area (each exports `{ ja, en }` for its namespace key).
// One line per module; i18n.ts merges them into the default namespace.
import { resetStrings } from './reset.js';
import { rpStrings, supportStrings } from './support.js';

export const BUNDLES: { key: string; ja: object; en: object }[] = [
  { key: 'support', ...supportStrings },
  { key: 'rp', ...rpStrings },
  { key: 'reset', ...resetStrings },
];
