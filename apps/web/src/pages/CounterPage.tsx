import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  List,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import {
  type CounterInfo,
  call,
  counterToken,
  type HolderPin,
  type Letter,
  type Procedure,
  type ProcedureKind,
  type StaffSessionInfo,
  setCounterToken,
} from '../reset-api.js';
import { cardOptions, ErrorAlert, jst, toApiError, useCards } from '../reset-ui.js';
import { go } from '../route.js';
import { registerPage } from './registry.js';

const PROCEDURE_KEY = 'myna.counter.procedure';
const KINDS: ProcedureKind[] = [
  'pin-reset',
  'pin-change',
  'lift-suspension',
  'to-face-auth',
  'from-face-auth',
  'sign-certificate',
];
const HOLDER_PINS: HolderPin[] = ['auth', 'sign', 'kenhojo', 'juki', 'common'];
const PHOTO_IDS = ['driver-license', 'passport', 'residence-card', 'other-official-photo-id'] as const;
type PhotoIdKind = (typeof PHOTO_IDS)[number];

/** A photo ID shown at the counter: kind and what it says (pre-filled with the person's own data). */
function PhotoIdFields(props: {
  value: { kind: PhotoIdKind; name: string; birthDate: string };
  onChange: (v: { kind: PhotoIdKind; name: string; birthDate: string }) => void;
  prefix: string;
}) {
  const { t } = useTranslation();
  const v = props.value;
  return (
    <Group align="end" grow>
      <Select
        label={t('reset.counter.photoId')}
        data={PHOTO_IDS.map((k) => ({ value: k, label: t(`reset.counter.photoIdKind.${k}`) }))}
        value={v.kind}
        onChange={(k) => props.onChange({ ...v, kind: (k as PhotoIdKind) ?? 'driver-license' })}
        allowDeselect={false}
      />
      <TextInput
        label={t('reset.counter.idName')}
        value={v.name}
        onChange={(e) => props.onChange({ ...v, name: e.currentTarget.value })}
        data-testid={`${props.prefix}-name`}
      />
      <TextInput
        label={t('reset.counter.idBirth')}
        placeholder="1985-04-01"
        value={v.birthDate}
        onChange={(e) => props.onChange({ ...v, birthDate: e.currentTarget.value })}
        data-testid={`${props.prefix}-birth`}
      />
    </Group>
  );
}

/** A masked PIN entry at the window's PIN pad (no reveal button: nobody at the window sees it). */
function Secret(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  upper?: boolean;
}) {
  return (
    <TextInput
      type="password"
      label={props.label}
      value={props.value}
      onChange={(e) =>
        props.onChange(props.upper ? e.currentTarget.value.toUpperCase() : e.currentTarget.value)
      }
      data-testid={props.testId}
      autoComplete="off"
    />
  );
}

/**
 * The municipal counter (市区町村窓口, pin-lifecycle.md §4–5): staff login, then a procedure for a
 * card — reception, identity (face vs card photo, photo ID; proof of authority; a voluntary
 * agent's letter and second visit), then the action (new PINs, PIN change, lifting a suspension,
 * face-authentication switches, a new signature certificate).
 */
