import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import type { RpOutcome } from '../../api/types.js';
import { useText } from '../../i18n/index.js';
import { go } from '../../route.js';
import { ChainedTo } from './ChainedTo.js';

const FAILED = new Set(['pin-wrong', 'pin-locked', 'verification-failed']);

/**
 * A registration's outcome: the relying party's own message, and — the sandbox explaining —
 * in safe mode the support guide (it runs on arrival), in risky mode what the pre-ticked box did.
 */
export function RpOutcomeView(props: {
  outcome: RpOutcome;
  mode: 'risky' | 'safe';
  cardId: string;
  confirming: boolean;
  onConfirm: (pin: NonNullable<RpOutcome['pin']>) => void;
}) {
  const { t, text } = useText();
  const { outcome, mode, cardId } = props;
  const color =
    outcome.status === 'registered'
      ? 'green'
      : outcome.status === 'confirm-last-try' || outcome.status === 'needs-input'
        ? 'yellow'
        : 'red';
  return (
    <Stack>
      <Alert
        data-testid="rp-outcome"
        data-status={outcome.status}
        color={color}
        title={t(`rp.status.${outcome.status}`)}
      >
        <Text>{text(outcome.message)}</Text>
        {outcome.user && (
          <Text size="sm" mt="xs">
            {outcome.user.basicFour.name} · {outcome.user.basicFour.address} ·{' '}
            {outcome.user.basicFour.birthDate}
          </Text>
        )}
        {outcome.user?.certificate && <ChainedTo certificate={outcome.user.certificate} />}
        {outcome.warnings?.map((w) => (
          <Text key={w.id} size="sm" c="orange">
            {text(w)}
          </Text>
        ))}
        {outcome.status === 'confirm-last-try' && outcome.pin && (
          <Button
            mt="sm"
            color="orange"
            loading={props.confirming}
            onClick={() => props.onConfirm(outcome.pin!)}
            data-testid="rp-confirm"
          >
            {t('rp.confirm')}
          </Button>
        )}
        {outcome.supportGuide && (
          <Anchor
            mt="sm"
            display="block"
            onClick={() => go(`support/${cardId}`)}
            data-testid="rp-support-link"
          >
            {t('rp.support')}
          </Anchor>
        )}
      </Alert>
      {mode === 'risky' && FAILED.has(outcome.status) && (
        <Alert color="gray" variant="outline" title={t('rp.riskyHintTitle')} data-testid="rp-risky-hint">
          <Text size="sm">{outcome.pin === 'kenhojo' ? t('rp.riskyHint') : t('rp.riskyHintOther')}</Text>
          <Anchor mt="xs" display="block" onClick={() => go(`cards/${cardId}`)} data-testid="rp-see-card">
            {t('rp.seeCard')}
          </Anchor>
          <Anchor
            mt="xs"
            display="block"
            onClick={() => go(`support/${cardId}`)}
            data-testid="rp-risky-support"
          >
            {t('rp.support')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
