import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PinName, PinView } from './types.js';

/** The tries left of each PIN this request needs, as read from the card (no try spent). */
export function PinStatusList({
  pins,
  needed,
}: {
  pins: Partial<Record<PinName, PinView>>;
  needed: PinName[];
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="dauth-pins">
      {needed.map((p) => {
        const s = pins[p];
        if (!s) return null;
        const label = !s.set
          ? t('dauth.pin.notSet')
          : s.blocked
            ? t('dauth.pin.locked')
            : t('dauth.pin.left', { n: s.triesLeft, max: s.maxTries });
        const color = !s.set || s.blocked ? 'red' : s.triesLeft === 1 ? 'orange' : 'green';
        return (
          <Group
            key={p}
            justify="space-between"
            wrap="nowrap"
            data-testid={`dauth-pin-${p}`}
            data-tries={s.set ? s.triesLeft : ''}
          >
            <Text size="sm">{t(`dauth.pin.short.${p}`)}</Text>
            <Badge color={color} variant="light">
              {label}
            </Badge>
          </Group>
        );
      })}
    </Stack>
  );
}
