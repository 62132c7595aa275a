import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  PinInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ApiError } from '../../api/client.js';
import type { CardSummary, CertPin, Reservation, StoreChain } from '../../api/types.js';
import { cardOptions } from '../../components/cards.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { jst } from '../../i18n/format.js';
import { useText } from '../../i18n/index.js';
import { go } from '../../route.js';

export const other = (p: CertPin): CertPin => (p === 'sign' ? 'auth' : 'sign');

/** What the person has entered so far in the app (never sent before the last step). */
export interface PhoneDraft {
  cardId: string | null;
  pin: CertPin;
  manualFace: boolean;
  face: { birthDate: string; expiry: string; securityCode: string };
  otherPin: string;
  selfie: 'holder' | 'someone-else';
  forceMismatch: boolean;
}
interface StepProps {
  draft: PhoneDraft;
  set: (patch: Partial<PhoneDraft>) => void;
}

export function StartStep({
  draft,
  set,
  cards,
  onStart,
}: StepProps & { cards: CardSummary[] | undefined; onStart: () => void }) {
  const { t } = useText();
  return (
    <Stack gap="sm">
      <Title order={4}>{t('reset.phone.startTitle')}</Title>
      <Select
        label={t('reset.phone.card')}
        placeholder={t('reset.common.chooseCard')}
        data={cardOptions(cards, t)}
        value={draft.cardId}
        onChange={(cardId) => set({ cardId })}
        data-testid="phone-card"
        comboboxProps={{ withinPortal: true }}
      />
      <Text size="sm" fw={500}>
        {t('reset.phone.which')}
      </Text>
      <SegmentedControl
        fullWidth
        orientation="vertical"
        transitionDuration={0}
        value={draft.pin}
        onChange={(v) => set({ pin: v as CertPin })}
        data={[
          { value: 'sign', label: t('reset.pin.sign') },
          { value: 'auth', label: t('reset.pin.auth') },
        ]}
        data-testid="phone-pin"
      />
      <Text size="xs" c="dimmed">
        {t('reset.phone.needOther', { other: t(`reset.pin.${other(draft.pin)}`) })}
      </Text>
      <Button size="md" disabled={!draft.cardId} onClick={onStart} data-testid="phone-start">
        {t('reset.phone.start')}
      </Button>
    </Stack>
  );
}

export function FaceStep({
  draft,
  set,
  card,
  onNext,
  onBack,
}: StepProps & { card: CardSummary | undefined; onNext: () => void; onBack: () => void }) {
  const { t } = useText();
  const face = draft.face;
  const field = (k: keyof PhoneDraft['face'], label: string, placeholder: string) => (
    <TextInput
      label={t(label)}
      placeholder={placeholder}
      value={face[k]}
      onChange={(e) => set({ face: { ...face, [k]: e.currentTarget.value } })}
    />
  );
  return (
    <Stack gap="sm">
      <Title order={4}>{t('reset.phone.faceTitle')}</Title>
      <Text size="sm">{t('reset.phone.faceLead')}</Text>
      <Box style={{ border: '2px dashed #7b8ab8', borderRadius: 12, padding: 16, background: '#fff' }}>
        <Text size="xs" c="dimmed">
          {t('reset.phone.cardFace')}
        </Text>
        <Text fw={700}>{card?.holder}</Text>
        <Text size="xs">
          {t('cards.expires')} {card?.expiresOn}
        </Text>
      </Box>
      <Checkbox
        label={t('reset.phone.manualFace')}
        checked={draft.manualFace}
        onChange={(e) => set({ manualFace: e.currentTarget.checked })}
        data-testid="phone-manual-face"
      />
      {draft.manualFace && (
        <Stack gap={4}>
          {field('birthDate', 'reset.phone.birthDate', '1985-04-01')}
          {field('expiry', 'reset.phone.expiry', '2036-04-01')}
          {field('securityCode', 'reset.phone.securityCode', '0000')}
        </Stack>
      )}
      <Button size="md" onClick={onNext} data-testid="phone-capture">
        {t('reset.phone.capture')}
      </Button>
      <Button variant="subtle" onClick={onBack}>
        {t('reset.common.back')}
      </Button>
    </Stack>
  );
}

