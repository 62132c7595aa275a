import { Command, Option } from '@commander-js/extra-typings';
import {
  ATR_PROFILE_NAMES,
  ATR_PROFILES,
  type AtrProfileName,
  DEFAULT_ATR_PROFILE,
  isAtrProfileName,
} from '@myna/card/facts';
import { MynaError } from '@myna/errors';
import { demoPhoto, openContext, openStore } from '../context.js';
import { type Io, PIN_LABELS, table } from '../output.js';

const SEX: Record<string, '1' | '2' | '9'> = {
  male: '1',
  m: '1',
  '1': '1',
  female: '2',
  f: '2',
  '2': '2',
  na: '9',
  '9': '9',
};

function bad(flag: string, rule: string): never {
  throw new MynaError('INVALID_ARGUMENT', { flag, rule });
}

/**
 * `--atr` / `--protocol` of `card issue` → the chip's ATR profile (card core atr.ts), checked
 * before anything is written: `--protocol t0` means the T=0 profile, and no other ATR offers T=0.
 */
function issueAtr(atr: string | undefined, protocol: string | undefined): AtrProfileName | undefined {
  if (atr !== undefined && !isAtrProfileName(atr)) bad('--atr', `one of ${ATR_PROFILE_NAMES.join(', ')}`);
  if (protocol === undefined) return atr;
  const p = protocol.toLowerCase().replace('=', '');
  if (p !== 't0' && p !== 't1') bad('--protocol', 't0 or t1');
  const want = p === 't0' ? 'T=0' : 'T=1';
  if (atr === undefined) return p === 't0' ? 'contact-t0' : undefined;
  if (ATR_PROFILES[atr].protocol !== want)
    bad('--protocol', `the ATR ${atr} offers ${ATR_PROFILES[atr].protocol} only`);
  return atr;
}

