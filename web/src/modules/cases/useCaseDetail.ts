import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { type CaseDetail, fetchCase } from './api';

export type DetailState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; detail: CaseDetail }
  | { status: 'failed'; message: string };

/** A case with its timeline; `replace` takes the fresh copy an action returns, without asking again. */
export function useCaseDetail(id: number | null): [DetailState, (detail: CaseDetail) => void] {
  const [state, setState] = useState<DetailState>({ status: 'none' });

  useEffect(() => {
    if (id === null) {
      setState({ status: 'none' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    fetchCase(id).then(
      (detail) => live && setState({ status: 'ready', detail }),
      (err: unknown) => live && setState({ status: 'failed', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  return [state, (detail) => setState({ status: 'ready', detail })];
}
