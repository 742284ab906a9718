import { useCallback, useEffect, useState } from 'react';
import type { LngLat } from '../cases/PointMap';

export type GeoState = { status: 'locating' } | { status: 'located'; point: LngLat } | { status: 'unavailable' };

const TIMEOUT_MS = 15_000;

/** The phone's position, asked for once on arrival and again on request. Browsers give WGS84 coordinates. */
export function useGeolocation(): [GeoState, () => void] {
  const [state, setState] = useState<GeoState>({ status: 'locating' });

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'unavailable' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => setState({ status: 'located', point: [pos.coords.longitude, pos.coords.latitude] }),
      () => setState({ status: 'unavailable' }),
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 60_000 },
    );
  }, []);

  useEffect(locate, [locate]);
  return [state, locate];
}
