import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Paper,
  PinInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { type CertPin, call, type KioskView, type StoreChain } from '../reset-api.js';
import { cardOptions, ErrorAlert, jst, toApiError, useCards, useSandboxTime } from '../reset-ui.js';
import { registerPage } from './registry.js';

const KEY = 'myna.kiosk';

/** A masked PIN field: four boxes for a 4-digit PIN, a password field for a signature password. */
function PinField(props: {
  pin: CertPin;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  label: string;
}) {
  return props.pin === 'auth' ? (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {props.label}
      </Text>
      <PinInput
        length={4}
        type="number"
        mask
        size="xl"
        value={props.value}
        onChange={props.onChange}
        data-testid={props.testId}
        aria-label={props.label}
      />
    </Stack>
  ) : (
    <TextInput
      type="password"
      size="lg"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value.toUpperCase())}
      data-testid={props.testId}
      autoComplete="off"
      maw={360}
    />
  );
}

/** A big touch-screen button: Japanese large, English small beneath. */
function Touch(props: {
  ja: string;
  en?: string;
  onClick?: () => void;
  testId?: string;
  disabled?: boolean;
  color?: string;
}) {
  return (
    <Button
      h={76}
      size="lg"
      radius="md"
      color={props.color ?? 'teal'}
      disabled={props.disabled ?? false}
      onClick={props.onClick}
      data-testid={props.testId}
      styles={{ label: { whiteSpace: 'normal', lineHeight: 1.25 } }}
    >
      <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
        <span>{props.ja}</span>
        {props.en && <span style={{ fontSize: 12, fontWeight: 400, opacity: 0.85 }}>{props.en}</span>}
      </span>
    </Button>
  );
}

/**
 * The convenience-store kiosk (マルチコピー機, pin-lifecycle.md §3): choose a store chain, then
 * screens K1–K7 with big buttons, the card placed by choosing one of the sandbox's cards, masked
 * PIN entry, error screens E1–E7 with their texts. Sandbox time and service hours on top.
 */
