import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

/** The generated path and schema types of the web console's client (apps/web/src/api/schema.d.ts). */
export const WEB_CLIENT_SCHEMA = new URL('../apps/web/src/api/schema.d.ts', import.meta.url);
const OPENAPI = new URL('../docs/reference/openapi.json', import.meta.url);

const HEADER = `/**
 * Generated from docs/reference/openapi.json by openapi-typescript (npm run docs:web-client).
 * Do not edit: change the server's route schemas, then run npm run docs:openapi.
 */\n\n`;

/** The TypeScript types of every path of the OpenAPI document, as the console's client uses them. */
export async function webClientSchema(): Promise<string> {
  const ast = await openapiTS(JSON.parse(readFileSync(OPENAPI, 'utf8')));
  return HEADER + astToString(ast);
}
