import { useEffect, useState } from 'react';

/** A tiny hash router: `#/cards`, `#/cards/<id>`, `#/clock`. */
export function useRoute(): string[] {
  const read = () => (location.hash.replace(/^#\/?/, '') || 'cards').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function go(path: string): void {
  location.hash = `#/${path}`;
}
