import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENSC_PKCS11 } from '@myna/bridge';
import { ATR_PROFILE_NAMES, ATR_PROFILES } from '@myna/card';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, PINS, type Stack, startStack, tool } from './helpers.js';

/**
 * OpenSC (opensc-tool, pkcs15-tool, pkcs11-tool) in the real PC/SC stack — libpcsclite → a
 * private pcscd → vpcd → @myna/bridge → VirtualCard — against the card variants of issue 13:
 * under-15 and face-authentication cards (a PIN without reference data), every ATR profile, and
 * a card speaking T=0. Sources: OpenSC `src/libopensc/card-jpki.c` (`jpki_match_card`,
 * `jpki_pin_cmd`), `pkcs15-jpki.c` (both PINs' status queried while binding).
 */
const stacks: Stack[] = [];
afterEach(async () => {
  for (const s of stacks.splice(0)) await s.stop();
});

async function stack(opts: Parameters<typeof startStack>[0]): Promise<Stack> {
  const s = await startStack(opts);
  stacks.push(s);
  return s;
}

const colonHex = (b: Uint8Array) => Buffer.from(b).toString('hex').match(/../g)!.join(':');

/** "Tries left" per PIN label from `pkcs15-tool --list-pins`. */
async function triesLeft(s: Stack): Promise<Record<string, number>> {
  const out = await ok('pkcs15-tool', ['--list-pins'], { env: s.env });
  const res: Record<string, number> = {};
  for (const block of out.split(/\n(?=PIN \[)/)) {
    const name = /PIN \[([^\]]+)\]/.exec(block)?.[1];
    const tries = /Tries left\s*:\s*(\d+)/.exec(block)?.[1];
    if (name && tries) res[name] = Number(tries);
  }
  return res;
}

