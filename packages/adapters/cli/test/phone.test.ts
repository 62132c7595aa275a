import { describe, expect, it } from 'vitest';
import { cli, useWorkdirs } from './run-cli.js';

/** `myna-sandbox phone …` as a user runs it: the built binary on the default embedded database. */
const workdir = useWorkdirs();

describe('npx myna-sandbox phone …', () => {
  it('issues from a card, shows the counters, resets in the app, advises, revokes — never printing a PIN', async () => {
    const cwd = workdir();
    const card = JSON.parse((await cli(cwd, 'card', 'issue', '--json')).out) as { id: string };
    const issued = await cli(
      cwd,
      'phone',
      'issue',
      card.id,
      '--card-sign-pin',
      'ABC123',
      '--auth-pin',
      '9876',
      '--sign-pin',
      'PHONE123',
      '--json',
    );
    expect(issued.code, issued.err).toBe(0);
    const v = JSON.parse(issued.out);
    expect(v.phone.platform).toBe('android');
    expect(issued.out).not.toContain('PHONE123');
    expect(issued.out).not.toContain('adminKey');
    const id = v.phone.id as string;

    const list = JSON.parse((await cli(cwd, 'phone', 'list', card.id, '--json')).out);
    expect(list.map((p: { id: string }) => p.id)).toEqual([id]);

    const text = await cli(cwd, 'phone', 'status', id);
    expect(text.out).toContain('スマホ用利用者証明用 (auth)');
    expect(text.out).toContain('3/3');

    const doctor = JSON.parse((await cli(cwd, 'phone', 'doctor', id, '--forgot', 'auth', '--json')).out);
    expect(doctor.route).toBe('myna-portal-reset');

    /** `phone reset --pin auth` with this phone signature password (and `--json` unless text). */
    const resetAuth = (phoneSignPin: string, ...rest: string[]) =>
      cli(
        cwd,
        'phone',
        'reset',
        id,
        '--pin',
        'auth',
        '--phone-sign-pin',
        phoneSignPin,
        '--new',
        '1357',
        ...rest,
      );
    const wrong = await resetAuth('WRONG999', '--json');
    expect(wrong.code).toBe(1);
    // The phone's signature password, named as the phone's (not the card's 署名用電子証明書).
    expect(JSON.parse(wrong.err).error).toMatchObject({
      code: 'PIN_WRONG',
      details: { pin: 'sign', element: 'phone', triesLeft: 4 },
    });
    const wrongText = await resetAuth('WRONG999');
    expect(wrongText.err).toContain('[スマホ用署名用電子証明書 (phone signature)]');
    expect(wrongText.err).not.toContain('[署名用電子証明書');
    const reset = await resetAuth('PHONE123', '--json');
    expect(reset.code, reset.err).toBe(0);
    expect(JSON.parse(reset.out).pins.sign.triesLeft).toBe(5);

    const missing = await cli(cwd, 'phone', 'reset', id, '--pin', 'sign', '--new', 'NEWPASS1');
    expect(missing.code).toBe(2);

    const revoked = JSON.parse((await cli(cwd, 'phone', 'revoke', id, '--json')).out);
    expect(revoked.phone.status).toBe('revoked');
  });
});
