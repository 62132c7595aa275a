import { Command, Option } from '@commander-js/extra-typings';
import { MynaError } from '@myna/errors';
import type { CardFacts, Diagnosis, HolderStatement, Lang } from '@myna/services';
import { SUPPORT_PINS, type SupportPin } from '@myna/services/support/types';
import { openContext } from '../context.js';
import { type Io, table } from '../output.js';
import { DEFAULT_PCSC_DIR } from './pcsc.js';

/**
 * `doctor`: the support guide on one card (docs/support.md). Reads a card of the sandbox
 * (`--card`) or a card in a PC/SC reader (`--reader`) with status queries only — no PIN is
 * sent, no try is spent — and prints the diagnosis: where to go (kiosk, counter, or "change your
 * PIN"), why, the steps and the warnings. Japanese by default, `--lang en` for English; `--json`
 * prints both languages with stable ids.
 */

function bad(flag: string, rule: string): never {
  throw new MynaError('INVALID_ARGUMENT', { flag, rule });
}

function pinList(flag: string, v: string | undefined): SupportPin[] {
  if (v === undefined) return [];
  const out = v.split(',').map((s) => s.trim());
  for (const p of out)
    if (!SUPPORT_PINS.includes(p as SupportPin))
      bad(flag, `a comma-separated list of ${SUPPORT_PINS.join(', ')}`);
  return out as SupportPin[];
}

const L = {
  ja: {
    title: 'マイナンバーカードの診断',
    via: '読み取り',
    readOnly: '状態の確認のみ（暗証番号は送っていません。残り回数は減っていません）',
    route: {
      kiosk: 'キオスク端末（コンビニ等）',
      counter: '市区町村窓口',
      'change-pin': 'ご自身で変更（ロックなし）',
    },
    conclusion: '結論',
    pins: '暗証番号',
    pinHead: ['暗証番号', '残り回数', '状態'],
    certs: '電子証明書',
    card: 'カード',
    expires: '有効期限',
    findings: 'わかったこと',
    steps: '手順',
    warnings: '注意',
    auth: '利用者証明用',
    sign: '署名用',
    state: {
      ok: '',
      reduced: '入力ミスあり',
      'one-left': '残り1回',
      locked: 'ロック中',
      forgotten: 'わからない',
      'not-set': '設定なし',
    },
    cert: {
      absent: 'なし',
      good: '有効',
      revoked: '失効',
      hold: '一時保留（利用停止中）',
      unknown: '状態を確認できず',
      expired: '期限切れ',
    },
    cardStatus: { active: '有効', suspended: '一時利用停止中', abolished: '廃止', unknown: '' },
    ocspError: 'OCSPで確認できませんでした',
  },
  en: {
    title: 'My Number Card check',
    via: 'read through',
    readOnly: 'status queries only (no PIN sent, no try spent)',
    route: {
      kiosk: 'kiosk (convenience store)',
      counter: 'municipal counter',
      'change-pin': 'change it yourself (nothing locked)',
    },
    conclusion: 'Verdict',
    pins: 'PINs',
    pinHead: ['PIN', 'tries left', 'state'],
    certs: 'Certificates',
    card: 'Card',
    expires: 'expires',
    findings: 'Findings',
    steps: 'Steps',
    warnings: 'Warnings',
    auth: 'user authentication',
    sign: 'signature',
    state: {
      ok: '',
      reduced: 'recent wrong entries',
      'one-left': 'ONE TRY LEFT',
      locked: 'LOCKED',
      forgotten: 'forgotten',
      'not-set': 'not set',
    },
    cert: {
      absent: 'none',
      good: 'valid',
      revoked: 'revoked',
      hold: 'on hold (suspended)',
      unknown: 'status unknown',
      expired: 'EXPIRED',
    },
    cardStatus: { active: 'active', suspended: 'SUSPENDED', abolished: 'abolished', unknown: '' },
    ocspError: 'OCSP check failed',
  },
} as const;

const PIN_LABEL: Record<Lang, Record<SupportPin, string>> = {
  ja: {
    sign: '署名用パスワード',
    auth: '利用者証明用',
    kenhojo: '券面事項入力補助用',
    juki: '住民基本台帳用',
  },
  en: {
    sign: 'signature password',
    auth: 'user authentication',
    kenhojo: '券面事項入力補助 (card info)',
    juki: 'resident register',
  },
};

