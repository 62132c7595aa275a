import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENSC_PKCS11 } from '@myna/bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, PINS, type Stack, startStack, tool } from './helpers.js';

/**
 * The real stack: OpenSC (opensc-tool, pkcs15-tool, pkcs11-tool) and pcsc-tools → libpcsclite →
 * a private pcscd (with the TCP_NODELAY preload) → vpcd → @myna/bridge → VirtualCard.
 */
let s: Stack;
beforeAll(async () => {
  s = await startStack({ id: 'opensc-card' });
});
afterAll(async () => {
  await s?.stop();
});

const ATR = '3B E0 00 FF 81 31 FE 45 14';
const CERTS = [
  { id: '01', fid: 0x000a, label: 'User Authentication Certificate' },
  { id: '02', fid: 0x0001, label: 'Digital Signature Certificate' },
  { id: '03', fid: 0x000b, label: 'User Authentication Certificate CA' },
  { id: '04', fid: 0x0002, label: 'Digital Signature Certificate CA' },
] as const;

/** "Tries left" per PIN label from `pkcs15-tool --list-pins`. */
async function triesLeft(): Promise<Record<string, number>> {
  const out = await ok('pkcs15-tool', ['--list-pins'], { env: s.env });
  const res: Record<string, number> = {};
  for (const block of out.split(/\n(?=PIN \[)/)) {
    const name = /PIN \[([^\]]+)\]/.exec(block)?.[1];
    const tries = /Tries left\s*:\s*(\d+)/.exec(block)?.[1];
    if (name && tries) res[name] = Number(tries);
  }
  return res;
}

function certDer(fid: number): Buffer {
  const f = s.image.files.jpki[fid];
  if (!(f instanceof Uint8Array)) throw new Error(`no certificate EF ${fid} in the card image`);
  return Buffer.from(f);
}

describe('pcsc-tools sees the virtual card', () => {
  it('pcsc_scan -r lists the private reader; pcsc_scan shows the card with the JPKI ATR', async () => {
    const readers = await ok('pcsc_scan', ['-r'], { env: s.env, timeoutMs: 10_000 });
    expect(readers).toContain(s.pcsc.readerNames[0]);
    // pcsc_scan never exits by itself: -t 1 quits after a second (plus the execFile timeout).
    const scan = await tool('pcsc_scan', ['-n', '-t', '1'], { env: s.env, timeoutMs: 10_000 });
    expect(scan.stdout).toContain(`Reader 0: ${s.pcsc.readerNames[0]}`);
    expect(scan.stdout).toContain(`ATR: ${ATR}`);
    expect(await ok('opensc-tool', ['-a'], { env: s.env })).toContain(ATR.toLowerCase().replace(/ /g, ':'));
  });
});

describe('OpenSC claims it with the jpki driver', () => {
  it('unforced: after probing the other drivers (unknown AIDs get 6A82)', async () => {
    expect((await ok('opensc-tool', ['-n'], { env: s.env })).trim()).toBe('jpki');
    // The other drivers' probes really went through the bridge, headers only in its log.
    expect(s.log.some((l) => / → 6A82$/.test(l))).toBe(true);
  });

  it('forced with -c jpki', async () => {
    expect((await ok('opensc-tool', ['-c', 'jpki', '-n'], { env: s.env })).trim()).toBe('jpki');
  });
});

