import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { type AlarmDetail, fetchAlarm } from './api';

export type AlarmDetailState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; detail: AlarmDetail }
  | { status: 'failed'; message: string };

/**
 * An alarm with the steps of its escalation chain, asked again on every board poll (`tick`) while it is open, so a
 * new step shows as it is taken. A failed refresh keeps what is shown.
 */
export function useAlarmDetail(id: number | null, tick: number): AlarmDetailState {
  const [state, setState] = useState<AlarmDetailState>({ status: 'none' });

  useEffect(() => {
    if (id === null) setState({ status: 'none' });
    else setState((prev) => (prev.status === 'ready' && prev.detail.alarm.id === id ? prev : { status: 'loading' }));
  }, [id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new tick is the request to ask again
  useEffect(() => {
    if (id === null) return;
    let live = true;
    fetchAlarm(id).then(
      (detail) => live && setState({ status: 'ready', detail }),
      (err: unknown) =>
        live && setState((prev) => (prev.status === 'ready' ? prev : { status: 'failed', message: errorMessage(err) })),
    );
    return () => {
      live = false;
    };
  }, [id, tick]);

  return state;
}
