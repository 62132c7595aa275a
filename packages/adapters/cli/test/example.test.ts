import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('the README example (examples/first-card.ts)', () => {
  it('runs and shows what the README says', async () => {
    const root = new URL('../../../../', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/first-card.ts'],
      { cwd: root },
    );
    expect(stdout).toMatch(/SELECT JPKI\s+→ 9000/);
    expect(stdout).toMatch(/auth PIN status\s+→ 63C3/);
    expect(stdout).toMatch(/wrong auth PIN\s+→ 63C2/);
    expect(stdout).toMatch(/signature bytes\s+→ 256/);
  });
});
