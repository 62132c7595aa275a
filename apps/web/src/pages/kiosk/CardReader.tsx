import { Box, Button, Card, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useCards } from '../../api/queries.js';
import type { KioskView } from '../../api/types.js';
import { cardOptions } from '../../components/cards.js';
import { useText } from '../../i18n/index.js';

/** The kiosk's card reader: what lies on it, and (on K4) the sandbox's cards to place. */
export function CardReader({
  kiosk,
  busy,
  onPlace,
}: {
  kiosk: KioskView;
  busy: boolean;
  onPlace: (cardId: string) => void;
}) {
  const { t } = useText();
  const cards = useCards();
  const [cardId, setCardId] = useState<string | null>(null);
  const s = kiosk.screen;
  return (
    <Card withBorder w={280} maw="100%" data-testid="kiosk-reader">
      <Title order={5}>{t('reset.kiosk.reader')}</Title>
      <Box
        my="md"
        h={110}
        style={{
          borderRadius: 10,
          border: '3px solid #868e96',
          background: s.card === 'inserted' ? '#d3f9d8' : s.card === 'returned' ? '#fff3bf' : '#f1f3f5',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        <Text fw={700} data-testid="kiosk-card-state" data-state={s.card}>
          {t(`reset.kiosk.card.${s.card}`)}
        </Text>
      </Box>
      {s.id === 'K4' && (
        <Stack gap="xs">
          <Select
            label={t('reset.kiosk.yourCard')}
            placeholder={t('reset.common.chooseCard')}
            data={cardOptions(cards.data, t)}
            value={cardId}
            onChange={setCardId}
            data-testid="kiosk-card-select"
          />
          <Button
            disabled={!cardId}
            loading={busy}
            onClick={() => cardId && onPlace(cardId)}
            data-testid="kiosk-place-card"
          >
            {t('reset.kiosk.place')}
          </Button>
        </Stack>
      )}
      <Text size="xs" c="dimmed" mt="md">
        {t('reset.kiosk.terminal')}: {kiosk.terminal}
      </Text>
      <Text size="xs" c="dimmed">
        {t('reset.kiosk.offers')}: {kiosk.offers.map((p) => t(`reset.pin.${p}Short`)).join('・') || '—'}
      </Text>
    </Card>
  );
}
