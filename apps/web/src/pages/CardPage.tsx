import { Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { client, unwrap } from '../api/client.js';
import { subscribeEvents } from '../api/events.js';
import { keys, useCard } from '../api/queries.js';
import { useText } from '../i18n/index.js';
import { go } from '../route.js';
import { CardTimeline } from './card/CardTimeline.js';
import { CertificateTable } from './card/CertificateTable.js';
import { PhoneSection } from './card/PhoneSection.js';
import { PinGauge } from './card/PinGauge.js';
import { LostCardButton } from './LostCardButton.js';

const PINS = ['auth', 'sign', 'kenhojo', 'juki', 'common'] as const;

/** A card: live tries-left gauges per PIN (read from the chip), certificates, and the timeline. */
export function CardPage({ id }: { id: string }) {
  const { t } = useText();
  const qc = useQueryClient();
  const detail = useCard(id);
  const timeline = useQuery({
    queryKey: keys.timeline(id),
    queryFn: () => unwrap(client.GET('/api/cards/{id}/timeline', { params: { path: { id } } })),
  });
  // The event stream says when something happened to the card: read it again.
  useEffect(
    () =>
      subscribeEvents((e) => {
        if (e.type === 'pin.checked' && e.terminal === 'console:inspection') return;
        void qc.invalidateQueries({ queryKey: keys.timeline(id) });
        if (e.type !== 'pin.checked') void qc.invalidateQueries({ queryKey: keys.card(id) });
      }, id),
    [id, qc],
  );
  const d = detail.data;
  if (!d) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>
          {d.card.holder}{' '}
          <Text span c="dimmed">
            ({t(`cards.${d.card.kind}`)})
          </Text>
        </Title>
        <Button variant="subtle" onClick={() => go('cards')}>
          {t('cards.back')}
        </Button>
      </Group>
      <Group>
        <Badge color={d.card.status === 'active' ? 'green' : 'red'} data-testid="card-status">
          {t(`cards.${d.card.status}`)}
        </Badge>
        <Text size="sm">
          {t('cards.serial')} {d.card.serial} · {t('cards.expires')} {d.card.expiresOn}
        </Text>
        <Text size="sm" c="dimmed" data-testid="card-atr">
          ATR {d.chip.atr} ({d.chip.atrProfile}, {d.chip.protocol})
        </Text>
        <LostCardButton cardId={id} status={d.card.status} />
      </Group>
      <Title order={4}>{t('cards.pins')}</Title>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {PINS.map((p) => (
          <PinGauge key={p} pin={p} status={d.pins[p]} />
        ))}
      </SimpleGrid>
      <Title order={4}>{t('cards.certificates')}</Title>
      <CertificateTable certificates={d.certificates} />
      <PhoneSection cardId={id} />
      <Group justify="space-between" align="baseline">
        <Title order={4}>{t('cards.timeline')}</Title>
        <Text size="xs" c="dimmed">
          {t('timeline.zone')}
        </Text>
      </Group>
      <CardTimeline entries={timeline.data ?? []} />
    </Stack>
  );
}
