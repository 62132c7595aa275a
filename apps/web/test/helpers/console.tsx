import { MantineProvider } from '@mantine/core';
import { buildServer, type SandboxServer } from '@myna/server';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { setFetch } from '../../src/api/client.js';
import { setApiKey } from '../../src/api/key.js';
import { newQueryClient } from '../../src/api/queries.js';
import i18n from '../../src/i18n/index.js';
import { theme } from '../../src/theme.js';

afterEach(() => cleanup());

/**
 * The console's components against the real server: the generated client's fetch goes through
 * Fastify's inject() (no socket, no mock), with the default sandbox's API key in sessionStorage.
 */
export async function realServer(): Promise<{
  server: SandboxServer;
  key: string;
  close: () => Promise<void>;
}> {
  const server = await buildServer({ databaseUrl: 'sqlite::memory:', masterKey: new Uint8Array(32).fill(5) });
  await server.app.ready();
  setFetch(async (req) => {
    const url = new URL(req.url);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text();
    const r = await server.app.inject({
      method: req.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(req.headers.entries()),
      ...(body ? { payload: body } : {}),
    });
    return new Response(r.statusCode === 204 ? null : r.body, {
      status: r.statusCode,
      headers: r.headers as Record<string, string>,
    });
  });
  const key = server.defaultSandbox.apiKey;
  setApiKey(key);
  return { server, key, close: () => server.close() };
}

/** Renders a piece of the console as main.tsx does (Mantine, TanStack Query, i18next). */
export function renderConsole(ui: ReactNode) {
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={newQueryClient()}>{ui}</QueryClientProvider>
    </MantineProvider>,
  );
}

export { i18n };