/** pkcs11-tool signs with the user-authentication key (id 01); openssl verifies it against the card's certificate. */
async function signWithAuthKey(
  s: Stack,
  pin: string,
): Promise<{ code: number; out: string; verified: boolean }> {
  const input = join(s.dir, 'data.txt');
  writeFileSync(input, 'myna-sandbox: issue 13 via PC/SC\n');
  const sig = join(s.dir, 'sig.bin');
  const pem = join(s.dir, 'auth.pem');
  const pub = join(s.dir, 'auth-pub.pem');
  await ok('pkcs15-tool', ['--read-certificate', '01', '-o', pem], { env: s.env });
  await ok('openssl', ['x509', '-in', pem, '-pubkey', '-noout', '-out', pub]);
  const r = await tool(
    'pkcs11-tool',
    ['--module', OPENSC_PKCS11, '--login', '--pin', pin, '--sign', '--mechanism', 'SHA256-RSA-PKCS'].concat([
      '--id',
      '01',
      '-i',
      input,
      '-o',
      sig,
    ]),
    { env: s.env },
  );
  if (r.code !== 0) return { code: r.code, out: r.stdout + r.stderr, verified: false };
  const v = await tool('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, input]);
  return { code: 0, out: r.stdout + r.stderr, verified: v.stdout.includes('Verified OK') };
}

describe('an under-15 card (no signature password): OpenSC binds it and signs with the user-auth key', () => {
  it('opensc-tool -n → jpki; pkcs15-tool lists both PINs (signature: 0 tries); pkcs11-tool signs with key 01', async () => {
    const s = await stack({ id: 'opensc-under-15', kind: 'under-15' });
    expect((await ok('opensc-tool', ['-n'], { env: s.env })).trim()).toBe('jpki');
    // The binding queries both PINs (00 20 00 80 after SELECT 0018 / 001B): 001B answers 6300.
    expect(await triesLeft(s)).toEqual({ 'User Authentication PIN': 3, 'Digital Signature PIN': 0 });
    expect(s.log.some((l) => / → 6300$/.test(l))).toBe(true);
    const pem = join(s.dir, 'c01.pem');
    await ok('pkcs15-tool', ['--read-certificate', '01', '-o', pem], { env: s.env });
    expect(
      new X509Certificate(readFileSync(pem)).raw.equals(
        Buffer.from(s.image.files.jpki[0x000a] as Uint8Array),
      ),
    ).toBe(true);
    const signed = await signWithAuthKey(s, PINS.auth);
    expect(signed, signed.out).toMatchObject({ code: 0, verified: true });
    expect(s.events.some((e) => e.type === 'pin.verified' && e.pin === 'auth')).toBe(true);
  });
});

describe('a face-authentication card (no PIN set)', () => {
  it('OpenSC binds it (both PINs 0 tries), reads the user-auth certificate, and cannot log in', async () => {
    const s = await stack({ id: 'opensc-face-auth', kind: 'face-auth' });
    expect((await ok('opensc-tool', ['-n'], { env: s.env })).trim()).toBe('jpki');
    expect(await triesLeft(s)).toEqual({ 'User Authentication PIN': 0, 'Digital Signature PIN': 0 });
    const certs = await ok('pkcs15-tool', ['--list-certificates'], { env: s.env });
    expect(certs).toContain('X.509 Certificate [User Authentication Certificate]');
    const pem = join(s.dir, 'c01.pem');
    await ok('pkcs15-tool', ['--read-certificate', '01', '-o', pem], { env: s.env });
    expect(
      new X509Certificate(readFileSync(pem)).raw.equals(
        Buffer.from(s.image.files.jpki[0x000a] as Uint8Array),
      ),
    ).toBe(true);
    // A value sent to a key without reference data: 6A88; no signature is made, no counter moves.
    const before = s.events.length;
    const signed = await signWithAuthKey(s, '1234');
    expect(signed.code).not.toBe(0);
    expect(signed.verified).toBe(false);
    expect(s.log.some((l) => /^.*00 20 00 80.* → 6A88$/.test(l))).toBe(true);
    expect(s.events.slice(before).filter((e) => e.type === 'pin.failed')).toEqual([]);
    process.stdout.write(`face-auth pkcs11-tool: ${signed.out.trim().split('\n').slice(-2).join(' | ')}\n`);
  });
});

describe('every ATR profile: opensc-tool -a shows it, opensc-tool -n still finds the jpki driver', () => {
  for (const name of ATR_PROFILE_NAMES) {
    it(name, async () => {
      const s = await stack({ id: `opensc-atr-${name}`, atr: name });
      expect((await ok('opensc-tool', ['-a'], { env: s.env })).trim().split('\n').pop()).toBe(
        colonHex(ATR_PROFILES[name].atr),
      );
      expect((await ok('opensc-tool', ['-n'], { env: s.env })).trim()).toBe('jpki');
      // Only the standard ATR is in card-jpki.c's table; the others are claimed by the SELECT of
      // the JPKI AID in jpki_match_card, after the other drivers' probes.
      if (name !== 'contact') expect(s.log.some((l) => / → 6A82$/.test(l))).toBe(true);
    });
  }
});

describe('a T=0 card (ATR contact-t0): OpenSC drives it through 6Cxx / 61xx / GET RESPONSE', () => {
  it('opensc-tool -n → jpki; certificates and PIN work; signing hits an OpenSC jpki limit on T=0', async () => {
    const s = await stack({ id: 'opensc-t0', atr: 'contact-t0' });
    expect((await ok('opensc-tool', ['-a'], { env: s.env })).trim().split('\n').pop()).toBe('3b:60:00:ff');
    expect((await ok('opensc-tool', ['-n'], { env: s.env })).trim()).toBe('jpki');
    expect(await triesLeft(s)).toEqual({ 'User Authentication PIN': 3, 'Digital Signature PIN': 5 });
    const pem = join(s.dir, 'c01.pem');
    await ok('pkcs15-tool', ['--read-certificate', '01', '-o', pem], { env: s.env });
    expect(
      new X509Certificate(readFileSync(pem)).raw.equals(
        Buffer.from(s.image.files.jpki[0x000a] as Uint8Array),
      ),
    ).toBe(true);
    await ok('pkcs15-tool', ['--verify-pin', '--auth-id', '01', '--pin', PINS.auth], { env: s.env });
    // OpenSC speaks T=0 here: case-1 VERIFY goes out with P3 = 00, case 4 without Le.
    expect(s.log.some((l) => /00 20 00 80 Ne=256 → 63C3$/.test(l))).toBe(true);
    const signed = await signWithAuthKey(s, PINS.auth);
    // The card answers the signature command with 6100 — and OpenSC never asks for it:
    // card-jpki.c jpki_compute_signature sets apdu.le = 0 (on T=1 the Le byte 00 means 256), and
    // apdu.c sc_get_response takes le == 0 as "no data requested", turns 61xx into 9000 and
    // skips GET RESPONSE. pkcs11-tool then exits 0 with 256 zero bytes (docs/faithfulness.md).
    expect(s.log.some((l) => /80 2A 00 80 Lc=51 → 6100$/.test(l))).toBe(true);
    expect(s.log.some((l) => /00 C0 00 00/.test(l))).toBe(false);
    expect(signed.code).toBe(0);
    expect(signed.verified).toBe(false);
    expect(readFileSync(join(s.dir, 'sig.bin')).equals(Buffer.alloc(256))).toBe(true);
  });
});
