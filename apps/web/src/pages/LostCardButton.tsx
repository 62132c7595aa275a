import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { client, unwrap } from '../api/client.js';
import { keys, useAction } from '../api/queries.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useText } from '../i18n/index.js';

/**
 * 紛失届: the holder calls the lost-card line (0120-95-0178). The card is suspended and its
 * certificates go on hold; the card page refreshes from the event stream. Only the counter lifts it.
 */
export function LostCardButton({ cardId, status }: { cardId: string; status: string }) {
  const { t } = useText();
  const [opened, setOpened] = useState(false);
  const report = useAction(
    () => unwrap(client.POST('/api/lost-card', { body: { cardId, reason: 'lost' } })),
    {
      invalidate: [keys.card(cardId), keys.cards],
      onSuccess: () => setOpened(false),
    },
  );
  if (status !== 'active') return null;
  return (
    <Popover opened={opened} onChange={setOpened} width={340} position="bottom-end" withArrow>
      <Popover.Target>
        <Button variant="light" color="red" onClick={() => setOpened((o) => !o)} data-testid="report-lost">
          {t('reset.lost.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('reset.lost.title')}
          </Text>
          <Text size="sm">{t('reset.lost.lead')}</Text>
          <ErrorAlert error={report.error} testId="report-lost-error" />
          <Group justify="end">
            <Button variant="default" size="xs" onClick={() => setOpened(false)}>
              {t('reset.common.stop')}
            </Button>
            <Button
              color="red"
              size="xs"
              loading={report.busy}
              onClick={() => report.run()}
              data-testid="report-lost-confirm"
            >
              {t('reset.lost.confirm')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
