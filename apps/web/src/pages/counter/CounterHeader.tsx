import { Badge, Card, Group, Text } from '@mantine/core';
import type { CounterInfo } from '../../api/types.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';

/** The municipality, its office hours, sandbox time (JST) and whether the counter is open. */
export function CounterHeader({ info }: { info: CounterInfo | undefined }) {
  const { t, text } = useText();
  if (!info) return null;
  return (
    <Card withBorder>
      <Group justify="space-between">
        <div>
          <Text fw={700}>{text(info)}</Text>
          <Text size="sm" c="dimmed">
            {t('reset.counter.hours', {
              days: info.officeHours.weekdays.map((d) => t(`reset.counter.day.${d}`)).join('・'),
              open: info.officeHours.open,
              close: info.officeHours.close,
            })}
          </Text>
        </div>
        <Group>
          <Text size="sm" data-testid="counter-time">
            {jst(info.now)}
          </Text>
          <Badge
            color={info.open ? 'green' : 'red'}
            size="lg"
            data-testid="counter-open"
            data-open={info.open}
          >
            {info.open ? t('reset.counter.open') : t('reset.counter.closed')}
          </Badge>
        </Group>
      </Group>
    </Card>
  );
}
