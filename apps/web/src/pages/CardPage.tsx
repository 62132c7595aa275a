import {
  Badge,
  Button,
  Card,
  Group,
  RingProgress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CardDetail, type CardEvent, subscribeEvents } from '../api.js';
import { go } from '../route.js';
import { LostCardButton } from './LostCardButton.js';

const PINS = ['auth', 'sign', 'kenhojo', 'juki', 'common'] as const;

/** A card: live tries-left gauges per PIN (read from the chip), certificates, and the event timeline. */
export function CardPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<CardDetail | null>(null);
  const [events, setEvents] = useState<CardEvent[]>([]);
  const refresh = useCallback(() => api<CardDetail>('GET', `/api/cards/${id}`).then(setDetail), [id]);
  useEffect(() => {
    void refresh();
    setEvents([]);
    return subscribeEvents((e) => {
      if (e.type === 'pin.checked' && e.terminal === 'console:inspection') return;
      setEvents((prev) => (prev.some((p) => p.seq === e.seq) ? prev : [...prev, e]));
      if (e.type !== 'pin.checked') void refresh();
    }, id);
  }, [id, refresh]);
  if (!detail) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>
          {detail.card.holder}{' '}
          <Text span c="dimmed">
            ({t(`cards.${detail.card.kind}`)})
          </Text>
        </Title>
        <Button variant="subtle" onClick={() => go('cards')}>
          {t('cards.back')}
        </Button>
      </Group>
      <Group>
        <Badge color={detail.card.status === 'active' ? 'green' : 'red'} data-testid="card-status">
          {t(`cards.${detail.card.status}`)}
        </Badge>
        <Text size="sm">
          {t('cards.serial')} {detail.card.serial} · {t('cards.expires')} {detail.card.expiresOn}
        </Text>
        <LostCardButton cardId={id} status={detail.card.status} />
      </Group>
      <Title order={4}>{t('cards.pins')}</Title>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {PINS.map((p) => {
          const s = detail.pins[p];
          const color = !s.set ? 'gray' : s.blocked ? 'red' : s.triesLeft === 1 ? 'orange' : 'green';
          return (
            <Card key={p} withBorder data-testid={`pin-${p}`} data-tries={s.set ? s.triesLeft : ''}>
              <Text size="sm" fw={600}>
                {t(`pin.${p}`)}
              </Text>
              <RingProgress
                size={90}
                thickness={9}
                sections={[{ value: s.set ? (100 * s.triesLeft) / s.maxTries : 0, color }]}
                label={
                  <Text ta="center" fw={700}>
                    {s.set ? `${s.triesLeft}/${s.maxTries}` : '—'}
                  </Text>
                }
              />
              <Text size="xs" c={color}>
                {!s.set
                  ? t('cards.notSet')
                  : s.blocked
                    ? t('cards.locked')
                    : s.triesLeft === 1
                      ? t('cards.oneLeft')
                      : t('cards.triesLeft', { n: s.triesLeft, max: s.maxTries })}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
      <Title order={4}>{t('cards.certificates')}</Title>
      <Table data-testid="certificates">
        <Table.Tbody>
          {detail.certificates.map((c) => (
            <Table.Tr key={`${c.kind}-${c.serialHex}`}>
              <Table.Td>{t(`cert.${c.kind}`)}</Table.Td>
              <Table.Td>
                <Badge color={c.status === 'good' && !c.expired ? 'green' : 'red'}>
                  {c.expired ? t('cert.expired') : t(`cert.${c.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{c.notAfter.slice(0, 10)}</Table.Td>
              <Table.Td>{c.serialHex}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4}>{t('cards.timeline')}</Title>
      {events.length === 0 ? (
        <Text c="dimmed">{t('cards.noEvents')}</Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
          {events.map((e) => (
            <Timeline.Item
              key={e.seq}
              color={e.type === 'pin.failed' || e.type === 'pin.blocked' ? 'red' : 'indigo'}
              title={t(`event.${e.type}`, { defaultValue: e.type })}
            >
              <Text size="sm" data-testid="event">
                {e.pin ? `${t(`pin.${e.pin}`, { defaultValue: e.pin })} · ` : ''}
                {e.triesLeft !== undefined ? `${e.triesLeft}/${e.maxTries} · ` : ''}
                <b>{e.terminal}</b>
              </Text>
              <Text size="xs" c="dimmed">
                {new Date(e.at).toLocaleString()}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}
