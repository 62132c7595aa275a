import { Alert, AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiKey } from './api.js';
import { CardPage } from './pages/CardPage.js';
import { CardsPage } from './pages/CardsPage.js';
import { ClockPage } from './pages/ClockPage.js';
import { go, useRoute } from './route.js';

const PAGES = ['cards', 'clock'] as const;

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const page = route[0] ?? 'cards';
  const switchLang = () => {
    const next = i18n.language === 'ja' ? 'en' : 'ja';
    localStorage.setItem('myna.lang', next);
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>{t('app.title')}</Title>
          <Button variant="light" size="xs" onClick={switchLang} data-testid="lang">
            {t('app.lang')}
          </Button>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {PAGES.map((p) => (
          <NavLink
            key={p}
            label={t(`nav.${p}`)}
            active={page === p}
            onClick={() => go(p)}
            data-testid={`nav-${p}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {!apiKey() ? (
          <Alert color="red">{t('app.noKey')}</Alert>
        ) : page === 'cards' && route[1] ? (
          <CardPage id={route[1]} />
        ) : page === 'clock' ? (
          <ClockPage />
        ) : (
          <CardsPage />
        )}
        <Text size="xs" c="dimmed" mt="xl">
          myna-sandbox — {t('app.sandbox')}
        </Text>
      </AppShell.Main>
    </AppShell>
  );
}
