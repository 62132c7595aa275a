import { Alert, Badge, Button, Card, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, api, type CardSummary } from '../api.js';
import { go } from '../route.js';

export function CardsPage() {
  const { t, i18n } = useTranslation();
  const [cards, setCards] = useState<CardSummary[]>([]);
  const [kind, setKind] = useState<string>('adult');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api<CardSummary[]>('GET', '/api/cards').then(setCards), []);
  useEffect(() => {
    void load();
  }, [load]);
  const issue = async () => {
    setError(null);
    try {
      const r = await api<{ id: string }>('POST', '/api/cards', {
        kind,
        ...(name ? { holder: { name } } : {}),
      });
      await load();
      go(`cards/${r.id}`);
    } catch (e) {
      if (e instanceof ApiFailure) setError(i18n.language === 'ja' ? e.body.messageJa : e.body.message);
    }
  };
  return (
    <Stack>
      <Title order={2}>{t('cards.title')}</Title>
      <Table striped highlightOnHover data-testid="cards">
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
          {cards.map((c) => (
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
      <Card withBorder>
        <Title order={4}>{t('cards.issue')}</Title>
        <Group align="end" mt="sm">
          <Select
            label={t('cards.kind')}
            value={kind}
            onChange={(v) => setKind(v ?? 'adult')}
            data={['adult', 'under-15', 'face-auth'].map((k) => ({ value: k, label: t(`cards.${k}`) }))}
          />
          <TextInput
            label={t('cards.holder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            placeholder="山田　太郎"
          />
          <Button onClick={issue} data-testid="issue">
            {t('cards.issue')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" mt="sm">
            {error}
          </Alert>
        )}
      </Card>
    </Stack>
  );
}
