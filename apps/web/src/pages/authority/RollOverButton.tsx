import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { client, unwrap } from '../../api/client.js';
import { keys, useAction } from '../../api/queries.js';
import type { CaGeneration } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useText } from '../../i18n/index.js';

/**
 * Rolls one hierarchy over to generation `next`, after a confirmation that says what it does:
 * new certificates are issued by the new generation, existing ones keep chaining to theirs.
 */
export function RollOverButton(props: {
  kind: 'auth' | 'sign';
  current: number;
  next: number;
  onRolled: (g: CaGeneration) => void;
}) {
  const { t } = useText();
  const [open, setOpen] = useState(false);
  const { kind, current, next } = props;
  const act = useAction(
    () => unwrap(client.POST('/api/authority/{kind}/rollover', { params: { path: { kind } } })),
    {
      onSuccess: (g) => {
        setOpen(false);
        props.onRolled(g);
      },
      invalidate: [keys.generations, keys.cards],
    },
  );
  const kindName = t(`cert.${kind}`);
  return (
    <>
      <Button
        variant="light"
        color="orange"
        onClick={() => {
          act.reset();
          setOpen(true);
        }}
        data-testid={`rollover-${kind}`}
      >
        {t('authority.rollOver')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('authority.confirmTitle', { kind: kindName, n: next })}
        data-testid="rollover-dialog"
      >
        <Stack>
          <Text size="sm">{t('authority.confirmBody')}</Text>
          <List size="sm" spacing="xs">
            <List.Item>{t('authority.confirmNew', { n: next })}</List.Item>
            <List.Item>{t('authority.confirmOld', { old: current })}</List.Item>
          </List>
          <Text size="sm" c="dimmed">
            {t('authority.confirmUndo')}
          </Text>
          <ErrorAlert error={act.error} testId="rollover-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} data-testid="rollover-cancel">
              {t('authority.cancel')}
            </Button>
            <Button
              color="orange"
              loading={act.busy}
              onClick={() => act.run()}
              data-testid="rollover-confirm"
            >
              {t('authority.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
