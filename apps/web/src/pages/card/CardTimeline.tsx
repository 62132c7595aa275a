import { Text, Timeline } from '@mantine/core';
import type { TimelineEntry } from '../../api/types.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';

/** The console's own read of the chip (tries-left gauges) is not an event a person made. */
export const shown = (e: TimelineEntry) => !(e.type === 'pin.checked' && e.terminal === 'console:inspection');

/**
 * A card's timeline: PIN events from the card, and the procedure steps of every channel titled by
 * channel, step and outcome (done / refused, with the refusal in words). Times in JST.
 */
export function CardTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useText();
  const items = entries.filter(shown);
  if (items.length === 0) return <Text c="dimmed">{t('cards.noEvents')}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
      {items.map((e) => (
        <Timeline.Item
          key={JSON.stringify(e)}
          color={red(e) ? 'red' : 'indigo'}
          title={title(e, t)}
          data-testid="timeline-item"
          data-outcome={e.outcome ?? ''}
        >
          <Text size="sm" data-testid="event">
            {e.pin ? `${t(`pin.${e.pin}`, { defaultValue: e.pin })} · ` : ''}
            {e.triesLeft !== undefined && e.maxTries !== undefined ? `${e.triesLeft}/${e.maxTries} · ` : ''}
            {e.triesLeft !== undefined && e.maxTries === undefined
              ? `${t('errors.triesLeft', { count: e.triesLeft })} · `
              : ''}
            <b>{e.terminal}</b>
          </Text>
          <Text size="xs" c="dimmed">
            {jst(e.at, true)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

const red = (e: TimelineEntry) =>
  e.type === 'pin.failed' || e.type === 'pin.blocked' || e.outcome === 'refused' || e.outcome === 'error';

function title(e: TimelineEntry, t: ReturnType<typeof useText>['t']): string {
  const channel = t(`event.${e.type}`, { defaultValue: e.type });
  if (e.kind !== 'procedure' || !e.step) return channel;
  const step = t(`timeline.step.${e.step}`, { defaultValue: e.step });
  const outcome = t(`timeline.outcome.${e.outcome ?? 'ok'}`, { defaultValue: e.outcome ?? '' });
  return t('timeline.title', { channel, step, outcome });
}
