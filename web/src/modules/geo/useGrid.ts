import { type Load, useLoad } from '../../core/query';
import { fetchGrid, type GridDetail } from './api';

export function useGrid(code: string | null): Load<GridDetail> {
  return useLoad(['geo', 'grid'], code ?? undefined, fetchGrid);
}