/** The human report, in one language. Never a PIN, never a My Number. */
export function renderDiagnosis(
  facts: CardFacts,
  d: Diagnosis,
  lang: Lang,
  where: { card?: string; reader?: string },
): string {
  const t = L[lang];
  const out: string[] = [];
  const id = where.card ?? facts.serial ?? '';
  out.push(`${t.title}${id ? ` — ${id}` : ''}`);
  out.push(`${t.via}: ${facts.transport} — ${t.readOnly}`);
  out.push('');
  out.push(`${t.conclusion}: ${t.route[d.route]}`);
  out.push(`  ${d.summary[lang]}`);
  out.push('');
  out.push(`${t.pins}:`);
  out.push(
    table([
      [...t.pinHead],
      ...d.pins.map((p) => [
        PIN_LABEL[lang][p.pin],
        p.set ? `${p.triesLeft}/${p.maxTries}` : '—',
        t.state[p.state],
      ]),
    ])
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  out.push(`${t.certs}:`);
  for (const k of ['auth', 'sign'] as const) {
    const c = facts.certificates[k];
    const state = !c.present
      ? t.cert.absent
      : c.status !== 'good' && c.status !== 'unknown'
        ? t.cert[c.status]
        : c.expired
          ? t.cert.expired
          : t.cert[c.status];
    const until = c.notAfter ? ` (${t.expires} ${jst(c.notAfter)})` : '';
    out.push(`  ${t[k]}: ${state}${c.present ? until : ''}`);
  }
  if (facts.ocspError) out.push(`  (${t.ocspError}: ${facts.ocspError})`);
  const cs = t.cardStatus[facts.card.status];
  out.push(
    `${t.card}: ${[
      cs,
      facts.card.expiresOn
        ? `${t.expires} ${facts.card.expiresOn}${facts.card.expired ? ` (${t.cert.expired})` : ''}`
        : '',
    ]
      .filter(Boolean)
      .join(' — ')}`,
  );
  if (d.findings.length > 0) {
    out.push('');
    out.push(`${t.findings}:`);
    for (const f of d.findings) out.push(`  - ${f[lang]}`);
  }
  out.push('');
  out.push(`${t.steps}:`);
  d.steps.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s[lang]}`);
  });
  if (d.warnings.length > 0) {
    out.push('');
    out.push(`${t.warnings}:`);
    for (const w of d.warnings) out.push(`  ! ${w[lang]}`);
  }
  return out.join('\n');
}

function jst(iso: string): string {
  return new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);
}

export function doctorCommand(io: Io, global: () => { json: boolean }): Command {
  return new Command('doctor')
    .description(
      'diagnose a card’s PINs and certificates, and say what to do (status queries only: no try spent) / 暗証番号・証明書の診断と手順',
    )
    .option('--card <id>', 'a card of the sandbox')
    .option('--reader <name>', 'a card in a PC/SC reader (e.g. "Virtual PCD 00 00")')
    .addOption(
      new Option('--lang <lang>', 'language of the report')
        .choices(['ja', 'en'] as const)
        .default('ja' as const),
    )
    .option('--forgot <pins>', `PINs the holder does not remember: ${SUPPORT_PINS.join(',')}`)
    .option('--remember <pins>', 'PINs the holder remembers (the kiosk needs the other certificate PIN)')
    .option('--age <years>', "the holder's age (under 15: legal representative, no signature certificate)")
    .addOption(
      new Option('--agent <who>', 'who goes to the counter').choices(['self', 'legal', 'voluntary'] as const),
    )
    .option(
      '--ocsp-url <url>',
      'OCSP responder for a card in a reader (default: the sandbox authority, in process)',
    )
    .option('--json', 'print JSON (both languages, stable ids)')
    .action(async (o) => {
      const json = o.json ?? global().json;
      if ((o.card === undefined) === (o.reader === undefined))
        bad('--card/--reader', 'exactly one of --card <id> or --reader <PC/SC reader name>');
      const remembers: Partial<Record<SupportPin, boolean>> = {};
      for (const p of pinList('--remember', o.remember)) remembers[p] = true;
      for (const p of pinList('--forgot', o.forgot)) {
        if (remembers[p]) bad('--forgot', `${p} is also in --remember`);
        remembers[p] = false;
      }
      let age: number | undefined;
      if (o.age !== undefined) {
        age = Number(o.age);
        if (!/^\d{1,3}$/.test(o.age) || age > 150) bad('--age', 'whole years, 0–150');
      }
      if (o.ocspUrl !== undefined && !/^https?:\/\//.test(o.ocspUrl))
        bad('--ocsp-url', 'an http:// or https:// URL');
      const statement: HolderStatement = {
        ...(Object.keys(remembers).length > 0 ? { remembers } : {}),
        ...(age !== undefined ? { age } : {}),
        ...(o.agent ? { agent: o.agent } : {}),
      };
      const { diagnose, readSandboxCardFacts } = await import('@myna/services');
      const ctx = await openContext();
      try {
        const sb = ctx.sandbox;
        let facts: CardFacts;
        if (o.card !== undefined) {
          facts = await readSandboxCardFacts(sb, o.card, 'cli:doctor');
        } else {
          const [{ readPrivatePcscd }, { MynaCardClient, openPcscTransport }, services] = await Promise.all([
            import('@myna/bridge'),
            import('@myna/client'),
            import('@myna/services'),
          ]);
          const { httpOcspChecker, inProcessOcspChecker, readCardFacts } = services;
          // libpcsclite reads PCSCLITE_CSOCK_NAME; without it, the private pcscd of `pcsc start`, if any.
          const socket = process.env.PCSCLITE_CSOCK_NAME
            ? undefined
            : readPrivatePcscd(DEFAULT_PCSC_DIR)?.socketPath;
          const t = await openPcscTransport({ reader: o.reader!, ...(socket ? { socket } : {}) });
          try {
            facts = await readCardFacts(new MynaCardClient(t), {
              clock: sb.clock,
              ocsp: o.ocspUrl
                ? httpOcspChecker(o.ocspUrl, sb.random, sb.clock)
                : inProcessOcspChecker(sb.authority, sb.random, sb.clock),
            });
          } finally {
            await t.close();
          }
        }
        const d = diagnose(facts, statement);
        if (json) {
          io.out(
            JSON.stringify({
              card: o.card ?? null,
              reader: o.reader ?? null,
              lang: o.lang,
              statement,
              facts,
              diagnosis: d,
            }),
          );
        } else {
          io.out(
            renderDiagnosis(facts, d, o.lang, {
              ...(o.card ? { card: o.card } : {}),
              ...(o.reader ? { reader: o.reader } : {}),
            }),
          );
        }
      } finally {
        await ctx.close();
      }
    });
}
