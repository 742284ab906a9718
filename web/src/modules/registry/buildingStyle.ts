import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { AffordableType } from './api';

export const BUILDING_SOURCE = 'buildings';
export const GRID_SOURCE = 'grids';
export const BUILDINGS_LAYER = 'buildings-3d';

export const ORDINARY_COLOUR = '#7b8a9a';

/** Affordable housing stands out from ordinary housing, and each kind from the others. */
export const AFFORDABLE_COLOURS: Record<AffordableType, string> = {
  public_rental: '#e67e22',
  resettlement: '#16a085',
  shared_ownership: '#8e44ad',
};

const buildingColour: ExpressionSpecification = [
  'match',
  ['coalesce', ['get', 'affordableType'], ''],
  ...Object.entries(AFFORDABLE_COLOURS).flat(),
  ORDINARY_COLOUR,
] as unknown as ExpressionSpecification;

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** A background, the grids flat on the ground and the buildings standing on them; no tiles, glyphs or sprites. */
export function buildingMapStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [GRID_SOURCE]: { type: 'geojson', data: EMPTY },
      [BUILDING_SOURCE]: { type: 'geojson', data: EMPTY },
    },
    // Lit from the south-west so two faces of each building show different shades.
    light: { anchor: 'viewport', position: [1.3, 200, 40], intensity: 0.35 },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
      { id: 'grids-fill', type: 'fill', source: GRID_SOURCE, paint: { 'fill-color': '#34495e', 'fill-opacity': 0.05 } },
      { id: 'grids-line', type: 'line', source: GRID_SOURCE, paint: { 'line-color': '#2c3e50', 'line-width': 1.5 } },
      {
        id: BUILDINGS_LAYER,
        type: 'fill-extrusion',
        source: BUILDING_SOURCE,
        paint: {
          'fill-extrusion-color': buildingColour,
          'fill-extrusion-height': ['get', 'heightM'],
          'fill-extrusion-base': 0,
          'fill-extrusion-opacity': 0.9,
        },
      },
    ],
  };
}
