import {
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client, unwrap } from '../../api/client.js';
import { subscribeEvents } from '../../api/events.js';
import { keys, useAction } from '../../api/queries.js';
import type { PhoneView } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useText } from '../../i18n/index.js';
import { CardTimeline } from './CardTimeline.js';
import { CertificateTable } from './CertificateTable.js';
import { PinGauge } from './PinGauge.js';

/**
 * スマホ用電子証明書 beside the card (docs/phone.md): the phones issued from this card with their
 * own passwords' tries (read from the phone's chip), certificates and events; the マイナポータル
 * app's application and password reset, a demo-RP login with the phone, and revocation.
 */
export function PhoneSection({ cardId }: { cardId: string }) {
  const { t } = useText();
  const phones = useQuery({
    queryKey: keys.phones(cardId),
    queryFn: () => unwrap(client.GET('/api/cards/{id}/phones', { params: { path: { id: cardId } } })),
  });
  const list = phones.data ?? [];
  const active = list.filter((p) => p.phone.status === 'active');
  return (
    <Stack data-testid="phone-section">
      <Title order={4}>{t('phoneCert.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('phoneCert.lead')}
      </Text>
      {list.length === 0 && <Text c="dimmed">{t('phoneCert.none')}</Text>}
      {[...active, ...list.filter((p) => p.phone.status !== 'active')].map((p) => (
        <PhoneCard key={p.phone.id} cardId={cardId} view={p} />
      ))}
      <IssueForm cardId={cardId} />
    </Stack>
  );
}

function PhoneCard({ cardId, view }: { cardId: string; view: PhoneView }) {
  const { t } = useText();
  const id = view.phone.id;
  const events = useQuery({
    queryKey: keys.phoneEvents(id),
    queryFn: () => unwrap(client.GET('/api/phones/{id}/events', { params: { path: { id } } })),
  });
  const invalidate = [keys.phones(cardId), keys.phoneEvents(id), keys.card(cardId), keys.timeline(cardId)];
  const qc = useQueryClient();
  // Tries spent on the phone elsewhere (a reader, a remote session) show at once.
  useEffect(
    () =>
      subscribeEvents((e) => {
        if (e.type === 'pin.checked') return;
        void qc.invalidateQueries({ queryKey: keys.phones(cardId) });
        void qc.invalidateQueries({ queryKey: keys.phoneEvents(id) });
      }, id),
    [id, cardId, qc],
  );
  const revoke = useAction(
    () => unwrap(client.POST('/api/phones/{id}/revoke', { params: { path: { id } } })),
    { invalidate },
  );
  const active = view.phone.status === 'active';
  return (
    <Card withBorder data-testid={`phone-${id}`} data-status={view.phone.status}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={700}>{t(`phoneCert.${view.phone.platform}`)}</Text>
            <Badge color={active ? 'green' : 'red'}>{t(`phoneCert.${view.phone.status}`)}</Badge>
            <Badge
              color={view.usable ? 'green' : 'gray'}
              data-testid="phone-usable"
              data-usable={view.usable}
            >
              {view.usable ? t('phoneCert.usable') : t('phoneCert.unusable')}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('phoneCert.serial')} {view.phone.serial}
          </Text>
        </Group>
        <Text size="sm" fw={600}>
          {t('phoneCert.passwords')}
        </Text>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <PinGauge pin="phoneAuth" status={view.pins.auth} />
          <PinGauge pin="phoneSign" status={view.pins.sign} />
        </SimpleGrid>
        <Text size="sm" fw={600}>
          {t('phoneCert.certificates')}
        </Text>
        <CertificateTable certificates={view.certificates} />
        {active && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <LoginForm id={id} invalidate={invalidate} />
            <ResetForm id={id} invalidate={invalidate} />
          </SimpleGrid>
        )}
        <Advice id={id} />
        {active && (
          <Group justify="end">
            <ErrorAlert error={revoke.error} testId="phone-revoke-error" />
            <Button variant="light" color="red" size="xs" loading={revoke.busy} onClick={() => revoke.run()}>
              {t('phoneCert.revoke')}
            </Button>
          </Group>
        )}
        <Text size="sm" fw={600}>
          {t('phoneCert.timeline')}
        </Text>
        <CardTimeline
          entries={(events.data ?? []).map((e) => ({
            ...e,
            kind: 'pin' as const,
            // The phone's own passwords, named as such.
            ...(e.pin === 'auth' ? { pin: 'phoneAuth' } : e.pin === 'sign' ? { pin: 'phoneSign' } : {}),
          }))}
        />
      </Stack>
    </Card>
  );
}

type Keys = readonly (readonly unknown[])[];

/** The support guide for this phone (where to go when a password is locked): status queries only. */
function Advice({ id }: { id: string }) {
  const { t, text } = useText();
  const ask = useAction(() =>
    unwrap(client.POST('/api/phones/{id}/diagnosis', { params: { path: { id } }, body: {} })),
  );
  const d = ask.data;
  return (
    <Stack gap={4} data-testid="phone-advice">
      <Group>
        <Button
          variant="light"
          size="xs"
          loading={ask.busy}
          onClick={() => ask.run()}
          data-testid="phone-advice-ask"
        >
          {t('phoneCert.advice.ask')}
        </Button>
      </Group>
      <ErrorAlert error={ask.error} testId="phone-advice-error" />
      {d && (
        <Card withBorder data-testid="phone-advice-result" data-route={d.route}>
          <Text fw={600}>{text(d.summary)}</Text>
          {d.findings.map((f) => (
            <Text key={f.id} size="sm">
              ・{text(f)}
            </Text>
          ))}
          {d.steps.map((s, i) => (
            <Text key={s.id} size="sm" data-testid="phone-advice-step" data-step={s.id}>
              {i + 1}. {text(s)}
            </Text>
          ))}
          {d.warnings.map((w) => (
            <Text key={w.id} size="xs" c="orange">
              {text(w)}
            </Text>
          ))}
        </Card>
      )}
    </Stack>
  );
}

