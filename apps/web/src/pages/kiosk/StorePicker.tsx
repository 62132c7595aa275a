import { Badge, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { client, unwrap } from '../../api/client.js';
import { useAction, useClock, useStoreChains } from '../../api/queries.js';
import type { Body, KioskView } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';

type Chain = Body<'/api/kiosks', 'post'>['chain'];

/** Before the kiosk: choose a store chain (and a store), sandbox time and service hours. */
export function StorePicker({ onKiosk }: { onKiosk: (k: KioskView) => void }) {
  const { t } = useText();
  const chains = useStoreChains();
  const now = useClock().data?.now;
  const [storeId, setStoreId] = useState('');
  const walkUp = useAction(
    (chain: string) =>
      unwrap(
        client.POST('/api/kiosks', { body: { chain: chain as Chain, ...(storeId ? { storeId } : {}) } }),
      ),
    { onSuccess: onKiosk },
  );
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
            {jst(now)} · {t('reset.kiosk.hours', { open: '06:30', close: '23:00' })}
          </Text>
        )}
      </Group>
      <Title order={4}>{t('reset.kiosk.chooseStore')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {(chains.data ?? []).map((c) => (
          <Card
            key={c.id}
            withBorder
            padding="lg"
            radius="md"
            component="button"
            onClick={() => walkUp.run(c.id)}
            disabled={walkUp.busy}
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
      <ErrorAlert error={walkUp.error} testId="kiosk-api-error" />
    </Stack>
  );
}
