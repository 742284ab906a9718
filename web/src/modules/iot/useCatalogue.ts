import { useLoad } from '../../core/query';
import { type Catalogue, fetchCatalogue } from './api';

/** The names of device kinds and alarm types in both languages; asked once per visit. */
export function useCatalogue(): { catalogue?: Catalogue; error?: string } {
  const state = useLoad(['iot', 'catalogue'], 'all', fetchCatalogue, { once: true });
  if (state.status === 'ready') return { catalogue: state.value };
  return state.status === 'failed' ? { error: state.message } : {};
}
