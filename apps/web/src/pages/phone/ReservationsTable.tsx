import { Badge, Button, Table, Text } from '@mantine/core';
import type { CertPin, Reservation } from '../../api/types.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';

/** A card's reservations, newest first, with a cancel button on the active ones. */
export function ReservationsTable(props: {
  cardId: string | null;
  reservations: Reservation[];
  cancelling: boolean;
  onCancel: (pin: CertPin) => void;
}) {
  const { t } = useText();
  if (!props.cardId) return <Text c="dimmed">{t('reset.common.chooseCard')}</Text>;
  if (props.reservations.length === 0) return <Text c="dimmed">{t('reset.phone.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table data-testid="phone-reservations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reset.phone.pinCol')}</Table.Th>
            <Table.Th>{t('reset.phone.statusCol')}</Table.Th>
            <Table.Th>{t('reset.phone.deadline')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...props.reservations].reverse().map((r) => (
            <Table.Tr key={r.id} data-status={r.expired ? 'expired' : r.status}>
              <Table.Td>{t(`reset.pin.${r.pin}`)}</Table.Td>
              <Table.Td>
                <Badge color={r.status === 'active' && !r.expired ? 'green' : 'gray'}>
                  {t(`reset.reservation.${r.expired ? 'expired' : r.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{jst(r.expiresAt)}</Table.Td>
              <Table.Td>
                {r.status === 'active' && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={props.cancelling}
                    onClick={() => props.onCancel(r.pin)}
                  >
                    {t('reset.phone.cancelShort')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
