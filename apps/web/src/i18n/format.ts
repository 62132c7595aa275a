import type { TFunction } from 'i18next';
import type { ApiError } from '../api/client.js';

/**
 * Instants in Japan time with the zone shown, the one time zone of the console (the sandbox
 * clock is what counts): `2026/11/24 10:00 JST`.
 */
export function jst(iso: string, withSeconds = false): string {
  const s = new Date(iso).toLocaleString('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
  return `${s} JST`;
}

/**
 * A catalog error's `details` in words, for a person: tries left, which PIN, which field and
 * rule — never `PIN_WRONG pin: auth triesLeft: 2`. Ids (cardId, procedureId…) are left out.
 */
export function errorWords(error: ApiError, t: TFunction): string[] {
  const d = error.details ?? {};
  const out: string[] = [];
  if (typeof d.triesLeft === 'number')
    out.push(
      d.triesLeft === 0
        ? t('errors.triesLeftNone')
        : d.triesLeft === 1
          ? t('errors.triesLeftOne')
          : t('errors.triesLeft', { count: d.triesLeft }),
    );
  if (typeof d.pin === 'string') {
    // A smartphone element's passwords are its own (スマホ用利用者証明用 / スマホ用署名用), not the card's.
    const phone = d.element === 'phone' && (d.pin === 'auth' || d.pin === 'sign');
    const key = phone ? (d.pin === 'auth' ? 'phoneAuth' : 'phoneSign') : d.pin;
    out.push(t('errors.pin', { pin: t(`pin.${key}`, { defaultValue: d.pin }) }));
  }
  if (typeof d.field === 'string') out.push(t('errors.field', { field: d.field.split('/').pop() }));
  if (typeof d.rule === 'string') out.push(t('errors.rule', { rule: d.rule }));
  if (typeof d.expiresAt === 'string') out.push(t('errors.expiresAt', { at: jst(d.expiresAt) }));
  if (d.reason === 'network') out.push(t('errors.network'));
  else if (typeof d.status === 'number' && error.code === 'INTERNAL')
    out.push(t('errors.status', { status: d.status }));
  return out;
}
