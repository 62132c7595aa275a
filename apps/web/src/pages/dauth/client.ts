import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiFailure, client, toApiError, unwrap } from '../../api/client.js';
import type { Authorization, CardSummary, Consent, HolderAnswer, Text } from './types.js';

/*
 * The holder API (docs/dauth.md, "Holder API") through the console's generated client
 * (src/api/client.ts, openapi-fetch) and TanStack Query.
 */

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

async function call<T>(
  run: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  try {
    return (await unwrap(run())) as T;
  } catch (e) {
    const body = e instanceof ApiFailure ? e.body : toApiError(e);
    throw new HolderApiError(e instanceof ApiFailure ? e.status : 0, body.code, {
      ja: body.messageJa,
      en: body.message,
    });
  }
}

const key = (uid: string) => ['dauth', 'authorization', uid] as const;

export function useAuthorizations() {
  return useQuery({
    queryKey: ['dauth', 'authorizations'],
    queryFn: () =>
      call<{ items: Authorization[] }>(() => client.GET('/api/dauth/authorizations')).then((r) => r.items),
    refetchInterval: 2000,
  });
}

export function useAuthorization(uid: string) {
  return useQuery({
    queryKey: key(uid),
    queryFn: () =>
      call<Authorization>(() => client.GET('/api/dauth/authorizations/{uid}', { params: { path: { uid } } })),
  });
}

export function useCards() {
  return useQuery({
    queryKey: ['cards'],
    queryFn: () => call<CardSummary[]>(() => client.GET('/api/cards')),
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
        client.POST('/api/dauth/authorizations/{uid}/card', {
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
        client.POST('/api/dauth/authorizations/{uid}/consent', { params: { path: { uid } }, body }),
      ),
    onSuccess: (a) => keep(a.authorization),
    onError: refresh,
  });
  const cancel = useMutation({
    mutationFn: () =>
      call<HolderAnswer>(() =>
        client.POST('/api/dauth/authorizations/{uid}/cancel', { params: { path: { uid } } }),
      ),
    onSuccess: (a) => keep(a.authorization),
    onError: refresh,
  });
  return { chooseCard, consent, cancel };
}
