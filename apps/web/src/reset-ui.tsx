import { Alert, Code, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, ApiFailure, api, type CardSummary } from './api.js';

/** Pieces shared by the reset ecosystem's pages (Phone, Kiosk, Counter). */

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.body;
  return { code: 'INTERNAL', message: String(e), messageJa: String(e), details: {} };
}

/** A catalog error: Japanese first, English beside, its code and safe details (never a value sent). */
export function ErrorAlert({ error, testId }: { error: ApiError | null; testId: string }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  const ja = i18n.language === 'ja';
  const details = Object.entries(error.details ?? {}).filter(([k]) => k !== 'cardId');
  return (
    <Alert
      color="red"
      data-testid={testId}
      data-code={error.code}
      title={ja ? error.messageJa : error.message}
    >
      <Text size="sm" c="dimmed">
        {ja ? error.message : error.messageJa}
      </Text>
      <Text size="xs" mt={4}>
        <Code>{error.code}</Code>{' '}
        {details.map(([k, v]) => (
          <Code key={k} mr={4}>
            {k}: {String(v)}
          </Code>
        ))}
      </Text>
    </Alert>
  );
}

/** The sandbox's cards. */
export function useCards(): { cards: CardSummary[]; reload: () => Promise<void> } {
  const [cards, setCards] = useState<CardSummary[]>([]);
  const reload = useCallback(() => api<CardSummary[]>('GET', '/api/cards').then(setCards), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { cards, reload };
}

/** Sandbox time, refreshed every `ms`. */
export function useSandboxTime(ms = 2000): string | null {
  const [now, setNow] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api<{ now: string }>('GET', '/api/clock')
        .then((c) => alive && setNow(c.now))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, ms);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [ms]);
  return now;
}

/** An instant in Japan time, e.g. `2026/11/24 10:00` (the sandbox's clock is what counts). */
export function jst(iso: string, withSeconds = false): string {
  return new Date(iso).toLocaleString('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
}

/** Card options for a Select: holder and serial. */
export function cardOptions(cards: CardSummary[], t: (k: string) => string) {
  return cards.map((c) => ({
    value: c.id,
    label: `${c.holder ?? c.id} — ${t(`cards.${c.kind}`)}${c.status !== 'active' ? ` (${t(`cards.${c.status}`)})` : ''}`,
  }));
}
