import { Alert, Button, Card, Checkbox, Group, PasswordInput, PinInput, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Authorization, type Consent, type HolderAnswer, neededPins, type PinName } from './types.js';

type HeldCard = NonNullable<Authorization['card']>;

const FOUR_DIGITS = /^[0-9]{4}$/;
/** The signature password: 6–16 letters and digits, sent upper-cased as J-LIS clients do (spec: card.md). */
const SIGN_PASSWORD = /^[A-Z0-9]{6,16}$/;

interface Props {
  authorization: Pick<Authorization, 'purpose' | 'basicFour'> & { card?: Pick<HeldCard, 'pins'> };
  /** The last answer of the consent route (wrong PIN, last try, missing input). */
  answer: HolderAnswer | null;
  busy: boolean;
  pending: 'consent' | 'cancel' | null;
  onConsent: (c: Consent) => void;
  onCancel: () => void;
}

/**
 * Consent and the PINs: the user-auth PIN, the 券面事項入力補助 PIN when the 基本4情報 are asked
 * (or the holder's explicit 「直前と同じ番号を入力」, never pre-ticked), or the signature password.
 * A wrong entry shows the tries left in words; the last try asks for confirmation first.
 */
export function ConsentForm({ authorization, answer, busy, pending, onConsent, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const needed = neededPins(authorization);
  const [authPin, setAuthPin] = useState('');
  const [kenhojoPin, setKenhojoPin] = useState('');
  const [same, setSame] = useState(false);
  const [signPassword, setSignPassword] = useState('');
  const [confirmed, setConfirmed] = useState<PinName[]>([]);
  const [invalid, setInvalid] = useState<string | null>(null);

  // A wrong entry empties that PIN's field (a real try was spent; the holder types again).
  useEffect(() => {
    if (answer?.step !== 'pin-wrong') return;
    if (answer.pin === 'auth') setAuthPin('');
    if (answer.pin === 'kenhojo') setKenhojoPin('');
    if (answer.pin === 'sign') setSignPassword('');
  }, [answer]);

  const consent = (confirmLastTry: PinName[]): Consent => ({
    ...(needed.includes('auth') ? { authPin } : {}),
    ...(needed.includes('kenhojo') ? (same ? { kenhojoSameAsAuth: true } : { kenhojoPin }) : {}),
    ...(needed.includes('sign') ? { signPassword } : {}),
    ...(confirmLastTry.length > 0 ? { confirmLastTry } : {}),
  });
  // A needed PIN that is locked or not set (face-auth card): nothing to type; the app ends with its error.
  const unusable = needed.find((p) => {
    const s = authorization.card?.pins[p];
    return s !== undefined && (!s.set || s.blocked);
  });
  const submit = () => {
    if (unusable) return onConsent({});
    if (needed.includes('auth') && !FOUR_DIGITS.test(authPin)) return setInvalid(t('dauth.pin.digits'));
    if (needed.includes('kenhojo') && !same && !FOUR_DIGITS.test(kenhojoPin))
      return setInvalid(t('dauth.pin.digits'));
    if (needed.includes('sign') && !SIGN_PASSWORD.test(signPassword))
      return setInvalid(t('dauth.pin.signBad'));
    setInvalid(null);
    onConsent(consent(confirmed));
  };
  const confirmLast = (pin: PinName) => {
    const next = confirmed.includes(pin) ? confirmed : [...confirmed, pin];
    setConfirmed(next);
    onConsent(consent(next));
  };

  const lastTry = answer?.step === 'confirm-last-try' && answer.pin && !confirmed.includes(answer.pin);
  const pinName = (p: PinName) => t(`dauth.pin.${p}`);
  const pinBoxes = (p: 'auth' | 'kenhojo', value: string, set: (v: string) => void) => (
    <Stack gap={4}>
      <Text size="sm" fw={600} id={`dauth-label-${p}`}>
        {pinName(p)}
      </Text>
      <PinInput
        length={4}
        type="number"
        mask
        value={value}
        onChange={set}
        disabled={busy}
        ariaLabel={pinName(p)}
        data-testid={`dauth-${p}-pin`}
      />
    </Stack>
  );

  return (
    <Card withBorder padding="sm" data-testid="dauth-consent">
      <Stack gap="sm">
        {unusable && (
          <Alert color="red" data-testid="dauth-unusable" data-pin={unusable}>
            {t(
              authorization.card?.pins[unusable]?.blocked ? 'dauth.unusable.locked' : 'dauth.unusable.notSet',
              {
                pin: pinName(unusable),
              },
            )}
          </Alert>
        )}
        {!unusable && needed.includes('auth') && pinBoxes('auth', authPin, setAuthPin)}
        {!unusable && needed.includes('kenhojo') && (
          <>
            <Checkbox
              label={t('dauth.pin.same')}
              description={t('dauth.pin.sameHint')}
              checked={same}
              onChange={(e) => setSame(e.currentTarget.checked)}
              disabled={busy}
              data-testid="dauth-same"
            />
            {!same && pinBoxes('kenhojo', kenhojoPin, setKenhojoPin)}
          </>
        )}
        {!unusable && needed.includes('sign') && (
          <PasswordInput
            label={pinName('sign')}
            description={t('dauth.pin.signRule')}
            value={signPassword}
            onChange={(e) => setSignPassword(e.currentTarget.value.toUpperCase())}
            maxLength={16}
            autoCapitalize="characters"
            autoComplete="off"
            disabled={busy}
            data-testid="dauth-sign-password"
          />
        )}
        {invalid && (
          <Alert color="yellow" data-testid="dauth-invalid">
            {invalid}
          </Alert>
        )}
        {answer?.step === 'pin-wrong' && answer.pin && (
          <Alert color="red" data-testid="dauth-wrong" data-tries={answer.triesLeft}>
            {t('dauth.wrong', { pin: pinName(answer.pin), count: answer.triesLeft })}
            {answer.triesLeft === 1 ? ` ${t('dauth.wrongLast')}` : ''} {t('dauth.wrongShared')}
          </Alert>
        )}
        {answer?.step === 'needs-input' && (
          <Alert color="yellow" data-testid="dauth-needs-input">
            {answer.message[lang]}
          </Alert>
        )}
        {lastTry ? (
          <Alert color="orange" title={t('dauth.lastTry.title')} data-testid="dauth-last-try">
            <Stack gap="xs">
              <Text size="sm">{t('dauth.lastTry.body', { pin: pinName(answer.pin!) })}</Text>
              <Button
                color="orange"
                onClick={() => confirmLast(answer.pin!)}
                disabled={busy}
                loading={pending === 'consent'}
                data-testid="dauth-confirm-last-try"
              >
                {t('dauth.lastTry.confirm')}
              </Button>
              <Button variant="default" onClick={onCancel} disabled={busy} loading={pending === 'cancel'}>
                {t('dauth.cancel')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <Group grow>
            <Button
              variant="default"
              onClick={onCancel}
              disabled={busy}
              loading={pending === 'cancel'}
              data-testid="dauth-cancel"
            >
              {t('dauth.cancel')}
            </Button>
            <Button
              onClick={submit}
              disabled={busy}
              loading={pending === 'consent'}
              data-testid="dauth-submit"
            >
              {t(unusable ? 'dauth.next' : 'dauth.consent')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
