import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const PHOTO = new Uint8Array(
  readFileSync(new URL('../../../core/card/assets/demo-photo-1.jp2', import.meta.url)),
);

export const run = promisify(execFile);

/** A temp dir removed by the returned cleanup. */
export function tempDir(): {
  dir: string;
  file(name: string, data: Uint8Array | string): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'myna-svc-'));
  return {
    dir,
    file(name, data) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function pem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trim()}\n-----END ${label}-----\n`;
}

export const ADULT = {
  name: '黒桐　幹也',
  address: '東京都清瀬市観布子南１２－７－２０２',
  birthDate: '1980-02-17',
  sex: '1',
  photo: PHOTO,
} as const;

export const PINS = { auth: '1234', sign: 'ABC123', kenhojo: '5678', juki: '2468' } as const;
