import { Badge, Table } from '@mantine/core';
import type { CardDetail } from '../../api/types.js';
import { useText } from '../../i18n/index.js';

/** The card's certificates, with column headers. */
export function CertificateTable({ certificates }: { certificates: CardDetail['certificates'] }) {
  const { t } = useText();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table data-testid="certificates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('certTable.kind')}</Table.Th>
            <Table.Th>{t('certTable.status')}</Table.Th>
            <Table.Th>{t('certTable.notAfter')}</Table.Th>
            <Table.Th>{t('certTable.serial')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {certificates.map((c) => (
            <Table.Tr key={`${c.kind}-${c.serialHex}`}>
              <Table.Td>{t(`cert.${c.kind}`)}</Table.Td>
              <Table.Td>
                <Badge color={c.status === 'good' && !c.expired ? 'green' : 'red'}>
                  {c.expired ? t('cert.expired') : t(`cert.${c.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{c.notAfter.slice(0, 10)}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{c.serialHex}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
