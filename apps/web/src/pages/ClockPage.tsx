import { Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../api/client.js';
import { keys, useAction, useClock } from '../api/queries.js';
import type { Body } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { jst } from '../i18n/format.js';
import { useText } from '../i18n/index.js';
import { registerPage } from './registry.js';

type ClockAction = Body<'/api/clock', 'post'>;

/** See and move sandbox time (reservations' 24 hours, kiosk hours, certificate expiry). */
export function ClockPage() {
  const { t } = useText();
  const qc = useQueryClient();
  const clock = useClock(1000);
  const [at, setAt] = useState('');
  const act = useAction((body: ClockAction) => unwrap(client.POST('/api/clock', { body })), {
    onSuccess: (c) => {
      qc.setQueryData(keys.clock, c);
    },
  });
  const c = clock.data;
  if (!c) return null;
  return (
    <Stack>
      <Title order={2}>{t('clock.title')}</Title>
      <Group>
        <Text size="xl" fw={700} data-testid="clock-now" data-at={c.now}>
          {jst(c.now, true)}
        </Text>
        <Badge color={c.frozen ? 'orange' : 'green'}>
          {c.frozen ? t('clock.frozen') : t('clock.running')}
        </Badge>
      </Group>
      <Group>
        <Button
          loading={act.busy}
          onClick={() => act.run({ action: c.frozen ? 'unfreeze' : 'freeze' })}
          data-testid="clock-freeze"
        >
          {c.frozen ? t('clock.unfreeze') : t('clock.freeze')}
        </Button>
        {(
          [
            ['minute', 60_000],
            ['hour', 3_600_000],
            ['day', 86_400_000],
          ] as const
        ).map(([label, ms]) => (
          <Button
            key={label}
            variant="light"
            disabled={act.busy}
            onClick={() => act.run({ action: 'advance', ms })}
            data-testid={`clock-${label}`}
          >
            {t(`clock.${label}`)}
          </Button>
        ))}
        <Button
          variant="default"
          disabled={act.busy}
          onClick={() => act.run({ action: 'real-time' })}
          data-testid="clock-real-time"
        >
          {t('clock.realTime')}
        </Button>
      </Group>
      <Group align="end">
        <TextInput
          label={t('clock.set')}
          placeholder="2026-12-01T06:30:00+09:00"
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
          data-testid="clock-at"
        />
        <Button
          onClick={() => act.run({ action: 'set', at })}
          disabled={!at}
          loading={act.busy}
          data-testid="clock-set"
        >
          {t('clock.set')}
        </Button>
      </Group>
      <ErrorAlert error={act.error} testId="clock-error" />
    </Stack>
  );
}

registerPage({ id: 'clock', component: ClockPage });
