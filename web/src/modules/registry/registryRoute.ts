import { useEffect, useState } from 'react';

/** What the registry page shows: its tabs, one person, or one area's overview; each has its own URL. */
export type RegistryRoute = { view: 'tabs' } | { view: 'person'; id: number } | { view: 'area'; code: string };

const PERSON = /^\/registry\/people\/(\d+)\/?$/;
const AREA = /^\/registry\/areas\/(\d{6,15})\/?$/;

export const personPath = (id: number) => `/registry/people/${id}`;
export const areaPath = (code: string) => `/registry/areas/${code}`;

function routeOf(pathname: string): RegistryRoute {
  const person = PERSON.exec(pathname)?.[1];
  if (person) return { view: 'person', id: Number(person) };
  const area = AREA.exec(pathname)?.[1];
  return area ? { view: 'area', code: area } : { view: 'tabs' };
}

export function useRegistryRoute(): RegistryRoute {
  const [route, setRoute] = useState(() => routeOf(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(routeOf(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}
