import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import createClient from 'openapi-fetch';
import { apiKey } from '../../api.js';
import type { components, paths } from './schema.js';
import type { Authorization, CardSummary, Consent, HolderAnswer, Text } from './types.js';

/*
 * The holder API (docs/dauth.md, "Holder API") through openapi-fetch and TanStack Query.
 * schema.d.ts is generated from the server's OpenAPI document, cut to the routes this page uses:
 *   npm run docs:openapi && npx openapi-typescript docs/reference/openapi.json -o apps/web/src/pages/dauth/schema.d.ts
 * (the committed file keeps only /api/cards and /api/dauth/authorizations*).
 */
export const holderApi = createClient<paths>({ baseUrl: '' });
holderApi.use({
  onRequest({ request }) {
    request.headers.set('x-api-key', apiKey() ?? '');
    return request;
  },
});

type ApiErrorBody = components['schemas']['def-0'];

/** A refused request, in words (the catalog's message in both languages). */
export class HolderApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
  ) {
    super(text.en);
  }
}

export const networkError = (): HolderApiError =>
  new HolderApiError(0, 'NETWORK', {
    ja: 'サーバーに接続できませんでした。通信状態を確かめてください。',
    en: 'Could not reach the server. Check the connection.',
  });

async function call<T>(
  run: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  let r: Awaited<ReturnType<typeof run>>;
  try {
    r = await run();
  } catch {
    throw networkError();
  }
  if (r.error !== undefined || !r.response.ok) {
    const b = (r.error ?? {}) as Partial<ApiErrorBody>;
    throw new HolderApiError(r.response.status, b.code ?? `HTTP_${r.response.status}`, {
      ja: b.messageJa ?? `リクエストが拒否されました（HTTP ${r.response.status}）。`,
      en: b.message ?? `The request was refused (HTTP ${r.response.status}).`,
    });
  }
  return r.data as T;
}

const key = (uid: string) => ['dauth', 'authorization', uid] as const;

export function useAuthorizations() {
  return useQuery({
    queryKey: ['dauth', 'authorizations'],
    queryFn: () =>
      call<{ items: Authorization[] }>(() => holderApi.GET('/api/dauth/authorizations')).then((r) => r.items),
    refetchInterval: 2000,
  });
}

export function useAuthorization(uid: string) {
  return useQuery({
    queryKey: key(uid),
    queryFn: () =>
      call<Authorization>(() =>
        holderApi.GET('/api/dauth/authorizations/{uid}', { params: { path: { uid } } }),
      ),
  });
}

export function useCards() {
  return useQuery({
    queryKey: ['cards'],
    queryFn: () => call<CardSummary[]>(() => holderApi.GET('/api/cards')),
  });
}

/** The three actions of the app; each answer replaces the cached authorization. */
export function useHolderActions(uid: string) {
  const qc = useQueryClient();
  const keep = (a: Authorization) => qc.setQueryData(key(uid), a);
  const refresh = () => void qc.invalidateQueries({ queryKey: key(uid) });
  const chooseCard = useMutation({
    mutationFn: (cardId: string) =>
      call<Authorization>(() =>
        holderApi.POST('/api/dauth/authorizations/{uid}/card', {
          params: { path: { uid } },
          body: { cardId },
        }),
      ),
    onSuccess: keep,
    onError: refresh,
  });
  const consent = useMutation({
    mutationFn: (body: Consent) =>
      call<HolderAnswer>(() =>
        holderApi.POST('/api/dauth/authorizations/{uid}/consent', { params: { path: { uid } }, body }),
      ),
    onSuccess: (a) => keep(a.authorization),
    onError: refresh,
  });
  const cancel = useMutation({
    mutationFn: () =>
      call<HolderAnswer>(() =>
        holderApi.POST('/api/dauth/authorizations/{uid}/cancel', { params: { path: { uid } } }),
      ),
    onSuccess: (a) => keep(a.authorization),
    onError: refresh,
  });
  return { chooseCard, consent, cancel };
}

/** The page's own query client (a console-wide one, once there is one, can replace it). */
export const dauthQueryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
});
