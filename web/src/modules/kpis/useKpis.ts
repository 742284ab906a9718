import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { fetchKpis, type KpiQuery, type KpiResult } from './api';

export type KpiState =
  | { status: 'loading'; result?: KpiResult }
  | { status: 'ready'; result: KpiResult }
  | { status: 'failed'; message: string; result?: KpiResult };

/** The KPIs for the chosen filters; the previous figures stay on screen while new ones load. */
export function useKpis({ regionCode, from, to, categoryCode }: KpiQuery): KpiState {
  const [state, setState] = useState<KpiState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState((prev) => ({ status: 'loading', result: prev.result }));
    fetchKpis({ regionCode, from, to, categoryCode }).then(
      (result) => live && setState({ status: 'ready', result }),
      (err: unknown) =>
        live && setState((prev) => ({ status: 'failed', message: errorMessage(err), result: prev.result })),
    );
    return () => {
      live = false;
    };
  }, [regionCode, from, to, categoryCode]);
  return state;
}
