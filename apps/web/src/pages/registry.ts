import type { ComponentType } from 'react';

/**
 * The console's pages, in navigation order. Each page module registers itself here (one line
 * per page in pages/index.ts), so pages can be added without editing App.tsx.
 */
export interface ConsolePage {
  /** Route and i18n key: `#/<id>`, `nav.<id>`. */
  readonly id: string;
  readonly component: ComponentType<{ route: string[] }>;
}

export const PAGES: ConsolePage[] = [];

export function registerPage(page: ConsolePage): void {
  PAGES.push(page);
}
