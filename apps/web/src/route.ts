import { useEffect, useState } from 'react';

/** The current hash route: `#/cards`, `#/cards/<id>`, `#/clock`. */
function readRoute(): string[] {
  return (location.hash.replace(/^#\/?/, '') || 'cards').split('/').filter(Boolean);
}

/** A tiny hash router. */
export function useRoute(): string[] {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const on = () => setRoute(readRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function go(path: string): void {
  location.hash = `#/${path}`;
}
