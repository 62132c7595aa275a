import { Alert, Badge, Button, Card, Group, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { client, unwrap } from '../../api/client.js';
import { keys, useCards } from '../../api/queries.js';
import type { CounterInfo, Procedure } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useText } from '../../i18n/index.js';
import { go } from '../../route.js';
import { useCounterAction } from './session.js';
import { ActionStep, IdentityStep, LetterStep, type StepPath } from './steps.js';

/** The phase of the stepper: reception, identity, (the agent's letter,) action. */
function phaseOf(p: Procedure): number {
  const agent = p.applicant.role === 'voluntary-agent';
  if (p.status === 'open') return 1;
  if (p.status === 'awaiting-answer') return 2;
  if (p.status === 'ready') return agent ? 3 : 2;
  return agent ? 4 : 3;
}

/**
 * An open procedure at the window: identity (face vs card photo, photo ID; proof of authority; a
 * voluntary agent's letter and second visit), then the action (new PINs, PIN change, lifting a
 * suspension, face-authentication switches, a new signature certificate). Every button is busy
 * while its request runs.
 */
export function ProcedureCard(props: {
  procedure: Procedure;
  info: CounterInfo | undefined;
  onChange: (p: Procedure) => void;
  onClose: () => void;
}) {
  const { t, lang } = useText();
  const ja = lang === 'ja';
  const p = props.procedure;
  const info = props.info;
  const cards = useCards();
  const card = cards.data?.find((c) => c.id === p.cardId);
  const agent = p.applicant.role === 'voluntary-agent';
  const phase = phaseOf(p);
  const [released, setReleased] = useState<string[] | null>(null);

  const step = useCounterAction(
    ({ path, body }: { path: StepPath; body: object }) =>
      unwrap(
        client.POST(`/api/counter/procedures/{id}/${path}` as '/api/counter/procedures/{id}/identity', {
          params: { path: { id: p.id } },
          body: body as never,
        }),
      ),
    {
      invalidate: [keys.cards],
      onSuccess: (out) => {
        const o = out as unknown as { procedure: Procedure; released?: string[] };
        if (o.released) setReleased(o.released);
        props.onChange(o.procedure);
      },
    },
  );
  const refresh = useCounterAction(
    () => unwrap(client.GET('/api/counter/procedures/{id}', { params: { path: { id: p.id } } })),
    { onSuccess: props.onChange },
  );
  const result = released;

  return (
    <Card withBorder data-testid="counter-procedure" data-status={p.status}>
      <Group justify="space-between">
        <div>
          <Title order={4}>
            {t(`reset.counter.kinds.${p.kind}`)} — {p.holder.name}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`reset.counter.roles.${p.applicant.role}`)}
            {p.applicant.name ? `: ${p.applicant.name}` : ''}
            {p.pins.length > 0 ? ` · ${p.pins.map((x) => t(`pin.${x}`)).join(ja ? '、' : ', ')}` : ''}
          </Text>
        </div>
        <Badge size="lg" data-testid="counter-status">
          {t(`reset.counter.status.${p.status}`)}
        </Badge>
      </Group>

      <Stepper active={phase} size="sm" mt="md" mb="md" data-testid="counter-stepper">
        {(agent ? ['reception', 'identity', 'letter', 'action'] : ['reception', 'identity', 'action']).map(
          (x) => (
            <Stepper.Step key={x} label={t(`reset.counter.phase.${x}`)} />
          ),
        )}
      </Stepper>

      {p.checks.length > 0 && (
        <Text size="xs" c="dimmed" mb="sm">
          {t('reset.counter.checks')}:{' '}
          {[...new Set(p.checks.map((c) => t(`reset.counter.check.${c.split(':')[0]}`)))].join(
            ja ? '、' : ', ',
          )}
        </Text>
      )}

      {p.status === 'open' && <IdentityStep p={p} step={step} info={info} />}
      {p.status === 'awaiting-answer' && <LetterStep p={p} step={step} />}
      {p.status === 'ready' && <ActionStep p={p} step={step} />}
      {p.status === 'completed' && (
        <Alert color="green" title={t('reset.counter.done')} data-testid="counter-done">
          <Text size="sm">{t(`reset.counter.doneLead.${p.kind}`)}</Text>
          {result && result.length > 0 && (
            <Text size="sm" mt={4}>
              {t('reset.counter.released')}: {result.map((k) => t(`cert.${k}`)).join(ja ? '、' : ', ')}
            </Text>
          )}
        </Alert>
      )}
      {p.status === 'cancelled' && (
        <Alert color="gray" title={t('reset.counter.status.cancelled')} data-testid="counter-cancelled" />
      )}

      <ErrorAlert error={step.error ?? refresh.error} testId="counter-error" />
      <Group mt="md">
        {(p.status === 'completed' || p.status === 'cancelled') && (
          <>
            <Button onClick={props.onClose} data-testid="counter-new-procedure">
              {t('reset.counter.newProcedure')}
            </Button>
            <Button variant="light" onClick={() => go(`cards/${p.cardId}`)} data-testid="counter-see-card">
              {t('reset.counter.seeCard', { name: card?.holder ?? p.holder.name })}
            </Button>
          </>
        )}
        {(p.status === 'open' || p.status === 'awaiting-answer' || p.status === 'ready') && (
          <>
            <Button variant="default" loading={refresh.busy} onClick={() => refresh.run()}>
              {t('reset.counter.refresh')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              loading={step.busy}
              onClick={() => step.run({ path: 'cancel', body: {} })}
              data-testid="counter-cancel"
            >
              {t('reset.counter.cancel')}
            </Button>
          </>
        )}
      </Group>
    </Card>
  );
}
