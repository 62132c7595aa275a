import { Badge, Table } from '@mantine/core';
import type { CardDetail } from '../../api/types.js';
import { useText } from '../../i18n/index.js';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

type Row = Omit<CardDetail['certificates'][number], 'generation'> & { generation?: number | null };

/** The card's certificates, with column headers and the CA generation that signed each. */
export function CertificateTable({ certificates }: { certificates: readonly Row[] }) {
  const { t } = useText();
  // Phone certificates (PhoneSection) carry no generation: no column for them.
  const generations = certificates.some((c) => c.generation !== undefined);
  return (
    <Table.ScrollContainer minWidth={340}>
      <Table horizontalSpacing="xs" data-testid="certificates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('certTable.kind')}</Table.Th>
            <Table.Th>{t('certTable.status')}</Table.Th>
            {generations && <Table.Th>{t('authority.certGeneration')}</Table.Th>}
            <Table.Th>{t('certTable.notAfter')}</Table.Th>
            <Table.Th>{t('certTable.serial')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {certificates.map((c) => (
            <Table.Tr key={`${c.kind}-${c.serialHex}`}>
              <Table.Td>{t(`cert.${c.kind}`)}</Table.Td>
              <Table.Td style={NOWRAP}>
                <Badge miw="max-content" color={c.status === 'good' && !c.expired ? 'green' : 'red'}>
                  {c.expired ? t('cert.expired') : t(`cert.${c.status}`)}
                </Badge>
              </Table.Td>
              {generations && (
                <Table.Td
                  style={NOWRAP}
                  data-testid={`cert-generation-${c.kind}`}
                  data-generation={c.generation ?? ''}
                >
                  {typeof c.generation === 'number'
                    ? t('authority.generation', { n: c.generation })
                    : t('authority.unknownGeneration')}
                </Table.Td>
              )}
              <Table.Td style={NOWRAP}>{c.notAfter.slice(0, 10)}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{c.serialHex}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
