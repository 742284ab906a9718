import { fetchRegions } from './api';

/**
 * The regions under a parent (the top of the user's scope without one), through the shared cache: the region tree,
 * every region picker and the map ask for the same lists, and a tree that opens level by level asks for each once.
 */
export const regionsQuery = (parent?: string) => ({
  queryKey: ['geo', 'regions', parent ?? ''],
  queryFn: () => fetchRegions(parent),
});
