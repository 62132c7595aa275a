import { ERRORS, type ErrorSpec } from '../packages/core/errors/src/catalog.js';

export function errorDocs(): string {
  const rows = Object.entries(ERRORS as Record<string, ErrorSpec>).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.http} | ${e.sw === undefined ? '' : e.sw.toString(16).toUpperCase().padStart(4, '0')} | ${e.ja} | ${e.en} |`,
  );
  return [
    '# Error catalog',
    '',
    'Generated from `packages/core/errors/src/catalog.ts` by `npm run docs:errors`; a test keeps this page in',
    'step with the code. Every failure in myna-sandbox — a malformed APDU, a JSON body, a CLI flag,',
    'a PIN the card refused — carries one of these codes. HTTP responses use the status shown and',
    'the body `{ "code", "message", "messageJa", "details" }`; the CLI prints the same with `--json`',
    'and exits with 2 for bad input, 1 otherwise. Messages and details never contain a PIN, a key or',
    'a My Number. `SW` is the card status word the code corresponds to, where one applies (63Cx',
    'for `PIN_WRONG`, with the tries left in `details.triesLeft`).',
    '',
    '| code | HTTP | SW | 日本語 | English |',
    '|---|---:|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
