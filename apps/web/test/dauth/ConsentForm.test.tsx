// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConsentForm } from '../../src/pages/dauth/ConsentForm.js';
import type { Authorization, Consent, HolderAnswer } from '../../src/pages/dauth/types.js';
import { show } from './render.js';

const login: Pick<Authorization, 'purpose' | 'basicFour'> = { purpose: 'login', basicFour: [] };
const four: Pick<Authorization, 'purpose' | 'basicFour'> = {
  purpose: 'login',
  basicFour: ['name', 'address', 'birthdate', 'gender'],
};
const sign: Pick<Authorization, 'purpose' | 'basicFour'> = { purpose: 'sign', basicFour: [] };

async function form(
  authorization: Pick<Authorization, 'purpose' | 'basicFour' | 'card'>,
  o: { answer?: HolderAnswer | null; busy?: boolean; lang?: 'ja' | 'en' } = {},
) {
  const onConsent = vi.fn<(c: Consent) => void>();
  const onCancel = vi.fn();
  const r = await show(
    <ConsentForm
      authorization={authorization}
      answer={o.answer ?? null}
      busy={o.busy ?? false}
      pending={null}
      onConsent={onConsent}
      onCancel={onCancel}
    />,
    o.lang,
  );
  return { r, onConsent, onCancel };
}

/** Types into the four boxes of a PinInput. */
async function typePin(testId: string, digits: string) {
  const boxes = screen.getByTestId(testId).querySelectorAll('input');
  expect(boxes).toHaveLength(4);
  await userEvent.click(boxes[0]!);
  await userEvent.keyboard(digits);
}

const answer = (a: Partial<HolderAnswer>): HolderAnswer =>
  ({
    authorization: {} as Authorization,
    message: { ja: '', en: '' },
    step: 'pin-wrong',
    ...a,
  }) as HolderAnswer;

describe('ConsentForm', () => {
  it('login: a masked 4-digit PIN; fewer digits are refused before anything is sent', async () => {
    const { onConsent } = await form(login);
    expect(screen.queryByTestId('dauth-kenhojo-pin')).toBeNull();
    expect(screen.queryByTestId('dauth-same')).toBeNull();
    const boxes = screen.getByTestId('dauth-auth-pin').querySelectorAll('input');
    for (const b of boxes) expect(b.getAttribute('type')).toBe('password');
    await typePin('dauth-auth-pin', '123');
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).not.toHaveBeenCalled();
    expect(screen.getByTestId('dauth-invalid').textContent).toContain('数字4桁');
    await userEvent.click(screen.getByTestId('dauth-auth-pin').querySelectorAll('input')[3]!);
    await userEvent.keyboard('4');
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).toHaveBeenCalledWith({ authPin: '1234' });
  });

  it('basic four: 「直前と同じ番号を入力」 is never pre-ticked; the second PIN is typed or explicitly the same', async () => {
    const { onConsent } = await form(four);
    const same = screen.getByRole('checkbox', { name: /直前と同じ番号を入力/ }) as HTMLInputElement;
    expect(same.checked).toBe(false);
    await typePin('dauth-auth-pin', '1234');
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).not.toHaveBeenCalled(); // the 券面事項入力補助 PIN is missing
    await typePin('dauth-kenhojo-pin', '5678');
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).toHaveBeenLastCalledWith({ authPin: '1234', kenhojoPin: '5678' });
    await userEvent.click(same);
    expect(screen.queryByTestId('dauth-kenhojo-pin')).toBeNull();
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).toHaveBeenLastCalledWith({ authPin: '1234', kenhojoSameAsAuth: true });
  });

  it('sign: the password is upper-cased and must be 6–16 letters and digits', async () => {
    const { onConsent } = await form(sign, { lang: 'en' });
    const input = screen.getByLabelText(/Signature password/) as HTMLInputElement;
    expect(input.type).toBe('password');
    await userEvent.type(input, 'abc12');
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).not.toHaveBeenCalled();
    expect(screen.getByTestId('dauth-invalid').textContent).toContain('6–16');
    await userEvent.type(input, '3');
    expect(input.value).toBe('ABC123');
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).toHaveBeenCalledWith({ signPassword: 'ABC123' });
  });

  it('a wrong PIN says the tries left in words, in Japanese and in English', async () => {
    const a = answer({ step: 'pin-wrong', pin: 'auth', triesLeft: 2 });
    const ja = await form(login, { answer: a });
    expect(screen.getByTestId('dauth-wrong').textContent).toContain(
      '利用者証明用電子証明書の暗証番号（数字4桁）が違います。残り2回です。',
    );
    ja.r.unmount();
    await form(login, { answer: { ...a, triesLeft: 1 }, lang: 'en' });
    const text = screen.getByTestId('dauth-wrong').textContent;
    expect(text).toContain('Wrong User-authentication PIN (4 digits). 1 try left.');
    expect(text).toContain('The next wrong entry locks it.');
  });

  it('the last try is spent only after an explicit confirmation, with the same PIN', async () => {
    const { onConsent, r } = await form(login);
    await typePin('dauth-auth-pin', '1234');
    r.rerender(
      <ConsentForm
        authorization={login}
        answer={answer({ step: 'confirm-last-try', pin: 'auth', triesLeft: 1 })}
        busy={false}
        pending={null}
        onConsent={onConsent}
        onCancel={() => {}}
      />,
    );
    expect(screen.queryByTestId('dauth-submit')).toBeNull();
    expect(screen.getByTestId('dauth-last-try').textContent).toContain('残り1回');
    await userEvent.click(screen.getByTestId('dauth-confirm-last-try'));
    expect(onConsent).toHaveBeenCalledWith({ authPin: '1234', confirmLastTry: ['auth'] });
  });

  it('while a request runs every action is busy (no double submit)', async () => {
    const { onConsent, onCancel } = await form(login, { busy: true });
    const submit = screen.getByTestId('dauth-submit') as HTMLButtonElement;
    const cancel = screen.getByTestId('dauth-cancel') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    expect(cancel.disabled).toBe(true);
    fireEvent.click(submit);
    fireEvent.click(cancel);
    expect(onConsent).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('a card whose needed PIN is locked asks for nothing and lets the app end with its error', async () => {
    const { onConsent } = await form({
      ...login,
      card: { cardId: 'C1', pins: { auth: { set: true, triesLeft: 0, maxTries: 3, blocked: true } } },
    });
    expect(screen.queryByTestId('dauth-auth-pin')).toBeNull();
    expect(screen.getByTestId('dauth-unusable').textContent).toContain('ロックされています');
    await userEvent.click(screen.getByTestId('dauth-submit'));
    expect(onConsent).toHaveBeenCalledWith({});
  });
});
