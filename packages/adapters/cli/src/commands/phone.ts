import { Command, Option } from '@commander-js/extra-typings';
import { MynaError } from '@myna/errors';
import type { PhoneView } from '@myna/services';
import { openContext } from '../context.js';
import { type Io, table } from '../output.js';

/**
 * `phone issue|list|status|reset|revoke|doctor`: スマホ用電子証明書 in the マイナポータル app
 * (docs/phone.md, docs/cli.md). PINs are taken from flags and never printed.
 */
export function phoneCommand(io: Io, global: () => { json: boolean }): Command {
  const phone = new Command('phone').description(
    'smartphone certificates (スマホ用電子証明書) and the マイナポータル app / スマホ用電子証明書',
  );

  // The services load on first use (CLI start-up: BENCHMARKS.md, bench/cli).
  const print = async (v: PhoneView, json: boolean) => {
    if (json) {
      io.out(JSON.stringify(v));
      return;
    }
    const { jstDateTime } = await import('@myna/services');
    const p = v.phone;
    io.out(`スマホ phone ${p.id}  ${p.platform}  serial ${p.serial}  ${p.status}  (card ${p.cardId})`);
    io.out(`ログインに使える usable for login: ${v.usable ? 'はい yes' : 'いいえ no'}\n`);
    io.out(
      table([
        ['パスワード password', '残り tries', ''],
        ...(['auth', 'sign'] as const).map((k) => [
          k === 'auth' ? 'スマホ用利用者証明用 (auth)' : 'スマホ用署名用 (sign)',
          `${v.pins[k].triesLeft}/${v.pins[k].maxTries}`,
          v.pins[k].blocked ? 'ロック中 LOCKED' : v.pins[k].triesLeft === 1 ? '残り1回 one try left' : '',
        ]),
      ]),
    );
    io.out('');
    io.out(
      table([
        ['証明書 certificate', 'serial', 'status', '有効期限 notAfter (JST)'],
        ...v.certificates.map((c) => [
          c.kind === 'auth' ? 'スマホ用利用者証明用 (auth)' : 'スマホ用署名用 (sign)',
          c.serialHex,
          c.status +
            (c.reason && c.status !== 'good' ? ` (${c.reason})` : '') +
            (c.expired ? ' EXPIRED' : ''),
          jstDateTime(new Date(c.notAfter)),
        ]),
      ]),
    );
  };

  const run = <T>(fn: (ctx: Awaited<ReturnType<typeof openContext>>) => Promise<T>) =>
    openContext().then(async (ctx) => {
      try {
        return await fn(ctx);
      } finally {
        await ctx.close();
      }
    });

  phone
    .command('issue')
    .description(
      'issue smartphone certificates from a card (マイナポータル app) / スマホ用電子証明書の利用申請',
    )
    .argument('<card>', 'card id')
    .addOption(
      new Option('--platform <platform>', 'phone')
        .choices(['android', 'iphone'] as const)
        .default('android' as const),
    )
    .requiredOption('--card-sign-pin <password>', "the card's signature password (a real try on the card)")
    .requiredOption('--auth-pin <pin>', 'new phone user-auth password, 4 digits')
    .requiredOption('--sign-pin <password>', 'new phone signature password, 6–16 A–Z/0–9')
    .option('--confirm-last-try', "spend the card signature password's last try")
    .option('--json', 'print JSON')
    .action(async (cardId, o) => {
      const json = o.json ?? global().json;
      await run(
        async (ctx) =>
          await print(
            await ctx.sandbox.mynaPortal.issue({
              cardId,
              platform: o.platform,
              cardSignPin: o.cardSignPin,
              phonePins: { auth: o.authPin, sign: o.signPin },
              confirmLastTry: o.confirmLastTry === true,
            }),
            json,
          ),
      );
    });

  phone
    .command('list')
    .description("a card's phones / カードのスマホ用電子証明書")
    .argument('<card>', 'card id')
    .option('--json', 'print JSON')
    .action(async (cardId, o) => {
      const json = o.json ?? global().json;
      await run(async (ctx) => {
        await ctx.sandbox.municipality.card(cardId);
        const phones = await ctx.sandbox.mynaPortal.phonesOf(cardId);
        if (json) io.out(JSON.stringify(phones.map(({ adminKey: _k, ...p }) => p)));
        else if (phones.length === 0) io.out('スマホ用電子証明書はありません / no phone yet');
        else
          io.out(
            table([
              ['ID', 'platform', 'serial', 'status', 'created'],
              ...phones.map((p) => [p.id, p.platform, p.serial, p.status, p.createdAt]),
            ]),
          );
      });
    });

  phone
    .command('status')
    .description("the phone's password tries (status queries) and certificates / 状態")
    .argument('<phone>', 'phone id')
    .option('--json', 'print JSON')
    .action(async (id, o) => {
      const json = o.json ?? global().json;
      await run(async (ctx) => print(await ctx.sandbox.mynaPortal.status(id, 'cli:phone-status'), json));
    });

  phone
    .command('reset')
    .description('reset a phone password in the マイナポータル app / スマホ用電子証明書のパスワード初期化')
    .argument('<phone>', 'phone id')
    .addOption(
      new Option('--pin <pin>', 'which password').choices(['auth', 'sign'] as const).makeOptionMandatory(),
    )
    .option('--card-sign-pin <password>', "the card's signature password (for --pin sign)")
    .option('--phone-sign-pin <password>', "the phone's signature password (for --pin auth)")
    .requiredOption('--new <value>', 'the new password')
    .option('--json', 'print JSON')
    .action(async (id, o) => {
      const json = o.json ?? global().json;
      const req =
        o.pin === 'sign'
          ? { pin: 'sign' as const, cardSignPin: need(o.cardSignPin, '--card-sign-pin'), newValue: o.new }
          : { pin: 'auth' as const, phoneSignPin: need(o.phoneSignPin, '--phone-sign-pin'), newValue: o.new };
      await run(async (ctx) => print(await ctx.sandbox.mynaPortal.reset(id, req), json));
    });

  phone
    .command('revoke')
    .description('stop using the phone (失効) / スマホ用電子証明書の失効')
    .argument('<phone>', 'phone id')
    .option('--json', 'print JSON')
    .action(async (id, o) => {
      const json = o.json ?? global().json;
      await run(async (ctx) => print(await ctx.sandbox.mynaPortal.revoke(id), json));
    });

  phone
    .command('doctor')
    .description('where to go when a phone password is locked / スマホのパスワードの相談')
    .argument('<phone>', 'phone id')
    .option('--forgot <which...>', 'forgotten: auth, sign, card-sign')
    .option('--json', 'print JSON')
    .action(async (id, o) => {
      const json = o.json ?? global().json;
      await run(async (ctx) => {
        const sb = ctx.sandbox;
        const forgot = new Set(o.forgot ?? []);
        for (const f of forgot)
          if (!['auth', 'sign', 'card-sign'].includes(f))
            throw new MynaError('INVALID_ARGUMENT', { flag: '--forgot', rule: 'auth, sign or card-sign' });
        const { diagnosePhone, readPhoneFacts } = await import('@myna/services');
        const d = diagnosePhone(
          await readPhoneFacts({
            mynaPortal: sb.mynaPortal,
            store: sb.store,
            connector: sb.connector,
            sandboxId: sb.id,
            now: sb.clock.now(),
            phoneId: id,
          }),
          {
            remembers: {
              ...(forgot.has('auth') ? { auth: false } : {}),
              ...(forgot.has('sign') ? { sign: false } : {}),
              ...(forgot.has('card-sign') ? { cardSign: false } : {}),
            },
          },
        );
        if (json) {
          io.out(JSON.stringify(d));
          return;
        }
        io.out(`${d.summary.ja}\n${d.summary.en}\n`);
        for (const f of d.findings) io.out(`・${f.ja} / ${f.en}`);
        for (const [i, s] of d.steps.entries()) io.out(`${i + 1}. ${s.ja}\n   ${s.en}`);
        for (const w of d.warnings) io.out(`⚠ ${w.ja} / ${w.en}`);
      });
    });

  return phone;
}

function need(v: string | undefined, flag: string): string {
  if (v === undefined) throw new MynaError('INVALID_ARGUMENT', { flag, rule: 'required for this --pin' });
  return v;
}
