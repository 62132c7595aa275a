import { Command } from '@commander-js/extra-typings';
import { demoPhoto, openContext } from '../context.js';
import { type Io, table } from '../output.js';

export function demoCommand(io: Io, global: () => { json: boolean }): Command {
  const d = new Command('demo').description('demo data / デモデータ');
  d.command('seed')
    .description('issue the demo cards (only into an empty sandbox) / デモ用カードを発行')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const { seedDemo } = await import('@myna/services');
      const ctx = await openContext();
      try {
        const seeded = await seedDemo(ctx.sandbox, [demoPhoto(0), demoPhoto(1), demoPhoto(2)]);
        if (json) {
          io.out(
            JSON.stringify(
              seeded.map((s) => ({
                key: s.key,
                holder: s.holder,
                id: s.issued.card.id,
                serial: s.issued.card.serial,
                kind: s.issued.card.kind,
              })),
            ),
          );
        } else if (seeded.length === 0) {
          io.out(
            'このサンドボックスには既にカードがあるため、何も発行しませんでした / the sandbox already has cards; nothing was issued',
          );
        } else {
          io.out(
            table([
              ['氏名 holder', '状態 state', 'ID'],
              ...seeded.map((s) => [s.holder, s.label, s.issued.card.id]),
            ]),
          );
          io.out('\nデモの暗証番号は README を参照 / demo PINs are listed in the README');
        }
      } finally {
        await ctx.close();
      }
    });
  return d;
}
