import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromHex } from '@myna/apdu';
import { VirtualCard } from '@myna/card';
import { cryptoRandom, systemClock } from '@myna/ports';
import { openDatabase, SqlAuthorityStore, SqlCardStore } from '@myna/store';
import { describe, expect, it } from 'vitest';
import { BIN, cli, useWorkdirs } from './run-cli.js';

const workdir = useWorkdirs();

describe('npx myna-sandbox card …', () => {
  it('issues, lists and reports status with PIN tries read through APDUs', async () => {
    const cwd = workdir();
    const issued = await cli(cwd, 'card', 'issue', '--json');
    expect(issued.code).toBe(0);
    const { id, serial } = JSON.parse(issued.out);
    expect(id).toMatch(/^card_/);
    expect(serial).toMatch(/^\d{15}$/);

    const list = JSON.parse((await cli(cwd, 'card', 'list', '--json')).out);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id, serial, kind: 'adult', status: 'active', holder: '山田　太郎' });

    const status = JSON.parse((await cli(cwd, 'card', 'status', id, '--json')).out);
    expect(status.pins).toEqual({
      auth: { set: true, triesLeft: 3, maxTries: 3, blocked: false },
      sign: { set: true, triesLeft: 5, maxTries: 5, blocked: false },
      kenhojo: { set: true, triesLeft: 3, maxTries: 3, blocked: false },
      juki: { set: true, triesLeft: 3, maxTries: 3, blocked: false },
      common: { set: true, triesLeft: 3, maxTries: 3, blocked: false },
    });
    expect(status.certificates.map((c: { kind: string; status: string }) => [c.kind, c.status])).toEqual([
      ['auth', 'good'],
      ['sign', 'good'],
    ]);

    // Another process (this test) spends a try on the same database: the CLI sees it on the chip.
    const db = await openDatabase(`sqlite:${join(cwd, '.myna-sandbox/sandbox.db')}`);
    try {
      const card = await VirtualCard.open(id, {
        store: new SqlCardStore(db),
        random: cryptoRandom,
        clock: systemClock,
        terminal: 'test',
      });
      await card.transmit(fromHex('00A4040C0AD392F000260100000001'));
      const rsp = await card.transmit(fromHex('002000980439393939'));
      expect(Buffer.from(rsp).toString('hex')).toBe('63c2');
      expect((await new SqlAuthorityStore(db).listCards('default')).length).toBe(1);
    } finally {
      await db.close();
    }
    const after = JSON.parse((await cli(cwd, 'card', 'status', id, '--json')).out);
    expect(after.pins.auth).toEqual({ set: true, triesLeft: 2, maxTries: 3, blocked: false });

    const human = await cli(cwd, 'card', 'status', id);
    expect(human.out).toContain('利用者証明用電子証明書 (user authentication)  2/3');
    // One time zone: certificate expiry in JST, with the zone shown.
    expect(human.out).toContain('有効期限 notAfter (JST)');
    expect(human.out).toMatch(/署名用 \(sign\).*\d{4}-\d{2}-\d{2} \d{2}:\d{2} JST +1$/m);
    // The CA generation that signed each certificate (1 until a roll-over).
    expect(human.out).toContain('世代 CA generation');
    expect(after.certificates.map((c: { generation: number }) => c.generation)).toEqual([1, 1]);
  });

  it('demo seed lists the holders it issued, and says the same in Japanese and English when there is nothing to do', async () => {
    const cwd = workdir();
    const seeded = await cli(cwd, 'demo', 'seed');
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('氏名 holder');
    expect(seeded.out).toContain('高橋　美咲');
    expect(seeded.out).toContain('署名用パスワードがロック / signature password locked');
    expect(seeded.out).not.toMatch(/\bkenhojo-differs\b|\bsign-locked\b/);
    const again = await cli(cwd, 'demo', 'seed');
    expect(again.out.trim()).toBe(
      'このサンドボックスには既にカードがあるため、何も発行しませんでした / the sandbox already has cards; nothing was issued',
    );
  });

  it('issues under-15 and face-authentication cards', async () => {
    const cwd = workdir();
    const child = JSON.parse((await cli(cwd, 'card', 'issue', '--profile', 'under-15', '--json')).out);
    expect(child.kind).toBe('under-15');
    const s = JSON.parse((await cli(cwd, 'card', 'status', child.id, '--json')).out);
    expect(s.pins.sign).toEqual({ set: false, triesLeft: 0, maxTries: 5, blocked: false });
    expect(s.certificates).toHaveLength(1);
    const face = JSON.parse((await cli(cwd, 'card', 'issue', '--profile', 'face-auth', '--json')).out);
    const f = JSON.parse((await cli(cwd, 'card', 'status', face.id, '--json')).out);
    expect(
      Object.fromEntries(Object.entries(f.pins).map(([k, p]) => [k, (p as { set: boolean }).set])),
    ).toEqual({ auth: false, sign: false, kenhojo: false, juki: false, common: false });
  });

  it('issues a card with another ATR profile, or a T=0 card; card status shows the chip ATR (kept in the store)', async () => {
    const cwd = workdir();
    const a = JSON.parse((await cli(cwd, 'card', 'issue', '--atr', 'contact-02', '--json')).out);
    expect(a.atrProfile).toBe('contact-02');
    const s = JSON.parse((await cli(cwd, 'card', 'status', a.id, '--json')).out);
    expect(s.chip).toEqual({
      atrProfile: 'contact-02',
      atr: '3BDA13FF8131FB468012392F31C173C601C03B',
      protocol: 'T=1',
    });
    const t0 = JSON.parse((await cli(cwd, 'card', 'issue', '--protocol', 't0', '--json')).out);
    const s0 = await cli(cwd, 'card', 'status', t0.id);
    expect(s0.out).toContain('ATR 3B6000FF (contact-t0, T=0)');
    // PIN status read through APDUs on the T=0 card (61xx/6Cxx handled by the SDK).
    expect(s0.out).toMatch(/3\/3/);
    const d = JSON.parse((await cli(cwd, 'card', 'issue', '--json')).out);
    expect(JSON.parse((await cli(cwd, 'card', 'status', d.id, '--json')).out).chip.atrProfile).toBe(
      'contact',
    );
  });

  it('takes holder data and PINs from flags', async () => {
    const cwd = workdir();
    const r = await cli(
      cwd,
      'card',
      'issue',
      '--json',
      '--name',
      '鈴木　一郎',
      '--birth',
      '1990-12-31',
      '--sex',
      'male',
      '--address',
      '大阪府大阪市北区梅田1-1',
      '--auth-pin',
      '2580',
      '--sign-pin',
      'SUZUKI1990',
      '--kenhojo-pin',
      '0852',
      '--juki-pin',
      '1470',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).expiresOn).toMatch(/-12-31$/);
  });

  it.each([
    [['card', 'issue', '--bogus'], /unknown option '--bogus'/],
    [['card', 'issue', '--profile', 'child'], /Allowed choices are adult, under-15, face-auth/],
    [['card', 'issue', '--birth', '1990-13-45'], /INVALID_ARGUMENT.*--birth/],
    [['card', 'issue', '--sex', 'x'], /INVALID_ARGUMENT.*--sex/],
    [['card', 'issue', '--auth-pin', '12x4'], /PIN_FORMAT.*rule=4 digits/],
    [['card', 'issue', '--sign-pin', 'abcdef'], /PIN_FORMAT.*pin=sign/],
    [['card', 'issue', '--profile', 'face-auth', '--auth-pin', '1234'], /INVALID_ARGUMENT/],
    [['card', 'issue', '--profile', 'under-15', '--sign-pin', 'ABC123'], /INVALID_ARGUMENT/],
    [['card', 'issue', '--my-number', '123456789012'], /MY_NUMBER_INVALID/],
    [['card', 'issue', '--atr', 'contact-99'], /INVALID_ARGUMENT.*--atr/],
    [['card', 'issue', '--protocol', 't2'], /INVALID_ARGUMENT.*--protocol/],
    [['card', 'issue', '--atr', 'contact', '--protocol', 't0'], /INVALID_ARGUMENT.*--protocol/],
    [['card', 'status'], /missing required argument 'id'/],
    [['card', 'frobnicate'], /unknown command 'frobnicate'/],
  ])('bad input %j: clear message, exit 2, nothing written, no PIN echoed', async (args, message) => {
    const cwd = workdir();
    const r = await cli(cwd, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    for (const secret of ['12x4', 'abcdef']) expect(r.err).not.toContain(secret);
    expect(JSON.parse((await cli(cwd, 'card', 'list', '--json')).out)).toEqual([]);
  });

  it('an unknown card is a clear error with exit 1', async () => {
    const cwd = workdir();
    const r = await cli(cwd, 'card', 'status', 'card_nope', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err).error.code).toBe('CARD_NOT_FOUND');
  });

  it('a bad DATABASE_URL is a clear error that does not echo a password', async () => {
    const cwd = workdir();
    const { stderr, code } = await promisify(execFile)(process.execPath, [BIN, 'card', 'list'], {
      cwd,
      env: { ...process.env, DATABASE_URL: 'mysql://user:hunter2@localhost/db' },
    }).catch((e) => e);
    expect(code).toBe(2);
    expect(stderr).toMatch(/BAD_DATABASE_URL/);
    expect(stderr).not.toContain('hunter2');
  });
});
