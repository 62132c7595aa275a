#!/usr/bin/env node
// The myna-sandbox command. Built sources live in ../dist (npm run build).
import module from 'node:module';

// Node 22.1+ keeps the compiled code of the modules a command loads in a cache (os.tmpdir()), so
// the next start parses less (BENCHMARKS.md, bench/cli). Absent on Node 20: nothing happens.
module.enableCompileCache?.();

const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv);
