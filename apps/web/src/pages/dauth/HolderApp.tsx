import { Button, Card, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardChooser } from './CardChooser.js';
import { ConsentForm } from './ConsentForm.js';
import { HolderApiError, useAuthorization, useCards, useHolderActions } from './client.js';
import { ErrorNotice } from './ErrorNotice.js';
import { PinStatusList } from './PinStatusList.js';
import { RequestSummary } from './RequestSummary.js';
import { ResultScreen } from './ResultScreen.js';
import { type HolderAnswer, neededPins } from './types.js';

/**
 * One pending authorization in the app (docs/dauth.md, "Holder API"): what the relying party
 * asks → hold a card → consent with the PIN(s) or cancel → the result. Every action is busy while
 * its request runs; every refusal is shown in words.
 */
export function HolderApp({ uid, sameBrowser }: { uid: string; sameBrowser: boolean }) {
  const { t } = useTranslation();
  const authorization = useAuthorization(uid);
  const cards = useCards();
  const { chooseCard, consent, cancel } = useHolderActions(uid);
  const [answer, setAnswer] = useState<HolderAnswer | null>(null);
  const [choosing, setChoosing] = useState(false);
  const busy = chooseCard.isPending || consent.isPending || cancel.isPending;
  const pending = consent.isPending ? 'consent' : cancel.isPending ? 'cancel' : null;

  if (authorization.isPending)
    return (
      <Stack align="center" py="xl">
        <Loader />
        <Text size="sm">{t('dauth.loading')}</Text>
      </Stack>
    );
  // The last refused action stays in words whatever the page shows next.
  const failed = chooseCard.error ?? consent.error ?? cancel.error;
  const actionError = <ErrorNotice error={failed} />;
  if (authorization.error)
    return (
      <Stack gap="sm">
        {!sameError(failed, authorization.error) && actionError}
        <ErrorNotice error={authorization.error} />
      </Stack>
    );
  const a = authorization.data;
  if (a.outcome)
    return (
      <Stack gap="sm">
        {actionError}
        <ResultScreen
          outcome={a.outcome}
          purpose={a.purpose}
          continueUrl={a.continueUrl}
          sameBrowser={sameBrowser}
        />
      </Stack>
    );
  const card = cards.data?.find((c) => c.id === a.card?.cardId);
  return (
    <Stack gap="sm" data-testid="dauth-app" data-uid={uid}>
      <RequestSummary authorization={a} />
      {!a.card || choosing ? (
        <>
          <ErrorNotice error={cards.error} />
          <CardChooser
            cards={cards.data ?? []}
            busy={busy}
            loading={chooseCard.isPending}
            {...(a.card ? { initial: a.card.cardId } : {})}
            onRead={(cardId) =>
              chooseCard.mutate(cardId, {
                onSuccess: () => {
                  setChoosing(false);
                  setAnswer(null);
                },
              })
            }
          />
        </>
      ) : (
        <>
          <Card withBorder padding="sm" data-testid="dauth-card-read" data-card={a.card.cardId}>
            <Stack gap={6}>
              <Text size="xs" c="dimmed">
                {t('dauth.card.read2')}
              </Text>
              <Text fw={600}>{card ? `${card.holder ?? card.id} (${card.serial})` : a.card.cardId}</Text>
              <PinStatusList pins={a.card.pins} needed={neededPins(a)} />
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => setChoosing(true)}
                disabled={busy}
                data-testid="dauth-change-card"
              >
                {t('dauth.card.change')}
              </Button>
            </Stack>
          </Card>
          <ConsentForm
            authorization={a}
            answer={answer}
            busy={busy}
            pending={pending}
            onConsent={(c) => consent.mutate(c, { onSuccess: setAnswer })}
            onCancel={() => cancel.mutate(undefined, { onSuccess: setAnswer })}
          />
        </>
      )}
      {actionError}
    </Stack>
  );
}

const sameError = (a: unknown, b: unknown) =>
  a instanceof HolderApiError && b instanceof HolderApiError && a.code === b.code;
