import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';

type Loaded<T> =
  | { status: 'loading'; value?: T }
  | { status: 'ready'; value: T }
  | { status: 'failed'; message: string; value?: T };

/** What `load` gives, asked again whenever it changes (a new region, a new period); the last answer stays meanwhile. */
export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState((prev) => ({ status: 'loading', value: prev.value }));
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      (err: unknown) =>
        live && setState((prev) => ({ status: 'failed', message: errorMessage(err), value: prev.value })),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}
