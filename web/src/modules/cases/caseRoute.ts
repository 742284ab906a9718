import { useCallback } from 'react';
import { useLocation, useRoute } from 'wouter';

const CASE = /^\/cases\/(?<id>\d+)\/?$/;

export const casePath = (id: number) => `/cases/${id}`;

/**
 * The open case lives in the URL, so a link from elsewhere (a building's cases) opens it, and a reload or a shared
 * address lands on it. Replaced rather than pushed: going through a list of cases should not fill the back button.
 */
export function useCaseInUrl(): [number | null, (id: number | null) => void] {
  const [, params] = useRoute(CASE);
  const [, navigate] = useLocation();
  const select = useCallback(
    (id: number | null) => navigate(id === null ? '/cases' : casePath(id), { replace: true }),
    [navigate],
  );
  return [params?.id ? Number(params.id) : null, select];
}
