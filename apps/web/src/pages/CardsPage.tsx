import { Badge, Button, Card, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import {
  ATR_PROFILE_NAMES,
  ATR_PROFILES,
  type AtrProfileName,
  DEFAULT_ATR_PROFILE,
  isAtrProfileName,
} from '@myna/card/facts';
import { useState } from 'react';
import { client, toApiError, unwrap } from '../api/client.js';
import { keys, useAction, useCards } from '../api/queries.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useText } from '../i18n/index.js';
import { go } from '../route.js';

/** The sandbox's cards, and a form to issue one. */
export function CardsPage() {
  const { t } = useText();
  const cards = useCards();
  return (
    <Stack>
      <Title order={2}>{t('cards.title')}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover data-testid="cards" style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cards.holder')}</Table.Th>
              <Table.Th>{t('cards.kind')}</Table.Th>
              <Table.Th>{t('cards.status')}</Table.Th>
              <Table.Th>{t('cards.serial')}</Table.Th>
              <Table.Th>{t('cards.expires')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(cards.data ?? []).map((c) => (
              <Table.Tr key={c.id} data-card={c.id}>
                <Table.Td>{c.holder}</Table.Td>
                <Table.Td>{t(`cards.${c.kind}`)}</Table.Td>
                <Table.Td>
                  <Badge color={c.status === 'active' ? 'green' : 'red'}>{t(`cards.${c.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{c.serial}</Table.Td>
                <Table.Td>{c.expiresOn}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => go(`cards/${c.id}`)}>
                    {t('cards.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ErrorAlert error={cards.error ? toApiError(cards.error) : null} testId="cards-error" />
      <IssueCard />
    </Stack>
  );
}

/** Issues a card (kind, holder's name); opens it when done. */
export function IssueCard() {
  const { t } = useText();
  const [kind, setKind] = useState<'adult' | 'under-15' | 'face-auth'>('adult');
  const [name, setName] = useState('');
  const [atr, setAtr] = useState<AtrProfileName>(DEFAULT_ATR_PROFILE);
  const issue = useAction(
    () =>
      unwrap(
        client.POST('/api/cards', {
          body: {
            kind,
            ...(name ? { holder: { name } } : {}),
            ...(atr !== DEFAULT_ATR_PROFILE ? { atr } : {}),
          },
        }),
      ),
    { invalidate: [keys.cards], onSuccess: (r) => go(`cards/${r.id}`) },
  );
  return (
    <Card withBorder>
      <Title order={4}>{t('cards.issue')}</Title>
      <Group align="end" mt="sm">
        <Select
          label={t('cards.kind')}
          value={kind}
          onChange={(v) => setKind((v as typeof kind) ?? 'adult')}
          allowDeselect={false}
          data={(['adult', 'under-15', 'face-auth'] as const).map((k) => ({
            value: k,
            label: t(`cards.${k}`),
          }))}
        />
        <Select
          label={t('cards.atr')}
          value={atr}
          onChange={(v) => setAtr(v && isAtrProfileName(v) ? v : DEFAULT_ATR_PROFILE)}
          allowDeselect={false}
          data-testid="issue-atr"
          data={ATR_PROFILE_NAMES.map((n) => ({
            value: n,
            label: `${n} (${ATR_PROFILES[n].protocol})`,
          }))}
        />
        <TextInput
          label={t('cards.holder')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          placeholder="山田　太郎"
        />
        <Button onClick={() => issue.run()} loading={issue.busy} data-testid="issue">
          {t('cards.issue')}
        </Button>
      </Group>
      <ErrorAlert error={issue.error} testId="issue-error" />
    </Card>
  );
}
