import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { fetchThings, type ThingCollection, type ThingLayer } from './api';

export interface RegionThings {
  things: Partial<Record<ThingLayer, ThingCollection>>;
  error?: string;
}

/** The points of the layers switched on for a region; a layer switched off is simply absent. */
export function useRegionThings(regionCode: string | undefined, layers: readonly ThingLayer[]): RegionThings {
  const [state, setState] = useState<RegionThings>({ things: {} });
  // the layers as one string, so a new array with the same layers does not fetch again
  const key = [...layers].sort().join(',');
  useEffect(() => {
    const wanted = key ? (key.split(',') as ThingLayer[]) : [];
    if (!regionCode || wanted.length === 0) {
      setState({ things: {} });
      return;
    }
    let live = true;
    Promise.all(wanted.map(async (layer) => [layer, await fetchThings(regionCode, layer)] as const)).then(
      (pairs) => live && setState({ things: Object.fromEntries(pairs) }),
      (err: unknown) => live && setState({ things: {}, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [regionCode, key]);
  return state;
}
