import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { type Alarm, fetchAlarms } from './api';

/**
 * The open alarms of the building chosen on the map, asked again with every board poll while it stays chosen. Keyed
 * by the building where it is used, so another building starts empty rather than showing the last one's alarms.
 */
export function useBuildingAlarms(buildingId: number | null, tick: number): { alarms?: Alarm[]; error?: string } {
  const [state, setState] = useState<{ alarms?: Alarm[]; error?: string }>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new tick is the request to ask again
  useEffect(() => {
    if (buildingId === null) return;
    let live = true;
    fetchAlarms({ buildingId, status: 'open' }).then(
      (page) => live && setState({ alarms: page.items }),
      (err: unknown) => live && setState((prev) => ({ ...prev, error: errorMessage(err) })),
    );
    return () => {
      live = false;
    };
  }, [buildingId, tick]);
  return state;
}
