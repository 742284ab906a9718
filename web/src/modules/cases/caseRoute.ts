import { useCallback, useEffect, useState } from 'react';

const CASE = /^\/cases\/(\d+)\/?$/;

export const casePath = (id: number) => `/cases/${id}`;

function caseInUrl(): number | null {
  const id = CASE.exec(location.pathname)?.[1];
  return id ? Number(id) : null;
}

/**
 * The open case lives in the URL, so a link from elsewhere (a building's cases) opens it, and a reload or a shared
 * address lands on it. Replaced rather than pushed: going through a list of cases should not fill the back button.
 */
export function useCaseInUrl(): [number | null, (id: number | null) => void] {
  const [selected, setSelected] = useState(caseInUrl);
  useEffect(() => {
    const onPop = () => setSelected(caseInUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const select = useCallback((id: number | null) => {
    history.replaceState(null, '', id === null ? '/cases' : casePath(id));
    setSelected(id);
  }, []);
  return [selected, select];
}
