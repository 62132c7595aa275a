/** Writes apps/web/src/api/schema.d.ts from docs/reference/openapi.json (npm run docs:web-client). */
import { writeFileSync } from 'node:fs';
import { WEB_CLIENT_SCHEMA, webClientSchema } from './web-client.js';

writeFileSync(WEB_CLIENT_SCHEMA, await webClientSchema());
