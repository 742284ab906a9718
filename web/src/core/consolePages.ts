import { useMemo } from 'react';
import { matchRoute, useLocation, useRouter } from 'wouter';
import { WEB_MODULES } from '../modules';
import { useCan } from './abilities';
import type { MessageKey } from './i18n';
import type { ConsolePage } from './webModule';

type Page = ConsolePage<MessageKey>;

const ALL_PAGES: readonly Page[] = WEB_MODULES.flatMap((m): readonly Page[] => m.pages).sort(
  (a, b) => a.nav.order - b.nav.order,
);

/** The pages the signed-in person may open, in menu order. */
export function useConsolePages(): readonly Page[] {
  const can = useCan();
  return useMemo(() => ALL_PAGES.filter((page) => can(page.ability)), [can]);
}

/**
 * The page the URL asks for. An address no page answers, or one the person may not open (an old or shared link),
 * falls back to the first page they may open, as the map was before.
 */
export function useCurrentPage(pages: readonly Page[]): Page | undefined {
  const [location] = useLocation();
  const { parser } = useRouter();
  return pages.find((page) => page.paths.some((path) => matchRoute(parser, path, location)[0])) ?? pages[0];
}
