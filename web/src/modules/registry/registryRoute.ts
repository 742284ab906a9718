import { useRoute } from 'wouter';

/** What the registry page shows: its tabs, one person, or one area's overview; each has its own URL. */
export type RegistryRoute = { view: 'tabs' } | { view: 'person'; id: number } | { view: 'area'; code: string };

const PERSON = /^\/registry\/people\/(?<id>\d+)\/?$/;
const AREA = /^\/registry\/areas\/(?<code>\d{6,15})\/?$/;

export const personPath = (id: number) => `/registry/people/${id}`;
export const areaPath = (code: string) => `/registry/areas/${code}`;

export function useRegistryRoute(): RegistryRoute {
  const [, person] = useRoute(PERSON);
  const [, area] = useRoute(AREA);
  if (person?.id) return { view: 'person', id: Number(person.id) };
  return area?.code ? { view: 'area', code: area.code } : { view: 'tabs' };
}
