/** Writes docs/reference/openapi.json from the server's route schemas (npm run docs:openapi). */
import { writeFileSync } from 'node:fs';
import { openapiDocument } from './openapi.js';

writeFileSync(new URL('../docs/reference/openapi.json', import.meta.url), await openapiDocument());