export function cardCommand(io: Io, global: () => { json: boolean }): Command {
  const card = new Command('card').description('issue and inspect virtual cards / カードの発行と確認');

  card
    .command('issue')
    .description('register a resident and issue a card / 住民を登録しカードを発行する')
    .addOption(
      new Option('--profile <profile>', 'kind of card')
        .choices(['adult', 'under-15', 'face-auth'] as const)
        .default('adult' as const),
    )
    .option('--name <name>', 'family and given name, separated by a full-width space (氏名)')
    .option('--birth <date>', 'birth date YYYY-MM-DD (生年月日)')
    .option('--sex <sex>', 'male | female | na (性別)')
    .option('--address <address>', 'address (住所)')
    .option('--my-number <digits>', '12-digit My Number with a valid check digit (default: generated)')
    .option('--auth-pin <pin>', '利用者証明用 PIN, 4 digits (demo default 1234)')
    .option(
      '--sign-pin <password>',
      '署名用パスワード, 6–16 A–Z/0–9 with a letter and a digit (demo default ABC123)',
    )
    .option('--kenhojo-pin <pin>', '券面事項入力補助用 PIN, 4 digits (demo default 1234)')
    .option('--juki-pin <pin>', '住民基本台帳用 PIN, 4 digits (demo default 1234)')
    .option(
      '--atr <name>',
      `ATR profile of the chip (${ATR_PROFILE_NAMES.join(', ')}; default contact) / チップの ATR`,
    )
    .option('--protocol <protocol>', 't1 (default) | t0 — a T=0 card (ATR contact-t0) / 伝送プロトコル')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const atr = issueAtr(o.atr, o.protocol);
      const { DEFAULT_DEMO_PINS, defaultHolder, jstDate } = await import('@myna/services');
      const ctx = await openContext();
      try {
        const today = jstDate(ctx.sandbox.clock.now());
        const minor = o.profile === 'under-15';
        // Demo defaults (services' defaultHolder): obviously sample values, never a real person's.
        const base = defaultHolder(minor, today);
        const birth = o.birth ?? base.birthDate;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(birth) || Number.isNaN(Date.parse(birth)))
          bad('--birth', 'YYYY-MM-DD');
        const sex = o.sex === undefined ? base.sex : SEX[o.sex.toLowerCase()];
        if (!sex) bad('--sex', 'male, female or na');
        if (
          o.profile === 'face-auth' &&
          (o.authPin ?? o.signPin ?? o.kenhojoPin ?? o.jukiPin) !== undefined
        ) {
          bad('--*-pin', 'a face-authentication card has no PIN');
        }
        if (minor && o.signPin !== undefined) bad('--sign-pin', 'no signature certificate under 15');
        const pins = {
          auth: o.authPin ?? DEFAULT_DEMO_PINS.auth,
          kenhojo: o.kenhojoPin ?? DEFAULT_DEMO_PINS.kenhojo,
          juki: o.jukiPin ?? DEFAULT_DEMO_PINS.juki,
          ...(minor ? {} : { sign: o.signPin ?? DEFAULT_DEMO_PINS.sign }),
        };
        const faceAuth = o.profile === 'face-auth';
        // Everything is checked before anything is written.
        const issued = await ctx.sandbox.municipality.registerAndIssue(
          {
            name: o.name ?? base.name,
            address: o.address ?? base.address,
            birthDate: birth,
            sex,
            photo: demoPhoto(),
            ...(o.myNumber !== undefined ? { myNumber: o.myNumber } : {}),
          },
          { faceAuth, ...(faceAuth ? {} : { pins }), ...(atr ? { atr } : {}) },
        );
        const resident = issued.resident;
        const c = issued.card;
        if (json) {
          io.out(
            JSON.stringify({
              id: c.id,
              serial: c.serial,
              kind: c.kind,
              residentId: resident.id,
              issuedOn: c.issuedOn,
              expiresOn: c.expiresOn,
              atrProfile: atr ?? DEFAULT_ATR_PROFILE,
            }),
          );
        } else {
          io.out(
            `発行しました / issued: ${c.id}  serial ${c.serial}  ${c.kind}  有効期限 expires ${c.expiresOn}  ATR ${atr ?? DEFAULT_ATR_PROFILE}`,
          );
        }
      } finally {
        await ctx.close();
      }
    });

  card
    .command('list')
    .description('list the cards of the sandbox / カード一覧')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const { cardList } = await import('@myna/services/card-list');
      const ctx = await openStore();
      try {
        const cards = await cardList(ctx);
        if (json) {
          io.out(JSON.stringify(cards));
        } else if (cards.length === 0) {
          io.out('カードはありません / no cards yet — try: npx myna-sandbox card issue');
        } else {
          io.out(
            table([
              ['ID', 'serial', 'kind', 'status', '氏名 holder', '有効期限 expires'],
              ...cards.map((c) => [c.id, c.serial, c.kind, c.status, c.holder ?? '', c.expiresOn]),
            ]),
          );
        }
      } finally {
        await ctx.close();
      }
    });

  card
    .command('status')
    .description('PIN tries (read from the chip), certificates and expiry / 暗証番号・証明書・有効期限の状態')
    .argument('<id>', 'card id')
    .option('--json', 'print JSON')
    .action(async (id, o) => {
      const json = o.json ?? global().json;
      const { jstDateTime } = await import('@myna/services');
      const ctx = await openContext();
      try {
        const st = await ctx.sandbox.municipality.cardStatus(id, ctx.sandbox.connector, 'cli:card-status');
        if (json) {
          io.out(
            JSON.stringify({
              id: st.card.id,
              serial: st.card.serial,
              kind: st.card.kind,
              status: st.card.status,
              expiresOn: st.card.expiresOn,
              expired: st.expired,
              pins: Object.fromEntries(
                Object.entries(st.pins).map(([k, p]) => [
                  k,
                  { set: p.set, triesLeft: p.triesLeft, maxTries: p.maxTries, blocked: p.blocked },
                ]),
              ),
              chip: st.chip,
              certificates: st.certificates,
            }),
          );
          return;
        }
        io.out(`カード card ${st.card.id}  serial ${st.card.serial}  ${st.card.kind}  ${st.card.status}`);
        io.out(`ATR ${st.chip.atr} (${st.chip.atrProfile}, ${st.chip.protocol})`);
        io.out(`有効期限 expires ${st.card.expiresOn}${st.expired ? '  (期限切れ / EXPIRED)' : ''}\n`);
        io.out(
          table([
            ['暗証番号 PIN', '残り tries', ''],
            ...Object.entries(st.pins).map(([k, p]) => [
              PIN_LABELS[k as keyof typeof PIN_LABELS],
              p.set ? `${p.triesLeft}/${p.maxTries}` : '—',
              !p.set
                ? '未設定 not set'
                : p.blocked
                  ? 'ロック中 LOCKED'
                  : p.triesLeft === 1
                    ? '残り1回 one try left'
                    : '',
            ]),
          ]),
        );
        io.out('');
        io.out(
          table([
            ['証明書 certificate', 'serial', 'status', '有効期限 notAfter (JST)', '世代 CA generation'],
            ...st.certificates.map((c) => [
              c.kind === 'auth' ? '利用者証明用 (auth)' : '署名用 (sign)',
              c.serialHex,
              c.status +
                (c.reason && c.status !== 'good' ? ` (${c.reason})` : '') +
                (c.expired ? ' EXPIRED' : ''),
              jstDateTime(new Date(c.notAfter)),
              c.generation === null ? '?' : String(c.generation),
            ]),
          ]),
        );
      } finally {
        await ctx.close();
      }
    });

  return card;
}
