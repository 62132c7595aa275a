import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CaGeneration } from '../../api/types.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';

/** A label over its value: fits a phone's width as well as a column of a wide screen. */
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-all' }} data-testid={`generation-${id}`}>
        {children}
      </Text>
    </div>
  );
}

/** One CA generation: serial, validity in JST, key id, certificates it signed, its .cer and .crl. */
export function GenerationCard({ generation: g }: { generation: CaGeneration }) {
  const { t } = useText();
  return (
    <Card
      withBorder
      padding="sm"
      data-testid={`generation-${g.kind}-${g.generation}`}
      data-current={g.current}
      data-certificates={g.certificates}
    >
      <Group justify="space-between" mb="xs">
        <Text fw={700}>{t('authority.generation', { n: g.generation })}</Text>
        {g.current && (
          <Badge color="green" data-testid={`generation-${g.kind}-current`}>
            {t('authority.current')}
          </Badge>
        )}
      </Group>
      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="xs">
          <Field id="serial" label={t('authority.serial')}>
            {g.serialHex}
          </Field>
          <Field id="signed" label={t('authority.signed')}>
            {t('authority.signedCount', { count: g.certificates })}
          </Field>
        </SimpleGrid>
        <Field id="validity" label={t('authority.validity')}>
          {/* Each instant on one line: the range breaks between them, never inside a time. */}
          <Text span inherit style={{ whiteSpace: 'nowrap' }}>
            {jst(g.notBefore)} –
          </Text>{' '}
          <Text span inherit style={{ whiteSpace: 'nowrap' }}>
            {jst(g.notAfter)}
          </Text>
        </Field>
        <Field id="key-id" label={t('authority.keyId')}>
          <Text span inherit ff="monospace">
            {g.keyIdHex}
          </Text>
        </Field>
      </Stack>
      <Group mt="sm" gap="md">
        <Anchor href={g.caUrl} download size="sm" data-testid="generation-cer">
          {t('authority.downloadCert')}
        </Anchor>
        <Anchor href={g.crlUrl} download size="sm" data-testid="generation-crl">
          {t('authority.downloadCrl')}
        </Anchor>
      </Group>
    </Card>
  );
}
