import { Anchor, Badge, Card, Group, Table, Text } from '@mantine/core';
import type { CaGeneration } from '../../api/types.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';

/** One CA generation: serial, validity in JST, key id, certificates it signed, its .cer and .crl. */
export function GenerationCard({ generation: g }: { generation: CaGeneration }) {
  const { t } = useText();
  const rows: [string, string, React.ReactNode][] = [
    ['serial', t('authority.serial'), g.serialHex],
    ['validity', t('authority.validity'), `${jst(g.notBefore)} – ${jst(g.notAfter)}`],
    [
      'key-id',
      t('authority.keyId'),
      <Text span ff="monospace" size="sm" key="k">
        {g.keyIdHex}
      </Text>,
    ],
    ['signed', t('authority.signed'), t('authority.signedCount', { count: g.certificates })],
  ];
  return (
    <Card
      withBorder
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
      <Table layout="fixed" verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([id, label, value]) => (
            <Table.Tr key={id}>
              <Table.Th w="38%" fw={500} c="dimmed" fz="sm">
                {label}
              </Table.Th>
              <Table.Td fz="sm" style={{ wordBreak: 'break-all' }} data-testid={`generation-${id}`}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
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
