import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { go } from '../../route.js';
import { useAuthorizations } from './client.js';
import { ErrorNotice } from './ErrorNotice.js';

/** The sandbox's pending authorizations, newest first: the app's inbox. */
export function PendingList() {
  const { t, i18n } = useTranslation();
  const list = useAuthorizations();
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'ja-JP');
  return (
    <Stack gap="sm" data-testid="dauth-list">
      <Title order={4}>{t('dauth.list.title')}</Title>
      <ErrorNotice error={list.error} />
      {list.data?.length === 0 && <Text size="sm">{t('dauth.list.empty')}</Text>}
      {list.data?.map((a) => (
        <Card key={a.uid} withBorder padding="sm" data-testid="dauth-pending" data-uid={a.uid}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Text fw={600}>{a.client.name}</Text>
              <Group gap={6}>
                <Badge size="sm" color={a.purpose === 'sign' ? 'grape' : 'indigo'}>
                  {t(`dauth.purpose.${a.purpose}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('dauth.list.until', { time: time(a.expiresAt) })}
                </Text>
              </Group>
            </Stack>
            <Button size="xs" onClick={() => go(`dauth/${a.uid}`)} data-testid="dauth-open">
              {t('dauth.list.open')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