function LoginForm({ id, invalidate }: { id: string; invalidate: Keys }) {
  const { t } = useText();
  const [pin, setPin] = useState('');
  const login = useAction(
    (authPin: string) =>
      unwrap(
        client.POST('/api/phones/{id}/rp-login', {
          params: { path: { id } },
          body: { authPin, confirmLastTry: true },
        }),
      ),
    { invalidate, onSuccess: () => setPin('') },
  );
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('phoneCert.login.title')}
        </Text>
        <PasswordInput
          label={t('phoneCert.login.pin')}
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value)}
          data-testid="phone-login-pin"
        />
        <ErrorAlert error={login.error} testId="phone-login-error" />
        {login.data && !login.error && (
          <Text size="sm" c="green" data-testid="phone-login-ok">
            {t('phoneCert.login.ok', { token: login.data.token })}
          </Text>
        )}
        <Button size="xs" loading={login.busy} onClick={() => login.run(pin)} data-testid="phone-login">
          {t('phoneCert.login.submit')}
        </Button>
      </Stack>
    </Card>
  );
}

function ResetForm({ id, invalidate }: { id: string; invalidate: Keys }) {
  const { t } = useText();
  const [which, setWhich] = useState<'auth' | 'sign'>('auth');
  const [proof, setProof] = useState('');
  const [value, setValue] = useState('');
  const reset = useAction(
    () =>
      unwrap(
        client.POST('/api/phones/{id}/reset', {
          params: { path: { id } },
          body:
            which === 'auth'
              ? { pin: 'auth', phoneSignPin: proof, newValue: value }
              : { pin: 'sign', cardSignPin: proof, newValue: value },
        }),
      ),
    {
      invalidate,
      onSuccess: () => {
        setProof('');
        setValue('');
      },
    },
  );
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('phoneCert.reset.title')}
        </Text>
        <SegmentedControl
          value={which}
          onChange={(v) => setWhich(v as 'auth' | 'sign')}
          data={[
            { value: 'auth', label: t('phoneCert.reset.auth') },
            { value: 'sign', label: t('phoneCert.reset.sign') },
          ]}
          data-testid="phone-reset-which"
        />
        <PasswordInput
          label={which === 'auth' ? t('phoneCert.reset.phoneSign') : t('phoneCert.reset.cardSign')}
          value={proof}
          onChange={(e) => setProof(e.currentTarget.value)}
          data-testid="phone-reset-proof"
        />
        <PasswordInput
          label={t('phoneCert.reset.newValue')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          data-testid="phone-reset-new"
        />
        <ErrorAlert error={reset.error} testId="phone-reset-error" />
        {reset.data && !reset.error && (
          <Text size="sm" c="green" data-testid="phone-reset-ok">
            {t('phoneCert.reset.done')}
          </Text>
        )}
        <Button size="xs" loading={reset.busy} onClick={() => reset.run()} data-testid="phone-reset">
          {t('phoneCert.reset.submit')}
        </Button>
      </Stack>
    </Card>
  );
}

function IssueForm({ cardId }: { cardId: string }) {
  const { t } = useText();
  const [platform, setPlatform] = useState<'android' | 'iphone'>('android');
  const [cardSign, setCardSign] = useState('');
  const [auth, setAuth] = useState('');
  const [sign, setSign] = useState('');
  const issue = useAction(
    () =>
      unwrap(
        client.POST('/api/cards/{id}/phones', {
          params: { path: { id: cardId } },
          body: { platform, cardSignPin: cardSign, phonePins: { auth, sign } },
        }),
      ),
    {
      invalidate: [keys.phones(cardId), keys.card(cardId), keys.timeline(cardId)],
      onSuccess: () => {
        setCardSign('');
        setAuth('');
        setSign('');
      },
    },
  );
  return (
    <Card withBorder data-testid="phone-issue-form">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('phoneCert.issue.title')}
        </Text>
        <SegmentedControl
          value={platform}
          onChange={(v) => setPlatform(v as 'android' | 'iphone')}
          data={[
            { value: 'android', label: t('phoneCert.android') },
            { value: 'iphone', label: t('phoneCert.iphone') },
          ]}
        />
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <PasswordInput
            label={t('phoneCert.issue.cardSign')}
            description={t('phoneCert.issue.cardSignHint')}
            value={cardSign}
            onChange={(e) => setCardSign(e.currentTarget.value)}
            data-testid="phone-issue-card-sign"
          />
          <PasswordInput
            label={t('phoneCert.issue.newAuth')}
            value={auth}
            onChange={(e) => setAuth(e.currentTarget.value)}
            data-testid="phone-issue-auth"
          />
          <PasswordInput
            label={t('phoneCert.issue.newSign')}
            value={sign}
            onChange={(e) => setSign(e.currentTarget.value)}
            data-testid="phone-issue-sign"
          />
        </SimpleGrid>
        <ErrorAlert error={issue.error} testId="phone-issue-error" />
        <Group justify="end">
          <Button loading={issue.busy} onClick={() => issue.run()} data-testid="phone-issue">
            {t('phoneCert.issue.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
