import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { type ApiError, client, toApiError, unwrap } from './client.js';

/**
 * Server state of the console through TanStack Query: one query per resource (cache keys below),
 * and `useAction` for every button that sends a request — busy while it runs, one request per
 * press however often it is clicked, and its catalog error kept for the screen to show.
 */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export const keys = {
  cards: ['cards'] as const,
  card: (id: string) => ['cards', id] as const,
  clock: ['clock'] as const,
  chains: ['store-chains'] as const,
  reservations: (cardId: string) => ['reservations', cardId] as const,
  counter: ['counter'] as const,
  rpForm: (mode: string) => ['rp-form', mode] as const,
  timeline: (id: string) => ['timeline', id] as const,
  phones: (cardId: string) => ['phones', cardId] as const,
  phoneEvents: (phoneId: string) => ['phone-events', phoneId] as const,
  generations: ['authority-generations'] as const,
};

/** Every CA generation of both hierarchies, oldest first. */
export function useGenerations() {
  return useQuery({
    queryKey: keys.generations,
    queryFn: () => unwrap(client.GET('/api/authority/generations')),
  });
}

export function useCards() {
  return useQuery({ queryKey: keys.cards, queryFn: () => unwrap(client.GET('/api/cards')) });
}

export function useCard(id: string) {
  return useQuery({
    queryKey: keys.card(id),
    queryFn: () => unwrap(client.GET('/api/cards/{id}', { params: { path: { id } } })),
  });
}

/** Sandbox time, refreshed every `ms`. */
export function useClock(ms = 2000) {
  return useQuery({
    queryKey: keys.clock,
    queryFn: () => unwrap(client.GET('/api/clock')),
    refetchInterval: ms,
  });
}

export function useStoreChains() {
  return useQuery({
    queryKey: keys.chains,
    queryFn: () => unwrap(client.GET('/api/store-chains')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export interface Action<A, R> {
  /** Sends the request unless one of this action is already running. */
  run: (arg: A) => void;
  busy: boolean;
  error: ApiError | null;
  data: R | undefined;
  reset: () => void;
}

export function useAction<A = void, R = unknown>(
  fn: (arg: A) => Promise<R>,
  opts: {
    onSuccess?: (r: R, arg: A) => void | Promise<void>;
    invalidate?: readonly (readonly unknown[])[];
  } = {},
): Action<A, R> {
  const qc = useQueryClient();
  const inFlight = useRef(false);
  const m = useMutation<R, unknown, A>({
    mutationFn: fn,
    onSuccess: async (r, arg) => {
      await opts.onSuccess?.(r, arg);
    },
    onSettled: async () => {
      await Promise.all((opts.invalidate ?? []).map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
  });
  const { mutateAsync } = m;
  const run = useCallback(
    (arg: A) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutateAsync(arg)
        .catch(() => undefined)
        .finally(() => {
          inFlight.current = false;
        });
    },
    [mutateAsync],
  );
  return {
    run,
    busy: m.isPending,
    error: m.error ? toApiError(m.error) : null,
    data: m.data,
    reset: m.reset,
  };
}
