import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  PinInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { type CertPin, call, type Reservation, type StoreChain } from '../reset-api.js';
import { cardOptions, ErrorAlert, jst, toApiError, useCards } from '../reset-ui.js';
import { go } from '../route.js';
import { registerPage } from './registry.js';

type Step = 'start' | 'face' | 'pin' | 'selfie' | 'done';
const STEPS: Step[] = ['start', 'face', 'pin', 'selfie', 'done'];
const other = (p: CertPin): CertPin => (p === 'sign' ? 'auth' : 'sign');

/**
 * The JPKI 暗証番号リセット app on a phone (pin-lifecycle.md §2.3): card face → IC chip and the
 * other PIN → face match → a reservation valid 24 hours, to finish at a kiosk. Beside the phone,
 * the card's reservations.
 */
export function PhonePage() {
  const { t } = useTranslation();
  const { cards } = useCards();
  const [cardId, setCardId] = useState<string | null>(null);
  const [pin, setPin] = useState<CertPin>('sign');
  const [step, setStep] = useState<Step>('start');
  const [manualFace, setManualFace] = useState(false);
  const [face, setFace] = useState({ birthDate: '', expiry: '', securityCode: '' });
  const [otherPin, setOtherPin] = useState('');
  const [selfie, setSelfie] = useState<'holder' | 'someone-else'>('holder');
  const [forceMismatch, setForceMismatch] = useState(false);
  const [lastTry, setLastTry] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Reservation | null>(null);
  const [reservations, setReservations] = useState<Reservation[]>([]);
  const [chains, setChains] = useState<StoreChain[]>([]);

  const loadReservations = useCallback(async () => {
    if (!cardId) return setReservations([]);
    setReservations(await call<Reservation[]>('GET', `/api/cards/${cardId}/reservations`));
  }, [cardId]);
  useEffect(() => {
    void loadReservations();
  }, [loadReservations]);
  useEffect(() => {
    void call<StoreChain[]>('GET', '/api/store-chains').then(setChains);
  }, []);

  const restart = () => {
    setStep('start');
    setOtherPin('');
    setError(null);
    setLastTry(false);
    setResult(null);
  };

  const submit = async (confirmLastTry = false) => {
    if (!cardId) return;
    setBusy(true);
    setError(null);
    try {
      const out = await call<{ reservation: Reservation }>('POST', '/api/phone/reservations', {
        cardId,
        pin,
        otherPin,
        selfie,
        ...(manualFace ? { cardFace: face } : {}),
        ...(forceMismatch ? { forceFaceMismatch: true } : {}),
        ...(confirmLastTry ? { confirmLastTry: true } : {}),
      });
      setResult(out.reservation);
      setStep('done');
      setLastTry(false);
      setOtherPin('');
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      if (err.code === 'PIN_LAST_TRY') setLastTry(true);
      else {
        setLastTry(false);
        if (err.code === 'PIN_WRONG' || err.code === 'PIN_FORMAT') {
          setOtherPin('');
          setStep('pin');
        }
      }
    } finally {
      setBusy(false);
      void loadReservations();
    }
  };

  const cancel = async (p: CertPin) => {
    if (!cardId) return;
    setError(null);
    try {
      await call('DELETE', `/api/phone/reservations/${cardId}/${p}`);
    } catch (e) {
      setError(toApiError(e));
    }
    await loadReservations();
  };

  const card = cards.find((c) => c.id === cardId);
  const otherIsAuth = other(pin) === 'auth';
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
            width: 380,
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
            <Stack gap="sm">
              <Title order={4}>{t('reset.phone.startTitle')}</Title>
              <Select
                label={t('reset.phone.card')}
                placeholder={t('reset.common.chooseCard')}
                data={cardOptions(cards, t)}
                value={cardId}
                onChange={setCardId}
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
                value={pin}
                onChange={(v) => setPin(v as CertPin)}
                data={[
                  { value: 'sign', label: t('reset.pin.sign') },
                  { value: 'auth', label: t('reset.pin.auth') },
                ]}
                data-testid="phone-pin"
              />
              <Text size="xs" c="dimmed">
                {t('reset.phone.needOther', { other: t(`reset.pin.${other(pin)}`) })}
              </Text>
              <Button size="md" disabled={!cardId} onClick={() => setStep('face')} data-testid="phone-start">
                {t('reset.phone.start')}
              </Button>
            </Stack>
          )}

          {step === 'face' && (
            <Stack gap="sm">
              <Title order={4}>{t('reset.phone.faceTitle')}</Title>
              <Text size="sm">{t('reset.phone.faceLead')}</Text>
              <Box
                style={{
                  border: '2px dashed #7b8ab8',
                  borderRadius: 12,
                  padding: 16,
                  background: '#fff',
                }}
              >
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
                checked={manualFace}
                onChange={(e) => setManualFace(e.currentTarget.checked)}
                data-testid="phone-manual-face"
              />
              {manualFace && (
                <Stack gap={4}>
                  <TextInput
                    label={t('reset.phone.birthDate')}
                    placeholder="1985-04-01"
                    value={face.birthDate}
                    onChange={(e) => setFace({ ...face, birthDate: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('reset.phone.expiry')}
                    placeholder="2036-04-01"
                    value={face.expiry}
                    onChange={(e) => setFace({ ...face, expiry: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('reset.phone.securityCode')}
                    placeholder="0000"
                    value={face.securityCode}
                    onChange={(e) => setFace({ ...face, securityCode: e.currentTarget.value })}
                  />
                </Stack>
              )}
              <Button size="md" onClick={() => setStep('pin')} data-testid="phone-capture">
                {t('reset.phone.capture')}
              </Button>
              <Button variant="subtle" onClick={restart}>
                {t('reset.common.back')}
              </Button>
            </Stack>
          )}

          {step === 'pin' && (
            <Stack gap="sm">
              <Title order={4}>{t('reset.phone.pinTitle', { other: t(`reset.pin.${other(pin)}`) })}</Title>
              <Text size="sm">{t('reset.phone.pinLead')}</Text>
              <Text size="xs" c="dimmed">
                {t(`reset.rule.${other(pin)}`)}
              </Text>
              {otherIsAuth ? (
                <PinInput
                  length={4}
                  type="number"
                  mask
                  size="lg"
                  value={otherPin}
                  onChange={setOtherPin}
                  data-testid="phone-other-pin"
                  aria-label={t(`reset.pin.${other(pin)}`)}
                />
              ) : (
                <TextInput
                  type="password"
                  label={t(`reset.pin.${other(pin)}`)}
                  value={otherPin}
                  onChange={(e) => setOtherPin(e.currentTarget.value.toUpperCase())}
                  data-testid="phone-other-pin"
                  autoComplete="off"
                />
              )}
              <ErrorAlert error={error} testId="phone-error" />
              <Button
                size="md"
                disabled={otherPin.length < (otherIsAuth ? 4 : 6)}
                onClick={() => {
                  setError(null);
                  setStep('selfie');
                }}
                data-testid="phone-pin-next"
              >
                {t('reset.common.next')}
              </Button>
            </Stack>
          )}

          {step === 'selfie' && (
            <Stack gap="sm">
              <Title order={4}>{t('reset.phone.selfieTitle')}</Title>
              <Text size="sm">{t('reset.phone.selfieLead')}</Text>
              <SegmentedControl
                fullWidth
                orientation="vertical"
                transitionDuration={0}
                value={selfie}
                onChange={(v) => setSelfie(v as 'holder' | 'someone-else')}
                data={[
                  { value: 'holder', label: t('reset.face.holder') },
                  { value: 'someone-else', label: t('reset.face.someoneElse') },
                ]}
                data-testid="phone-selfie"
              />
              <Checkbox
                label={t('reset.face.forceMismatch')}
                checked={forceMismatch}
                onChange={(e) => setForceMismatch(e.currentTarget.checked)}
              />
              <ErrorAlert error={error} testId="phone-error" />
              {lastTry ? (
                <Alert color="orange" title={t('reset.common.lastTryTitle')}>
                  <Text size="sm">{t('reset.common.lastTry')}</Text>
                  <Group mt="xs">
                    <Button
                      color="orange"
                      onClick={() => submit(true)}
                      loading={busy}
                      data-testid="phone-confirm-last"
                    >
                      {t('reset.common.confirmLast')}
                    </Button>
                    <Button variant="default" onClick={restart}>
                      {t('reset.common.stop')}
                    </Button>
                  </Group>
                </Alert>
              ) : (
                <Button size="md" onClick={() => submit()} loading={busy} data-testid="phone-submit">
                  {t('reset.phone.submit')}
                </Button>
              )}
              <Button variant="subtle" onClick={restart}>
                {t('reset.common.stop')}
              </Button>
            </Stack>
          )}

          {step === 'done' && result && (
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
                {chains
                  .filter((c) => c.resets.includes(result.pin))
                  .map((c) => (
                    <Badge key={c.id} variant="light">
                      {c.nameJa}
                    </Badge>
                  ))}
              </Group>
              <Button onClick={() => go('kiosk')} data-testid="phone-to-kiosk">
                {t('reset.phone.toKiosk')}
              </Button>
              <Button
                variant="default"
                color="red"
                onClick={() => cancel(result.pin)}
                data-testid="phone-cancel"
              >
                {t('reset.phone.cancel')}
              </Button>
              <Button variant="subtle" onClick={restart}>
                {t('reset.phone.again')}
              </Button>
            </Stack>
          )}
        </Paper>

        <Stack>
          <Title order={4}>{t('reset.phone.reservations')}</Title>
          {!cardId ? (
            <Text c="dimmed">{t('reset.common.chooseCard')}</Text>
          ) : reservations.length === 0 ? (
            <Text c="dimmed">{t('reset.phone.none')}</Text>
          ) : (
            <Table data-testid="phone-reservations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reset.phone.pinCol')}</Table.Th>
                  <Table.Th>{t('reset.phone.statusCol')}</Table.Th>
                  <Table.Th>{t('reset.phone.deadline')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...reservations].reverse().map((r) => (
                  <Table.Tr key={r.id} data-status={r.expired ? 'expired' : r.status}>
                    <Table.Td>{t(`reset.pin.${r.pin}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={r.status === 'active' && !r.expired ? 'green' : 'gray'}>
                        {t(`reset.reservation.${r.expired ? 'expired' : r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{jst(r.expiresAt)}</Table.Td>
                    <Table.Td>
                      {r.status === 'active' && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => cancel(r.pin)}>
                          {t('reset.phone.cancelShort')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {step !== 'selfie' && step !== 'pin' && <ErrorAlert error={error} testId="phone-side-error" />}
          <Alert color="gray" variant="light">
            <Text size="sm">{t('reset.phone.note')}</Text>
          </Alert>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

registerPage({ id: 'phone', component: PhonePage });
