import { Alert, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client, unwrap } from '../api/client.js';
import { useAction, useClock } from '../api/queries.js';
import type { KioskAction, KioskView } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { jst } from '../i18n/format.js';
import { useText } from '../i18n/index.js';
import { CardReader } from './kiosk/CardReader.js';
import { KioskButtons } from './kiosk/KioskButtons.js';
import { StorePicker } from './kiosk/StorePicker.js';
import { registerPage } from './registry.js';

const KEY = 'myna.kiosk';

/**
 * The convenience-store kiosk (マルチコピー機, pin-lifecycle.md §3): choose a store chain, then
 * screens K1–K7 with big buttons, the card placed by choosing one of the sandbox's cards, masked
 * PIN entry, error screens E1–E7 with their texts. Sandbox time and service hours on top. Every
 * touch waits while a request of this kiosk runs.
 */
export function KioskPage() {
  const { t } = useText();
  const now = useClock().data?.now;
  const [kiosk, setKiosk] = useState<KioskView | null>(null);
  const [value, setValue] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [lastTry, setLastTry] = useState(false);
  // A kiosk this tab walked up to lives on in the store: come back to it after a reload.
  const [savedId] = useState(() => sessionStorage.getItem(KEY));
  const restore = useQuery({
    queryKey: ['kiosk', savedId],
    enabled: savedId !== null,
    queryFn: () => unwrap(client.GET('/api/kiosks/{kioskId}', { params: { path: { kioskId: savedId! } } })),
  });
  useEffect(() => {
    if (restore.data) setKiosk(restore.data);
    if (restore.error) sessionStorage.removeItem(KEY);
  }, [restore.data, restore.error]);

  const act = useAction(
    (body: KioskAction) =>
      unwrap(
        client.POST('/api/kiosks/{kioskId}/actions', { params: { path: { kioskId: kiosk!.kioskId } }, body }),
      ),
    {
      onSuccess: (k) => {
        if (k.screen.id !== kiosk?.screen.id || k.screen.error) {
          setValue('');
          setConfirmation('');
        }
        setLastTry(k.screen.notice?.code === 'PIN_LAST_TRY');
        setKiosk(k);
      },
    },
  );

  const leave = () => {
    sessionStorage.removeItem(KEY);
    setKiosk(null);
    act.reset();
  };

  if (!kiosk)
    return (
      <StorePicker
        onKiosk={(k) => {
          sessionStorage.setItem(KEY, k.kioskId);
          setKiosk(k);
        }}
      />
    );

  const s = kiosk.screen;
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

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('reset.kiosk.title')}</Title>
        <Button variant="subtle" onClick={leave} disabled={act.busy} data-testid="kiosk-leave">
          {t('reset.kiosk.leave')}
        </Button>
      </Group>
      <Group align="stretch" gap="lg" wrap="wrap">
        <Paper
          radius="lg"
          p="md"
          style={{
            background: 'linear-gradient(#4a515c, #2f343b)',
            flex: '1 1 320px',
            maxWidth: 920,
            minWidth: 0,
          }}
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
                {jst(time)}
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
              <KioskButtons
                screen={s}
                busy={act.busy}
                lastTry={lastTry}
                value={value}
                setValue={setValue}
                confirmation={confirmation}
                setConfirmation={setConfirmation}
                act={act.run}
              />
            </Stack>
          </Paper>
        </Paper>

        <CardReader
          kiosk={kiosk}
          busy={act.busy}
          onPlace={(cardId) => act.run({ action: 'place-card', cardId })}
        />
      </Group>
      <ErrorAlert error={act.error} testId="kiosk-api-error" />
    </Stack>
  );
}

registerPage({ id: 'kiosk', component: KioskPage });
