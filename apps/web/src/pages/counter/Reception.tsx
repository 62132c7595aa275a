import {
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { PROCEDURE_KINDS } from '@myna/services/reset/ports';
import { useState } from 'react';
import { client, unwrap } from '../../api/client.js';
import { useCards } from '../../api/queries.js';
import type { HolderPin, OpenProcedure, Procedure, ProcedureKind } from '../../api/types.js';
import { cardOptions } from '../../components/cards.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useText } from '../../i18n/index.js';
import { useCounterAction } from './session.js';

const KINDS: readonly ProcedureKind[] = PROCEDURE_KINDS;
const HOLDER_PINS: HolderPin[] = ['auth', 'sign', 'kenhojo', 'juki', 'common'];
type Role = OpenProcedure['applicant']['role'];

/**
 * Reception: the card, the procedure, the PINs it covers (none ticked: the clerk ticks what the
 * person asks for), and who came (the holder, a legal representative, a voluntary agent).
 */
export function Reception({ onOpened }: { onOpened: (p: Procedure) => void }) {
  const { t } = useText();
  const cards = useCards();
  const [cardId, setCardId] = useState<string | null>(null);
  const [kind, setKind] = useState<ProcedureKind>('pin-reset');
  const [pins, setPins] = useState<HolderPin[]>([]);
  const [role, setRole] = useState<Role>('holder');
  const [applicantName, setApplicantName] = useState('');
  const needsPins = kind === 'pin-reset' || kind === 'pin-change';
  const open = useCounterAction(
    () =>
      unwrap(
        client.POST('/api/counter/procedures', {
          body: {
            cardId: cardId!,
            kind,
            applicant: { role, ...(role !== 'holder' ? { name: applicantName } : {}) },
            ...(needsPins ? { pins } : {}),
          },
        }),
      ),
    { onSuccess: (p) => onOpened(p as Procedure) },
  );
  return (
    <Card withBorder>
      <Title order={4}>{t('reset.counter.reception')}</Title>
      <Stack gap="sm" mt="sm">
        <Group grow align="end">
          <Select
            label={t('reset.counter.card')}
            placeholder={t('reset.common.chooseCard')}
            data={cardOptions(cards.data, t)}
            value={cardId}
            onChange={setCardId}
            data-testid="counter-card"
          />
          <Select
            label={t('reset.counter.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`reset.counter.kinds.${k}`) }))}
            value={kind}
            onChange={(k) => {
              setKind((k as ProcedureKind) ?? 'pin-reset');
              setPins([]);
            }}
            allowDeselect={false}
            data-testid="counter-kind"
          />
        </Group>
        {needsPins && (
          <Checkbox.Group
            label={kind === 'pin-change' ? t('reset.counter.pinToChange') : t('reset.counter.pinsToReset')}
            value={pins}
            onChange={(v) =>
              setPins(
                (kind === 'pin-change'
                  ? v.filter((x) => !pins.includes(x as HolderPin)).slice(-1)
                  : v) as HolderPin[],
              )
            }
            data-testid="counter-pins"
          >
            <Group mt={6}>
              {HOLDER_PINS.map((x) => (
                <Checkbox key={x} value={x} label={t(`pin.${x}`)} data-testid={`counter-pin-${x}`} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <Text size="sm" fw={500}>
          {t('reset.counter.applicant')}
        </Text>
        <SegmentedControl
          value={role}
          transitionDuration={0}
          onChange={(v) => setRole(v as Role)}
          data={(['holder', 'legal-representative', 'voluntary-agent'] as const).map((r) => ({
            value: r,
            label: t(`reset.counter.roles.${r}`),
          }))}
          orientation="vertical"
          data-testid="counter-applicant"
        />
        {role !== 'holder' && (
          <TextInput
            label={t('reset.counter.applicantName')}
            value={applicantName}
            onChange={(e) => setApplicantName(e.currentTarget.value)}
            data-testid="counter-applicant-name"
          />
        )}
        <Group>
          <Button
            onClick={() => open.run()}
            disabled={!cardId || (needsPins && pins.length === 0)}
            loading={open.busy}
            data-testid="counter-open-procedure"
          >
            {t('reset.counter.openButton')}
          </Button>
        </Group>
        <ErrorAlert error={open.error} testId="counter-error" />
      </Stack>
    </Card>
  );
}
