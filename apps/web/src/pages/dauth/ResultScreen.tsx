import { Alert, Anchor, Button, Code, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from './types.js';

/** Buttons whose label wraps on a narrow phone instead of being cut. */
const WRAP = {
  root: { height: 'auto', paddingBlock: 8 },
  label: { whiteSpace: 'normal', textAlign: 'center' },
} as const;

/**
 * The app's last screen. Success in the browser that started the request goes on to
 * `continueUrl` by itself; an error stays on the app's error screen (with the support guide of
 * the card when a PIN is locked or the card cannot be used) until the holder returns.
 */
export function ResultScreen({
  outcome,
  purpose,
  continueUrl,
  sameBrowser,
  navigate = (url) => location.assign(url),
}: {
  outcome: Outcome;
  purpose: 'login' | 'sign';
  continueUrl: string;
  /** This browser started the request (it came by the mobile redirect). */
  sameBrowser: boolean;
  navigate?: (url: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const ok = outcome.result === 'success';
  useEffect(() => {
    if (ok && sameBrowser) navigate(continueUrl);
  }, [ok, sameBrowser, continueUrl, navigate]);
  const back = sameBrowser ? (
    <Button
      component="a"
      href={continueUrl}
      variant={ok ? 'filled' : 'default'}
      styles={WRAP}
      data-testid="dauth-continue"
    >
      {t('dauth.done.back')}
    </Button>
  ) : (
    <Stack gap={4}>
      <Text size="sm">{t('dauth.done.elsewhere')}</Text>
      <Anchor href={continueUrl} size="xs" data-testid="dauth-continue">
        {t('dauth.done.continueHere')}
      </Anchor>
    </Stack>
  );
  if (ok)
    return (
      <Stack align="center" gap="sm" py="lg" data-testid="dauth-result" data-result="success">
        <ThemeIcon size={56} radius="xl" color="green">
          ✓
        </ThemeIcon>
        <Title order={4}>{t(purpose === 'sign' ? 'dauth.done.successSign' : 'dauth.done.success')}</Title>
        {sameBrowser && <Text size="sm">{t('dauth.done.returning')}</Text>}
        {back}
      </Stack>
    );
  return (
    <Stack gap="sm" data-testid="dauth-result" data-result="error" data-reason={outcome.reason}>
      <Alert color="red" title={t('dauth.done.error')} data-testid="dauth-error">
        {outcome.message[lang]}
        {outcome.pin && (
          <Text size="sm" mt={4} data-testid="dauth-error-pin">
            {t('dauth.lockedPin', { pin: t(`dauth.pin.${outcome.pin}`) })}
          </Text>
        )}
      </Alert>
      <Text size="xs" c="dimmed">
        {t('dauth.done.rpGets')}:{' '}
        <Code data-testid="dauth-rp-error">{`${outcome.error} (${outcome.errorDescription})`}</Code>
      </Text>
      {outcome.supportGuide && (
        <Button
          component="a"
          href={outcome.supportGuide}
          color="indigo"
          styles={WRAP}
          data-testid="dauth-support"
        >
          {t('dauth.done.support')}
        </Button>
      )}
      {back}
    </Stack>
  );
}
