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
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CardSummary } from '../api.js';
import { registerPage } from './registry.js';

interface Item {
  id: string;
  ja: string;
  en: string;
}

interface DiagnosisResponse {
  diagnosis: {
    route: 'kiosk' | 'counter' | 'change-pin';
    summary: Item;
    findings: Item[];
    steps: Item[];
    warnings: Item[];
  };
}

const PINS = ['sign', 'auth', 'kenhojo', 'juki'] as const;

/** The support guide as a page: pick a card, say which PINs are forgotten, read the diagnosis. */
function SupportPage({ route }: { route: string[] }) {
  const { t, i18n } = useTranslation();
  const [cards, setCards] = useState<CardSummary[]>([]);
  const [cardId, setCardId] = useState<string | null>(route[1] ?? null);
  const [forgot, setForgot] = useState<string[]>([]);
  const [age, setAge] = useState<number | string>('');
  const [result, setResult] = useState<DiagnosisResponse['diagnosis'] | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  useEffect(() => {
    void api<CardSummary[]>('GET', '/api/cards').then(setCards);
  }, []);
  const run = async () => {
    if (!cardId) return;
    const q = new URLSearchParams();
    if (forgot.length) q.set('forgot', forgot.join(','));
    if (typeof age === 'number') q.set('age', String(age));
    setResult((await api<DiagnosisResponse>('GET', `/api/cards/${cardId}/diagnosis?${q}`)).diagnosis);
  };
  const list = (items: Item[], testid: string) => (
    <List spacing="xs" data-testid={testid} type={testid === 'steps' ? 'ordered' : 'unordered'}>
      {items.map((i) => (
        <List.Item key={i.id} data-id={i.id}>
          {i[lang]}
        </List.Item>
      ))}
    </List>
  );
  return (
    <Stack>
      <Title order={2}>{t('support.title')}</Title>
      <Card withBorder>
        <Group align="end">
          <Select
            label={t('support.card')}
            value={cardId}
            onChange={setCardId}
            data={cards.map((c) => ({ value: c.id, label: `${c.holder ?? ''} (${c.serial})` }))}
            w={320}
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
        <Button mt="md" onClick={run} disabled={!cardId} data-testid="diagnose">
          {t('support.diagnose')}
        </Button>
      </Card>
      {result && (
        <Stack data-testid="diagnosis" data-route={result.route}>
          <Alert
            color={result.route === 'change-pin' ? 'green' : result.route === 'kiosk' ? 'yellow' : 'red'}
            title={t(`support.route.${result.route}`)}
          >
            {result.summary[lang]}
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
      )}
    </Stack>
  );
}

registerPage({ id: 'support', component: SupportPage });
