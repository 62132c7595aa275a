import { Box, Button, Group, Paper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The app's screen. On a phone-sized viewport the page IS the phone: it covers the console
 * (fixed, full screen). On a desktop it is drawn as a 390 px phone inside the console.
 */
export function PhoneFrame({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 40em)');
  const switchLang = () => {
    const next = i18n.language === 'ja' ? 'en' : 'ja';
    localStorage.setItem('myna.lang', next);
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  };
  const bar = (
    <Group justify="space-between" px="sm" py={6} bg="indigo.7" c="white" wrap="nowrap">
      <Text fw={700} size="sm">
        {t('dauth.app')}
      </Text>
      <Button size="compact-xs" variant="white" onClick={switchLang} data-testid="dauth-lang">
        {t('dauth.lang')}
      </Button>
    </Group>
  );
  const body = (
    <Box p="sm" data-testid="dauth-screen">
      {children}
    </Box>
  );
  if (phone)
    return (
      <Box
        data-testid="dauth-phone"
        data-layout="fullscreen"
        pos="fixed"
        bg="white"
        style={{ inset: 0, zIndex: 300, overflowY: 'auto' }}
      >
        {bar}
        {body}
      </Box>
    );
  return (
    <Paper
      data-testid="dauth-phone"
      data-layout="framed"
      withBorder
      shadow="md"
      radius={28}
      w={390}
      mx="auto"
      style={{ overflow: 'hidden', minHeight: 640, borderWidth: 8, borderColor: '#222' }}
    >
      {bar}
      {body}
    </Paper>
  );
}
