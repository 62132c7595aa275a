import { type ComponentType, lazy } from 'react';

/**
 * The console's pages, in navigation order. Each page module registers itself here; pages/index.ts
 * names them in order, each loaded on first visit (`lazyPage`: its own chunk), so the first paint
 * downloads the shell and one page. A module imported eagerly (`import './X.js'`) still works.
 */
export interface ConsolePage {
  /** Route and i18n key: `#/<id>`, `nav.<id>`. */
  readonly id: string;
  readonly component: ComponentType<{ route: string[] }>;
}

export const PAGES: ConsolePage[] = [];

/** Components of lazily listed pages, handed over by their module's registerPage() when it loads. */
const loaded = new Map<string, ConsolePage['component']>();

export function registerPage(page: ConsolePage): void {
  if (PAGES.some((p) => p.id === page.id)) loaded.set(page.id, page.component);
  else PAGES.push(page);
}

/** Lists page `id` now; `load` (a dynamic import of the module that registers it) runs on first render. */
export function lazyPage(id: string, load: () => Promise<unknown>): void {
  if (PAGES.some((p) => p.id === id)) return; // its module was already imported eagerly
  PAGES.push({
    id,
    component: lazy(async () => {
      await load();
      const component = loaded.get(id);
      if (!component) throw new Error(`page module did not register page "${id}"`);
      return { default: component };
    }),
  });
}
