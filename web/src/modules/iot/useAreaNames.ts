import { useEffect, useState } from 'react';
import { fetchGrid, fetchRegion } from '../geo/api';

const cache = new Map<string, Promise<string>>();

/** A region's name, or a grid's: the statistics name their areas by code only. Unknown codes stay codes. */
function nameOf(code: string): Promise<string> {
  let name = cache.get(code);
  if (!name) {
    name = fetchRegion(code).then(
      (d) => d.region.name,
      () =>
        fetchGrid(code).then(
          (d) => d.grid.name,
          () => code,
        ),
    );
    cache.set(code, name);
  }
  return name;
}

export function useAreaNames(codes: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = codes.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const list = key.split(',');
    Promise.all(list.map(nameOf)).then((found) => {
      if (live) setNames(Object.fromEntries(list.map((code, i) => [code, found[i] ?? code])));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
