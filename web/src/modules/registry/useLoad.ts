import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';

export type LoadState<T> =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; message: string };

/**
 * One thing fetched for a key (a region, a building); nothing while there is no key. A new `version` fetches the
 * same key again, after an edit has changed what the server holds.
 */
export function useLoad<K, T>(key: K | undefined, load: (key: K) => Promise<T>, version = 0): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'none' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version is the request to load the key again
  useEffect(() => {
    if (key === undefined) {
      setState({ status: 'none' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    load(key).then(
      (value) => live && setState({ status: 'ready', value }),
      (err: unknown) => live && setState({ status: 'failed', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [key, load, version]);
  return state;
}
