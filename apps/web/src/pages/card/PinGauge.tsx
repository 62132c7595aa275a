import { Card, RingProgress, Text } from '@mantine/core';
import type { PinStatus } from '../../api/types.js';
import { useText } from '../../i18n/index.js';

/** One PIN's tries left, read from the chip: a ring, `n/max`, and the state in words. */
export function PinGauge({ pin, status: s }: { pin: string; status: PinStatus }) {
  const { t } = useText();
  const color = !s.set ? 'gray' : s.blocked ? 'red' : s.triesLeft === 1 ? 'orange' : 'green';
  return (
    <Card withBorder data-testid={`pin-${pin}`} data-tries={s.set ? s.triesLeft : ''}>
      <Text size="sm" fw={600}>
        {t(`pin.${pin}`)}
      </Text>
      <RingProgress
        size={90}
        thickness={9}
        sections={[{ value: s.set ? (100 * s.triesLeft) / s.maxTries : 0, color }]}
        label={
          <Text ta="center" fw={700}>
            {s.set ? `${s.triesLeft}/${s.maxTries}` : '—'}
          </Text>
        }
      />
      <Text size="xs" c={color} data-testid={`pin-${pin}-words`}>
        {!s.set
          ? t('cards.notSet')
          : s.blocked
            ? t('cards.locked')
            : s.triesLeft === 1
              ? t('cards.oneLeft')
              : t('cards.triesLeft', { n: s.triesLeft, max: s.maxTries })}
      </Text>
    </Card>
  );
}
