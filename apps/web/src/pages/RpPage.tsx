import {
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client, unwrap } from '../api/client.js';
import { keys, useAction, useCards } from '../api/queries.js';
import type { RpForm, RpInput, RpOutcome } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useText } from '../i18n/index.js';
import { registerPage } from './registry.js';
import { RpOutcomeView } from './rp/RpOutcomeView.js';

type Confirmable = NonNullable<RpOutcome['pin']>;

/**
 * The relying-party demo: a PocketSign-like registration in the risky design of seed 000 (the
 * "券面事項入力補助AP PIN is the same" box ticked by default) or the safe one. The card is reached by
 * the demo as terminal `rp-demo:<mode>`, so the card page shows where each try went.
 */
export function RpPage() {
  const { t, text } = useText();
  const cards = useCards();
  const [cardId, setCardId] = useState<string | null>(null);
  const [mode, setMode] = useState<'risky' | 'safe'>('risky');
  const [route, setRoute] = useState<'four-digit' | 'signature'>('four-digit');
  const [same, setSame] = useState(true);
  const [authPin, setAuthPin] = useState('');
  const [kenhojoPin, setKenhojoPin] = useState('');
  const [signPin, setSignPin] = useState('');
  const [confirmed, setConfirmed] = useState<Confirmable[]>([]);
  const form = useQuery({
    queryKey: keys.rpForm(mode),
    queryFn: async () =>
      (await unwrap(client.GET('/api/rp/form', { params: { query: { mode } } }))) as unknown as RpForm,
  });
  const register = useAction(async (confirm: Confirmable[]) => {
    const input: RpInput =
      route === 'signature'
        ? { route, signPin, confirmLastTry: confirm }
        : {
            route,
            authPin,
            kenhojoSameAsAuth: same,
            ...(!same && kenhojoPin ? { kenhojoPin } : {}),
            confirmLastTry: confirm,
          };
    const out = await unwrap(
      client.POST('/api/rp/registrations', { body: { cardId: cardId!, mode, input } }),
    );
    return out as unknown as RpOutcome;
  });
  const { reset } = register;
  useEffect(() => {
    if (form.data) setSame(form.data.kenhojoSameAsAuthCheckbox.defaultChecked);
    setConfirmed([]);
    reset();
  }, [form.data, reset]);
  const outcome = register.data;
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
            data={(cards.data ?? []).map((c) => ({ value: c.id, label: `${c.holder ?? ''} (${c.serial})` }))}
            data-testid="rp-card"
          />
          <SegmentedControl
            value={route}
            onChange={(v) => setRoute(v as 'four-digit' | 'signature')}
            data={[
              { value: 'four-digit', label: t('rp.fourDigit') },
              { value: 'signature', label: t('rp.signature') },
            ]}
            orientation="vertical"
            fullWidth
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
                label={form.data ? text(form.data.kenhojoSameAsAuthCheckbox.label) : ''}
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
              data-testid="rp-sign-pin"
            />
          )}
          <Group>
            <Button
              onClick={() => register.run(confirmed)}
              disabled={!cardId}
              loading={register.busy}
              data-testid="rp-register"
            >
              {t('rp.register')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <ErrorAlert error={register.error} testId="rp-error" />
      {outcome && cardId && (
        <RpOutcomeView
          outcome={outcome}
          mode={mode}
          cardId={cardId}
          confirming={register.busy}
          onConfirm={(pin) => {
            const next = [...confirmed, pin];
            setConfirmed(next);
            register.run(next);
          }}
        />
      )}
    </Stack>
  );
}

registerPage({ id: 'rp', component: RpPage });
