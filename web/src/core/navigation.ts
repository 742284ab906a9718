import { useCallback, useEffect, useState } from 'react';

export const CONSOLE_PAGES = ['map', 'cases', 'registry', 'fire', 'kpis', 'categories'] as const;
export type ConsolePage = (typeof CONSOLE_PAGES)[number];

const PATHS: Record<ConsolePage, string> = {
  map: '/',
  cases: '/cases',
  registry: '/registry',
  fire: '/fire',
  kpis: '/kpis',
  categories: '/categories',
};

function pageOf(pathname: string): ConsolePage {
  if (pathname.startsWith(PATHS.kpis)) return 'kpis';
  if (pathname.startsWith(PATHS.categories)) return 'categories';
  if (pathname.startsWith(PATHS.registry)) return 'registry';
  if (pathname.startsWith(PATHS.fire)) return 'fire';
  return pathname.startsWith(PATHS.cases) ? 'cases' : 'map';
}

/** Those who answer for an area's results see its KPIs; the same roles the server lets read them. */
const KPI_ROLES = ['community_staff', 'street_staff', 'district_admin', 'command_centre'];

/** Categories set every case's level and time limits for the whole district, so only its administrator edits them. */
const CATEGORY_ADMIN_ROLES = ['district_admin'];

/** Who may read the registry of people and buildings; the same roles the server lets read it. */
const REGISTRY_ROLES = ['grid_worker', 'community_staff', 'street_staff', 'district_admin', 'command_centre'];

/** Everyone on duty watches the fire alarms and may act on them; the same roles the server lets see the board. */
const FIRE_ROLES = [
  'grid_worker',
  'community_staff',
  'street_staff',
  'department_staff',
  'district_admin',
  'command_centre',
];

const PAGE_ROLES: Partial<Record<ConsolePage, string[]>> = {
  kpis: KPI_ROLES,
  categories: CATEGORY_ADMIN_ROLES,
  registry: REGISTRY_ROLES,
  fire: FIRE_ROLES,
};

export function pagesFor(role: string): ConsolePage[] {
  return CONSOLE_PAGES.filter((page) => PAGE_ROLES[page]?.includes(role) ?? true);
}

/** The phone pages (residents', grid workers') live under /m; everything else is the console. */
export function isPhonePath(pathname: string): boolean {
  return pathname === '/m' || pathname.startsWith('/m/');
}

/**
 * Moves to a console URL without a reload. Announced as a popstate, so every hook that reads the URL (the console
 * page, a page's own view) follows it as it follows back and forward.
 */
export function navigateTo(path: string): void {
  if (location.pathname + location.search === path) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The console page in the URL, so a reload or a shared link lands on the same page; back and forward work too. */
export function useConsolePage(): [ConsolePage, (page: ConsolePage) => void] {
  const [page, setPage] = useState<ConsolePage>(() => pageOf(location.pathname));

  useEffect(() => {
    const onPop = () => setPage(pageOf(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((next: ConsolePage) => {
    if (pageOf(location.pathname) !== next) history.pushState(null, '', PATHS[next]);
    setPage(next);
  }, []);

  return [page, go];
}
