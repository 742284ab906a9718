import { z } from 'zod';
import { defineSettings } from '../../core/config.js';

export interface GeoSettings {
  map: { tileUrl?: string; tileCrs: 'wgs84' | 'gcj02'; attribution?: string };
  /** A font with Chinese glyphs for PDFs; the Noto CJK font of Debian's fonts-noto-cjk unless set. */
  cjkFont: string;
}

declare module '../../core/config.js' {
  interface ModuleSettings {
    geo: GeoSettings;
  }
}

export const geoSettings = defineSettings(
  'geo',
  z.object({
    MAP_TILE_URL: z.string().url().optional(),
    MAP_TILE_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
    MAP_TILE_ATTRIBUTION: z.string().optional(),
    CJK_FONT: z.string().optional(),
  }),
  (e) => ({
    map: { tileUrl: e.MAP_TILE_URL, tileCrs: e.MAP_TILE_CRS, attribution: e.MAP_TILE_ATTRIBUTION },
    cjkFont: e.CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  }),
);
