import { resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import {
  bridgeCards,
  DEFAULT_VPCD_PORT,
  type PrivatePcscdState,
  readPrivatePcscd,
  type VpcdCardConnection,
  vpcdReaderName,
} from '@myna/bridge';
import type { CardEvent, VirtualCard } from '@myna/card';
import { MynaError } from '@myna/errors';
import { openContext } from '../context.js';
import type { Io } from '../output.js';
import { DEFAULT_PCSC_DIR } from './pcsc.js';

function bad(flag: string, rule: string): never {
  throw new MynaError('INVALID_ARGUMENT', { flag, rule });
}

/** `host:port` → parts; the port must leave room for `count` consecutive slots. */
export function parseVpcd(v: string, count: number): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(v);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || !Number.isInteger(port) || port < 1 || port + count - 1 > 65535)
    bad(
      '--vpcd',
      `host:port of vpcd's first slot, port 1–${65536 - count} (e.g. 127.0.0.1:${DEFAULT_VPCD_PORT})`,
    );
  return { host: (m[1] ?? m[2])!, port };
}

interface Target {
  readonly host: string;
  readonly basePort: number;
  readonly labels: string[];
  readonly where: string;
}

/**
 * Where the cards go: `--vpcd` if given, else the private pcscd of `pcsc start` (in `pcscDir`) if it
 * runs, else Debian's system vpcd (127.0.0.1:35963). Reader names follow the slots' ports.
 */
function target(count: number, vpcd: string | undefined, pcscDir: string): Target {
  const state = readPrivatePcscd(pcscDir);
  const nameOf = (s: PrivatePcscdState | undefined, port: number, i: number) => {
    const k = s?.ports.indexOf(port) ?? -1;
    if (s && k >= 0) return s.readerNames[k]!;
    const slot = port - DEFAULT_VPCD_PORT;
    return slot >= 0 && slot < 2 ? vpcdReaderName(slot) : vpcdReaderName(i);
  };
  if (vpcd !== undefined) {
    const { host, port } = parseVpcd(vpcd, count);
    return {
      host,
      basePort: port,
      labels: Array.from({ length: count }, (_, i) => nameOf(state, port + i, i)),
      where: `vpcd ${host}:${port}`,
    };
  }
  if (state) {
    if (count > state.ports.length)
      bad(
        '--card',
        `at most ${state.ports.length}: the private pcscd has ${state.ports.length} slots (pcsc start --slots)`,
      );
    return {
      host: '127.0.0.1',
      basePort: state.ports[0]!,
      labels: state.readerNames.slice(0, count),
      where: `the private pcscd in ${pcscDir} (PID ${state.pid})`,
    };
  }
  if (count > 2) bad('--card', `at most 2 with Debian's vpcd configuration (or use pcsc start --slots N)`);
  return {
    host: '127.0.0.1',
    basePort: DEFAULT_VPCD_PORT,
    labels: Array.from({ length: count }, (_, i) => vpcdReaderName(i)),
    where: `the system pcscd's vpcd (127.0.0.1:${DEFAULT_VPCD_PORT}; none running in ${pcscDir})`,
  };
}

