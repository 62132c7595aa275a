import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, unwrap } from '../api/client.js';
import { keys, useAction, useCards, useStoreChains } from '../api/queries.js';
import type { CertPin, Reservation } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useText } from '../i18n/index.js';
import { ReservationsTable } from './phone/ReservationsTable.js';
import { DoneStep, FaceStep, type PhoneDraft, PinStep, SelfieStep, StartStep } from './phone/steps.js';
import { registerPage } from './registry.js';

type Step = 'start' | 'face' | 'pin' | 'selfie' | 'done';
const STEPS: Step[] = ['start', 'face', 'pin', 'selfie', 'done'];
const EMPTY: PhoneDraft = {
  cardId: null,
  pin: 'sign',
  manualFace: false,
  face: { birthDate: '', expiry: '', securityCode: '' },
  otherPin: '',
  selfie: 'holder',
  forceMismatch: false,
};

/**
 * The JPKI 暗証番号リセット app on a phone (pin-lifecycle.md §2.3): card face → IC chip and the
 * other PIN → face match → a reservation valid 24 hours, to finish at a kiosk. Beside the phone,
 * the card's reservations.
 */
export function PhonePage() {
  const { t } = useText();
  const cards = useCards();
  const chains = useStoreChains();
  const [draft, setDraft] = useState<PhoneDraft>(EMPTY);
  const set = (patch: Partial<PhoneDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const [step, setStep] = useState<Step>('start');
  const [lastTry, setLastTry] = useState(false);
  const cardId = draft.cardId;
  const reservations = useQuery({
    queryKey: keys.reservations(cardId ?? ''),
    enabled: cardId !== null,
    queryFn: () => unwrap(client.GET('/api/cards/{id}/reservations', { params: { path: { id: cardId! } } })),
  });
  const invalidate = [keys.reservations(cardId ?? '')];

  const reserve = useAction(
    (confirmLastTry: boolean) =>
      unwrap(
        client.POST('/api/phone/reservations', {
          body: {
            cardId: cardId!,
            pin: draft.pin,
            otherPin: draft.otherPin,
            selfie: draft.selfie,
            ...(draft.manualFace ? { cardFace: draft.face } : {}),
            ...(draft.forceMismatch ? { forceFaceMismatch: true } : {}),
            ...(confirmLastTry ? { confirmLastTry: true } : {}),
          },
        }),
      ).catch((e) => {
        const code = (e as { body?: { code?: string } }).body?.code;
        setLastTry(code === 'PIN_LAST_TRY');
        if (code === 'PIN_WRONG' || code === 'PIN_FORMAT') {
          set({ otherPin: '' });
          setStep('pin');
        }
        throw e;
      }),
    {
      invalidate,
      onSuccess: () => {
        setStep('done');
        setLastTry(false);
        set({ otherPin: '' });
      },
    },
  );
  const cancel = useAction(
    (pin: CertPin) =>
      unwrap(
        client.DELETE('/api/phone/reservations/{cardId}/{pin}', {
          params: { path: { cardId: cardId!, pin } },
        }),
      ),
    { invalidate },
  );
  const result = reserve.data?.reservation as Reservation | undefined;

  const restart = () => {
    setStep('start');
    set({ otherPin: '' });
    setLastTry(false);
    reserve.reset();
  };
  const index = STEPS.indexOf(step);

  return (
    <Stack>
      <Title order={2}>{t('reset.phone.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('reset.phone.lead')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Paper
          data-testid="phone"
          radius={36}
          p="md"
          style={{
            width: '100%',
            maxWidth: 380,
            minHeight: 680,
            border: '12px solid #1f2329',
            background: 'linear-gradient(#f7f9fc, #eef2f8)',
            justifySelf: 'center',
          }}
        >
          <Group justify="space-between" mb="xs">
            <Text size="xs" fw={700} c="indigo">
              {t('reset.phone.app')}
            </Text>
            <Text size="xs" c="dimmed">
              {step === 'done' ? '✓' : step === 'start' ? '' : `${index} / 3`}
            </Text>
          </Group>
          {step === 'start' && (
            <StartStep draft={draft} set={set} cards={cards.data} onStart={() => setStep('face')} />
          )}
          {step === 'face' && (
            <FaceStep
              draft={draft}
              set={set}
              card={cards.data?.find((c) => c.id === cardId)}
              onNext={() => setStep('pin')}
              onBack={restart}
            />
          )}
          {step === 'pin' && (
            <PinStep
              draft={draft}
              set={set}
              error={reserve.error}
              onNext={() => {
                reserve.reset();
                setStep('selfie');
              }}
            />
          )}
          {step === 'selfie' && (
            <SelfieStep
              draft={draft}
              set={set}
              error={reserve.error}
              lastTry={lastTry}
              busy={reserve.busy}
              onSubmit={(confirm) => reserve.run(confirm)}
              onStop={restart}
            />
          )}
          {step === 'done' && result && (
            <DoneStep
              result={result}
              chains={chains.data}
              cancelling={cancel.busy}
              onCancel={() => cancel.run(result.pin)}
              onAgain={restart}
            />
          )}
        </Paper>
        <Stack>
          <Title order={4}>{t('reset.phone.reservations')}</Title>
          <ReservationsTable
            cardId={cardId}
            reservations={reservations.data ?? []}
            cancelling={cancel.busy}
            onCancel={(pin) => cancel.run(pin)}
          />
          <ErrorAlert error={cancel.error} testId="phone-side-error" />
          <Alert color="gray" variant="light">
            <Text size="sm">{t('reset.phone.note')}</Text>
          </Alert>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

registerPage({ id: 'phone', component: PhonePage });
