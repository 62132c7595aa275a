import { MantineProvider } from '@mantine/core';
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import i18n from '../../src/i18n/index.js';
import '../../src/pages/dauth/strings.js';

afterEach(cleanup);

/** Renders a component of the app inside Mantine, in `lang`. */
export async function show(ui: ReactElement, lang: 'ja' | 'en' = 'ja') {
  await i18n.changeLanguage(lang);
  return render(ui, { wrapper: MantineProvider });
}
