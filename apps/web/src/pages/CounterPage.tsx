import { Alert, Button, Code, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { client, unwrap } from '../api/client.js';
import { counterToken, setCounterToken } from '../api/key.js';
import { keys } from '../api/queries.js';
import type { Procedure, StaffSessionInfo } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useText } from '../i18n/index.js';
import { CounterHeader } from './counter/CounterHeader.js';
import { ProcedureCard } from './counter/ProcedureCard.js';
import { Reception } from './counter/Reception.js';
import { LoginCard, StaffAccountForm } from './counter/StaffForms.js';
import { SessionExpired, useCounterAction } from './counter/session.js';
import { registerPage } from './registry.js';

const PROCEDURE_KEY = 'myna.counter.procedure';

/**
 * The municipal counter (市区町村窓口, pin-lifecycle.md §4–5): staff login, then a procedure for a
 * card — reception, identity, then the action (counter/ProcedureCard). A login and the open
 * procedure survive a reload of the tab (sessionStorage); an expired login goes back to the login
 * form and keeps the procedure.
 */
export function CounterPage() {
  const { t } = useText();
  const info = useQuery({
    queryKey: keys.counter,
    queryFn: () => unwrap(client.GET('/api/counter')),
    refetchInterval: 5000,
  });
  const [session, setSession] = useState<StaffSessionInfo | null>(null);
  const [expired, setExpired] = useState(false);
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [lastStaffId, setLastStaffId] = useState('');
  const expire = useCallback(() => {
    setSession(null);
    setExpired(true);
  }, []);

  // Back after a reload: the login and the procedure of this tab.
  const restored = useQuery({
    queryKey: ['counter-session', counterToken()],
    enabled: counterToken() !== null,
    queryFn: () => unwrap(client.GET('/api/counter/session')),
  });
  useEffect(() => {
    if (restored.data) setSession(restored.data);
    if (restored.error) setCounterToken(null);
  }, [restored.data, restored.error]);
  const savedProcedure = session ? sessionStorage.getItem(PROCEDURE_KEY) : null;
  const restoredProcedure = useQuery({
    queryKey: ['procedure', savedProcedure],
    enabled: savedProcedure !== null,
    queryFn: () =>
      unwrap(client.GET('/api/counter/procedures/{id}', { params: { path: { id: savedProcedure! } } })),
  });
  useEffect(() => {
    if (restoredProcedure.data) setProcedure(restoredProcedure.data);
    if (restoredProcedure.error) sessionStorage.removeItem(PROCEDURE_KEY);
  }, [restoredProcedure.data, restoredProcedure.error]);

  const show = (p: Procedure | null) => {
    setProcedure(p);
    if (p) sessionStorage.setItem(PROCEDURE_KEY, p.id);
    else sessionStorage.removeItem(PROCEDURE_KEY);
  };

  return (
    <SessionExpired.Provider value={expire}>
      {!session ? (
        <Stack>
          <Title order={2}>{t('reset.counter.title')}</Title>
          <CounterHeader info={info.data} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <LoginCard
              key={lastStaffId}
              defaultId={lastStaffId}
              onLogin={(s) => {
                setSession(s);
                setExpired(false);
              }}
            />
            {info.data?.staffAccounts === 0 && <StaffAccountForm first onCreated={setLastStaffId} />}
          </SimpleGrid>
          {expired && (
            <Alert color="yellow" data-testid="counter-session-ended">
              {t('reset.counter.sessionEnded')}
            </Alert>
          )}
        </Stack>
      ) : (
        <Window
          session={session}
          info={info.data}
          procedure={procedure}
          show={show}
          onLogout={() => {
            setSession(null);
            show(null);
          }}
        />
      )}
    </SessionExpired.Provider>
  );
}

/** The window of a logged-in staff member: reception or the open procedure. */
function Window(props: {
  session: StaffSessionInfo;
  info: Parameters<typeof CounterHeader>[0]['info'];
  procedure: Procedure | null;
  show: (p: Procedure | null) => void;
  onLogout: () => void;
}) {
  const { t } = useText();
  const { session, procedure: p } = props;
  const logout = useCounterAction(
    async () => {
      await unwrap(client.POST('/api/counter/logout')).catch(() => undefined);
      setCounterToken(null);
    },
    { onSuccess: props.onLogout },
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('reset.counter.title')}</Title>
        <Group>
          <Text size="sm" data-testid="counter-staff">
            {session.name} · {t(`reset.counter.role.${session.role}`)} ·{' '}
            {t('reset.counter.windowN', { n: session.window })}
          </Text>
          <Button
            variant="default"
            size="xs"
            loading={logout.busy}
            onClick={() => logout.run()}
            data-testid="counter-logout"
          >
            {t('reset.counter.logout')}
          </Button>
        </Group>
      </Group>
      <CounterHeader info={props.info} />
      {!p ? (
        <Reception onOpened={props.show} />
      ) : (
        <ProcedureCard
          key={p.id}
          procedure={p}
          info={props.info}
          onChange={props.show}
          onClose={() => props.show(null)}
        />
      )}
      {session.role === 'supervisor' && !p && <StaffAccountForm first={false} onCreated={() => undefined} />}
      <ErrorAlert error={logout.error} testId="counter-error" />
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
