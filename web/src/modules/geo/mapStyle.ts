import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { MapConfig } from './api';

/** 12 categorical colours (Tableau 10 plus two), dark enough to read at 45 % opacity over a light map. */
export const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#f4a261',
  '#2a9d8f',
];

export const SOURCES = { areas: 'areas', frame: 'frame', grids: 'grids' } as const;
export const TILE_SOURCE = 'tiles';

export const LAYERS = {
  areasFill: 'areas-fill',
  gridsFill: 'grids-fill',
  gridsLine: 'grids-line',
  areasLine: 'areas-line',
  frameLine: 'frame-line',
  gridSelected: 'grid-selected',
} as const;

const gridColour: ExpressionSpecification = [
  'to-color',
  ['at', ['%', ['to-number', ['get', 'colorIndex'], 0], PALETTE.length], ['literal', PALETTE]],
];

export function selectedGridFilter(code: string | null): ExpressionSpecification {
  return ['==', ['get', 'code'], code ?? ''];
}

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

/**
 * Only a background and our own GeoJSON, so the map works with no tile server at all. No glyphs or
 * sprites: text labels are HTML markers, which need no font download.
 */
export function baseStyle(config: MapConfig): StyleSpecification {
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
  ];
  const style: StyleSpecification = {
    version: 8,
    sources: {
      [SOURCES.areas]: { type: 'geojson', data: emptyCollection, promoteId: 'code' },
      [SOURCES.frame]: { type: 'geojson', data: emptyCollection },
      [SOURCES.grids]: { type: 'geojson', data: emptyCollection },
    },
    layers,
  };
  if (config.tileUrl) {
    style.sources[TILE_SOURCE] = {
      type: 'raster',
      tiles: [config.tileUrl],
      tileSize: 256,
      ...(config.attribution ? { attribution: config.attribution } : {}),
    };
    layers.push({ id: 'tiles', type: 'raster', source: TILE_SOURCE });
  }
  layers.push(
    {
      id: LAYERS.areasFill,
      type: 'fill',
      source: SOURCES.areas,
      paint: {
        'fill-color': '#34495e',
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.18, 0.05],
      },
    },
    {
      id: LAYERS.gridsFill,
      type: 'fill',
      source: SOURCES.grids,
      paint: { 'fill-color': gridColour, 'fill-opacity': 0.45 },
    },
    {
      id: LAYERS.gridsLine,
      type: 'line',
      source: SOURCES.grids,
      paint: { 'line-color': '#ffffff', 'line-width': 0.8 },
    },
    {
      id: LAYERS.areasLine,
      type: 'line',
      source: SOURCES.areas,
      paint: { 'line-color': '#2c3e50', 'line-width': 2 },
    },
    {
      id: LAYERS.frameLine,
      type: 'line',
      source: SOURCES.frame,
      paint: { 'line-color': '#1a252f', 'line-width': 3 },
    },
    {
      id: LAYERS.gridSelected,
      type: 'line',
      source: SOURCES.grids,
      filter: selectedGridFilter(null),
      paint: { 'line-color': '#ff2d20', 'line-width': 3.5 },
    },
  );
  return style;
}
