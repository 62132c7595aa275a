/** Test helpers: a throwaway directory and the real OpenSSL 3 binary (no mocks). */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateToPem, generateRsaKeyPair, type RsaKeyPair } from '../src/index.js';

export const OPENSSL = process.env.OPENSSL ?? '/usr/bin/openssl';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs openssl; never rejects on a non-zero exit (tests assert on `code`). */
export function openssl(args: readonly string[], cwd?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(OPENSSL, args, { cwd, encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

export class TempDir {
  private constructor(readonly dir: string) {}

  static async create(): Promise<TempDir> {
    return new TempDir(await mkdtemp(join(tmpdir(), 'myna-pki-')));
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  async write(name: string, data: Uint8Array | string): Promise<string> {
    const p = this.path(name);
    await writeFile(p, data);
    return p;
  }

  /** Writes a DER certificate as PEM (what `openssl verify` reads). */
  writeCertPem(name: string, der: Uint8Array): Promise<string> {
    return this.write(name, certificateToPem(der));
  }

  async cleanup(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Key pairs for one test file, generated once (RSA-2048 keygen costs ~100 ms each). */
export async function keyPairs(n: number): Promise<RsaKeyPair[]> {
  return Promise.all(Array.from({ length: n }, () => generateRsaKeyPair()));
}

export const CA_NOT_BEFORE = new Date('2023-07-16T00:00:00Z');
export const CA_NOT_AFTER = new Date('2033-07-15T14:59:59Z');

/** The J-LIS test-card holder published by myna-card (spec: card.md §10b). */
export const KOKUTO = {
  name: '黒桐　幹也',
  sex: '1',
  birthDate: '1980-02-17',
  address: '東京都清瀬市観布子南１２－７－２０２',
} as const;

/**
 * OpenSSL 3.0 prints GeneralName directoryNames with X509_NAME_oneline, escaping UTF-8 bytes as
 * `\xE5\x85…`; this turns such runs back into text so assertions can use the Japanese values.
 */
export function decodeOpensslEscapes(text: string): string {
  return text.replace(/(?:\\x[0-9A-Fa-f]{2})+/g, (run) =>
    Buffer.from(run.replace(/\\x/g, ''), 'hex').toString('utf8'),
  );
}

/**
 * `openssl asn1parse` of one extension's value, found by the name asn1parse prints for its OID
 * (e.g. "X509v3 Issuer Alternative Name"). asn1parse prints UTF8String values as text.
 */
export async function dumpExtension(pemPath: string, extensionName: string): Promise<string> {
  const all = await openssl(['asn1parse', '-in', pemPath]);
  const lines = all.stdout.split('\n');
  const at = lines.findIndex((l) => l.endsWith(`:${extensionName}`));
  if (at < 0) throw new Error(`no ${extensionName} in ${pemPath}`);
  const octets = lines.slice(at + 1).find((l) => l.includes('OCTET STRING'));
  const offset = octets?.match(/^\s*(\d+):/)?.[1];
  if (!offset) throw new Error(`no value for ${extensionName}`);
  const r = await openssl(['asn1parse', '-in', pemPath, '-strparse', offset, '-i']);
  return r.stdout;
}