export function PinStep({
  draft,
  set,
  error,
  onNext,
}: StepProps & { error: ApiError | null; onNext: () => void }) {
  const { t } = useText();
  const o = other(draft.pin);
  return (
    <Stack gap="sm">
      <Title order={4}>{t('reset.phone.pinTitle', { other: t(`reset.pin.${o}`) })}</Title>
      <Text size="sm">{t('reset.phone.pinLead')}</Text>
      <Text size="xs" c="dimmed">
        {t(`reset.rule.${o}`)}
      </Text>
      {o === 'auth' ? (
        <PinInput
          length={4}
          type="number"
          mask
          size="lg"
          value={draft.otherPin}
          onChange={(otherPin) => set({ otherPin })}
          data-testid="phone-other-pin"
          aria-label={t(`reset.pin.${o}`)}
        />
      ) : (
        <TextInput
          type="password"
          label={t(`reset.pin.${o}`)}
          value={draft.otherPin}
          onChange={(e) => set({ otherPin: e.currentTarget.value.toUpperCase() })}
          data-testid="phone-other-pin"
          autoComplete="off"
        />
      )}
      <ErrorAlert error={error} testId="phone-error" />
      <Button
        size="md"
        disabled={draft.otherPin.length < (o === 'auth' ? 4 : 6)}
        onClick={onNext}
        data-testid="phone-pin-next"
      >
        {t('reset.common.next')}
      </Button>
    </Stack>
  );
}

export function SelfieStep(
  props: StepProps & {
    error: ApiError | null;
    lastTry: boolean;
    busy: boolean;
    onSubmit: (confirmLastTry: boolean) => void;
    onStop: () => void;
  },
) {
  const { t } = useText();
  const { draft, set } = props;
  return (
    <Stack gap="sm">
      <Title order={4}>{t('reset.phone.selfieTitle')}</Title>
      <Text size="sm">{t('reset.phone.selfieLead')}</Text>
      <SegmentedControl
        fullWidth
        orientation="vertical"
        transitionDuration={0}
        value={draft.selfie}
        onChange={(v) => set({ selfie: v as PhoneDraft['selfie'] })}
        data={[
          { value: 'holder', label: t('reset.face.holder') },
          { value: 'someone-else', label: t('reset.face.someoneElse') },
        ]}
        data-testid="phone-selfie"
      />
      <Checkbox
        label={t('reset.face.forceMismatch')}
        checked={draft.forceMismatch}
        onChange={(e) => set({ forceMismatch: e.currentTarget.checked })}
      />
      <ErrorAlert error={props.error} testId="phone-error" />
      {props.lastTry ? (
        <Alert color="orange" title={t('reset.common.lastTryTitle')}>
          <Text size="sm">{t('reset.common.lastTry')}</Text>
          <Group mt="xs">
            <Button
              color="orange"
              onClick={() => props.onSubmit(true)}
              loading={props.busy}
              data-testid="phone-confirm-last"
            >
              {t('reset.common.confirmLast')}
            </Button>
            <Button variant="default" onClick={props.onStop}>
              {t('reset.common.stop')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <Button
          size="md"
          onClick={() => props.onSubmit(false)}
          loading={props.busy}
          data-testid="phone-submit"
        >
          {t('reset.phone.submit')}
        </Button>
      )}
      <Button variant="subtle" onClick={props.onStop}>
        {t('reset.common.stop')}
      </Button>
    </Stack>
  );
}

export function DoneStep(props: {
  result: Reservation;
  chains: StoreChain[] | undefined;
  cancelling: boolean;
  onCancel: () => void;
  onAgain: () => void;
}) {
  const { t, text } = useText();
  const { result } = props;
  return (
    <Stack gap="sm" data-testid="phone-done">
      <Title order={4} c="green.8">
        {t('reset.phone.doneTitle')}
      </Title>
      <Text size="sm">{t('reset.phone.doneLead', { pin: t(`reset.pin.${result.pin}`) })}</Text>
      <Card withBorder>
        <Text size="xs" c="dimmed">
          {t('reset.phone.deadline')}
        </Text>
        <Text fw={700} size="lg" data-testid="phone-deadline">
          {jst(result.expiresAt)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('reset.phone.deadlineNote')}
        </Text>
      </Card>
      <Text size="sm" fw={500}>
        {t('reset.phone.stores')}
      </Text>
      <Group gap={6}>
        {(props.chains ?? [])
          .filter((c) => c.resets.includes(result.pin))
          .map((c) => (
            <Badge key={c.id} variant="light">
              {text(c)}
            </Badge>
          ))}
      </Group>
      <Button onClick={() => go('kiosk')} data-testid="phone-to-kiosk">
        {t('reset.phone.toKiosk')}
      </Button>
      <Button
        variant="default"
        color="red"
        loading={props.cancelling}
        onClick={props.onCancel}
        data-testid="phone-cancel"
      >
        {t('reset.phone.cancel')}
      </Button>
      <Button variant="subtle" onClick={props.onAgain}>
        {t('reset.phone.again')}
      </Button>
    </Stack>
  );
}