export function bridgeCommand(io: Io, global: () => { json: boolean }): Command {
  return new Command('bridge')
    .description(
      'insert virtual cards into vpcd readers so PC/SC software (pcsc_scan, OpenSC) sees them, until Ctrl-C / 仮想カードを PC/SC リーダーに挿入',
    )
    .option(
      '--card <id>',
      'card id (repeat for more cards: consecutive slots)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      '--vpcd <host:port>',
      `vpcd's first slot (default: the private pcscd of \`pcsc start\`, else 127.0.0.1:${DEFAULT_VPCD_PORT})`,
    )
    .option(
      '--pcsc-dir <dir>',
      'where `pcsc start` keeps its private pcscd (used without --vpcd)',
      DEFAULT_PCSC_DIR,
    )
    .option('-v, --verbose', 'log every APDU (header and status word only, never data)')
    .option('--json', 'print one JSON object per line')
    .action(async (o) => {
      const json = o.json ?? global().json;
      const ids = o.card;
      if (ids.length === 0) bad('--card', 'at least one card id (npx myna-sandbox card list)');
      if (new Set(ids).size !== ids.length)
        bad('--card', 'each card once: a card is in one reader at a time');
      const t = target(ids.length, o.vpcd, resolve(o.pcscDir));
      const say = (text: string, obj: Record<string, unknown>) => io.out(json ? JSON.stringify(obj) : text);

      const { VirtualCard } = await import('@myna/card');
      const ctx = await openContext();
      let bridges: VpcdCardConnection[] = [];
      try {
        const cards: VirtualCard[] = [];
        for (const [i, id] of ids.entries()) {
          const label = t.labels[i]!;
          cards.push(
            await VirtualCard.open(id, {
              store: ctx.sandbox.cards,
              random: ctx.sandbox.random,
              clock: ctx.sandbox.clock,
              terminal: label,
              // PIN events carry the reader name as terminal; never a PIN value.
              onEvent: (e: CardEvent) =>
                say(
                  `event ${e.type}${e.pin ? ` ${e.pin}` : ''}${e.triesLeft !== undefined ? ` tries=${e.triesLeft}` : ''} card=${e.cardId} terminal="${e.terminal}"`,
                  {
                    type: 'event',
                    event: e.type,
                    pin: e.pin ?? null,
                    triesLeft: e.triesLeft ?? null,
                    card: e.cardId,
                    terminal: e.terminal,
                  },
                ),
              onError: () =>
                say(`${label}: card store unavailable (the card answers 6F00)`, {
                  type: 'store-error',
                  reader: label,
                }),
            }),
          );
        }
        const records = await Promise.all(ids.map((id) => ctx.sandbox.store.getCard(ctx.sandbox.id, id)));
        bridges = bridgeCards({
          cards,
          host: t.host,
          basePort: t.basePort,
          labels: t.labels,
          log: (line) => {
            // APDU lines (headers and SWs only) and power cycles only with --verbose.
            if (o.verbose || !/ → |: power o(n|ff)$|: reset$/.test(line)) say(line, { type: 'log', line });
          },
        });
        say(`bridging ${ids.length} card(s) into ${t.where}:`, { type: 'bridging', where: t.where });
        for (const [i, id] of ids.entries()) {
          say(
            `  reader "${t.labels[i]}" ← ${id} (serial ${records[i]?.serial ?? '?'})  vpcd ${t.host}:${t.basePort + i}`,
            {
              type: 'reader',
              reader: t.labels[i],
              card: id,
              serial: records[i]?.serial ?? null,
              vpcd: `${t.host}:${t.basePort + i}`,
            },
          );
        }

        // Report when pcscd has seen every card; keep waiting (with a hint) if vpcd is not there yet.
        let ready = false;
        const hint = setTimeout(() => {
          if (!ready)
            say(
              `still waiting for vpcd at ${t.host}:${t.basePort}: is pcscd running with vpcd? (npx myna-sandbox pcsc start)`,
              { type: 'waiting', vpcd: `${t.host}:${t.basePort}` },
            );
        }, 5000);
        Promise.all(bridges.map((b) => b.whenPresent(24 * 3600_000)))
          .then(() => {
            ready = true;
            clearTimeout(hint);
            say(
              `ready: pcscd sees ${ids.length} card(s). Ctrl-C removes them. (PC/SC clients of a private pcscd need PCSCLITE_CSOCK_NAME: npx myna-sandbox pcsc status)`,
              { type: 'ready', readers: t.labels },
            );
          })
          .catch(() => clearTimeout(hint)); // stopped before pcscd saw them

        await new Promise<void>((done) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            done();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        clearTimeout(hint);
      } finally {
        await Promise.all(bridges.map((b) => b.stop()));
        await ctx.close();
      }
      say(`removed ${ids.length} card(s)`, { type: 'removed', readers: t.labels });
    });
}
