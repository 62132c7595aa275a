/** The console's HTTP client: the sandbox API key comes from the URL fragment (#key=…) once, then sessionStorage. */
const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('key');
if (fromHash) {
  sessionStorage.setItem('myna.key', fromHash);
  history.replaceState(null, '', location.pathname + location.search);
}
export const apiKey = (): string | null => sessionStorage.getItem('myna.key');

export interface ApiError {
  code: string;
  message: string;
  messageJa: string;
  details: Record<string, unknown>;
}

export class ApiFailure extends Error {
  constructor(readonly body: ApiError) {
    super(body.message);
  }
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      'x-api-key': apiKey() ?? '',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as T | ApiError;
  if (!res.ok) throw new ApiFailure(json as ApiError);
  return json as T;
}

/** Live events of the sandbox (or one card) over Server-Sent Events. */
export function subscribeEvents(onEvent: (e: CardEvent) => void, cardId?: string): () => void {
  const q = new URLSearchParams({ key: apiKey() ?? '', after: '0', ...(cardId ? { card: cardId } : {}) });
  const es = new EventSource(`/api/events/stream?${q}`);
  es.addEventListener('card-event', (m) => onEvent(JSON.parse((m as MessageEvent).data) as CardEvent));
  return () => es.close();
}

export interface CardSummary {
  id: string;
  serial: string;
  kind: 'adult' | 'under-15' | 'face-auth';
  status: 'active' | 'suspended' | 'abolished';
  holder: string | null;
  issuedOn: string;
  expiresOn: string;
}

export interface PinStatus {
  set: boolean;
  triesLeft: number;
  maxTries: number;
  blocked: boolean;
}

export interface CardDetail {
  card: CardSummary;
  expired: boolean;
  pins: Record<'auth' | 'sign' | 'kenhojo' | 'juki' | 'common', PinStatus>;
  certificates: {
    kind: 'auth' | 'sign';
    serialHex: string;
    status: 'good' | 'revoked' | 'hold';
    reason: string | null;
    notAfter: string;
    expired: boolean;
  }[];
}

export interface CardEvent {
  seq: number;
  type: string;
  cardId: string;
  pin?: string;
  triesLeft?: number;
  maxTries?: number;
  terminal: string;
  at: string;
}
