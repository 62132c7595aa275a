import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `native/nodelay.c` of this package (the same relative path from src/ and dist/). */
export const NODELAY_SOURCE = fileURLToPath(new URL('../native/nodelay.c', import.meta.url));

/** Where `buildNodelay()` puts the shared object unless told otherwise. */
export const NODELAY_DEFAULT_OUTPUT = join(dirname(NODELAY_SOURCE), 'build', 'nodelay.so');

export interface BuildNodelayOptions {
  /** Output path of the shared object. Default `native/build/nodelay.so` in this package. */
  readonly output?: string;
  /** C compiler. Default `$CC` or `cc`. */
  readonly cc?: string;
  /** Rebuild even when the output is newer than the source. */
  readonly force?: boolean;
}

/**
 * Builds the LD_PRELOAD library that sets TCP_NODELAY on pcscd's vpcd sockets (spec:
 * shared/spec/pcsc.md "The 44 ms stall and its fix") and returns its absolute path:
 * `cc -shared -fPIC -O2 -o nodelay.so nodelay.c -ldl`. Skips the build when the output is up to
 * date; safe to call from parallel processes (builds to a temporary name, then renames).
 */
export async function buildNodelay(opts: BuildNodelayOptions = {}): Promise<string> {
  const output = opts.output ?? NODELAY_DEFAULT_OUTPUT;
  if (!existsSync(NODELAY_SOURCE)) throw new Error(`nodelay source missing: ${NODELAY_SOURCE}`);
  if (!opts.force && existsSync(output) && statSync(output).mtimeMs >= statSync(NODELAY_SOURCE).mtimeMs) {
    return output;
  }
  mkdirSync(dirname(output), { recursive: true });
  const tmp = `${output}.${process.pid}.${Date.now()}.tmp`;
  const cc = opts.cc ?? process.env.CC ?? 'cc';
  try {
    await run(cc, ['-shared', '-fPIC', '-O2', '-Wall', '-o', tmp, NODELAY_SOURCE, '-ldl'], {
      timeout: 60_000,
    });
    renameSync(tmp, output);
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new Error(`C compiler "${cc}" not found: install gcc (apt-get install -y gcc)`);
    throw new Error(`building ${output} failed: ${err.stderr || err.message}`);
  }
  return output;
}
