import { Command, CommanderError } from '@commander-js/extra-typings';
import { authorityCommand } from './commands/authority.js';
import { bridgeCommand } from './commands/bridge.js';
import { cardCommand } from './commands/card.js';
import { dauthCommand } from './commands/dauth.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { pcscCommand } from './commands/pcsc.js';
import { phoneCommand } from './commands/phone.js';
import { serveCommand } from './commands/serve.js';
import { type Io, processIo, reportError } from './output.js';

/** Builds the program; `io` lets tests capture output. */
export function program(io: Io = processIo): Command<[], { json?: true }> {
  const p = new Command()
    .name('myna-sandbox')
    .description(
      'マイナンバーカード sandbox — virtual My Number Cards, their PINs and the services around them',
    )
    .option('--json', 'print JSON (all commands)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  const global = () => ({ json: p.opts().json === true });
  p.addCommand(cardCommand(io, global));
  p.addCommand(authorityCommand(io, global));
  p.addCommand(demoCommand(io, global));
  p.addCommand(doctorCommand(io, global));
  p.addCommand(bridgeCommand(io, global));
  p.addCommand(pcscCommand(io, global));
  p.addCommand(dauthCommand(io, global));
  p.addCommand(phoneCommand(io, global));
  p.addCommand(serveCommand(io));
  for (const c of p.commands)
    c.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const c of p.commands.flatMap((c) => c.commands))
    c.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return p;
}

/** Runs the CLI; resolves with the exit status (0 ok, 1 failure, 2 bad input). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const p = program(io);
  try {
    await p.parseAsync([...argv]);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help / --version exit 0; every usage error (unknown flag, missing argument, bad choice) exits 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(io, e, argv.includes('--json'));
  }
}
