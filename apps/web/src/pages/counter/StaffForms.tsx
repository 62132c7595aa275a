import { Button, Card, Group, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { client, unwrap } from '../../api/client.js';
import { setCounterToken } from '../../api/key.js';
import { keys, useAction } from '../../api/queries.js';
import type { StaffSessionInfo } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useText } from '../../i18n/index.js';

/** Staff login at a window. */
export function LoginCard({
  onLogin,
  defaultId,
}: {
  onLogin: (s: StaffSessionInfo) => void;
  defaultId: string;
}) {
  const { t } = useText();
  const [login, setLogin] = useState({ id: defaultId, password: '', window: '1' });
  const doLogin = useAction(() => unwrap(client.POST('/api/counter/login', { body: login })), {
    onSuccess: (out) => {
      setCounterToken(out.token);
      setLogin((l) => ({ ...l, password: '' }));
      onLogin(out.session);
    },
  });
  return (
    <Card withBorder>
      <Title order={4}>{t('reset.counter.login')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          doLogin.run();
        }}
      >
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
          <Button type="submit" loading={doLogin.busy} data-testid="counter-login">
            {t('reset.counter.loginButton')}
          </Button>
          <ErrorAlert error={doLogin.error} testId="counter-error" />
        </Stack>
      </form>
    </Card>
  );
}

type Account = { id: string; name: string; password: string; role: 'clerk' | 'supervisor' };
const EMPTY: Account = { id: '', name: '', password: '', role: 'clerk' };

/**
 * A staff account: the first one of a municipality (a supervisor, no login needed), or one more
 * added by a logged-in supervisor.
 */
export function StaffAccountForm({ first, onCreated }: { first: boolean; onCreated: (id: string) => void }) {
  const { t } = useText();
  const [account, setAccount] = useState<Account>(EMPTY);
  const create = useAction(
    () =>
      unwrap(
        client.POST('/api/counter/staff', {
          body: { ...account, role: first ? 'supervisor' : account.role },
        }),
      ),
    {
      invalidate: [keys.counter],
      onSuccess: () => {
        onCreated(account.id);
        setAccount(EMPTY);
      },
    },
  );
  const fields = (
    <>
      <TextInput
        label={t('reset.counter.staffId')}
        placeholder={first ? 'sato.sup' : undefined}
        value={account.id}
        onChange={(e) => setAccount({ ...account, id: e.currentTarget.value })}
        data-testid={first ? 'counter-new-id' : 'counter-staff-id'}
      />
      <TextInput
        label={t('reset.counter.staffName')}
        placeholder={first ? '佐藤　主任' : undefined}
        value={account.name}
        onChange={(e) => setAccount({ ...account, name: e.currentTarget.value })}
        data-testid={first ? 'counter-new-name' : 'counter-staff-name'}
      />
      <PasswordInput
        label={t('reset.counter.passwordRule')}
        value={account.password}
        onChange={(e) => setAccount({ ...account, password: e.currentTarget.value })}
        data-testid={first ? 'counter-new-password' : 'counter-staff-password'}
      />
    </>
  );
  if (first)
    return (
      <Card withBorder>
        <Title order={4}>{t('reset.counter.bootstrap')}</Title>
        <Text size="sm" c="dimmed">
          {t('reset.counter.bootstrapLead')}
        </Text>
        <Stack gap="xs" mt="sm">
          {fields}
          <Button
            variant="light"
            loading={create.busy}
            onClick={() => create.run()}
            data-testid="counter-bootstrap"
          >
            {t('reset.counter.createSupervisor')}
          </Button>
          <ErrorAlert error={create.error} testId="counter-error" />
        </Stack>
      </Card>
    );
  return (
    <Card withBorder>
      <Title order={5}>{t('reset.counter.addStaff')}</Title>
      <Group align="end" mt="xs" grow>
        {fields}
        <Select
          label={t('reset.counter.roleLabel')}
          data={(['clerk', 'supervisor'] as const).map((r) => ({
            value: r,
            label: t(`reset.counter.role.${r}`),
          }))}
          value={account.role}
          onChange={(r) => setAccount({ ...account, role: (r as Account['role']) ?? 'clerk' })}
          allowDeselect={false}
        />
        <Button
          variant="light"
          loading={create.busy}
          onClick={() => create.run()}
          data-testid="counter-staff-create"
        >
          {t('reset.counter.create')}
        </Button>
      </Group>
      <ErrorAlert error={create.error} testId="counter-error" />
    </Card>
  );
}
