import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { AffordableType, FacilityKind, ThingLayer, VenueKind } from './api';

export const BUILDING_SOURCE = 'buildings';
export const GRID_SOURCE = 'grids';
export const BUILDINGS_LAYER = 'buildings-3d';
/** Venues and facilities each have a source and a circle layer of the same name. */
export const THING_LAYERS: readonly ThingLayer[] = ['venues', 'facilities'];

export const ORDINARY_COLOUR = '#7b8a9a';

/** Affordable housing stands out from ordinary housing, and each kind from the others. */
export const AFFORDABLE_COLOURS: Record<AffordableType, string> = {
  public_rental: '#e67e22',
  resettlement: '#16a085',
  shared_ownership: '#8e44ad',
};

/** Venues in warm colours, facilities in cool ones, so the two layers read apart when both are on. */
export const VENUE_COLOURS: Record<VenueKind, string> = {
  nine_small: '#e74c3c',
  shop: '#f39c12',
  enterprise: '#8e5a2b',
  school: '#d35400',
  other: '#b07aa1',
};

export const FACILITY_COLOURS: Record<FacilityKind, string> = {
  ebike_charger: '#27ae60',
  ebike_shed: '#1abc9c',
  fire_hydrant: '#2980b9',
  service_point: '#2c3e99',
  camera: '#34495e',
  other: '#95a5a6',
};

const byKind = (colours: Record<string, string>): ExpressionSpecification =>
  ['match', ['get', 'kind'], ...Object.entries(colours).flat(), '#888888'] as unknown as ExpressionSpecification;

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
      venues: { type: 'geojson', data: EMPTY },
      facilities: { type: 'geojson', data: EMPTY },
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
      ...THING_LAYERS.map((layer) => ({
        id: layer,
        type: 'circle' as const,
        source: layer,
        paint: {
          'circle-color': byKind(layer === 'venues' ? VENUE_COLOURS : FACILITY_COLOURS),
          'circle-radius': layer === 'venues' ? 6 : 4.5,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
          'circle-pitch-alignment': 'map' as const,
        },
      })),
    ],
  };
}
