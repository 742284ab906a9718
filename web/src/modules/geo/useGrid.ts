import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { fetchGrid, type GridDetail } from './api';

export type GridState =
  | { status: 'none' }
  | { status: 'loading'; code: string }
  | { status: 'ready'; code: string; detail: GridDetail }
  | { status: 'failed'; code: string; message: string };

export function useGrid(code: string | null): GridState {
  const [state, setState] = useState<GridState>({ status: 'none' });

  useEffect(() => {
    if (!code) {
      setState({ status: 'none' });
      return;
    }
    let live = true;
    setState({ status: 'loading', code });
    fetchGrid(code).then(
      (detail) => live && setState({ status: 'ready', code, detail }),
      (err: unknown) => live && setState({ status: 'failed', code, message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [code]);

  return state;
}
