import { Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { registerPage } from './registry.js';

interface ClockState {
  now: string;
  frozen: boolean;
}

/** See and move sandbox time (reservations' 24 hours, kiosk hours, certificate expiry). */
export function ClockPage() {
  const { t } = useTranslation();
  const [clock, setClock] = useState<ClockState | null>(null);
  const [at, setAt] = useState('');
  useEffect(() => {
    const load = () => api<ClockState>('GET', '/api/clock').then(setClock);
    void load();
    const timer = setInterval(load, 1000);
    return () => clearInterval(timer);
  }, []);
  const act = (body: object) => api<ClockState>('POST', '/api/clock', body).then(setClock);
  if (!clock) return null;
  const jst = new Date(clock.now).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });
  return (
    <Stack>
      <Title order={2}>{t('clock.title')}</Title>
      <Group>
        <Text size="xl" fw={700} data-testid="clock-now">
          {jst} JST
        </Text>
        <Badge color={clock.frozen ? 'orange' : 'green'}>
          {clock.frozen ? t('clock.frozen') : t('clock.running')}
        </Badge>
      </Group>
      <Group>
        <Button onClick={() => act({ action: clock.frozen ? 'unfreeze' : 'freeze' })}>
          {clock.frozen ? t('clock.unfreeze') : t('clock.freeze')}
        </Button>
        <Button variant="light" onClick={() => act({ action: 'advance', ms: 60_000 })}>
          {t('clock.minute')}
        </Button>
        <Button variant="light" onClick={() => act({ action: 'advance', ms: 3_600_000 })}>
          {t('clock.hour')}
        </Button>
        <Button variant="light" onClick={() => act({ action: 'advance', ms: 86_400_000 })}>
          {t('clock.day')}
        </Button>
      </Group>
      <Group align="end">
        <TextInput
          label={t('clock.set')}
          placeholder="2026-12-01T06:30:00+09:00"
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
        />
        <Button onClick={() => act({ action: 'set', at })} disabled={!at}>
          {t('clock.set')}
        </Button>
      </Group>
    </Stack>
  );
}

registerPage({ id: 'clock', component: ClockPage });
