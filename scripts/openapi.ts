import { buildServer } from '../packages/adapters/server/src/index.js';

/** The OpenAPI document the server generates from its route schemas, pretty-printed. */
export async function openapiDocument(): Promise<string> {
  const s = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32) });
  try {
    await s.app.ready();
    return `${JSON.stringify(s.app.swagger(), null, 2)}\n`;
  } finally {
    await s.close();
  }
}
