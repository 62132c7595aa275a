import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { client, unwrap } from '../../api/client.js';
import { type Action, keys } from '../../api/queries.js';
import type { CounterInfo, Letter, Procedure } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';
import { PhotoIdFields, type PhotoIdKind, Secret } from './parts.js';
import { useCounterAction } from './session.js';

export type StepPath =
  | 'identity'
  | 'second-visit'
  | 'reset-pins'
  | 'change-pin'
  | 'lift-suspension'
  | 'switch-to-face-auth'
  | 'switch-from-face-auth'
  | 'issue-sign-certificate'
  | 'cancel';
export type StepAction = Action<{ path: StepPath; body: object }, unknown>;
interface StepProps {
  p: Procedure;
  step: StepAction;
}

/** The photo ID at the window, pre-filled with what the person in front of the clerk would show. */
function usePhotoId(p: Procedure) {
  return useState({
    kind: 'driver-license' as PhotoIdKind,
    name: p.applicant.role === 'holder' ? p.holder.name : (p.applicant.name ?? ''),
    birthDate: p.applicant.role === 'holder' ? p.holder.birthDate : '',
  });
}

/** Identity: face against the card photo (the holder), photo ID, proof of authority (a representative). */
export function IdentityStep({ p, step, info }: StepProps & { info: CounterInfo | undefined }) {
  const { t } = useText();
  const [face, setFace] = useState<'holder' | 'someone-else'>('holder');
  const [photoId, setPhotoId] = usePhotoId(p);
  const [proofKind, setProofKind] = useState<'family-register' | 'guardianship-registration'>(
    'family-register',
  );
  return (
    <Stack gap="sm" data-testid="counter-identity-form">
      <Title order={5}>{t('reset.counter.identityTitle')}</Title>
      {p.applicant.role === 'holder' && (
        <>
          <Text size="sm">{t('reset.counter.faceLead')}</Text>
          <SegmentedControl
            value={face}
            transitionDuration={0}
            onChange={(v) => setFace(v as typeof face)}
            data={[
              { value: 'holder', label: t('reset.face.holder') },
              { value: 'someone-else', label: t('reset.face.someoneElse') },
            ]}
            data-testid="counter-face"
          />
        </>
      )}
      {p.applicant.role === 'legal-representative' && (
        <Select
          label={t('reset.counter.proof')}
          data={(['family-register', 'guardianship-registration'] as const).map((k) => ({
            value: k,
            label: t(`reset.counter.proofKind.${k}`),
          }))}
          value={proofKind}
          onChange={(k) => setProofKind((k as typeof proofKind) ?? 'family-register')}
          allowDeselect={false}
        />
      )}
      {(info?.photoIdRequired || p.applicant.role !== 'holder') && (
        <PhotoIdFields value={photoId} onChange={setPhotoId} prefix="counter-photoid" />
      )}
      <Group>
        <Button
          loading={step.busy}
          data-testid="counter-identity"
          onClick={() =>
            step.run({
              path: 'identity',
              body: {
                ...(p.applicant.role === 'holder' ? { selfie: face } : {}),
                ...(info?.photoIdRequired || p.applicant.role !== 'holder' ? { photoId } : {}),
                ...(p.applicant.role === 'legal-representative'
                  ? {
                      proofOfAuthority: {
                        kind: proofKind,
                        holderName: p.holder.name,
                        representativeName: p.applicant.name ?? '',
                      },
                    }
                  : {}),
              },
            })
          }
        >
          {t('reset.counter.confirmIdentity')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A voluntary agent: the inquiry letter mailed to the holder, and the second visit with its answer code. */
export function LetterStep({ p, step }: StepProps) {
  const { t } = useText();
  const [photoId, setPhotoId] = usePhotoId(p);
  const [letters, setLetters] = useState<Letter[]>([]);
  const [answerCode, setAnswerCode] = useState('');
  const mailbox = useCounterAction(
    () =>
      unwrap(client.GET('/api/residents/{id}/mailbox', { params: { path: { id: p.holder.residentId } } })),
    { onSuccess: (all) => setLetters(all.filter((l) => l.procedureId === p.id)) },
  );
  const nextDay = useCounterAction(
    async () => {
      await unwrap(client.POST('/api/clock', { body: { action: 'advance', ms: 86_400_000 } }));
      // A login lasts 8 hours: a day later the staff member logs in again.
      await unwrap(client.GET('/api/counter/session'));
    },
    { invalidate: [keys.counter, keys.clock] },
  );
  return (
    <Stack gap="sm">
      <Alert color="blue" title={t('reset.counter.letterTitle')}>
        <Text size="sm">{t('reset.counter.letterLead')}</Text>
      </Alert>
      <Card withBorder bg="gray.0" data-testid="counter-mailbox">
        <Group justify="space-between">
          <Title order={5}>{t('reset.counter.mailbox', { name: p.holder.name })}</Title>
          <Button
            size="xs"
            variant="light"
            loading={mailbox.busy}
            onClick={() => mailbox.run()}
            data-testid="counter-open-mailbox"
          >
            {t('reset.counter.openMailbox')}
          </Button>
        </Group>
        {letters.map((l) => (
          <Stack key={l.id} gap={2} mt="sm">
            <Text size="sm" fw={600}>
              {t('reset.counter.letterKind')} · {l.doNotForward ? t('reset.counter.doNotForward') : ''}
            </Text>
            <Text size="xs">
              {l.addressee} 様 · {l.address} · {t('reset.counter.mailed')} {jst(l.mailedAt)}
            </Text>
            <Group gap="xs">
              <Text size="xs">{t('reset.counter.answerCode')}:</Text>
              <Code>••••-••••</Code>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setAnswerCode(l.answerCode)}
                data-testid="counter-bring-answer"
              >
                {t('reset.counter.bringAnswer')}
              </Button>
            </Group>
          </Stack>
        ))}
      </Card>
      <PhotoIdFields value={photoId} onChange={setPhotoId} prefix="counter-agent-id" />
      <Secret
        label={t('reset.counter.answerCode')}
        value={answerCode}
        onChange={setAnswerCode}
        testId="counter-answer-code"
        upper
      />
      <Group>
        <Button
          loading={step.busy}
          disabled={!answerCode}
          onClick={() => step.run({ path: 'second-visit', body: { answerCode, photoId } })}
          data-testid="counter-second-visit"
        >
          {t('reset.counter.secondVisit')}
        </Button>
        <Button
          variant="light"
          loading={nextDay.busy}
          onClick={() => nextDay.run()}
          data-testid="counter-next-day"
        >
          {t('reset.counter.nextDay')}
        </Button>
      </Group>
      <ErrorAlert error={mailbox.error ?? nextDay.error} testId="counter-error" />
    </Stack>
  );
}

/** The action the procedure is for, once identity is confirmed: new PINs, a change, a switch… */
export function ActionStep({ p, step }: StepProps) {
  const { t } = useText();
  const [values, setValues] = useState<Record<string, string>>({});
  const setValue = (k: string) => (v: string) => setValues((x) => ({ ...x, [k]: v }));
  return (
    <Stack gap="sm" data-testid="counter-action">
      <Title order={5}>{t(`reset.counter.action.${p.kind}`)}</Title>
      <Text size="sm" c="dimmed">
        {t(`reset.counter.actionLead.${p.kind}`)}
      </Text>
      {p.kind === 'pin-reset' && (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {p.pins.map((x) => (
            <Secret
              key={x}
              label={`${t(`pin.${x}`)}（${t(`reset.rule.${x === 'sign' ? 'sign' : 'auth'}`)}）`}
              value={values[x] ?? ''}
              onChange={setValue(x)}
              testId={`counter-new-${x}`}
              upper={x === 'sign'}
            />
          ))}
        </SimpleGrid>
      )}
      {p.kind === 'pin-change' && (
        <Group grow>
          <Secret
            label={t('reset.counter.current')}
            value={values.current ?? ''}
            onChange={setValue('current')}
            testId="counter-current"
            upper={p.pins[0] === 'sign'}
          />
          <Secret
            label={t('reset.counter.next')}
            value={values.next ?? ''}
            onChange={setValue('next')}
            testId="counter-next"
            upper={p.pins[0] === 'sign'}
          />
        </Group>
      )}
      {p.kind === 'lift-suspension' && (
        <Secret
          label={t('reset.counter.signPinOptional')}
          value={values.sign ?? ''}
          onChange={setValue('sign')}
          testId="counter-lift-sign"
          upper
        />
      )}
      {p.kind === 'from-face-auth' && (
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          {(['auth', 'kenhojo', 'juki', 'sign'] as const).map((x) => (
            <Secret
              key={x}
              label={t(`pin.${x}`)}
              value={values[x] ?? ''}
              onChange={setValue(x)}
              testId={`counter-new-${x}`}
              upper={x === 'sign'}
            />
          ))}
        </SimpleGrid>
      )}
      {p.kind === 'sign-certificate' && (
        <Secret
          label={t('reset.counter.newSignOptional')}
          value={values.sign ?? ''}
          onChange={setValue('sign')}
          testId="counter-new-sign"
          upper
        />
      )}
      <Group>
        <Button
          loading={step.busy}
          color={p.kind === 'to-face-auth' ? 'red' : undefined}
          data-testid="counter-do"
          onClick={() => {
            if (p.kind === 'pin-reset')
              step.run({
                path: 'reset-pins',
                body: {
                  pins: Object.fromEntries(p.pins.map((x) => [x, values[x] ?? ''])),
                },
              });
            else if (p.kind === 'pin-change')
              step.run({
                path: 'change-pin',
                body: { current: values.current ?? '', next: values.next ?? '' },
              });
            else if (p.kind === 'lift-suspension')
              step.run({ path: 'lift-suspension', body: values.sign ? { signPin: values.sign } : {} });
            else if (p.kind === 'to-face-auth') step.run({ path: 'switch-to-face-auth', body: {} });
            else if (p.kind === 'from-face-auth')
              step.run({
                path: 'switch-from-face-auth',
                body: {
                  pins: {
                    auth: values.auth ?? '',
                    kenhojo: values.kenhojo ?? '',
                    juki: values.juki ?? '',
                    ...(values.sign ? { sign: values.sign } : {}),
                  },
                },
              });
            else
              step.run({
                path: 'issue-sign-certificate',
                body: values.sign ? { newSignPin: values.sign } : {},
              });
          }}
        >
          {t(`reset.counter.do.${p.kind}`)}
        </Button>
      </Group>
    </Stack>
  );
}
