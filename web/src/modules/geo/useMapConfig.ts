import { useLoad } from '../../core/query';
import { fetchMapConfig, type MapConfig } from './api';

/** Without the config the map still works: it just has no base tiles. */
const OFFLINE_CONFIG: MapConfig = { tileCrs: 'wgs84' };

/** The base map's tiles and their coordinate system; null until known, the offline config if it cannot be had. */
export function useMapConfig(): { config: MapConfig | null; error?: string } {
  const state = useLoad(['geo', 'mapConfig'], 'all', fetchMapConfig, { once: true });
  if (state.status === 'ready') return { config: state.value };
  if (state.status === 'failed') return { config: OFFLINE_CONFIG, error: state.message };
  return { config: null };
}
