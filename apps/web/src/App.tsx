import { Alert, AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { apiKey } from './api.js';
import './pages/index.js';
import { PAGES } from './pages/registry.js';
import { go, useRoute } from './route.js';

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  // On a phone-sized screen the navigation folds behind a burger (it would cover the page).
  const [nav, { toggle, close }] = useDisclosure(false);
  const page = PAGES.find((p) => p.id === route[0]) ?? PAGES[0]!;
  const switchLang = () => {
    const next = i18n.language === 'ja' ? 'en' : 'ja';
    localStorage.setItem('myna.lang', next);
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  };
  const Page = page.component;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !nav } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={nav} onClick={toggle} hiddenFrom="sm" size="sm" data-testid="nav-toggle" />
            <Title order={3} fz={{ base: 'sm', sm: 'h3' }} lineClamp={1}>
              {t('app.title')}
            </Title>
          </Group>
          <Button variant="light" size="xs" onClick={switchLang} data-testid="lang">
            {t('app.lang')}
          </Button>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {PAGES.map((p) => (
          <NavLink
            key={p.id}
            label={t(`nav.${p.id}`)}
            active={page.id === p.id}
            onClick={() => {
              go(p.id);
              close();
            }}
            data-testid={`nav-${p.id}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {apiKey() ? <Page route={route} /> : <Alert color="red">{t('app.noKey')}</Alert>}
        <Text size="xs" c="dimmed" mt="xl">
          myna-sandbox — {t('app.sandbox')}
        </Text>
      </AppShell.Main>
    </AppShell>
  );
}