export function KioskPage() {
  const { t } = useTranslation();
  const { cards } = useCards();
  const now = useSandboxTime();
  const [chains, setChains] = useState<StoreChain[]>([]);
  const [storeId, setStoreId] = useState('');
  const [kiosk, setKiosk] = useState<KioskView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [cardId, setCardId] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [lastTry, setLastTry] = useState(false);

  useEffect(() => {
    void call<StoreChain[]>('GET', '/api/store-chains').then(setChains);
    const id = sessionStorage.getItem(KEY);
    if (id)
      call<KioskView>('GET', `/api/kiosks/${id}`)
        .then(setKiosk)
        .catch(() => sessionStorage.removeItem(KEY));
  }, []);

  const walkUp = async (chain: string) => {
    setError(null);
    try {
      const k = await call<KioskView>('POST', '/api/kiosks', { chain, ...(storeId ? { storeId } : {}) });
      sessionStorage.setItem(KEY, k.kioskId);
      setKiosk(k);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const act = useCallback(
    async (body: object) => {
      if (!kiosk) return;
      setBusy(true);
      setError(null);
      try {
        const k = await call<KioskView>('POST', `/api/kiosks/${kiosk.kioskId}/actions`, body);
        setKiosk(k);
        if (k.screen.id !== kiosk.screen.id || k.screen.error) {
          setValue('');
          setConfirmation('');
        }
        setLastTry(k.screen.notice?.code === 'PIN_LAST_TRY');
      } catch (e) {
        setError(toApiError(e));
      } finally {
        setBusy(false);
      }
    },
    [kiosk],
  );

  const leave = () => {
    sessionStorage.removeItem(KEY);
    setKiosk(null);
    setError(null);
  };

  if (!kiosk)
    return (
      <Stack>
        <Title order={2}>{t('reset.kiosk.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('reset.kiosk.lead')}
        </Text>
        <Group justify="space-between" align="end">
          <TextInput
            label={t('reset.kiosk.storeId')}
            placeholder="store-1"
            value={storeId}
            onChange={(e) => setStoreId(e.currentTarget.value)}
            w={300}
          />
          {now && (
            <Text size="sm" data-testid="kiosk-time">
              {jst(now)} JST · {t('reset.kiosk.hours', { open: '06:30', close: '23:00' })}
            </Text>
          )}
        </Group>
        <Title order={4}>{t('reset.kiosk.chooseStore')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {chains.map((c) => (
            <Card
              key={c.id}
              withBorder
              padding="lg"
              radius="md"
              component="button"
              onClick={() => walkUp(c.id)}
              data-testid={`kiosk-chain-${c.id}`}
              style={{ cursor: 'pointer', textAlign: 'left' }}
            >
              <Text fw={700} size="lg">
                {c.nameJa}
              </Text>
              <Text size="sm" c="dimmed">
                {c.nameEn}
              </Text>
              <Group gap={4} mt="sm">
                {c.resets.map((p) => (
                  <Badge key={p} variant="light" color={p === 'sign' ? 'indigo' : 'teal'}>
                    {t(`reset.pin.${p}Short`)}
                  </Badge>
                ))}
                {c.someStoresOnly && (
                  <Badge variant="outline" color="gray">
                    {t('reset.kiosk.someStores')}
                  </Badge>
                )}
              </Group>
            </Card>
          ))}
        </SimpleGrid>
        <ErrorAlert error={error} testId="kiosk-api-error" />
      </Stack>
    );

  const s = kiosk.screen;
  const pin = s.pin;
  const otherPin = pin === 'sign' ? 'auth' : 'sign';
  const time = now ?? kiosk.now;
  const big = (x: { ja: string; en: string }) => (
    <>
      <Text size="xl" fw={700} lh={1.5}>
        {x.ja}
      </Text>
      <Text size="sm" c="dimmed">
        {x.en}
      </Text>
    </>
  );

  let buttons: ReactNode = null;
  switch (s.id) {
    case 'K1':
      buttons = (
        <SimpleGrid cols={3}>
          <Touch disabled ja={t('reset.kiosk.copy')} />
          <Touch disabled ja={t('reset.kiosk.print')} />
          <Touch
            ja="行政サービス"
            en="Administrative services"
            onClick={() => act({ action: 'administrative-services' })}
            testId="kiosk-administrative-services"
          />
          <Touch disabled ja={t('reset.kiosk.photo')} />
          <Touch disabled ja={t('reset.kiosk.tickets')} />
          <Touch disabled ja={t('reset.kiosk.fax')} />
        </SimpleGrid>
      );
      break;
    case 'K2':
      buttons =
        s.menu === 'services' ? (
          <SimpleGrid cols={2}>
            <Touch disabled ja={t('reset.kiosk.certificates')} />
            <Touch
              ja="マイナンバーカードのパスワード再設定"
              en="Reset a My Number Card password"
              onClick={() => act({ action: 'password-reset' })}
              testId="kiosk-password-reset"
            />
          </SimpleGrid>
        ) : (
          <SimpleGrid cols={2}>
            <Touch
              ja="署名用パスワードの初期化・再設定"
              en="Reset the signature password"
              onClick={() => act({ action: 'choose-pin', pin: 'sign' })}
              testId="kiosk-choose-sign"
            />
            <Touch
              ja="利用者証明用パスワードの初期化・再設定"
              en="Reset the user-authentication PIN"
              onClick={() => act({ action: 'choose-pin', pin: 'auth' })}
              testId="kiosk-choose-auth"
            />
          </SimpleGrid>
        );
      break;
    case 'K3':
      buttons = (
        <Group grow>
          <Touch
            color="gray"
            ja="戻る"
            en="Back"
            onClick={() => act({ action: 'home' })}
            testId="kiosk-home"
          />
          <Touch ja="同意する" en="Agree" onClick={() => act({ action: 'agree' })} testId="kiosk-agree" />
        </Group>
      );
      break;
    case 'K4':
      buttons = (
        <Group grow>
          <Touch
            color="gray"
            ja="やめる"
            en="Cancel"
            onClick={() => act({ action: 'home' })}
            testId="kiosk-home"
          />
        </Group>
      );
      break;
    case 'K5':
      buttons = (
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
              color="gray"
              ja="やめる（カードを取る）"
              en="Cancel and take the card"
              onClick={() => act({ action: 'remove-card' })}
              testId="kiosk-abandon"
            />
            <Touch
              ja={lastTry ? '最後の1回として確定' : '確定'}
              en={lastTry ? 'Use the last try' : 'OK'}
              color={lastTry ? 'orange' : 'teal'}
              disabled={value.length < (otherPin === 'auth' ? 4 : 6) || busy}
              onClick={() =>
                act({ action: 'other-pin', value, ...(lastTry ? { confirmLastTry: true } : {}) })
              }
              testId="kiosk-other-pin-submit"
            />
          </Group>
        </Stack>
      );
      break;
    case 'K6':
      buttons = (
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
              color="gray"
              ja="やめる（カードを取る）"
              en="Cancel and take the card"
              onClick={() => act({ action: 'remove-card' })}
              testId="kiosk-abandon"
            />
            <Touch
              ja="確定"
              en="OK"
              disabled={!value || !confirmation || busy}
              onClick={() => act({ action: 'new-pin', value, confirmation })}
              testId="kiosk-new-pin-submit"
            />
          </Group>
        </Stack>
      );
      break;
    case 'K7':
    case 'ERROR':
      buttons =
        s.card !== 'none' ? (
          <Touch
            color="orange"
            ja="カードを取る"
            en="Take your card"
            onClick={() => act({ action: 'remove-card' })}
            testId="kiosk-remove-card"
          />
        ) : (
          <Touch
            color="gray"
            ja="トップへ"
            en="Top menu"
            onClick={() => act({ action: 'home' })}
            testId="kiosk-home"
          />
        );
      break;
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('reset.kiosk.title')}</Title>
        <Button variant="subtle" onClick={leave} data-testid="kiosk-leave">
          {t('reset.kiosk.leave')}
        </Button>
      </Group>
      <Group align="stretch" gap="lg" wrap="nowrap">
        <Paper
          radius="lg"
          p="md"
          style={{ background: 'linear-gradient(#4a515c, #2f343b)', flex: 1, maxWidth: 920 }}
          data-testid="kiosk"
          data-screen={s.id}
        >
          <Group justify="space-between" px="xs" pb="xs">
            <Text c="white" fw={700}>
              {kiosk.chain.nameJa} <small style={{ opacity: 0.7 }}>{kiosk.chain.nameEn}</small> ·{' '}
              {kiosk.storeId}
            </Text>
            <Group gap="xs">
              <Badge color={kiosk.inService ? 'green' : 'red'} variant="filled">
                {kiosk.inService ? t('reset.kiosk.inService') : t('reset.kiosk.closed')}
              </Badge>
              <Text c="white" size="sm" data-testid="kiosk-time">
                {jst(time)} JST
              </Text>
            </Group>
          </Group>
          <Paper radius="md" p="lg" mih={460} style={{ background: '#fbfcfe', border: '6px solid #1b1e22' }}>
            <Group justify="space-between" mb="md">
              <Badge size="lg" color={s.id === 'ERROR' ? 'red' : 'teal'} data-testid="kiosk-screen-id">
                {s.id === 'ERROR' ? (s.error?.id ?? 'E0') : s.id}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('reset.kiosk.hours', { open: kiosk.hours.open, close: kiosk.hours.close })} ·{' '}
                {t('reset.kiosk.fee', { yen: s.feeYen })}
              </Text>
            </Group>
            <Box
              p="sm"
              mb="md"
              style={{ background: s.id === 'ERROR' ? '#c92a2a' : '#0b7285', borderRadius: 8 }}
            >
              <Text c="white" fw={700} size="xl" data-testid="kiosk-title">
                {s.title.ja}
              </Text>
              <Text c="white" size="sm" style={{ opacity: 0.85 }}>
                {s.title.en}
              </Text>
            </Box>
            <Stack gap="md">
              <Box data-testid={s.id === 'ERROR' ? 'kiosk-error' : 'kiosk-body'} data-code={s.error?.code}>
                {big(s.body)}
              </Box>
              {s.error && s.id !== 'ERROR' && (
                <Alert
                  color="red"
                  data-testid="kiosk-inline-error"
                  data-code={s.error.code}
                  title={s.error.id}
                >
                  <Text fw={600}>{s.error.ja}</Text>
                  <Text size="sm" c="dimmed">
                    {s.error.en}
                  </Text>
                </Alert>
              )}
              {s.notice && (
                <Alert color="orange" data-testid="kiosk-notice" data-code={s.notice.code}>
                  <Text fw={600}>{s.notice.ja}</Text>
                  <Text size="sm" c="dimmed">
                    {s.notice.en}
                  </Text>
                </Alert>
              )}
              {buttons}
            </Stack>
          </Paper>
        </Paper>

        <Card withBorder w={280} data-testid="kiosk-reader">
          <Title order={5}>{t('reset.kiosk.reader')}</Title>
          <Box
            my="md"
            h={110}
            style={{
              borderRadius: 10,
              border: '3px solid #868e96',
              background: s.card === 'inserted' ? '#d3f9d8' : s.card === 'returned' ? '#fff3bf' : '#f1f3f5',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
            }}
          >
            <Text fw={700} data-testid="kiosk-card-state" data-state={s.card}>
              {t(`reset.kiosk.card.${s.card}`)}
            </Text>
          </Box>
          {s.id === 'K4' && (
            <Stack gap="xs">
              <Select
                label={t('reset.kiosk.yourCard')}
                placeholder={t('reset.common.chooseCard')}
                data={cardOptions(cards, t)}
                value={cardId}
                onChange={setCardId}
                data-testid="kiosk-card-select"
              />
              <Button
                disabled={!cardId || busy}
                onClick={() => act({ action: 'place-card', cardId })}
                data-testid="kiosk-place-card"
              >
                {t('reset.kiosk.place')}
              </Button>
            </Stack>
          )}
          <Text size="xs" c="dimmed" mt="md">
            {t('reset.kiosk.terminal')}: {kiosk.terminal}
          </Text>
          <Text size="xs" c="dimmed">
            {t('reset.kiosk.offers')}: {kiosk.offers.map((p) => t(`reset.pin.${p}Short`)).join('・') || '—'}
          </Text>
        </Card>
      </Group>
      <ErrorAlert error={error} testId="kiosk-api-error" />
    </Stack>
  );
}

registerPage({ id: 'kiosk', component: KioskPage });
