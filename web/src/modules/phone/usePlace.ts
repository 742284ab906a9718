import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { fetchNearby, type NearbyCase } from '../cases/api';
import type { LngLat } from '../cases/PointMap';

/** Open cases of the same category near the point: "is it one of these?" before a duplicate is filed. */
export function useNearby(categoryCode: string | undefined, point: LngLat | null): NearbyCase[] {
  const [items, setItems] = useState<NearbyCase[]>([]);
  const [lng, lat] = point ?? [];
  useEffect(() => {
    setItems([]);
    if (!categoryCode || lng === undefined || lat === undefined) return;
    let live = true;
    fetchNearby(categoryCode, lng, lat, 'wgs84').then(
      (found) => live && setItems(found),
      // Outside every grid there is nothing nearby to offer; the report itself will say why it cannot go.
      (err: unknown) => live && console.debug(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [categoryCode, lng, lat]);
  return items;
}
