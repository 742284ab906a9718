import { useEffect, useState } from 'react';
import type { LngLat } from '../../cases/PointMap';
import { fetchPlaceAt, type PlaceAt } from './api';

export type PlaceAtState = { status: 'none' | 'looking' | 'failed' } | { status: 'found'; place: PlaceAt };

/** The building and grid at the phone's fix, in words; 'failed' offline, where the point still goes with the report. */
export function usePlaceAt(point: LngLat | null, publicGrid?: string): PlaceAtState {
  const [state, setState] = useState<PlaceAtState>({ status: 'none' });
  const [lng, lat] = point ?? [];
  useEffect(() => {
    if (lng === undefined || lat === undefined) {
      setState({ status: 'none' });
      return;
    }
    setState({ status: 'looking' });
    let live = true;
    fetchPlaceAt(lng, lat, publicGrid).then(
      (place) => live && setState({ status: 'found', place }),
      () => live && setState({ status: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [lng, lat, publicGrid]);
  return state;
}
