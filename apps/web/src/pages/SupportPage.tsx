import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client, toApiError, unwrap } from '../api/client.js';
import { useCards } from '../api/queries.js';
import type { Diagnosis } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useText } from '../i18n/index.js';
import { registerPage } from './registry.js';

const PINS = ['sign', 'auth', 'kenhojo', 'juki'] as const;
interface Question {
  cardId: string;
  forgot: string[];
  age: number | string;
}

/**
 * The support guide as a page: pick a card, say which PINs are forgotten, read the diagnosis.
 * Opened as `#/support/<card>` (the relying party's link), it runs at once for that card.
 */
export function SupportPage({ route }: { route: string[] }) {
  const { t } = useText();
  const cards = useCards();
  const [cardId, setCardId] = useState<string | null>(route[1] ?? null);
  const [forgot, setForgot] = useState<string[]>([]);
  const [age, setAge] = useState<number | string>('');
  const [asked, setAsked] = useState<Question | null>(
    route[1] ? { cardId: route[1], forgot: [], age: '' } : null,
  );
  useEffect(() => {
    if (route[1]) {
      setCardId(route[1]);
      setAsked({ cardId: route[1], forgot: [], age: '' });
    }
  }, [route[1]]);
  const diagnosis = useQuery({
    queryKey: ['diagnosis', asked],
    enabled: asked !== null,
    queryFn: async () => {
      const q = asked!;
      const r = await unwrap(
        client.GET('/api/cards/{id}/diagnosis', {
          params: {
            path: { id: q.cardId },
            query: {
              ...(q.forgot.length ? { forgot: q.forgot.join(',') } : {}),
              ...(typeof q.age === 'number' ? { age: q.age } : {}),
            },
          },
        }),
      );
      return (r as unknown as { diagnosis: Diagnosis }).diagnosis;
    },
  });
  const result = asked ? diagnosis.data : undefined;
  return (
    <Stack>
      <Title order={2}>{t('support.title')}</Title>
      <Card withBorder>
        <Group align="end">
          <Select
            label={t('support.card')}
            value={cardId}
            onChange={setCardId}
            data={(cards.data ?? []).map((c) => ({ value: c.id, label: `${c.holder ?? ''} (${c.serial})` }))}
            w={320}
            maw="100%"
            data-testid="support-card"
          />
          <NumberInput label={t('support.age')} value={age} onChange={setAge} min={0} max={150} w={100} />
        </Group>
        <Text size="sm" mt="sm">
          {t('support.forgot')}
        </Text>
        <Group>
          {PINS.map((p) => (
            <Checkbox
              key={p}
              label={t(`pin.${p}`)}
              checked={forgot.includes(p)}
              onChange={(e) =>
                setForgot(e.currentTarget.checked ? [...forgot, p] : forgot.filter((x) => x !== p))
              }
            />
          ))}
        </Group>
        <Button
          mt="md"
          onClick={() => cardId && setAsked({ cardId, forgot, age })}
          disabled={!cardId}
          loading={diagnosis.isFetching}
          data-testid="diagnose"
        >
          {t('support.diagnose')}
        </Button>
      </Card>
      <ErrorAlert error={diagnosis.error ? toApiError(diagnosis.error) : null} testId="support-error" />
      {result && <DiagnosisView result={result} />}
    </Stack>
  );
}

/** A diagnosis: the route (kiosk, counter, nothing locked), findings, steps, warnings. */
export function DiagnosisView({ result }: { result: Diagnosis }) {
  const { t, text } = useText();
  const list = (items: Diagnosis['steps'], testid: string) => (
    <List spacing="xs" data-testid={testid} type={testid === 'steps' ? 'ordered' : 'unordered'}>
      {items.map((i) => (
        <List.Item key={i.id} data-id={i.id}>
          {text(i)}
        </List.Item>
      ))}
    </List>
  );
  return (
    <Stack data-testid="diagnosis" data-route={result.route}>
      <Alert
        color={result.route === 'change-pin' ? 'green' : result.route === 'kiosk' ? 'yellow' : 'red'}
        title={t(`support.route.${result.route}`)}
      >
        {text(result.summary)}
      </Alert>
      <Title order={4}>{t('support.findings')}</Title>
      {list(result.findings, 'findings')}
      <Title order={4}>{t('support.steps')}</Title>
      {list(result.steps, 'steps')}
      {result.warnings.length > 0 && (
        <>
          <Title order={4}>{t('support.warnings')}</Title>
          {list(result.warnings, 'warnings')}
        </>
      )}
    </Stack>
  );
}

registerPage({ id: 'support', component: SupportPage });
