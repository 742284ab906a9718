import { type Load, useLoad } from '../../core/query';
import { fetchThings, type ThingCollection, type ThingLayer } from './api';

export type RegionThings = Partial<Record<ThingLayer, ThingCollection>>;

async function loadThings({ regionCode, layers }: { regionCode: string; layers: ThingLayer[] }): Promise<RegionThings> {
  return Object.fromEntries(
    await Promise.all(layers.map(async (layer) => [layer, await fetchThings(regionCode, layer)] as const)),
  );
}

/** The points of the layers switched on for a region; a layer switched off is simply absent. */
export function useRegionThings(regionCode: string | undefined, layers: readonly ThingLayer[]): Load<RegionThings> {
  const key = regionCode && layers.length > 0 ? { regionCode, layers: [...layers].sort() } : undefined;
  return useLoad(['registry', 'things'], key, loadThings, { keepPrevious: true });
}
