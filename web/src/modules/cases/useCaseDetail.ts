import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type Load, useLoad } from '../../core/query';
import { type CaseDetail, fetchCase } from './api';

const NAME = ['cases', 'detail'] as const;

/** A case with its timeline; `replace` takes the fresh copy an action returns, without asking again. */
export function useCaseDetail(id: number | null): [Load<CaseDetail>, (detail: CaseDetail) => void] {
  const client = useQueryClient();
  const state = useLoad(NAME, id ?? undefined, fetchCase);
  const replace = useCallback((detail: CaseDetail) => client.setQueryData([...NAME, detail.case.id], detail), [client]);
  return [state, replace];
}
