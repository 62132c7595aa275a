import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CardSummary } from '../api.js';
import { go } from '../route.js';
import { registerPage } from './registry.js';

interface TextPair {
  ja: string;
  en: string;
}
interface Outcome {
  status:
    | 'registered'
    | 'needs-input'
    | 'confirm-last-try'
    | 'pin-wrong'
    | 'pin-locked'
    | 'verification-failed'
    | 'unavailable';
  message: TextPair;
  pin?: string;
  triesLeft?: number;
  warnings?: (TextPair & { id: string })[];
  supportGuide?: string;
  user?: { subjectId: string; basicFour: { name: string; address: string; birthDate: string; sex: string } };
}
interface Form {
  kenhojoSameAsAuthCheckbox: { label: TextPair; defaultChecked: boolean };
  showsTriesLeft: boolean;
}

/**
 * The relying-party demo: a PocketSign-like registration in the risky design of seed 000 (the
 * "券面事項入力補助AP PIN is the same" box ticked by default) or the safe one. The card is reached by
 * the demo as terminal `rp-demo:<mode>`, so the card page shows where each try went.
 */
function RpPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const [cards, setCards] = useState<CardSummary[]>([]);
  const [cardId, setCardId] = useState<string | null>(null);
  const [mode, setMode] = useState<'risky' | 'safe'>('risky');
  const [route, setRoute] = useState<'four-digit' | 'signature'>('four-digit');
  const [form, setForm] = useState<Form | null>(null);
  const [same, setSame] = useState(true);
  const [authPin, setAuthPin] = useState('');
  const [kenhojoPin, setKenhojoPin] = useState('');
  const [signPin, setSignPin] = useState('');
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    void api<CardSummary[]>('GET', '/api/cards').then(setCards);
  }, []);
  useEffect(() => {
    void api<Form>('GET', `/api/rp/form?mode=${mode}`).then((f) => {
      setForm(f);
      setSame(f.kenhojoSameAsAuthCheckbox.defaultChecked);
      setOutcome(null);
      setConfirmed([]);
    });
  }, [mode]);
  const submit = async (confirm = confirmed) => {
    if (!cardId) return;
    const input =
      route === 'signature'
        ? { route, signPin, confirmLastTry: confirm }
        : {
            route,
            authPin,
            kenhojoSameAsAuth: same,
            ...(!same && kenhojoPin ? { kenhojoPin } : {}),
            confirmLastTry: confirm,
          };
    setOutcome(await api<Outcome>('POST', '/api/rp/registrations', { cardId, mode, input }));
  };
  return (
    <Stack>
      <Title order={2}>{t('rp.title')}</Title>
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v as 'risky' | 'safe')}
        data={[
          { value: 'risky', label: t('rp.risky') },
          { value: 'safe', label: t('rp.safe') },
        ]}
        data-testid="rp-mode"
      />
      <Card withBorder>
        <Stack>
          <Select
            label={t('support.card')}
            value={cardId}
            onChange={setCardId}
            data={cards.map((c) => ({ value: c.id, label: `${c.holder ?? ''} (${c.serial})` }))}
            data-testid="rp-card"
          />
          <SegmentedControl
            value={route}
            onChange={(v) => setRoute(v as 'four-digit' | 'signature')}
            data={[
              { value: 'four-digit', label: t('rp.fourDigit') },
              { value: 'signature', label: t('rp.signature') },
            ]}
          />
          {route === 'four-digit' ? (
            <>
              <PasswordInput
                label={t('rp.authPin')}
                value={authPin}
                onChange={(e) => setAuthPin(e.currentTarget.value)}
                data-testid="rp-auth-pin"
              />
              <Checkbox
                label={form ? form.kenhojoSameAsAuthCheckbox.label[lang] : ''}
                checked={same}
                onChange={(e) => setSame(e.currentTarget.checked)}
                data-testid="rp-same"
              />
              {!same && (
                <PasswordInput
                  label={t('rp.kenhojoPin')}
                  value={kenhojoPin}
                  onChange={(e) => setKenhojoPin(e.currentTarget.value)}
                  data-testid="rp-kenhojo-pin"
                />
              )}
            </>
          ) : (
            <PasswordInput
              label={t('rp.signPin')}
              value={signPin}
              onChange={(e) => setSignPin(e.currentTarget.value)}
            />
          )}
          <Group>
            <Button onClick={() => submit()} disabled={!cardId} data-testid="rp-register">
              {t('rp.register')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {outcome && (
        <Alert
          data-testid="rp-outcome"
          data-status={outcome.status}
          color={
            outcome.status === 'registered'
              ? 'green'
              : outcome.status === 'confirm-last-try' || outcome.status === 'needs-input'
                ? 'yellow'
                : 'red'
          }
          title={t(`rp.status.${outcome.status}`)}
        >
          <Text>{outcome.message[lang]}</Text>
          {outcome.user && (
            <Text size="sm" mt="xs">
              {outcome.user.basicFour.name} · {outcome.user.basicFour.address} ·{' '}
              {outcome.user.basicFour.birthDate}
            </Text>
          )}
          {outcome.warnings?.map((w) => (
            <Text key={w.id} size="sm" c="orange">
              {w[lang]}
            </Text>
          ))}
          {outcome.status === 'confirm-last-try' && outcome.pin && (
            <Button
              mt="sm"
              color="orange"
              onClick={() => {
                const next = [...confirmed, outcome.pin!];
                setConfirmed(next);
                void submit(next);
              }}
            >
              {t('rp.confirm')}
            </Button>
          )}
          {outcome.supportGuide && cardId && (
            <Anchor
              mt="sm"
              display="block"
              onClick={() => go(`support/${cardId}`)}
              data-testid="rp-support-link"
            >
              {t('rp.support')}
            </Anchor>
          )}
        </Alert>
      )}
    </Stack>
  );
}

registerPage({ id: 'rp', component: RpPage });
