import type { IssuedCard } from './municipality.js';
import type { Sandbox } from './sandbox.js';

/**
 * Demo holders in the states the seeds talk about, issued through personalisation (never by
 * touching counters). Their PINs are public demo values, listed in the README — never use a real
 * person's data here.
 */
export const DEMO_HOLDERS = [
  {
    key: 'fine',
    label: 'すべて正常 / all fine',
    resident: {
      name: '山田　太郎',
      address: '東京都清瀬市中里５－８４２',
      birthDate: '1985-04-01',
      sex: '1',
    },
    pins: { auth: '1234', sign: 'ABC123', kenhojo: '1234', juki: '1234' },
  },
  {
    key: 'sign-locked',
    label: '署名用パスワードがロック / signature password locked',
    resident: {
      name: '佐藤　花子',
      address: '東京都清瀬市元町１－３－５',
      birthDate: '1979-11-03',
      sex: '2',
    },
    pins: { auth: '2345', sign: 'SATO1979', kenhojo: '2345', juki: '2345' },
    initialTries: { sign: 0 },
  },
  {
    key: 'auth-one-left',
    label: '利用者証明用の残り1回 / one try left on the user-auth PIN',
    resident: {
      name: '鈴木　一郎',
      address: '東京都清瀬市松山２－１０－８',
      birthDate: '1990-07-21',
      sex: '1',
    },
    pins: { auth: '3456', sign: 'SUZUKI90', kenhojo: '3456', juki: '3456' },
    initialTries: { auth: 1 },
  },
  {
    key: 'kenhojo-differs',
    label:
      '券面事項入力補助の暗証番号が利用者証明用と異なる / 券面事項入力補助 PIN differs from the user-auth PIN',
    resident: {
      name: '高橋　美咲',
      address: '東京都清瀬市竹丘３－２－１',
      birthDate: '1995-02-14',
      sex: '2',
    },
    pins: { auth: '4567', sign: 'MISAKI95', kenhojo: '7654', juki: '4567' },
  },
  {
    key: 'under-15',
    label: '15歳未満 / under 15 (no signature certificate)',
    resident: { name: '田中　翔', address: '東京都清瀬市野塩４－５－６', birthDate: '2016-05-05', sex: '1' },
    pins: { auth: '5678', kenhojo: '5678', juki: '5678' },
  },
  {
    key: 'face-auth',
    label: '顔認証マイナンバーカード / face-authentication card (no PINs)',
    resident: {
      name: '伊藤　和子',
      address: '東京都清瀬市旭が丘１－１－１',
      birthDate: '1948-09-15',
      sex: '2',
    },
    faceAuth: true,
  },
] as const;

export type DemoKey = (typeof DEMO_HOLDERS)[number]['key'];

/** Issues the demo cards if the sandbox has no card yet; returns what was issued (empty otherwise). */
export async function seedDemo(
  sandbox: Sandbox,
  photos: readonly Uint8Array[],
): Promise<{ key: DemoKey; label: string; holder: string; issued: IssuedCard }[]> {
  if ((await sandbox.store.listCards(sandbox.id)).length > 0) return [];
  const out: { key: DemoKey; label: string; holder: string; issued: IssuedCard }[] = [];
  let i = 0;
  for (const h of DEMO_HOLDERS) {
    const issued = await sandbox.municipality.registerAndIssue(
      { ...h.resident, photo: photos[i++ % photos.length]! },
      {
        ...('faceAuth' in h ? { faceAuth: true } : { pins: h.pins }),
        ...('initialTries' in h ? { initialTries: h.initialTries } : {}),
      },
    );
    out.push({ key: h.key, label: h.label, holder: h.resident.name, issued });
  }
  return out;
}

/**
 * The default holder for a card issued without holder data (CLI `card issue`, `POST /api/cards`):
 * obviously sample values; a minor is 10 years old on `today` (YYYY-MM-DD).
 */
export function defaultHolder(
  minor: boolean,
  today: string,
): { name: string; address: string; birthDate: string; sex: '1' | '2' } {
  return minor
    ? {
        name: '山田　花子',
        address: '東京都清瀬市中里５－８４２',
        birthDate: `${Number(today.slice(0, 4)) - 10}${today.slice(4)}`,
        sex: '2',
      }
    : { name: '山田　太郎', address: '東京都清瀬市中里５－８４２', birthDate: '1985-04-01', sex: '1' };
}

/** Demo PINs for cards issued without chosen PINs (public sample values). */
export const DEFAULT_DEMO_PINS = { auth: '1234', sign: 'ABC123', kenhojo: '1234', juki: '1234' } as const;