describe('pkcs15-tool', () => {
  it('--list-pins: both PINs, tries left 3 and 5', async () => {
    expect(await triesLeft()).toEqual({ 'User Authentication PIN': 3, 'Digital Signature PIN': 5 });
  });

  it('--list-certificates lists the four certificates', async () => {
    const out = await ok('pkcs15-tool', ['--list-certificates'], { env: s.env });
    for (const c of CERTS) {
      expect(out).toContain(`X.509 Certificate [${c.label}]`);
      expect(out).toMatch(
        new RegExp(`Path\\s*:\\s*${c.fid.toString(16).padStart(4, '0')}\\s*\\n\\s*ID\\s*:\\s*${c.id}`),
      );
    }
  });

  it('--read-certificate returns the DER in the card image (02 needs the signature PIN)', async () => {
    for (const c of CERTS) {
      const file = join(s.dir, `cert-${c.id}.pem`);
      // The signature certificate is PIN-protected on the card (6982 without it).
      const pin = c.id === '02' ? ['--verify-pin', '--auth-id', '02', '--pin', PINS.sign] : [];
      await ok('pkcs15-tool', [...pin, '--read-certificate', c.id, '-o', file], { env: s.env });
      expect(new X509Certificate(readFileSync(file)).raw.equals(certDer(c.fid)), `certificate ${c.id}`).toBe(
        true,
      );
    }
  });

  it('a wrong PIN lowers the counter (OpenSC, store, events with the reader label); a right one restores it', async () => {
    const reader = s.pcsc.readerNames[0]!;
    const before = s.events.length;
    const wrong = await tool('pkcs15-tool', ['--verify-pin', '--auth-id', '01', '--pin', '9999'], {
      env: s.env,
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr + wrong.stdout).toMatch(/PIN code or key incorrect/);
    expect((await s.store.readPin(s.image.id, 'auth')).triesLeft).toBe(2);
    expect((await triesLeft())['User Authentication PIN']).toBe(2);
    const failed = s.events.slice(before).filter((e) => e.type === 'pin.failed');
    expect(failed).toEqual([expect.objectContaining({ pin: 'auth', triesLeft: 2, terminal: reader })]);

    await ok('pkcs15-tool', ['--verify-pin', '--auth-id', '01', '--pin', PINS.auth], { env: s.env });
    expect((await s.store.readPin(s.image.id, 'auth')).triesLeft).toBe(3);
    expect((await triesLeft())['User Authentication PIN']).toBe(3);
    expect(s.events.slice(before).some((e) => e.type === 'pin.verified' && e.terminal === reader)).toBe(true);
    // The bridge never logs APDU data: the PINs tried are nowhere in its log.
    const text = s.log.join('\n');
    for (const secret of ['9999', '39393939', PINS.auth, '31323334']) expect(text).not.toContain(secret);
  });
});

describe('pkcs11-tool signs with both keys; openssl verifies against the certificate read off the card', () => {
  const data = () => {
    const f = join(s.dir, 'data.txt');
    writeFileSync(f, 'myna-sandbox: 電子署名のテスト via PC/SC\n');
    return f;
  };
  const pubFromCard = async (id: string, extra: string[] = []) => {
    const pem = join(s.dir, `pcert-${id}.pem`);
    const pub = join(s.dir, `pub-${id}.pem`);
    await ok('pkcs15-tool', [...extra, '--read-certificate', id, '-o', pem], { env: s.env });
    await ok('openssl', ['x509', '-in', pem, '-pubkey', '-noout', '-out', pub]);
    return pub;
  };

  it('user authentication key (id 01, PIN 1234)', async () => {
    const input = data();
    const sig = join(s.dir, 'sig-01.bin');
    const pub = await pubFromCard('01');
    await ok(
      'pkcs11-tool',
      [
        '--module',
        OPENSC_PKCS11,
        '--login',
        '--pin',
        PINS.auth,
        '--sign',
        '--mechanism',
        'SHA256-RSA-PKCS',
      ].concat(['--id', '01', '-i', input, '-o', sig]),
      { env: s.env },
    );
    expect(readFileSync(sig).length).toBe(256);
    expect(await ok('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, input])).toContain(
      'Verified OK',
    );
  });

  it('signature key (id 02, SIGN2025): its own PKCS#11 slot, PIN re-verified for the signature', async () => {
    const input = data();
    const sig = join(s.dir, 'sig-02.bin');
    const pub = await pubFromCard('02', ['--verify-pin', '--auth-id', '02', '--pin', PINS.sign]);
    const before = s.events.length;
    // OpenSC exposes one PKCS#11 slot per PIN: index 0 = "JPKI (User Authentication PIN)", index 1 =
    // "JPKI (Digital Signature PIN)". The key has user_consent (CKA_ALWAYS_AUTHENTICATE);
    // pkcs11-tool answers the context-specific login with the same --pin by itself.
    await ok(
      'pkcs11-tool',
      [
        '--module',
        OPENSC_PKCS11,
        '--token-label',
        'JPKI (Digital Signature PIN)',
        '--login',
        '--pin',
        PINS.sign,
      ].concat(['--sign', '--mechanism', 'SHA256-RSA-PKCS', '--id', '02', '-i', input, '-o', sig]),
      { env: s.env },
    );
    expect(await ok('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, input])).toContain(
      'Verified OK',
    );
    const verified = s.events.slice(before).filter((e) => e.type === 'pin.verified' && e.pin === 'sign');
    expect(verified.length).toBeGreaterThanOrEqual(2); // C_Login + the context-specific login
    expect((await s.store.readPin(s.image.id, 'sign')).triesLeft).toBe(5);
  });
});
