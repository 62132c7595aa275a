import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { apiKey, setApiKey } from '../api/key.js';
import { useText } from '../i18n/index.js';

/**
 * The console needs the sandbox's API key. A tab opened from the printed URL has it; a new tab
 * does not: the person pastes it here, and it is kept for the session (sessionStorage).
 */
export function KeyGate({ children }: { children: ReactNode }) {
  const { t } = useText();
  const qc = useQueryClient();
  const [key, setKey] = useState(apiKey());
  const [draft, setDraft] = useState('');
  if (key) return <>{children}</>;
  const use = () => {
    setApiKey(draft);
    setKey(apiKey());
    void qc.invalidateQueries();
  };
  return (
    <Card withBorder maw={560} data-testid="key-gate">
      <Stack>
        <Title order={3}>{t('shell.keyTitle')}</Title>
        <Alert color="yellow">
          <Text size="sm">{t('shell.keyLead')}</Text>
        </Alert>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) use();
          }}
        >
          <Group align="end">
            <PasswordInput
              label={t('shell.keyLabel')}
              placeholder="myna_…"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              data-testid="key-input"
              style={{ flex: 1, minWidth: 220 }}
              autoComplete="off"
            />
            <Button type="submit" disabled={!draft.trim()} data-testid="key-use">
              {t('shell.keyUse')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}
