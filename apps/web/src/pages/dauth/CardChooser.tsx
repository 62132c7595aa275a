import { Button, Card, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardSummary } from './types.js';

/** "Hold the card to the phone": the holder picks one of the sandbox's virtual cards. */
export function CardChooser({
  cards,
  busy,
  loading,
  initial,
  onRead,
}: {
  cards: CardSummary[];
  busy: boolean;
  loading: boolean;
  initial?: string;
  onRead: (cardId: string) => void;
}) {
  const { t } = useTranslation();
  const [cardId, setCardId] = useState<string | null>(initial ?? null);
  return (
    <Card withBorder padding="sm" data-testid="dauth-card-chooser">
      <Stack gap="xs">
        <Title order={5}>{t('dauth.card.title')}</Title>
        <Text size="sm">{t('dauth.card.hint')}</Text>
        <Select
          label={t('dauth.card.select')}
          value={cardId}
          onChange={setCardId}
          data={cards.map((c) => ({ value: c.id, label: `${c.holder ?? c.id} (${c.serial})` }))}
          comboboxProps={{ zIndex: 400 }}
          data-testid="dauth-card"
        />
        <Button
          onClick={() => cardId && onRead(cardId)}
          disabled={!cardId || busy}
          loading={loading}
          data-testid="dauth-read-card"
        >
          {t('dauth.card.read')}
        </Button>
      </Stack>
    </Card>
  );
}
