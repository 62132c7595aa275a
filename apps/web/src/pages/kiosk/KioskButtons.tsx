import { Group, SimpleGrid, Stack } from '@mantine/core';
import type { KioskAction, KioskView } from '../../api/types.js';
import { useText } from '../../i18n/index.js';
import { PinField, Touch } from './parts.js';

/**
 * The touch buttons of one kiosk screen (K1–K7, errors). The screen's own labels are the
 * machine's: Japanese large, English beneath, whatever the console's language.
 */
export function KioskButtons(props: {
  screen: KioskView['screen'];
  busy: boolean;
  lastTry: boolean;
  value: string;
  setValue: (v: string) => void;
  confirmation: string;
  setConfirmation: (v: string) => void;
  act: (a: KioskAction) => void;
}) {
  const { t } = useText();
  const { screen: s, busy, lastTry, value, setValue, confirmation, setConfirmation, act } = props;
  const pin = s.pin;
  const otherPin = pin === 'sign' ? 'auth' : 'sign';
  switch (s.id) {
    case 'K1':
      return (
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <Touch busy={busy} disabled ja={t('reset.kiosk.copy')} />
          <Touch busy={busy} disabled ja={t('reset.kiosk.print')} />
          <Touch
            busy={busy}
            ja="行政サービス"
            en="Administrative services"
            onClick={() => act({ action: 'administrative-services' })}
            testId="kiosk-administrative-services"
          />
          <Touch busy={busy} disabled ja={t('reset.kiosk.photo')} />
          <Touch busy={busy} disabled ja={t('reset.kiosk.tickets')} />
          <Touch busy={busy} disabled ja={t('reset.kiosk.fax')} />
        </SimpleGrid>
      );
    case 'K2':
      return s.menu === 'services' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Touch busy={busy} disabled ja={t('reset.kiosk.certificates')} />
          <Touch
            busy={busy}
            ja="マイナンバーカードのパスワード再設定"
            en="Reset a My Number Card password"
            onClick={() => act({ action: 'password-reset' })}
            testId="kiosk-password-reset"
          />
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Touch
            busy={busy}
            ja="署名用パスワードの初期化・再設定"
            en="Reset the signature password"
            onClick={() => act({ action: 'choose-pin', pin: 'sign' })}
            testId="kiosk-choose-sign"
          />
          <Touch
            busy={busy}
            ja="利用者証明用パスワードの初期化・再設定"
            en="Reset the user-authentication PIN"
            onClick={() => act({ action: 'choose-pin', pin: 'auth' })}
            testId="kiosk-choose-auth"
          />
        </SimpleGrid>
      );
    case 'K3':
      return (
        <Group grow>
          <Touch
            busy={busy}
            color="gray"
            ja="戻る"
            en="Back"
            onClick={() => act({ action: 'home' })}
            testId="kiosk-home"
          />
          <Touch ja="同意する" en="Agree" onClick={() => act({ action: 'agree' })} testId="kiosk-agree" />
        </Group>
      );
    case 'K4':
      return (
        <Group grow>
          <Touch
            busy={busy}
            color="gray"
            ja="やめる"
            en="Cancel"
            onClick={() => act({ action: 'home' })}
            testId="kiosk-home"
          />
        </Group>
      );
    case 'K5':
      return (
        <Stack>
          <PinField
            pin={otherPin}
            value={value}
            onChange={setValue}
            testId="kiosk-other-pin"
            label={t(`reset.pin.${otherPin}`)}
          />
          <Group grow>
            <Touch
              busy={busy}
              color="gray"
              ja="やめる（カードを取る）"
              en="Cancel and take the card"
              onClick={() => act({ action: 'remove-card' })}
              testId="kiosk-abandon"
            />
            <Touch
              busy={busy}
              ja={lastTry ? '最後の1回として確定' : '確定'}
              en={lastTry ? 'Use the last try' : 'OK'}
              color={lastTry ? 'orange' : 'teal'}
              disabled={value.length < (otherPin === 'auth' ? 4 : 6)}
              onClick={() =>
                act({ action: 'other-pin', value, ...(lastTry ? { confirmLastTry: true } : {}) })
              }
              testId="kiosk-other-pin-submit"
            />
          </Group>
        </Stack>
      );
    case 'K6':
      return (
        <Stack>
          <Group align="end" gap="xl">
            <PinField
              pin={pin ?? 'sign'}
              value={value}
              onChange={setValue}
              testId="kiosk-new-pin"
              label={t('reset.kiosk.newPin')}
            />
            <PinField
              pin={pin ?? 'sign'}
              value={confirmation}
              onChange={setConfirmation}
              testId="kiosk-new-pin-confirm"
              label={t('reset.kiosk.newPinAgain')}
            />
          </Group>
          <Group grow>
            <Touch
              busy={busy}
              color="gray"
              ja="やめる（カードを取る）"
              en="Cancel and take the card"
              onClick={() => act({ action: 'remove-card' })}
              testId="kiosk-abandon"
            />
            <Touch
              busy={busy}
              ja="確定"
              en="OK"
              disabled={!value || !confirmation}
              onClick={() => act({ action: 'new-pin', value, confirmation })}
              testId="kiosk-new-pin-submit"
            />
          </Group>
        </Stack>
      );
    case 'K7':
    case 'ERROR':
      return s.card !== 'none' ? (
        <Touch
          busy={busy}
          color="orange"
          ja="カードを取る"
          en="Take your card"
          onClick={() => act({ action: 'remove-card' })}
          testId="kiosk-remove-card"
        />
      ) : (
        <Touch
          busy={busy}
          color="gray"
          ja="トップへ"
          en="Top menu"
          onClick={() => act({ action: 'home' })}
          testId="kiosk-home"
        />
      );
  }
  return null;
}
