import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { call } from '../reset-api.js';
import { ErrorAlert, toApiError } from '../reset-ui.js';

/**
 * 紛失届: the holder calls the lost-card line (0120-95-0178). The card is suspended and its
 * certificates go on hold; the card page refreshes from the event stream. Only the counter lifts it.
 */
export function LostCardButton({ cardId, status }: { cardId: string; status: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (status !== 'active') return null;
  const report = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('POST', '/api/lost-card', { cardId, reason: 'lost' });
      setOpened(false);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
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
          <ErrorAlert error={error} testId="report-lost-error" />
          <Group justify="end">
            <Button variant="default" size="xs" onClick={() => setOpened(false)}>
              {t('reset.common.stop')}
            </Button>
            <Button color="red" size="xs" loading={busy} onClick={report} data-testid="report-lost-confirm">
              {t('reset.lost.confirm')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