export function CounterPage() {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const { cards, reload: reloadCards } = useCards();
  const [info, setInfo] = useState<CounterInfo | null>(null);
  const [session, setSession] = useState<StaffSessionInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const [procedure, setProcedure] = useState<Procedure | null>(null);

  // login and accounts
  const [login, setLogin] = useState({ id: '', password: '', window: '1' });
  const [account, setAccount] = useState({ id: '', name: '', password: '', role: 'clerk' });

  // reception
  const [cardId, setCardId] = useState<string | null>(null);
  const [kind, setKind] = useState<ProcedureKind>('pin-reset');
  const [pins, setPins] = useState<string[]>(['auth', 'sign', 'kenhojo', 'juki', 'common']);
  const [role, setRole] = useState<'holder' | 'legal-representative' | 'voluntary-agent'>('holder');
  const [applicantName, setApplicantName] = useState('');

  // identity and actions
  const [face, setFace] = useState<'holder' | 'someone-else'>('holder');
  const [photoId, setPhotoId] = useState({ kind: 'driver-license' as PhotoIdKind, name: '', birthDate: '' });
  const [proofKind, setProofKind] = useState<'family-register' | 'guardianship-registration'>(
    'family-register',
  );
  const [letters, setLetters] = useState<Letter[]>([]);
  const [answerCode, setAnswerCode] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string[] | null>(null);

  const loadInfo = useCallback(() => call<CounterInfo>('GET', '/api/counter').then(setInfo), []);

  useEffect(() => {
    void loadInfo();
    const timer = setInterval(() => void loadInfo(), 5000);
    if (counterToken())
      call<StaffSessionInfo>('GET', '/api/counter/session', undefined, { counter: true })
        .then(setSession)
        .catch(() => setCounterToken(null));
    return () => clearInterval(timer);
  }, [loadInfo]);

  useEffect(() => {
    const id = sessionStorage.getItem(PROCEDURE_KEY);
    if (session && id)
      call<Procedure>('GET', `/api/counter/procedures/${id}`, undefined, { counter: true })
        .then(setProcedure)
        .catch(() => sessionStorage.removeItem(PROCEDURE_KEY));
  }, [session]);

  const showProcedure = useCallback((p: Procedure | null) => {
    setProcedure(p);
    setValues({});
    setAnswerCode('');
    setLetters([]);
    if (p) {
      sessionStorage.setItem(PROCEDURE_KEY, p.id);
      const name = p.applicant.role === 'holder' ? p.holder.name : (p.applicant.name ?? '');
      setPhotoId((v) => ({
        ...v,
        name,
        birthDate: p.applicant.role === 'holder' ? p.holder.birthDate : v.birthDate,
      }));
    } else sessionStorage.removeItem(PROCEDURE_KEY);
  }, []);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      const err = toApiError(e);
      // The login expired (8 hours) or was ended elsewhere: back to the login form; the procedure stays.
      if (err.code === 'STAFF_LOGIN_FAILED' && err.details.reason === 'no-session' && counterToken()) {
        setCounterToken(null);
        setSession(null);
        setExpired(true);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const doLogin = () =>
    run(async () => {
      const out = await call<{ token: string; session: StaffSessionInfo }>(
        'POST',
        '/api/counter/login',
        login,
      );
      setCounterToken(out.token);
      setSession(out.session);
      setExpired(false);
      setLogin((l) => ({ ...l, password: '' }));
    });

  const logout = () =>
    run(async () => {
      await call('POST', '/api/counter/logout', undefined, { counter: true }).catch(() => undefined);
      setCounterToken(null);
      setSession(null);
      showProcedure(null);
    });

  const createAccount = (first: boolean) =>
    run(async () => {
      await call(
        'POST',
        '/api/counter/staff',
        { ...account, role: first ? 'supervisor' : account.role },
        {
          counter: !first,
        },
      );
      setLogin((l) => ({ ...l, id: account.id }));
      setAccount({ id: '', name: '', password: '', role: 'clerk' });
      await loadInfo();
    });

  const open = () =>
    run(async () => {
      const needsPins = kind === 'pin-reset' || kind === 'pin-change';
      const p = await call<Procedure>(
        'POST',
        '/api/counter/procedures',
        {
          cardId,
          kind,
          applicant: { role, ...(role !== 'holder' ? { name: applicantName } : {}) },
          ...(needsPins ? { pins: kind === 'pin-change' ? pins.slice(0, 1) : pins } : {}),
        },
        { counter: true },
      );
      showProcedure(p);
      setResult(null);
    });

  const step = (path: string, body: object) =>
    run(async () => {
      const out = await call<{ procedure: Procedure; released?: string[] }>(
        'POST',
        `/api/counter/procedures/${procedure!.id}/${path}`,
        body,
        { counter: true },
      );
      setProcedure(out.procedure);
      setValues({});
      setAnswerCode('');
      if (out.released) setResult(out.released);
      if (out.procedure.status === 'completed') void reloadCards();
    });

  const refreshProcedure = () =>
    run(async () =>
      setProcedure(
        await call<Procedure>('GET', `/api/counter/procedures/${procedure!.id}`, undefined, {
          counter: true,
        }),
      ),
    );

  const openMailbox = () =>
    run(async () => {
      setLetters(
        (await call<Letter[]>('GET', `/api/residents/${procedure!.holder.residentId}/mailbox`)).filter(
          (l) => l.procedureId === procedure!.id,
        ),
      );
    });

  const nextDay = () =>
    run(async () => {
      await call('POST', '/api/clock', { action: 'advance', ms: 86_400_000 });
      await loadInfo();
      // A login lasts 8 hours: a day later the staff member logs in again.
      await call('GET', '/api/counter/session', undefined, { counter: true });
    });

  const header = info && (
    <Card withBorder>
      <Group justify="space-between">
        <div>
          <Text fw={700}>{ja ? info.nameJa : info.nameEn}</Text>
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
            {jst(info.now)} JST
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

  if (!session)
    return (
      <Stack>
        <Title order={2}>{t('reset.counter.title')}</Title>
        {header}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Title order={4}>{t('reset.counter.login')}</Title>
            <Stack gap="xs" mt="sm">
              <TextInput
                label={t('reset.counter.staffId')}
                value={login.id}
                onChange={(e) => setLogin({ ...login, id: e.currentTarget.value })}
                data-testid="counter-login-id"
              />
              <PasswordInput
                label={t('reset.counter.password')}
                value={login.password}
                onChange={(e) => setLogin({ ...login, password: e.currentTarget.value })}
                data-testid="counter-login-password"
              />
              <TextInput
                label={t('reset.counter.window')}
                value={login.window}
                onChange={(e) => setLogin({ ...login, window: e.currentTarget.value })}
                data-testid="counter-login-window"
              />
              <Button onClick={doLogin} loading={busy} data-testid="counter-login">
                {t('reset.counter.loginButton')}
              </Button>
            </Stack>
          </Card>
          {info?.staffAccounts === 0 && (
            <Card withBorder>
              <Title order={4}>{t('reset.counter.bootstrap')}</Title>
              <Text size="sm" c="dimmed">
                {t('reset.counter.bootstrapLead')}
              </Text>
              <Stack gap="xs" mt="sm">
                <TextInput
                  label={t('reset.counter.staffId')}
                  placeholder="sato.sup"
                  value={account.id}
                  onChange={(e) => setAccount({ ...account, id: e.currentTarget.value })}
                  data-testid="counter-new-id"
                />
                <TextInput
                  label={t('reset.counter.staffName')}
                  placeholder="佐藤　主任"
                  value={account.name}
                  onChange={(e) => setAccount({ ...account, name: e.currentTarget.value })}
                  data-testid="counter-new-name"
                />
                <PasswordInput
                  label={t('reset.counter.passwordRule')}
                  value={account.password}
                  onChange={(e) => setAccount({ ...account, password: e.currentTarget.value })}
                  data-testid="counter-new-password"
                />
                <Button variant="light" onClick={() => createAccount(true)} data-testid="counter-bootstrap">
                  {t('reset.counter.createSupervisor')}
                </Button>
              </Stack>
            </Card>
          )}
        </SimpleGrid>
        {expired && (
          <Alert color="yellow" data-testid="counter-session-ended">
            {t('reset.counter.sessionEnded')}
          </Alert>
        )}
        <ErrorAlert error={error} testId="counter-error" />
      </Stack>
    );

  const p = procedure;
  const agent = p?.applicant.role === 'voluntary-agent';
  const phase = !p
    ? 0
    : p.status === 'open'
      ? 1
      : p.status === 'awaiting-answer'
        ? 2
        : p.status === 'ready'
          ? agent
            ? 3
            : 2
          : agent
            ? 4
            : 3;
  const card = p ? cards.find((c) => c.id === p.cardId) : undefined;
  const setValue = (k: string) => (v: string) => setValues((x) => ({ ...x, [k]: v }));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('reset.counter.title')}</Title>
        <Group>
          <Text size="sm" data-testid="counter-staff">
            {session.name} · {t(`reset.counter.role.${session.role}`)} ·{' '}
            {t('reset.counter.windowN', { n: session.window })}
          </Text>
          <Button variant="default" size="xs" onClick={logout} data-testid="counter-logout">
            {t('reset.counter.logout')}
          </Button>
        </Group>
      </Group>
      {header}

      {!p ? (
        <Card withBorder>
          <Title order={4}>{t('reset.counter.reception')}</Title>
          <Stack gap="sm" mt="sm">
            <Group grow align="end">
              <Select
                label={t('reset.counter.card')}
                placeholder={t('reset.common.chooseCard')}
                data={cardOptions(cards, t)}
                value={cardId}
                onChange={setCardId}
                data-testid="counter-card"
              />
              <Select
                label={t('reset.counter.kind')}
                data={KINDS.map((k) => ({ value: k, label: t(`reset.counter.kinds.${k}`) }))}
                value={kind}
                onChange={(k) => {
                  const next = (k as ProcedureKind) ?? 'pin-reset';
                  setKind(next);
                  setPins(next === 'pin-change' ? ['auth'] : [...HOLDER_PINS]);
                }}
                allowDeselect={false}
                data-testid="counter-kind"
              />
            </Group>
            {(kind === 'pin-reset' || kind === 'pin-change') && (
              <Checkbox.Group
                label={
                  kind === 'pin-change' ? t('reset.counter.pinToChange') : t('reset.counter.pinsToReset')
                }
                value={pins}
                onChange={(v) =>
                  setPins(kind === 'pin-change' ? v.filter((x) => !pins.includes(x)).slice(-1) : v)
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
              onChange={(v) => setRole(v as typeof role)}
              data={(['holder', 'legal-representative', 'voluntary-agent'] as const).map((r) => ({
                value: r,
                label: t(`reset.counter.roles.${r}`),
              }))}
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
              <Button onClick={open} disabled={!cardId} loading={busy} data-testid="counter-open-procedure">
                {t('reset.counter.openButton')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : (
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

          <Stepper active={phase} size="sm" mt="md" mb="md">
            {(agent
              ? ['reception', 'identity', 'letter', 'action']
              : ['reception', 'identity', 'action']
            ).map((x) => (
              <Stepper.Step key={x} label={t(`reset.counter.phase.${x}`)} />
            ))}
          </Stepper>

          {p.checks.length > 0 && (
            <Text size="xs" c="dimmed" mb="sm">
              {t('reset.counter.checks')}:{' '}
              {[...new Set(p.checks.map((c) => t(`reset.counter.check.${c.split(':')[0]}`)))].join(
                ja ? '、' : ', ',
              )}
            </Text>
          )}

          {p.status === 'open' && (
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
                  loading={busy}
                  data-testid="counter-identity"
                  onClick={() =>
                    step('identity', {
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
                    })
                  }
                >
                  {t('reset.counter.confirmIdentity')}
                </Button>
              </Group>
            </Stack>
          )}

          {p.status === 'awaiting-answer' && (
            <Stack gap="sm">
              <Alert color="blue" title={t('reset.counter.letterTitle')}>
                <Text size="sm">{t('reset.counter.letterLead')}</Text>
              </Alert>
              <Card withBorder bg="gray.0" data-testid="counter-mailbox">
                <Group justify="space-between">
                  <Title order={5}>{t('reset.counter.mailbox', { name: p.holder.name })}</Title>
                  <Button size="xs" variant="light" onClick={openMailbox} data-testid="counter-open-mailbox">
                    {t('reset.counter.openMailbox')}
                  </Button>
                </Group>
                {letters.map((l) => (
                  <Stack key={l.id} gap={2} mt="sm">
                    <Text size="sm" fw={600}>
                      {t('reset.counter.letterKind')} ·{' '}
                      {l.doNotForward ? t('reset.counter.doNotForward') : ''}
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
                  loading={busy}
                  disabled={!answerCode}
                  onClick={() => step('second-visit', { answerCode, photoId })}
                  data-testid="counter-second-visit"
                >
                  {t('reset.counter.secondVisit')}
                </Button>
                <Button variant="light" onClick={nextDay} data-testid="counter-next-day">
                  {t('reset.counter.nextDay')}
                </Button>
              </Group>
            </Stack>
          )}

          {p.status === 'ready' && (
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
                  loading={busy}
                  color={p.kind === 'to-face-auth' ? 'red' : undefined}
                  data-testid="counter-do"
                  onClick={() => {
                    if (p.kind === 'pin-reset')
                      step('reset-pins', {
                        pins: Object.fromEntries(p.pins.map((x) => [x, values[x] ?? ''])),
                      });
                    else if (p.kind === 'pin-change')
                      step('change-pin', { current: values.current ?? '', next: values.next ?? '' });
                    else if (p.kind === 'lift-suspension')
                      step('lift-suspension', values.sign ? { signPin: values.sign } : {});
                    else if (p.kind === 'to-face-auth') step('switch-to-face-auth', {});
                    else if (p.kind === 'from-face-auth')
                      step('switch-from-face-auth', {
                        pins: {
                          auth: values.auth ?? '',
                          kenhojo: values.kenhojo ?? '',
                          juki: values.juki ?? '',
                          ...(values.sign ? { sign: values.sign } : {}),
                        },
                      });
                    else step('issue-sign-certificate', values.sign ? { newSignPin: values.sign } : {});
                  }}
                >
                  {t(`reset.counter.do.${p.kind}`)}
                </Button>
              </Group>
            </Stack>
          )}

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

          <ErrorAlert error={error} testId="counter-error" />
          <Group mt="md">
            {(p.status === 'completed' || p.status === 'cancelled') && (
              <>
                <Button onClick={() => showProcedure(null)} data-testid="counter-new-procedure">
                  {t('reset.counter.newProcedure')}
                </Button>
                <Button
                  variant="light"
                  onClick={() => go(`cards/${p.cardId}`)}
                  data-testid="counter-see-card"
                >
                  {t('reset.counter.seeCard', { name: card?.holder ?? p.holder.name })}
                </Button>
              </>
            )}
            {(p.status === 'open' || p.status === 'awaiting-answer' || p.status === 'ready') && (
              <>
                <Button variant="default" onClick={refreshProcedure}>
                  {t('reset.counter.refresh')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => step('cancel', {})}
                  data-testid="counter-cancel"
                >
                  {t('reset.counter.cancel')}
                </Button>
              </>
            )}
          </Group>
        </Card>
      )}

      {session.role === 'supervisor' && !p && (
        <Card withBorder>
          <Title order={5}>{t('reset.counter.addStaff')}</Title>
          <Group align="end" mt="xs" grow>
            <TextInput
              label={t('reset.counter.staffId')}
              value={account.id}
              onChange={(e) => setAccount({ ...account, id: e.currentTarget.value })}
            />
            <TextInput
              label={t('reset.counter.staffName')}
              value={account.name}
              onChange={(e) => setAccount({ ...account, name: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('reset.counter.passwordRule')}
              value={account.password}
              onChange={(e) => setAccount({ ...account, password: e.currentTarget.value })}
            />
            <Select
              label={t('reset.counter.roleLabel')}
              data={(['clerk', 'supervisor'] as const).map((r) => ({
                value: r,
                label: t(`reset.counter.role.${r}`),
              }))}
              value={account.role}
              onChange={(r) => setAccount({ ...account, role: r ?? 'clerk' })}
              allowDeselect={false}
            />
            <Button variant="light" onClick={() => createAccount(false)}>
              {t('reset.counter.create')}
            </Button>
          </Group>
        </Card>
      )}
      {!p && <ErrorAlert error={error} testId="counter-error" />}
      <Text size="xs" c="dimmed">
        {t('reset.counter.terminal')}: <Code>{session.terminal}</Code>
      </Text>
      <List size="xs" c="dimmed">
        <List.Item>{t('reset.counter.noteSecrets')}</List.Item>
      </List>
    </Stack>
  );
}

registerPage({ id: 'counter', component: CounterPage });
