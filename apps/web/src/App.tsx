import { AppShell, Burger, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { KeyGate } from './components/KeyGate.js';
import { setLanguage, useText } from './i18n/index.js';
import './pages/index.js';
import { PAGES } from './pages/registry.js';
import { go, useRoute } from './route.js';

/**
 * The console's shell: a header with the title, a menu button below the `sm` breakpoint (the
 * navigation then opens over the page and closes on a choice) and the language switch, always
 * on screen; the page needs the sandbox's API key (KeyGate).
 */
export function App() {
  const { t, lang } = useText();
  const [opened, { toggle, close }] = useDisclosure(false);
  const route = useRoute();
  const page = PAGES.find((p) => p.id === route[0]) ?? PAGES[0]!;
  const Page = page.component;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.menu')}
              data-testid="menu"
            />
            <Title
              order={3}
              size="h4"
              style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            >
              {t('app.title')}
            </Title>
          </Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => void setLanguage(lang === 'ja' ? 'en' : 'ja')}
            data-testid="lang"
            style={{ flexShrink: 0 }}
          >
            {t('app.lang')}
          </Button>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" data-testid="navbar">
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
        <KeyGate>
          {/* Each page is its own chunk (pages/index.ts), fetched on its first visit. */}
          <Suspense
            fallback={
              <Center py="xl">
                <Loader size="sm" data-testid="page-loading" />
              </Center>
            }
          >
            <Page route={route} />
          </Suspense>
        </KeyGate>
        <Text size="xs" c="dimmed" mt="xl">
          myna-sandbox — {t('app.sandbox')}
        </Text>
      </AppShell.Main>
    </AppShell>
  );
}
