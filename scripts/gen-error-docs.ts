/** Writes docs/reference/errors.md from the catalog in @myna/apdu (run: npm run docs:errors). */
import { writeFileSync } from 'node:fs';
import { errorDocs } from './error-docs.js';

writeFileSync(new URL('../docs/reference/errors.md', import.meta.url), errorDocs());
