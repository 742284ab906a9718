import { useQueries } from '@tanstack/react-query';
import { fetchGrid, fetchRegion } from '../geo/api';

/** A region's name, or a grid's: the statistics name their areas by code only. Unknown codes stay codes. */
async function nameOf(code: string): Promise<string> {
  try {
    return (await fetchRegion(code)).region.name;
  } catch {
    return fetchGrid(code).then(
      (d) => d.grid.name,
      () => code,
    );
  }
}

export function useAreaNames(codes: readonly string[]): Record<string, string> {
  return useQueries({
    queries: codes.map((code) => ({
      queryKey: ['geo', 'areaName', code],
      queryFn: () => nameOf(code),
      staleTime: Number.POSITIVE_INFINITY,
    })),
    combine: (results) =>
      Object.fromEntries(codes.flatMap((code, i) => (results[i]?.data ? [[code, results[i].data]] : []))),
  });
}
