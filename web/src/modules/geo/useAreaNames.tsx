import { useQueries } from '@tanstack/react-query';
import { Tooltip } from 'antd';
import { api } from '../../core/api';

/** The server answers up to this many codes in one request. */
const PER_REQUEST = 200;

let waiting = new Map<string, ((name: string) => void)[]>();

/** Every code asked for in the same tick goes in one request: a table of fifty rows is one round trip, not fifty. */
function flush() {
  const batch = waiting;
  waiting = new Map();
  const codes = [...batch.keys()];
  for (let i = 0; i < codes.length; i += PER_REQUEST) {
    const chunk = codes.slice(i, i + PER_REQUEST);
    api<{ names: Record<string, string> }>('GET', `/api/geo/names?codes=${chunk.join(',')}`).then(
      ({ names }) => {
        for (const code of chunk) for (const resolve of batch.get(code) ?? []) resolve(names[code] ?? code);
      },
      // a name is a courtesy: the code still says where
      () => {
        for (const code of chunk) for (const resolve of batch.get(code) ?? []) resolve(code);
      },
    );
  }
}

function nameOf(code: string): Promise<string> {
  return new Promise((resolve) => {
    if (!waiting.size) setTimeout(flush, 0);
    waiting.set(code, [...(waiting.get(code) ?? []), resolve]);
  });
}

/** Names of regions and grids by code, cached for the session; unknown codes stay codes. */
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

/** People read names, not codes: the grid's or region's name, its code on hover. */
export function AreaName({ code }: { code: string | null | undefined }) {
  const names = useAreaNames(code ? [code] : []);
  if (!code) return <>—</>;
  return (
    <Tooltip title={code}>
      <span data-testid="area-name" data-code={code}>
        {names[code] ?? code}
      </span>
    </Tooltip>
  );
}
