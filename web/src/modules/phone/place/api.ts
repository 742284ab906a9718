import type { z } from 'zod';
import type { placeAtSchema, placeListSchema } from '../../../../../server/src/modules/registry/registry.schemas';
import { api } from '../../../core/api';

export type PlaceAt = z.infer<typeof placeAtSchema>;
export type PlaceHit = z.infer<typeof placeListSchema>['items'][number];

/**
 * Signed in, the registry answers for every building; opened from a grid's QR code without an account, only for
 * that grid's street (`publicGrid`).
 */
export function fetchPlaceAt(lng: number, lat: number, publicGrid?: string): Promise<PlaceAt> {
  const base = publicGrid ? `/api/registry/grids/${publicGrid}/places/at` : '/api/registry/places/at';
  return api('GET', `${base}?lng=${lng}&lat=${lat}&crs=wgs84`);
}

/** `near` narrows a signed-in search to that grid's street, where the resident most likely is. */
export async function findPlaces(q: string, opts: { publicGrid?: string; near?: string }): Promise<PlaceHit[]> {
  const text = encodeURIComponent(q);
  const path = opts.publicGrid
    ? `/api/registry/grids/${opts.publicGrid}/places?q=${text}`
    : `/api/registry/places?q=${text}${opts.near ? `&grid=${opts.near}` : ''}`;
  return (await api<{ items: PlaceHit[] }>('GET', path)).items;
}
