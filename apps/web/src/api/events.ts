import { apiKey } from './key.js';
import type { CardEvent } from './types.js';

/** Live events of the sandbox (or one card) over Server-Sent Events. */
export function subscribeEvents(onEvent: (e: CardEvent) => void, cardId?: string): () => void {
  // Where there is no EventSource (a DOM without one), the page refreshes on its own actions only.
  if (typeof EventSource === 'undefined') return () => undefined;
  const q = new URLSearchParams({ key: apiKey() ?? '', after: '0', ...(cardId ? { card: cardId } : {}) });
  const es = new EventSource(`/api/events/stream?${q}`);
  es.addEventListener('card-event', (m) => onEvent(JSON.parse((m as MessageEvent).data) as CardEvent));
  return () => es.close();
}
